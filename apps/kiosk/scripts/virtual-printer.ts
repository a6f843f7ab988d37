/**
 * A virtual thermal printer for demos: prints every ticket it receives to stdout, in Chinese.
 *
 *   tsx apps/kiosk/scripts/virtual-printer.ts --tcp 9100          → kiosk: --printer tcp://127.0.0.1:9100
 *   tsx apps/kiosk/scripts/virtual-printer.ts --serial /tmp/ptyB  → kiosk: --printer serial:/tmp/ptyA
 *
 * For --serial, make a PTY pair first:
 *   socat -d -d pty,raw,echo=0,link=/tmp/ptyA pty,raw,echo=0,link=/tmp/ptyB
 *
 * Type a state on stdin to simulate a fault (缺纸, 纸将尽, 开盖, 切刀故障, 离线) and 正常 to clear it.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { VirtualPrinter, type DecodedTicket, type VirtualPrinterState } from '../src/printer/index.js';

const USAGE = '用法：virtual-printer --tcp 端口 | --serial 串口路径 [--baud 波特率]';

const STATES: Record<string, Partial<VirtualPrinterState>> = {
  缺纸: { paperOut: true },
  纸将尽: { paperNearEnd: true },
  开盖: { coverOpen: true },
  切刀故障: { cutterError: true },
  离线: { offline: true },
  正常: { paperOut: false, paperNearEnd: false, coverOpen: false, cutterError: false, offline: false },
};

function render(t: DecodedTicket, n: number): string {
  const rows = [`──────── 第 ${n} 张小票 ────────`];
  for (const line of t.lines) rows.push(t.bigLines.includes(line) ? `【大字】${line}` : line);
  for (const qr of t.qr) rows.push(`【二维码】${qr}`);
  rows.push(t.cut ? '──────── 切纸 ────────' : '──────── （未切纸） ────────');
  return rows.join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: { tcp: { type: 'string' }, serial: { type: 'string' }, baud: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || (!values.tcp && !values.serial) || (values.tcp && values.serial)) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  let printer: VirtualPrinter;
  if (values.tcp !== undefined) {
    const port = Number(values.tcp);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`TCP 端口无效：${values.tcp}\n${USAGE}`);
    printer = await VirtualPrinter.onTcp(port);
    console.log(`虚拟打印机已就绪：取号机请用 --printer tcp://127.0.0.1:${printer.port}`);
  } else {
    const baud = values.baud === undefined ? 9600 : Number(values.baud);
    if (!Number.isInteger(baud) || baud <= 0) throw new Error(`波特率无效：${values.baud}\n${USAGE}`);
    printer = await VirtualPrinter.onSerial(values.serial!, baud);
    console.log(`虚拟打印机已在串口 ${values.serial} 就绪（${baud} 波特）`);
  }
  console.log(`输入状态模拟故障：${Object.keys(STATES).join('、')}`);

  printer.onTicket((t) => console.log(render(t, printer.tickets.length)));

  const input = createInterface({ input: process.stdin });
  input.on('line', (raw) => {
    const word = raw.trim();
    if (!word) return;
    const change = STATES[word];
    if (!change) return console.log(`不认识“${word}”，可用：${Object.keys(STATES).join('、')}`);
    printer.setState(change);
    console.log(`打印机状态：${JSON.stringify(printer.currentState)}`);
  });

  const stop = async () => {
    input.close();
    await printer.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
