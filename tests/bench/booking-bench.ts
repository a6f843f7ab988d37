/**
 * The booking phase of `npm run bench` (BENCH_PHASES includes `booking`): online bookings
 * (POST /api/appointments, channel online, no auth) from BENCH_BOOKING_CLIENTS (200) concurrent
 * clients, each booking as soon as its previous answer arrived (closed loop), every booking by a
 * different person (valid GB 11643 IDs) spread round-robin over Tuesday…next Wednesday's slots of
 * seven services (capacity 100 per slot, far more than is booked): BENCH_BOOKING_WARMUP bookings,
 * then BENCH_BOOKINGS measured. Then "500 requests for 10 places": 500 bookings sent at once for
 * one 综合受理 slot of capacity 10; exactly 10 must be accepted, the rest refused SLOT_FULL.
 *
 * Hall: the real server (`apps/hall-server/src/main.ts`, demo hall with those capacities, fake
 * clock Monday 09:30) as its own process. Baseline, same run, same requests: the bare node:http
 * server of tests/bench/baseline-server.ts, whose booking handler does the equivalent
 * insert-with-capacity-check in one better-sqlite3 transaction (WAL, synchronous=FULL) — behind
 * a bare HTTP handler, so both sides pay for HTTP, JSON and one fsync per booking.
 * No display clients are connected in this phase: a booking sends no broadcast.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_CONFIG_PATH, REPO_ROOT } from '../../apps/hall-server/src/server/app.js';
import { personId } from '../support/people.js';
import { JIFFIES_PER_SECOND, machineJiffies, startChild, type Child } from './children.js';
import { HttpClient } from './http-client.js';
import { ms, summarize, table, type Summary } from './stats.js';

const FAKE_CLOCK = '2026-11-23T09:30:00+08:00'; // Monday: online booking reaches 7 working days ahead
const DAYS = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02'];
const HOURS = ['09', '10', '11', '13', '14', '15', '16'];
const SERVICES = ['BDC', 'SW', 'SB', 'YB', 'GJJ', 'HZ', 'QYKB'];
const SLOT_CAPACITY = 100;
const RUSH = { serviceCode: 'ZH', start: '2026-11-24T10:00:00+08:00', requests: 500, places: 10 };
const REQUEST_TIMEOUT_MS = 30_000;
const monoUs = () => Number(process.hrtime.bigint() / 1000n);

export interface BookingParams {
  clients: number;
  warmup: number;
  bookings: number;
  /** Extra node flags for both servers (BENCH_PROFILE: --cpu-prof). */
  nodeArgs?: string[];
}

export interface BookingSide {
  /** Appointments the server holds at the end (warm-up, measured, rush). */
  total: number;
  latency: Summary;
  accepted: number;
  refused: Record<string, number>;
  failed: number;
  wallS: number;
  perS: number;
  /** The server's pid and the measured bookings' window (CLOCK_MONOTONIC µs), to read its CPU profile. */
  pid: number;
  window: { fromUs: number; toUs: number };
  /** % of one core over the measured bookings: the server, this load generator, and every other process on the machine. */
  serverCpuPct: number | null;
  loadgenCpuPct: number;
  othersCpuPct: number | null;
  rush: { accepted: number; refused: Record<string, number>; failed: number; latency: Summary; wallMs: number; remaining: number | null };
}

interface Target {
  http: HttpClient;
  server: Child;
  /** Places left in the rush slot, or null when the server cannot say (the baseline). */
  remaining(): Promise<number | null>;
}

type Log = (msg: string) => void;

function slotOf(k: number): { serviceCode: string; start: string } {
  const perDay = SERVICES.length * HOURS.length;
  const i = k % (perDay * DAYS.length);
  const day = DAYS[Math.floor(i / perDay)]!;
  const j = i % perDay;
  return { serviceCode: SERVICES[j % SERVICES.length]!, start: `${day}T${HOURS[Math.floor(j / SERVICES.length)]}:00:00+08:00` };
}

/** The k-th person of the run (their ID, name and phone); the rush uses people after everyone else. */
function bookingBody(k: number, slot: { serviceCode: string; start: string }) {
  return { ...slot, name: `压测${k}`, idNumber: personId(k), phone: `139${String(k).padStart(8, '0')}`, channel: 'online' };
}

