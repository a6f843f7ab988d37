/**
 * `npx tsx tests/bench/platform-bench.ts`: what the 政务服务平台 integration costs and how fast it
 * delivers. The real server (child process, demo hall, fake clock Monday 09:30) with two webhook
 * receivers on loopback (every event; appointments only), then without the platform section:
 *
 * - ticket issue (POST /api/tickets, one client, closed loop): hall with vs without the platform;
 * - delivery latency: the issue's HTTP answer → its `ticket.issued` webhook at the receiver;
 * - backlog: the receiver down while BENCH_PLATFORM_BACKLOG tickets are issued, then up: time to drain.
 *
 * BENCH_PLATFORM_ISSUES (default 400) tickets per run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writePlatformHall } from '../support/platform-hall.js';
import { startServerProcess } from '../support/server-process.js';
import { KIOSK_KEY } from '../support/test-hall.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { ms, summarize, table, type Summary } from './stats.js';

const HEADER = ['', '', 'n', 'p50', 'p99', 'max'];
const row = (what: string, label: string, x: Summary) => [what, label, String(x.n), ms(x.p50), ms(x.p99), ms(x.max)];

const ISSUES = Number(process.env.BENCH_PLATFORM_ISSUES ?? 400);
const BACKLOG = Number(process.env.BENCH_PLATFORM_BACKLOG ?? 300);

async function issue(base: string): Promise<{ id: string; answeredAt: number; took: number }> {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KIOSK_KEY}` }, body: JSON.stringify({ serviceCode: 'ZH' }) }); // 综合受理: no daily cap
  const body = (await res.json()) as { id: string };
  if (res.status !== 201) throw new Error(`issue failed: ${res.status} ${JSON.stringify(body)}`);
  return { id: body.id, answeredAt: Date.now(), took: performance.now() - t0 };
}

async function run(platform: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'platform-bench-'));
  const all = new WebhookReceiver();
  const bookings = new WebhookReceiver();
  await all.start();
  await bookings.start();
  const args = ['--db', join(dir, 'hall.sqlite'), '--fake-clock', '2026-11-23T09:30:00+08:00', '--admin-password', 'bench-admin-pw'];
  if (platform) {
    const config = writePlatformHall(dir, {
      enabled: true,
      webhooks: [
        { id: 'city', url: all.url, secret: 'bench-city-secret-0000001' },
        { id: 'province', url: bookings.url, secret: 'bench-province-secret-001', events: ['appointment.*'] },
      ],
      delivery: { pollMs: 100, retry: { baseMs: 100, factor: 2, maxMs: 1000 } },
    });
    args.push('--config', config);
  }
  const server = await startServerProcess(args);
  try {
    for (let i = 0; i < 50; i++) await issue(server.baseUrl); // warm-up
    const issued: { id: string; answeredAt: number; took: number }[] = [];
    for (let i = 0; i < ISSUES; i++) issued.push(await issue(server.baseUrl));
    const label = platform ? 'platform on (2 receivers)' : 'platform off';
    const rows = [row('ticket issue: POST /api/tickets → 201', label, summarize(issued.map((x) => x.took)))];
    if (platform) {
      const until = Date.now() + 30_000;
      while (all.received.length < 50 + ISSUES && Date.now() < until) await sleep(20);
      const arrival = new Map(all.received.map((r) => [(JSON.parse(r.body) as { data: { ticket?: { id: string } } }).data.ticket?.id, r.at]));
      const latency = issued.map((x) => (arrival.get(x.id) ?? Number.NaN) - x.answeredAt);
      console.log(table(HEADER, [...rows, row('201 answered → ticket.issued webhook received', label, summarize(latency))]));
      // Backlog: the receiver is down while tickets are issued; then up.
      await all.stop();
      for (let i = 0; i < BACKLOG; i++) await issue(server.baseUrl);
      const before = all.received.length;
      await sleep(1500); // attempts fail and back off
      await all.start();
      const t0 = Date.now();
      while (all.received.length < before + BACKLOG && Date.now() < t0 + 60_000) await sleep(10);
      const drained = all.received.length - before;
      console.log(`backlog: ${drained}/${BACKLOG} events delivered in order ${ms(Date.now() - t0)} after the receiver came back (${((drained / (Date.now() - t0)) * 1000).toFixed(0)} events/s; includes up to 1 s of backoff)`);
      const seqs = all.received.map((r) => Number(r.headers['x-hall-event-seq']));
      console.log(`order: ${seqs.every((s, i) => i === 0 || s === seqs[i - 1]! + 1) ? 'every event once, seq +1 each' : 'OUT OF ORDER OR REPEATED'}; appointments-only receiver got ${bookings.received.length}`);
    } else {
      console.log(table(HEADER, rows));
    }
  } finally {
    await server.kill('SIGTERM');
    await all.stop();
    await bookings.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await run(false);
await run(true);
