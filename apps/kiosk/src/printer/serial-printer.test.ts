/** openPrinter('serial:…') against a virtual printer on the other end of a real PTY pair. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../../../../tests/support/pty-pair.js';
import { openPrinter, PrinterProblemError, SAMPLE_TICKETS, VirtualPrinter, type TicketPrinter } from './index.js';

const ticket = SAMPLE_TICKETS.ordinary;

let pair: PtyPair;
let vp: VirtualPrinter;
let printer: TicketPrinter;

beforeEach(async () => {
  pair = await openPtyPair();
  vp = await VirtualPrinter.onSerial(pair.b);
  printer = openPrinter(`serial:${pair.a}`);
});

afterEach(async () => {
  await printer.close();
  await vp.close();
  await pair.close();
});

describe('serial printer', () => {
  it('prints a ticket the customer can read: big number, service, QR to the status page, cut', async () => {
    await printer.print(ticket);
    const t = await vp.waitForTicket();
    expect(t.bigLines).toEqual(['A001']);
    expect(t.lines).toContain('社保医保业务');
    expect(t.lines).toContain('城关县政务服务中心');
    expect(t.lines).toContain('前面还有 3 人');
    expect(t.qr).toEqual([ticket.statusUrl]);
    expect(t.cut).toBe(true);
    expect(vp.unknownBytes).toEqual([]);
  });

  it('asks before the first ticket, but takes a fine answer of a moment ago as the check before the next', async () => {
    await printer.print(ticket);
    expect(vp.statusQueries).toBe(2); // before and after
    await printer.print(ticket); // the answer after the first ticket is a moment old
    expect(vp.statusQueries).toBe(3);
    vp.setState({ paperOut: true });
    await expect(printer.print(ticket)).rejects.toThrow('打印纸已用完'); // caught by the question after
    await expect(printer.print(ticket)).rejects.toThrow('打印纸已用完'); // and asked first again
    expect(vp.tickets).toHaveLength(2); // the third went to a printer without paper: nothing came out
  });

  it('reports a healthy printer as online with no fault', async () => {
    expect(await printer.status()).toEqual({ online: true, paperNearEnd: false, paperOut: false, coverOpen: false, error: false });
  });

  it('refuses to print when the paper is out, and nothing comes out', async () => {
    vp.setState({ paperOut: true });
    await expect(printer.print(ticket)).rejects.toThrow('打印纸已用完');
    expect(await printer.status()).toMatchObject({ online: true, paperOut: true });
    expect(vp.tickets).toEqual([]);
    expect(vp.bytesDiscarded).toBe(0); // refused before sending the ticket
  });

  it('rejects when the paper runs out while the ticket prints', async () => {
    vp.onTicket(() => vp.setState({ paperOut: true }));
    const err = await printer.print(ticket).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterProblemError);
    expect((err as PrinterProblemError).message).toBe('打印纸已用完');
    expect(vp.tickets).toHaveLength(1);
  });

  it('sees a printer that stopped answering as offline within about a second', async () => {
    vp.setState({ offline: true });
    const started = performance.now();
    const s = await printer.status();
    expect(s.online).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(printer.print(ticket)).rejects.toThrow('打印机未连接');
    vp.setState({ offline: false });
    expect(vp.tickets).toEqual([]);
  });

  it('tells an open cover and a cutter fault apart', async () => {
    vp.setState({ coverOpen: true });
    await expect(printer.print(ticket)).rejects.toThrow('打印机盖未关好');
    vp.setState({ coverOpen: false, cutterError: true });
    await expect(printer.print(ticket)).rejects.toThrow('打印机故障');
    expect(await printer.status()).toMatchObject({ online: true, error: true, coverOpen: false });
    expect(vp.tickets).toEqual([]);
  });

  it('still prints when the paper is nearly out, and says so', async () => {
    vp.setState({ paperNearEnd: true });
    expect(await printer.status()).toMatchObject({ online: true, paperNearEnd: true, paperOut: false });
    await printer.print(ticket);
    expect((await vp.waitForTicket()).bigLines).toEqual(['A001']);
  });

  it('prints concurrent tickets one after another, each whole', async () => {
    const numbers = ['A001', 'A002', 'A003', 'A004'];
    await Promise.all([...numbers.map((number) => printer.print({ ...ticket, number })), printer.status(), printer.status()]);
    expect(vp.tickets.map((t) => t.bigLines)).toEqual(numbers.map((n) => [n]));
    expect(vp.tickets.every((t) => t.qr.length === 1 && t.cut)).toBe(true);
  });

  it('reports a port that does not exist as offline, and print rejects', async () => {
    const missing = openPrinter(`serial:${pair.a}-missing`);
    expect((await missing.status()).online).toBe(false);
    await expect(missing.print(ticket)).rejects.toThrow('打印机未连接');
    await missing.close();
  });
});
