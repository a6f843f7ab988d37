/**
 * The SAM reader adapter on a real serial line: a socat PTY pair, SamSerialReader at one end, a
 * simulated security module (tests/support/sam-reader-sim.ts) at the other answering find /
 * select / read with real frames, a card placed and taken away by the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPtyPair } from '../../../../tests/support/pty-pair.js';
import { SamReaderSim } from '../../../../tests/support/sam-reader-sim.js';
import { parseIdReaderSpec } from './index.js';
import { SamSerialReader } from './sam-reader.js';
import type { IdCard, IdReaderStatus } from './types.js';

const ZHANG = { name: '张三', idNumber: '110101198503011003' };
const LI = { name: '欧阳小明', idNumber: '11010119850302100x', text: { address: '北京市东城区东华门街道 1 号', sex: '1', nation: '01' } };
const TIMINGS = { pollMs: 100, commandTimeoutMs: 600, readTimeoutMs: 2_000, reopenMs: 150, removedAfterMs: 2_000 };

describe('SamSerialReader with a simulated SAM on a PTY pair', () => {
  let sim: SamReaderSim;
  let reader: SamSerialReader;
  const cards: IdCard[] = [];
  const statuses: IdReaderStatus[] = [];
  /** Waits until the reader has asked `n` more finds (whole poll cycles done). */
  const cycles = async (n: number) => {
    const until = sim.received.find + n;
    await expect.poll(() => sim.received.find, { timeout: 20_000 }).toBeGreaterThanOrEqual(until);
  };

  beforeAll(async () => {
    sim = await SamReaderSim.start();
    reader = new SamSerialReader(sim.path, 115_200, TIMINGS);
    reader.onCard((c) => cards.push(c));
    reader.onStatus((s) => statuses.push(s));
    expect(reader.status()).toEqual({ ok: false, detail: `身份证阅读器尚未连接（串口 ${sim.path}）` });
    reader.start();
  });

  afterAll(async () => {
    await reader?.close();
    await sim?.close();
  });

  it('is ready once the module answers, and sees no card on an empty reader', async () => {
    await expect.poll(() => reader.status(), { timeout: 10_000 }).toEqual({ ok: true, detail: null });
    await cycles(3);
    expect(cards).toEqual([]);
    expect(sim.received.read).toBe(0);
  });

  it('hands a placed card on exactly once while it lies there', async () => {
    sim.place(ZHANG);
    await expect.poll(() => cards, { timeout: 10_000 }).toEqual([ZHANG]);
    const reads = sim.received.read;
    // The module answers "no card" to every other find while the read card stays: still one card.
    await cycles(8);
    expect(sim.received.read).toBeGreaterThan(reads);
    expect(cards).toEqual([ZHANG]);
    expect(reader.cardOnReader).toBe(true);
  });

  it('hands it on again after it was taken away and placed again', async () => {
    sim.remove();
    await expect.poll(() => reader.cardOnReader, { timeout: 20_000 }).toBe(false);
    expect(cards).toHaveLength(1);
    sim.place(ZHANG);
    await expect.poll(() => cards, { timeout: 10_000 }).toEqual([ZHANG, ZHANG]);
  });

  it('throws away noise, bad checksums and truncated answers, and keeps reading', async () => {
    sim.remove();
    await expect.poll(() => reader.cardOnReader, { timeout: 20_000 }).toBe(false);
    const before = { ...reader.stats };
    await sim.noise(Buffer.from([0x00, 0xaa, 0xaa, 0x13, 0x96, 0x69, 0xff, 0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00]));
    sim.fault('bad-checksum', 'truncated', 'bad-checksum');
    await cycles(4);
    expect(reader.stats.badChecksums).toBeGreaterThanOrEqual(before.badChecksums + 2);
    expect(reader.stats.discardedBytes).toBeGreaterThan(before.discardedBytes);
    // A card whose read answer comes back broken is read at a later poll, once, with its number and name.
    sim.place(LI);
    sim.fault('bad-checksum');
    await expect.poll(() => cards.length, { timeout: 10_000 }).toBe(3);
    expect(cards[2]).toEqual({ name: '欧阳小明', idNumber: '11010119850302100X' });
    await cycles(4);
    expect(cards).toHaveLength(3);
    expect(reader.status().ok).toBe(true);
  });

  it('says in Chinese when the reader is pulled out, and comes back when it is plugged in', async () => {
    sim.remove();
    await sim.unplug();
    await expect.poll(() => reader.status().ok, { timeout: 10_000 }).toBe(false);
    expect(reader.status().detail).toMatch(new RegExp(`^身份证阅读器(已断开|未连接|无应答)（串口 ${sim.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await new Promise((r) => setTimeout(r, 500));
    expect(reader.status().ok).toBe(false);
    expect(statuses.some((s) => !s.ok && /身份证阅读器(已断开|未连接)/.test(s.detail ?? ''))).toBe(true);
    await sim.plugIn();
    await expect.poll(() => reader.status(), { timeout: 15_000 }).toEqual({ ok: true, detail: null });
    sim.place(ZHANG);
    await expect.poll(() => cards.length, { timeout: 10_000 }).toBe(4);
    expect(cards[3]).toEqual(ZHANG);
  });

  it('says so when nothing answers on the line, and when there is no such port', async () => {
    const pty = await openPtyPair();
    const mute = new SamSerialReader(pty.a, 115_200, { ...TIMINGS, commandTimeoutMs: 150 });
    const missing = new SamSerialReader('/dev/no-such-id-reader', 115_200, TIMINGS);
    try {
      mute.start();
      missing.start();
      await expect.poll(() => mute.status().detail, { timeout: 10_000 }).toBe(`身份证阅读器无应答（串口 ${pty.a}）`);
      await expect.poll(() => missing.status().detail, { timeout: 10_000 }).toMatch(/^身份证阅读器未连接（串口 \/dev\/no-such-id-reader：/);
    } finally {
      await mute.close();
      await missing.close();
      await pty.close();
    }
  });

  it('parses its spec, and refuses a bad one in Chinese', () => {
    expect(parseIdReaderSpec('serial:/dev/ttyUSB0')).toEqual({ kind: 'serial', path: '/dev/ttyUSB0', baudRate: 115_200 });
    expect(parseIdReaderSpec('serial:COM3:9600')).toEqual({ kind: 'serial', path: 'COM3', baudRate: 9600 });
    expect(() => parseIdReaderSpec('serial:/dev/ttyS0:12')).toThrow('波特率 12 无效');
    expect(() => parseIdReaderSpec('usb')).toThrow('身份证阅读器设置“usb”无法识别：应为 serial:串口');
  });
});
