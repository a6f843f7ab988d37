/** openPrinter('tcp://…') against a virtual network printer on a loopback port. */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openPrinter, SAMPLE_TICKETS, VirtualPrinter, type TicketPrinter } from './index.js';

const ticket = SAMPLE_TICKETS.ordinary;
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function virtualPrinter(port = 0) {
  const vp = await VirtualPrinter.onTcp(port);
  cleanup.push(() => vp.close());
  return vp;
}
function printerAt(spec: string): TicketPrinter {
  const p = openPrinter(spec);
  cleanup.push(() => p.close());
  return p;
}

describe('network printer', () => {
  it('prints a ticket over TCP', async () => {
    const vp = await virtualPrinter();
    const printer = printerAt(`tcp://127.0.0.1:${vp.port}`);
    expect(await printer.status()).toMatchObject({ online: true, paperOut: false });
    await printer.print(ticket);
    const t = await vp.waitForTicket();
    expect(t.bigLines).toEqual(['A001']);
    expect(t.lines).toContain('社保医保业务');
    expect(t.qr).toEqual([ticket.statusUrl]);
    expect(t.cut).toBe(true);
  });

  it('refuses to print when the paper is out', async () => {
    const vp = await virtualPrinter();
    const printer = printerAt(`tcp://127.0.0.1:${vp.port}`);
    vp.setState({ paperOut: true });
    await expect(printer.print(ticket)).rejects.toThrow('打印纸已用完');
    expect(vp.tickets).toEqual([]);
  });

  it('connects again after the printer was switched off and on', async () => {
    const first = await VirtualPrinter.onTcp();
    const port = first.port;
    const printer = printerAt(`tcp://127.0.0.1:${port}`);
    await printer.print(ticket);
    expect((await first.waitForTicket()).bigLines).toEqual(['A001']);
    await first.close();

    expect((await printer.status()).online).toBe(false);
    await expect(printer.print({ ...ticket, number: 'A002' })).rejects.toThrow('打印机未连接');

    const second = await virtualPrinter(port);
    await printer.print({ ...ticket, number: 'A003' });
    expect((await second.waitForTicket()).bigLines).toEqual(['A003']);
    expect(second.tickets).toHaveLength(1);
  });

  it('reports nothing listening as offline, quickly', async () => {
    const vp = await VirtualPrinter.onTcp();
    const port = vp.port;
    await vp.close();
    const printer = printerAt(`tcp://127.0.0.1:${port}`);
    const started = performance.now();
    expect((await printer.status()).online).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('the virtual printer answers DLE EOT even when it arrives split across packets', async () => {
    const vp = await virtualPrinter();
    vp.setState({ coverOpen: true });
    const socket = connect({ host: '127.0.0.1', port: vp.port });
    cleanup.push(async () => void socket.destroy());
    await new Promise((res) => socket.once('connect', res));
    socket.setNoDelay(true);
    const replies: number[] = [];
    socket.on('data', (d: Buffer) => replies.push(...d));
    socket.write(Buffer.from([0x10]));
    await new Promise((res) => setTimeout(res, 50));
    socket.write(Buffer.from([0x04]));
    await new Promise((res) => setTimeout(res, 50));
    socket.write(Buffer.from([0x02, 0x10, 0x04, 0x04]));
    await expect.poll(() => replies).toEqual([0x16, 0x12]);
  });
});
