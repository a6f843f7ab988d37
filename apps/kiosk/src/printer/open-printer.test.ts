/** `--printer SPEC`: what each spec opens, the file and preview printers, and bad specs. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEscPos, encodeTicket, openPrinter, parsePrinterSpec, PreviewPrinter, SAMPLE_TICKETS } from './index.js';

describe('printer specs', () => {
  it.each([
    ['serial:/dev/ttyUSB0', { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 9600 }],
    ['serial:/dev/ttyS1:115200', { kind: 'serial', path: '/dev/ttyS1', baudRate: 115200 }],
    ['serial:COM3:19200', { kind: 'serial', path: 'COM3', baudRate: 19200 }],
    ['tcp://192.168.1.50', { kind: 'tcp', host: '192.168.1.50', port: 9100 }],
    ['tcp://printer.hall.local:9101', { kind: 'tcp', host: 'printer.hall.local', port: 9101 }],
    ['tcp://[::1]:9100', { kind: 'tcp', host: '::1', port: 9100 }],
    ['file:/dev/usb/lp0', { kind: 'file', path: '/dev/usb/lp0' }],
    ['preview', { kind: 'preview' }],
  ])('%s', (spec, parsed) => {
    expect(parsePrinterSpec(spec)).toEqual(parsed);
  });

  it.each([
    ['', '为空'],
    ['usb:0416:5011', '无法识别'],
    ['/dev/ttyUSB0', '无法识别'],
    ['serial:', '缺少串口路径'],
    ['serial:/dev/ttyS0:0', '波特率 0 无效'],
    ['tcp://', '缺少主机名'],
    ['tcp://10.0.0.9:70000', '地址无效'],
    ['tcp://10.0.0.9:9100/queue', '只能有主机和端口'],
    ['file:', '缺少文件路径'],
  ])('rejects "%s" in Chinese, naming the spec and the accepted forms', (spec, why) => {
    expect(() => openPrinter(spec)).toThrow(why);
    expect(() => openPrinter(spec)).toThrow(`打印机设置“${spec}”`);
    expect(() => openPrinter(spec)).toThrow('应为 serial:串口路径[:波特率]、tcp://主机[:端口]、file:文件路径 或 preview');
  });
});

describe('file printer', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'file-printer-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('appends each ticket’s bytes to the file and always reports online', async () => {
    const path = join(dir, 'tickets.bin');
    const printer = openPrinter(`file:${path}`);
    expect(await printer.status()).toEqual({ online: true, paperNearEnd: false, paperOut: false, coverOpen: false, error: false });
    await Promise.all([printer.print(SAMPLE_TICKETS.ordinary), printer.print(SAMPLE_TICKETS.appointment)]);
    await printer.close();
    const written = await readFile(path);
    expect(written.equals(Buffer.concat([encodeTicket(SAMPLE_TICKETS.ordinary), encodeTicket(SAMPLE_TICKETS.appointment)]))).toBe(true);
    expect(decodeEscPos(written).tickets.map((t) => t.bigLines)).toEqual([['A001'], ['YA003']]);
  });

  it('rejects with 打印机未连接 when the device cannot be written', async () => {
    const printer = openPrinter(`file:${join(dir, 'no-such-dir', 'lp0')}`);
    await expect(printer.print(SAMPLE_TICKETS.ordinary)).rejects.toThrow('打印机未连接');
  });
});

describe('preview printer', () => {
  it('keeps the last ticket for the screen and logs it in Chinese', async () => {
    const logged: string[] = [];
    const printer = openPrinter('preview', { log: (text) => logged.push(text) });
    expect(printer).toBeInstanceOf(PreviewPrinter);
    expect((await printer.status()).online).toBe(true);
    await printer.print(SAMPLE_TICKETS.noEstimate);
    const last = (printer as PreviewPrinter).lastTicket!;
    expect(last.bigLines).toEqual(['C015']);
    expect(last.lines).toContain('预计等候：暂无法估算');
    expect(last.qr).toEqual([SAMPLE_TICKETS.noEstimate.statusUrl]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('C015');
    expect(logged[0]).toContain('户籍办理');
  });

  it('rejects a ticket whose status URL is not ASCII, before printing anything', async () => {
    const logged: string[] = [];
    const printer = openPrinter('preview', { log: (text) => logged.push(text) });
    await expect(printer.print({ ...SAMPLE_TICKETS.ordinary, statusUrl: 'http://政务.cn/t/1' })).rejects.toThrow('二维码链接只能包含 ASCII 字符');
    expect(logged).toEqual([]);
  });
});
