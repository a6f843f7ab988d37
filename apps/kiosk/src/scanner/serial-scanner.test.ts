/**
 * The serial QR scanner on a real serial line: a socat PTY pair, the scanner's end opened by
 * SerialScanner, the test writing what a scanner would send into the other end.
 */
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../../../../tests/support/pty-pair.js';
import { parseScannerSpec } from './index.js';
import { SerialScanner } from './serial-scanner.js';
import type { ScannerStatus } from './types.js';

describe('SerialScanner on a PTY pair', () => {
  let pty: PtyPair;
  let far: SerialPort;
  let scanner: SerialScanner;
  const reads: string[] = [];
  const statuses: ScannerStatus[] = [];
  const send = (data: string | Buffer) => new Promise<void>((res, rej) => far.write(data, (e) => (e ? rej(e) : far.drain(() => res()))));

  beforeAll(async () => {
    pty = await openPtyPair();
    far = new SerialPort({ path: pty.b, baudRate: 9600, autoOpen: false });
    await new Promise<void>((res, rej) => far.open((e) => (e ? rej(e) : res())));
    scanner = new SerialScanner(pty.a, 9600, { idleTimeoutMs: 200 });
    scanner.start(
      (t) => reads.push(t),
      (s) => statuses.push(s),
    );
    for (let i = 0; i < 100 && !scanner.status().ok; i++) await new Promise((r) => setTimeout(r, 20));
  });

  afterAll(async () => {
    await scanner?.close();
    if (far?.isOpen) await new Promise<void>((res) => far.close(() => res()));
    await pty?.close();
  });

  it('reads each code sent as a line', async () => {
    expect(scanner.status()).toEqual({ ok: true, detail: null });
    expect(statuses.at(-1)).toEqual({ ok: true, detail: null });
    await send('YYAAAABBBBCCCC2345\r');
    await send('YYDDDDEEEE\r\n');
    await expect.poll(() => reads).toEqual(['YYAAAABBBBCCCC2345', 'YYDDDDEEEE']);
  });

  it('survives noise and a half read that never ends', async () => {
    reads.length = 0;
    await send(Buffer.from([0x00, 0xfe, 0x7f]));
    await send('YYBROK');
    await new Promise((r) => setTimeout(r, 400));
    await send('YYWHOLE2345\r');
    await expect.poll(() => reads).toEqual(['YYWHOLE2345']);
    expect(scanner.stats.discardedFragments).toBeGreaterThanOrEqual(1);
  });

  it('reports a scanner that is not there, in Chinese, and keeps trying', async () => {
    const missing = new SerialScanner('/dev/no-such-scanner', 9600, { reopenMs: 50 });
    const seen: ScannerStatus[] = [];
    missing.start(() => {}, (s) => seen.push(s));
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    expect(missing.status()).toMatchObject({ ok: false, detail: expect.stringContaining('扫码器未连接（串口 /dev/no-such-scanner') });
    await missing.close();
  });

  it('parses its spec, and refuses a bad one in Chinese', () => {
    expect(parseScannerSpec('serial:/dev/ttyUSB0:115200')).toEqual({ kind: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 });
    expect(parseScannerSpec('serial:COM4')).toEqual({ kind: 'serial', path: 'COM4', baudRate: 9600 });
    expect(parseScannerSpec('wedge')).toEqual({ kind: 'wedge' });
    expect(() => parseScannerSpec('usb')).toThrow('扫码器设置“usb”无法识别');
    expect(() => parseScannerSpec('serial:/dev/x:12')).toThrow('波特率 12 无效');
  });
});
