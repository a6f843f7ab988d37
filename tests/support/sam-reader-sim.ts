/**
 * A second-generation ID card reader's security module (SAM) on a serial line, for the tests: a
 * socat PTY pair, the module answering find / select / read (sam-protocol.ts) at the far end, a
 * card that the test places and takes away. The kiosk's end is a symlink (`path`) that stays the
 * same when the reader is unplugged (the PTY pair goes away) and plugged in again (a new pair).
 *
 * Like a real module, a card that was read and stays on the reader answers "no card" to the next
 * find and is found again at the one after (`alternate`, on by default).
 * Faults on demand: noise between answers, the next answers with a bad checksum or cut short.
 */
import { mkdtemp, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { CMD, encodeIdText, readBaseData, SamFrameParser, samReply, SW3, type IdCardText } from '../../apps/kiosk/src/id-reader/sam-protocol.js';
import { openPtyPair, type PtyPair } from './pty-pair.js';

export interface SimCard {
  name: string;
  idNumber: string;
  text?: Partial<IdCardText>;
}

type Fault = 'bad-checksum' | 'truncated' | 'silent';

export class SamReaderSim {
  /** The kiosk's end: give it to `--id-reader serial:PATH`. */
  readonly path: string;
  /** Commands received, by name. */
  readonly received = { find: 0, select: 0, read: 0, other: 0 };
  alternate = true;
  private card: { text: Buffer; state: 'placed' | 'selected' | 'read' | 'missed' } | null = null;
  private faults: Fault[] = [];
  private pty: PtyPair | null = null;
  private far: SerialPort | null = null;
  private readonly parser = new SamFrameParser(2);

  private constructor(private readonly dir: string) {
    this.path = join(dir, 'reader');
  }

  static async start(): Promise<SamReaderSim> {
    const sim = new SamReaderSim(await mkdtemp(join(tmpdir(), 'sam-sim-')));
    await sim.plugIn();
    return sim;
  }

  get plugged(): boolean {
    return this.far !== null;
  }

  place(card: SimCard): void {
    this.card = { text: encodeIdText({ ...card.text, name: card.name, idNumber: card.idNumber }), state: 'placed' };
  }

  remove(): void {
    this.card = null;
  }

  /** The next answers go wrong, one fault each. */
  fault(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  /** Bytes that are no frame, sent unasked (a noisy line). */
  async noise(bytes: Buffer): Promise<void> {
    await this.write(bytes);
  }

  /** The reader is pulled out: its end of the line goes away. */
  async unplug(): Promise<void> {
    const far = this.far;
    this.far = null;
    if (far?.isOpen) await new Promise<void>((res) => far.close(() => res()));
    await this.pty?.close();
    this.pty = null;
    await unlink(this.path).catch(() => {});
  }

  /** Plugged in again: a new line at the same path. */
  async plugIn(): Promise<void> {
    if (this.far) return;
    const pty = await openPtyPair();
    const far = new SerialPort({ path: pty.b, baudRate: 115_200, autoOpen: false });
    await new Promise<void>((res, rej) => far.open((e) => (e ? rej(e) : res())));
    far.on('data', (chunk: Buffer) => this.receive(chunk));
    far.on('error', () => {});
    await unlink(this.path).catch(() => {});
    await symlink(pty.a, this.path);
    this.pty = pty;
    this.far = far;
    this.parser.reset();
  }

  async close(): Promise<void> {
    await this.unplug();
    await rm(this.dir, { recursive: true, force: true });
  }

  private receive(chunk: Buffer): void {
    for (const body of this.parser.push(chunk)) {
      if (body.length >= 2) void this.answer(body[0]!, body[1]!);
    }
  }

  private async answer(c: number, p: number): Promise<void> {
    let reply: Buffer;
    if (c === CMD.findCard[0] && p === CMD.findCard[1]) {
      this.received.find++;
      const card = this.card;
      if (card && card.state === 'read' && this.alternate) {
        card.state = 'missed';
        reply = samReply(SW3.noCard);
      } else if (card) {
        card.state = 'placed';
        reply = samReply(SW3.cardFound, Buffer.alloc(4));
      } else reply = samReply(SW3.noCard);
    } else if (c === CMD.selectCard[0] && p === CMD.selectCard[1]) {
      this.received.select++;
      if (this.card) this.card.state = 'selected';
      reply = this.card ? samReply(SW3.ok, Buffer.alloc(8)) : samReply(SW3.selectFailed);
    } else if (c === CMD.readBase[0] && p === CMD.readBase[1]) {
      this.received.read++;
      const card = this.card;
      if (card?.state === 'selected') {
        card.state = 'read';
        reply = samReply(SW3.ok, readBaseData(card.text));
      } else reply = samReply(SW3.readFailed);
    } else {
      this.received.other++;
      reply = samReply(0x21);
    }
    const fault = this.faults.shift();
    if (fault === 'silent') return;
    if (fault === 'bad-checksum') reply[reply.length - 1]! ^= 0x5a;
    if (fault === 'truncated') reply = reply.subarray(0, Math.max(8, reply.length >> 1));
    await this.write(reply);
  }

  private write(bytes: Buffer): Promise<void> {
    const far = this.far;
    if (!far) return Promise.resolve();
    return new Promise<void>((res) => far.write(bytes, () => far.drain(() => res())));
  }
}