async function closedLoop(t: Target, from: number, count: number, clients: number) {
  const latencies: number[] = [];
  const refused: Record<string, number> = {};
  let accepted = 0;
  let failed = 0;
  let next = from;
  const end = from + count;
  const t0 = performance.now();
  const fromUs = monoUs();
  const cpu0 = t.server.cpuSeconds();
  const mach0 = machineJiffies();
  const me0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < end) {
        const k = next++;
        const s = performance.now();
        try {
          const r = await t.http.send<{ error?: { code: string } }>('POST', '/api/appointments', bookingBody(k, slotOf(k)), undefined, REQUEST_TIMEOUT_MS);
          latencies.push(performance.now() - s);
          if (r.status === 201) accepted++;
          else refused[r.body.error?.code ?? String(r.status)] = (refused[r.body.error?.code ?? String(r.status)] ?? 0) + 1;
        } catch {
          failed++;
          latencies.push(Infinity);
        }
      }
    }),
  );
  const wallS = (performance.now() - t0) / 1000;
  const toUs = monoUs();
  const cpu1 = t.server.cpuSeconds();
  const mach1 = machineJiffies();
  const me = process.cpuUsage(me0);
  const serverCpuPct = cpu0 !== null && cpu1 !== null ? (100 * (cpu1 - cpu0)) / wallS : null;
  const loadgenCpuPct = (100 * (me.user + me.system)) / 1e6 / wallS;
  const machinePct = mach0 && mach1 ? (100 * (mach1.busy - mach0.busy)) / JIFFIES_PER_SECOND / wallS : null;
  const othersCpuPct = machinePct !== null && serverCpuPct !== null ? Math.max(0, machinePct - serverCpuPct - loadgenCpuPct) : null;
  return { latencies, accepted, refused, failed, wallS, window: { fromUs, toUs }, serverCpuPct, loadgenCpuPct, othersCpuPct };
}

async function rush(t: Target, firstPerson: number): Promise<BookingSide['rush']> {
  const latencies: number[] = [];
  const refused: Record<string, number> = {};
  let accepted = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: RUSH.requests }, async (_, i) => {
      const s = performance.now();
      try {
        const r = await t.http.send<{ error?: { code: string } }>('POST', '/api/appointments', bookingBody(firstPerson + i, { serviceCode: RUSH.serviceCode, start: RUSH.start }), undefined, REQUEST_TIMEOUT_MS);
        latencies.push(performance.now() - s);
        if (r.status === 201) accepted++;
        else refused[r.body.error?.code ?? String(r.status)] = (refused[r.body.error?.code ?? String(r.status)] ?? 0) + 1;
      } catch {
        failed++;
        latencies.push(Infinity);
      }
    }),
  );
  return { accepted, refused, failed, latency: summarize(latencies), wallMs: performance.now() - t0, remaining: await t.remaining() };
}

async function measure(name: string, t: Target, p: BookingParams, log: Log): Promise<BookingSide> {
  log(`booking/${name}: warm-up, ${p.warmup} bookings from ${p.clients} clients`);
  const warm = await closedLoop(t, 0, p.warmup, p.clients);
  log(`booking/${name}: ${p.bookings} bookings from ${p.clients} clients`);
  const m = await closedLoop(t, p.warmup, p.bookings, p.clients);
  log(`booking/${name}: ${RUSH.requests} requests at once for ${RUSH.places} places`);
  const r = await rush(t, p.warmup + p.bookings);
  return {
    total: warm.accepted + m.accepted + r.accepted,
    latency: summarize(m.latencies),
    accepted: m.accepted,
    refused: m.refused,
    failed: m.failed,
    wallS: m.wallS,
    perS: m.accepted / m.wallS,
    pid: t.server.pid,
    window: m.window,
    serverCpuPct: m.serverCpuPct,
    loadgenCpuPct: m.loadgenCpuPct,
    othersCpuPct: m.othersCpuPct,
    rush: r,
  };
}

/** The demo hall with capacity 100 per slot, and 10 for 综合受理 (the rush slot). */
function writeBookingHall(dir: string): string {
  const demo = JSON.parse(readFileSync(DEMO_CONFIG_PATH, 'utf8')) as Record<string, unknown>;
  const path = join(dir, 'booking-hall.json');
  writeFileSync(path, JSON.stringify({ ...demo, appointments: { defaultCapacity: SLOT_CAPACITY, services: { [RUSH.serviceCode]: { capacity: RUSH.places } } } }, null, 2));
  return path;
}

export async function runBookingBench(dir: string, p: BookingParams, children: Child[], log: Log): Promise<{ hall: BookingSide; baseline: BookingSide }> {
  if (p.warmup + p.bookings + RUSH.requests > 25_000) throw new Error('BENCH_BOOKING_WARMUP + BENCH_BOOKINGS 过大：测试身份证号不够（上限约 24 000）');
  if (p.warmup + p.bookings > SERVICES.length * HOURS.length * DAYS.length * SLOT_CAPACITY) throw new Error('预约数超过了所有时段的容量');

  log('booking/hall: starting the hall server');
  const hallServer = await startChild('hall server (booking)', {
    cwd: REPO_ROOT,
    args: [...(p.nodeArgs ?? []), '--import', 'tsx', 'apps/hall-server/src/main.ts', '--port', '0', '--host', '127.0.0.1', '--db', join(dir, 'booking-hall.sqlite'), '--config', writeBookingHall(dir)]
      .concat(['--admin-password', 'bench-admin-pw', '--fake-clock', FAKE_CLOCK, '--quiet']),
    ready: /(http:\/\/127\.0\.0\.1:\d+)/,
    timeoutMs: 120_000,
  });
  children.push(hallServer);
  const hallHttp = new HttpClient(hallServer.ready[1]!);
  const hall = await measure(
    'hall',
    {
      http: hallHttp,
      server: hallServer,
      remaining: async () => {
        const r = await hallHttp.send<{ start: string; remaining: number }[]>('GET', `/api/appointments/slots?serviceCode=${RUSH.serviceCode}&date=${RUSH.start.slice(0, 10)}`);
        return r.body.find((s) => s.start.startsWith(RUSH.start.slice(0, 16)))?.remaining ?? null;
      },
    },
    p,
    log,
  );
  hallHttp.close();
  await hallServer.stop();

  log('booking/baseline: starting the baseline server');
  const baseServer = await startChild('baseline server (booking)', {
    cwd: REPO_ROOT,
    args: [...(p.nodeArgs ?? []), '--import', 'tsx', 'tests/bench/baseline-server.ts', '--port', '0', '--db', join(dir, 'booking-baseline.sqlite'), '--kiosk-key', 'k', '--staff-token', 't', '--screen-key', 's']
      .concat(['--capacity', `default=${SLOT_CAPACITY},${RUSH.serviceCode}=${RUSH.places}`]),
    ready: /(http:\/\/127\.0\.0\.1:\d+)/,
    timeoutMs: 30_000,
  });
  children.push(baseServer);
  const baseHttp = new HttpClient(baseServer.ready[1]!);
  const baseline = await measure('baseline', { http: baseHttp, server: baseServer, remaining: async () => null }, p, log);
  baseHttp.close();
  await baseServer.stop();
  return { hall, baseline };
}

const codes = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || '—';

export function formatBookingReport(p: BookingParams, r: { hall: BookingSide; baseline: BookingSide }): string {
  const fmt = (v: number | null) => (v !== null && !Number.isFinite(v) ? 'failed' : ms(v));
  const rows = (['hall', 'baseline'] as const).map((who) => {
    const s = r[who];
    const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(0)}%`);
    return [who, String(s.accepted), String(s.failed + Object.values(s.refused).reduce((a, b) => a + b, 0)), fmt(s.latency.p50), fmt(s.latency.p99), fmt(s.latency.max), `${s.perS.toFixed(0)}/s`, pct(s.serverCpuPct), pct(s.loadgenCpuPct), pct(s.othersCpuPct)];
  });
  const rushRows = (['hall', 'baseline'] as const).map((who) => {
    const s = r[who].rush;
    const ok = s.accepted === RUSH.places && s.failed === 0;
    return [who, `${s.accepted}/${RUSH.requests}${ok ? '' : '  ← WRONG'}`, codes(s.refused) + (s.failed ? `, failed ${s.failed}` : ''), fmt(s.latency.p50), fmt(s.latency.p99), `${s.wallMs.toFixed(0)} ms`, s.remaining === null ? '—' : String(s.remaining)];
  });
  const h = r.hall;
  const b = r.baseline;
  return [
    '',
    `Booking benchmark — ${p.clients} concurrent clients, ${p.bookings} online bookings measured after ${p.warmup} warm-up, every one a different person, over ${SERVICES.length} services × ${HOURS.length} slots × ${DAYS.length} days (capacity ${SLOT_CAPACITY})`,
    'Baseline: bare node:http → one better-sqlite3 transaction (capacity, per-slot and per-day person checks, INSERT; WAL, synchronous=FULL) per booking.',
    '',
    table(['POST /api/appointments', 'accepted', 'refused/failed', 'p50', 'p99', 'max', 'throughput', 'server CPU', 'load gen', 'others'], rows),
    '',
    `hall / baseline: p50 ${h.latency.p50 !== null && b.latency.p50 ? (h.latency.p50 / b.latency.p50).toFixed(2) : '—'}×, p99 ${h.latency.p99 !== null && b.latency.p99 ? (h.latency.p99 / b.latency.p99).toFixed(2) : '—'}×, throughput ${(h.perS / b.perS).toFixed(2)}× ` +
      `(${h.total} appointments in the hall at the end)`,
    ...([h, b].some((x) => (x.othersCpuPct ?? 0) > 25)
      ? ['WARNING: other processes used more than 25% of a core while bookings were measured; on this machine the figures are not reliable — rerun on a quiet machine.']
      : []),
    '',
    table([`${RUSH.requests} requests at once for ${RUSH.places} places`, 'accepted', 'refused', 'p50', 'p99', 'all answered', 'places left'], rushRows),
  ].join('\n');
}
