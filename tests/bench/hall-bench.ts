/**
 * `npm run bench`: the large-hall benchmark. A benchmark, not a test: it prints medians and p99s
 * and exits 0 whatever they are (1 only if it could not run).
 *
 * Scenario: 200 windows, each signed in by its A-post staff; 1 000 display clients on `/hall`
 * (websocket); tickets issued at 20/s by the kiosk key over POST /api/tickets (open loop: sent on
 * schedule whether or not earlier ones were answered); and every window cycles call-next → serve
 * for half the cycle → finish → idle, cycles of BENCH_CALL_INTERVAL_S (default 60 s) ±20 %, each
 * window starting at a random point of its cycle (those caught mid-service make their first
 * call-next during setup, before the displays connect): a steady ~3.3 call-next/s and ~3.3
 * finish/s hall-wide, the same schedule for both servers. (That is a citizen a minute at every window — several times a real hall's pace; the
 * 20 tickets/s is the stress. The queue grows by ~17 a second, as in a morning rush.)
 * Measured: ticket issue (request sent → 201 received), and call-next (request sent → the `call`
 * event for the called number received by the first and by the last of the 1 000 clients).
 * Warm-up BENCH_WARMUP_S, then BENCH_MEASURE_S measured.
 *
 * Baseline, same run, same clients and the same request schedule: a plain node:http server
 * (tests/bench/baseline-server.ts) that answers each request with one SQLite INSERT (WAL,
 * synchronous=FULL) and one socket.io broadcast.
 *
 * Server and load generator are separate processes on this 2-core machine (one core each, at
 * best): the server is the real hall (`node --import tsx apps/hall-server/src/main.ts`). The load
 * generator's own CPU and event-loop delay are printed, so a saturated generator shows.
 *
 * Knobs (environment): BENCH_WINDOWS=200 BENCH_CLIENTS=1000 BENCH_REAL_CLIENTS=10
 * BENCH_ISSUE_RATE=20 BENCH_CALL_INTERVAL_S=60 BENCH_WARMUP_S=8 BENCH_MEASURE_S=40;
 * BENCH_PROFILE=1 CPU-profiles both servers (node --cpu-prof) and summarises the measured window;
 * BENCH_PHASES (default hall,baseline,booking) picks the phases: `hall` and `baseline` are the two
 * sides of this large-hall comparison, `booking` the booking benchmark (tests/bench/booking-bench.ts:
 * hall and its bare baseline, with BENCH_BOOKING_CLIENTS=200 BENCH_BOOKINGS=4000
 * BENCH_BOOKING_WARMUP=400, results also in test-output/bench-booking.json); BENCH_BASELINE_FANOUT=hall makes the baseline
 * send the hall's messages per request (a diagnostic); BENCH_KEEP=1 keeps the temp dir.
 * Output: the table on stdout, progress on stderr, everything as JSON in test-output/bench-hall.json.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from '../../apps/hall-server/src/server/app.js';
import { formatBookingReport, runBookingBench } from './booking-bench.js';
import { BENCH_KIOSK_KEY, BENCH_SCREEN_KEY, BENCH_STAFF_PASSWORD, writeBenchHall, type BenchHall } from './bench-config.js';
import { exitWhenLauncherGone, JIFFIES_PER_SECOND, machineJiffies, onExit, startChild, type Child } from './children.js';
import { DisplayPool } from './display-clients.js';
import { HttpClient } from './http-client.js';
import { formatProfile, summarizeProfile, type ProfileSummary } from './profile-summary.js';
import { ms, summarize, table, type Summary } from './stats.js';

const env = (name: string, dflt: number) => {
  const v = process.env[name];
  const n = v === undefined || v === '' ? dflt : Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} 应为非负数，收到 ${v}`);
  return n;
};

const P = {
  windows: env('BENCH_WINDOWS', 200),
  clients: env('BENCH_CLIENTS', 1000),
  realClients: env('BENCH_REAL_CLIENTS', 10),
  issueRate: env('BENCH_ISSUE_RATE', 20),
  callIntervalS: env('BENCH_CALL_INTERVAL_S', 60),
  warmupS: env('BENCH_WARMUP_S', 8),
  measureS: env('BENCH_MEASURE_S', 40),
  profile: env('BENCH_PROFILE', 0) === 1,
  keep: env('BENCH_KEEP', 0) === 1,
  /** Diagnostic: 'hall' makes the baseline send the hall's messages per request (see baseline-server.ts). */
  baselineFanout: process.env.BENCH_BASELINE_FANOUT === 'hall' ? 'hall' : 'one',
  /** Which servers to run, for investigating one side; the comparison needs both. */
  phases: (process.env.BENCH_PHASES ?? 'hall,baseline,booking').split(',').map((x) => x.trim()),
  booking: { clients: env('BENCH_BOOKING_CLIENTS', 200), bookings: env('BENCH_BOOKINGS', 4000), warmup: env('BENCH_BOOKING_WARMUP', 400) },
};
const PHASES = ['hall', 'baseline', 'booking'];
if (P.phases.some((x) => !PHASES.includes(x))) throw new Error(`BENCH_PHASES 应为 ${PHASES.join('、')} 中的一个或几个（逗号分隔），收到 ${process.env.BENCH_PHASES}`);
if (P.booking.clients < 1 || P.booking.bookings < 1) throw new Error('BENCH_BOOKING_CLIENTS、BENCH_BOOKINGS 应至少为 1');
if (P.windows < 1 || P.clients < 1 || P.measureS <= 0 || P.realClients > P.clients) {
  throw new Error('BENCH_WINDOWS、BENCH_CLIENTS 应至少为 1，BENCH_MEASURE_S 应大于 0，BENCH_REAL_CLIENTS 不超过 BENCH_CLIENTS');
}
const FAKE_CLOCK = '2026-11-23T09:30:00+08:00'; // a Monday morning: the hall is open
const TARGET_RATIO = 3;
/** Above this much CPU (% of one core) used by other processes in a measured window, the report warns. */
const NOISE_LIMIT_PCT = 25;
const REQUEST_TIMEOUT_MS = 10_000;
const RECEIPT_TIMEOUT_MS = 10_000;
const DRAIN_TIMEOUT_MS = 10_000;
const OUT_DIR = resolve(REPO_ROOT, 'test-output');
const PROFILE_DIR = join(OUT_DIR, 'bench-profile');

const t0Run = performance.now();
const log = (msg: string) => process.stderr.write(`[${((performance.now() - t0Run) / 1000).toFixed(1).padStart(5)} s] ${msg}\n`);

interface Target {
  name: 'hall' | 'baseline';
  http: HttpClient;
  kioskKey: string;
  /** Token per window, same order as the hall's windows. */
  windowTokens: string[];
  server: Child;
}

interface PhaseResult {
  issue: Summary;
  callAll: Summary;
  callFirst: Summary;
  callHttp: Summary;
  finish: Summary;
  counts: {
    issued: number;
    issueErrors: number;
    calls: number;
    callErrors: number;
    emptyCalls: number;
    incompleteCalls: number;
    finishes: number;
    finishErrors: number;
    disconnects: number;
    clients: number;
  };
  rates: {
    issuePerS: number;
    callPerS: number;
    finishPerS: number;
    /** Socket.io messages received per second, all clients together. */
    clientMsgsPerS: number;
    /** Broadcasts per second (messages per second ÷ clients). */
    broadcastsPerS: number;
  };
  /** CPU in % of one core over the measured window; `others` is what other processes on the machine used. */
  cpu: { serverPct: number | null; loadgenPct: number; machinePct: number | null; othersPct: number | null; serverRssMb: number | null };
  loadgen: { loopDelayP99Ms: number; loopDelayMaxMs: number; issueLagMaxMs: number; maxIssuesInFlight: number };
  /** What one display client received per second in the measured window, by event: count and mean size. */
  perClient: { event: string; perS: number; meanBytes: number }[];
  /** p99 per 10 s of the measured window (failed = null), to tell steady queueing from growth. */
  timeline: { fromS: number; issueP99: number | null; callAllP99: number | null }[];
  errorsSample: string[];
  window: { fromUs: number; toUs: number };
}

const BUCKET_S = 10;

const monoUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Where each window stands in its call-next → serve → finish → idle cycle when the clock starts:
 * a random point, so that call and finish rates are steady from the first second. Both servers get
 * the same plans.
 */
interface WindowPlan {
  cycle: number;
  /** ms after the start at which the window's next call-next is due (0 … cycle). */
  phase: number;
  /** Mid-service at the start: it calls during setup and first finishes at `phase - cycle / 2`. */
  servingAtStart: boolean;
}

function planWindows(count: number): WindowPlan[] {
  return Array.from({ length: count }, () => {
    const cycle = P.callIntervalS * 1000 * (0.8 + 0.4 * Math.random());
    const point = Math.random() * cycle; // how far into its cycle the window is at the start
    // In [0, cycle/2) it is serving (finish due at cycle/2 - point), else idle (call due at cycle - point).
    return { cycle, phase: Math.max(1000, cycle - point), servingAtStart: point < cycle / 2 && cycle / 2 - point >= 1000 };
  });
}

/** Setup, before the display clients connect: tickets for the windows that start mid-service, and their call-next. */
async function prepareServing(target: Target, hall: BenchHall, plans: WindowPlan[]): Promise<void> {
  const serving = plans.flatMap((p, i) => (p.servingAtStart ? [i] : []));
  for (let k = 0; k < serving.length * 2; k++) {
    const r = await target.http.send('POST', '/api/tickets', { serviceCode: hall.serviceCodes[k % hall.serviceCodes.length]! }, target.kioskKey);
    if (r.status !== 201) throw new Error(`准备阶段取号失败：${r.status} ${JSON.stringify(r.body)}`);
  }
  await mapLimit(serving, 8, async (i) => {
    const w = hall.windows[i]!;
    const r = await target.http.send<{ ticket: unknown }>('POST', `/api/windows/${w.id}/call-next`, {}, target.windowTokens[i]!);
    if (r.status !== 200 || !r.body.ticket) throw new Error(`准备阶段 ${w.id} 叫号失败：${r.status} ${JSON.stringify(r.body)}`);
  });
}

async function runPhase(target: Target, hall: BenchHall, plans: WindowPlan[], pool: DisplayPool): Promise<PhaseResult> {
  const issue: number[] = [];
  const callAll: number[] = [];
  /** [seconds into the measured window, latency] */
  const issueAt: [number, number][] = [];
  const callAllAt: [number, number][] = [];
  const callFirst: number[] = [];
  const callHttp: number[] = [];
  const finish: number[] = [];
  const c = { issued: 0, issueErrors: 0, calls: 0, callErrors: 0, emptyCalls: 0, incompleteCalls: 0, finishes: 0, finishErrors: 0 };
  const errors: string[] = [];
  const noteError = (what: string) => {
    if (errors.length < 8 && performance.now() < measureEnd + RECEIPT_TIMEOUT_MS) errors.push(what);
  };
  const start = performance.now();
  const warmEnd = start + P.warmupS * 1000;
  const measureEnd = warmEnd + P.measureS * 1000;
  const measured = (t: number) => t >= warmEnd && t < measureEnd;
  const inflight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inflight.add(p);
    p.then(
      () => inflight.delete(p),
      (e: unknown) => {
        inflight.delete(p);
        noteError(`unexpected: ${String(e)}`);
      },
    );
  };
  const sleepUntil = (t: number) => sleep(Math.max(0, t - performance.now()));

  // Ticket issue: open loop at issueRate, each request on its own schedule slot.
  let issueLagMax = 0;
  let issuesInFlight = 0;
  let maxIssuesInFlight = 0;
  const issueLoop = async () => {
    if (P.issueRate === 0) return;
    const gap = 1000 / P.issueRate;
    for (let k = 0; ; k++) {
      const due = start + k * gap;
      if (due >= measureEnd) return;
      await sleepUntil(due);
      const t0 = performance.now();
      if (measured(t0)) issueLagMax = Math.max(issueLagMax, t0 - due);
      const serviceCode = hall.serviceCodes[k % hall.serviceCodes.length]!;
      track(
        target.http.send('POST', '/api/tickets', { serviceCode }, target.kioskKey, REQUEST_TIMEOUT_MS).then(
          (r) => {
            const t1 = performance.now();
            if (!measured(t0)) return;
            if (r.status === 201) {
              c.issued++;
              issue.push(t1 - t0);
              issueAt.push([(t0 - warmEnd) / 1000, t1 - t0]);
            } else {
              c.issueErrors++;
              issue.push(Infinity);
              issueAt.push([(t0 - warmEnd) / 1000, Infinity]);
              noteError(`issue ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
            }
          },
          (e: Error) => {
            if (measured(t0)) {
              c.issueErrors++;
              issue.push(Infinity);
              issueAt.push([(t0 - warmEnd) / 1000, Infinity]);
            }
            noteError(`issue ${e.message}`);
          },
        ).finally(() => issuesInFlight--),
      );
      issuesInFlight++;
      maxIssuesInFlight = Math.max(maxIssuesInFlight, issuesInFlight);
    }
  };

  // Each window: call-next, serve for half the cycle, finish, idle for the other half, and again,
  // from the random point of its cycle its plan gives (see planWindows).
  const windowLoop = async (i: number) => {
    const w = hall.windows[i]!;
    const token = target.windowTokens[i]!;
    const plan = plans[i]!;
    let cycle = plan.cycle;
    let callAt = start + plan.phase;
    if (plan.servingAtStart) {
      // Called during setup: finishes when its first half-cycle ends, calls again at `phase`.
      await sleepUntil(start + plan.phase - cycle / 2);
      if (performance.now() >= measureEnd) return;
      await finishOnce(w.id, token);
    }
    while (callAt < measureEnd) {
      await sleepUntil(callAt);
      const number = await callNextOnce(w.id, token);
      const finishAt = callAt + cycle / 2;
      if (number !== null) {
        if (finishAt >= measureEnd) return; // still serving when the measured window ends
        await sleepUntil(finishAt);
        await finishOnce(w.id, token);
      }
      callAt += cycle;
      cycle = P.callIntervalS * 1000 * (0.8 + 0.4 * Math.random());
    }
  };

  /** One call-next, timed to the response and to the `call` at the first and the last client; the called number or null. */
  const callNextOnce = async (windowId: string, token: string): Promise<string | null> => {
    const t0 = performance.now();
    let number: string | null = null;
    const failed = (why: string) => {
      noteError(`call-next ${windowId} ${why}`);
      if (!measured(t0)) return;
      c.callErrors++;
      for (const xs of [callHttp, callAll, callFirst]) xs.push(Infinity);
      callAllAt.push([(t0 - warmEnd) / 1000, Infinity]);
    };
    try {
      const r = await target.http.send<{ ticket: { number: string } | null }>('POST', `/api/windows/${windowId}/call-next`, {}, token, REQUEST_TIMEOUT_MS);
      const t1 = performance.now();
      if (r.status !== 200) failed(`${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
      else if (!r.body.ticket) {
        if (measured(t0)) c.emptyCalls++;
      } else {
        number = r.body.ticket.number;
        if (measured(t0)) callHttp.push(t1 - t0);
      }
    } catch (e) {
      failed((e as Error).message);
    }
    if (number === null) return null;
    const receipt = await pool.whenAll(number, RECEIPT_TIMEOUT_MS);
    if (measured(t0)) {
      c.calls++;
      // Every client still connected got it (a client that dropped meanwhile is reported apart).
      const complete = receipt !== null && receipt.count > 0 && receipt.count >= pool.connected;
      callAllAt.push([(t0 - warmEnd) / 1000, complete ? receipt.last - t0 : Infinity]);
      if (complete) {
        callAll.push(receipt.last - t0);
        callFirst.push(receipt.first - t0);
      } else {
        c.incompleteCalls++;
        callAll.push(Infinity);
        callFirst.push(receipt ? receipt.first - t0 : Infinity);
        noteError(`call ${number}: reached ${receipt?.count ?? 0}/${pool.connected} clients in ${RECEIPT_TIMEOUT_MS} ms`);
      }
    }
    return number;
  };

  const finishOnce = async (windowId: string, token: string): Promise<void> => {
    const f0 = performance.now();
    const failed = (why: string) => {
      noteError(`finish ${windowId} ${why}`);
      if (!measured(f0)) return;
      c.finishErrors++;
      finish.push(Infinity);
    };
    try {
      const r = await target.http.send('POST', `/api/windows/${windowId}/finish`, {}, token, REQUEST_TIMEOUT_MS);
      if (r.status !== 200) failed(`${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
      else if (measured(f0)) {
        c.finishes++;
        finish.push(performance.now() - f0);
      }
    } catch (e) {
      failed((e as Error).message);
    }
  };

  for (const loop of [issueLoop(), ...hall.windows.map((_, i) => windowLoop(i))]) track(loop);

  // Counters at the edges of the measured window.
  await sleepUntil(warmEnd);
  pool.forgetBefore(warmEnd - RECEIPT_TIMEOUT_MS);
  const cpu0 = target.server.cpuSeconds();
  const mach0 = machineJiffies();
  const me0 = process.cpuUsage();
  const msg0 = pool.messages;
  pool.probe.clear();
  const disc0 = pool.disconnects;
  const from = performance.now();
  const fromUs = monoUs();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const tick = setInterval(() => log(`${target.name}: ${Math.round((performance.now() - from) / 1000)}/${P.measureS} s, ${pool.connected} clients connected`), 15_000);
  await sleepUntil(measureEnd);
  clearInterval(tick);
  loop.disable();
  const secs = (performance.now() - from) / 1000;
  const toUs = monoUs();
  const cpu1 = target.server.cpuSeconds();
  const mach1 = machineJiffies();
  const me = process.cpuUsage(me0);
  const msgs = pool.messages - msg0;
  const perClient = [...pool.probe]
    .sort((a, b) => b[1].count - a[1].count)
    .map(([event, e]) => ({ event, perS: e.count / secs, meanBytes: e.bytes / e.count }));
  const rss = target.server.rssMb();
  const serverPct = cpu0 !== null && cpu1 !== null ? (100 * (cpu1 - cpu0)) / secs : null;
  const loadgenPct = (100 * (me.user + me.system)) / 1e6 / secs;
  const machinePct = mach0 && mach1 ? (100 * (mach1.busy - mach0.busy)) / JIFFIES_PER_SECOND / secs : null;
  log(`${target.name}: measured window over; waiting for ${inflight.size} loops/requests in flight`);
  const drainEnd = performance.now() + DRAIN_TIMEOUT_MS;
  while (inflight.size > 0 && performance.now() < drainEnd) await sleep(50);
  if (inflight.size > 0) log(`${target.name}: ${inflight.size} still in flight after ${DRAIN_TIMEOUT_MS / 1000} s, not waited for`);

  return {
    issue: summarize(issue),
    callAll: summarize(callAll),
    callFirst: summarize(callFirst),
    callHttp: summarize(callHttp),
    finish: summarize(finish),
    counts: { ...c, disconnects: pool.disconnects - disc0, clients: pool.connected },
    rates: {
      issuePerS: (c.issued + c.issueErrors) / secs,
      callPerS: (c.calls + c.emptyCalls + c.callErrors) / secs,
      finishPerS: (c.finishes + c.finishErrors) / secs,
      clientMsgsPerS: msgs / secs,
      broadcastsPerS: msgs / secs / Math.max(1, P.clients),
    },
    cpu: { serverPct, loadgenPct, machinePct, othersPct: machinePct !== null && serverPct !== null ? Math.max(0, machinePct - serverPct - loadgenPct) : null, serverRssMb: rss },
    loadgen: { loopDelayP99Ms: loop.percentile(99) / 1e6, loopDelayMaxMs: loop.max / 1e6, issueLagMaxMs: issueLagMax, maxIssuesInFlight },
    perClient,
    timeline: Array.from({ length: Math.ceil(P.measureS / BUCKET_S) }, (_, k) => {
      const inBucket = (xs: [number, number][]) => xs.filter(([at]) => at >= k * BUCKET_S && at < (k + 1) * BUCKET_S).map(([, v]) => v);
      const p99 = (xs: [number, number][]) => summarize(inBucket(xs)).p99;
      return { fromS: k * BUCKET_S, issueP99: p99(issueAt), callAllP99: p99(callAllAt) };
    }),
    errorsSample: errors,
    window: { fromUs, toUs },
  };
}

async function connectDisplays(baseUrl: string, label: string): Promise<DisplayPool> {
  const pool = new DisplayPool(baseUrl, BENCH_SCREEN_KEY);
  const t = performance.now();
  await pool.connect(P.clients, Math.min(P.realClients, P.clients));
  log(`${label}: ${pool.connected} display clients connected (${Math.min(P.realClients, P.clients)} socket.io-client) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return pool;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/** Node's default profile names (CPU.date.time.pid.thread.seq) keep the main thread's apart from tsx's loader thread's. */
function profileArgs(): string[] {
  return P.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
}

/** The main thread's (thread 0) profile of process `pid`, summed over the measured window. */
function profileOf(pid: number, r: PhaseResult): ProfileSummary | null {
  return profileOfWindow(pid, r.window.fromUs, r.window.toUs);
}

function profileOfWindow(pid: number, fromUs: number, toUs: number): ProfileSummary | null {
  if (!P.profile || !existsSync(PROFILE_DIR)) return null;
  const name = readdirSync(PROFILE_DIR).find((f) => f.includes(`.${pid}.0.`) && f.endsWith('.cpuprofile'));
  return name ? summarizeProfile(join(PROFILE_DIR, name), fromUs, toUs) : null;
}

async function runHall(dir: string, hall: BenchHall, plans: WindowPlan[], pools: DisplayPool[], children: Child[]): Promise<{ result: PhaseResult; pid: number }> {
  log(`starting the hall server (its first start hashes ${P.windows * 2 + 1} staff passwords with scrypt, ~${Math.round((P.windows * 2 + 1) * 0.05)} s)`);
  const server = await startChild('hall server', {
    cwd: REPO_ROOT,
    args: [
      ...profileArgs(),
      '--import',
      'tsx',
      'apps/hall-server/src/main.ts',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--db',
      join(dir, 'hall.sqlite'),
      '--config',
      hall.path,
      '--admin-password',
      'bench-admin-pw',
      '--fake-clock',
      FAKE_CLOCK,
      '--quiet',
    ],
    ready: /(http:\/\/127\.0\.0\.1:\d+)/,
    timeoutMs: 120_000,
  });
  children.push(server);
  const url = server.ready[1]!;
  log(`hall server ready at ${url} (pid ${server.pid})`);
  const http = new HttpClient(url);
  const tokens = await mapLimit(hall.windows, 8, async (w) => {
    const login = await http.send<{ token: string }>('POST', '/api/auth/login', { username: w.username, password: BENCH_STAFF_PASSWORD });
    if (login.status !== 200) throw new Error(`登录 ${w.username} 失败：${login.status} ${JSON.stringify(login.body)}`);
    const signIn = await http.send('POST', `/api/windows/${w.id}/sign-in`, { post: 'A' }, login.body.token);
    if (signIn.status !== 200) throw new Error(`${w.id} 签到失败：${signIn.status} ${JSON.stringify(signIn.body)}`);
    return login.body.token;
  });
  log(`${tokens.length} staff logged in and signed in at their windows`);
  const target: Target = { name: 'hall', http, kioskKey: BENCH_KIOSK_KEY, windowTokens: tokens, server };
  await prepareServing(target, hall, plans);
  const pool = await connectDisplays(url, 'hall');
  pools.push(pool);
  log('hall: running');
  const result = await runPhase(target, hall, plans, pool);
  await pool.close();
  http.close();
  await server.stop();
  return { result, pid: server.pid };
}

async function runBaseline(dir: string, hall: BenchHall, plans: WindowPlan[], pools: DisplayPool[], children: Child[]): Promise<{ result: PhaseResult; pid: number }> {
  const staffToken = 'bench-baseline-staff-token';
  const server = await startChild('baseline server', {
    cwd: REPO_ROOT,
    args: [
      ...profileArgs(),
      '--import',
      'tsx',
      'tests/bench/baseline-server.ts',
      '--port',
      '0',
      '--db',
      join(dir, 'baseline.sqlite'),
      '--kiosk-key',
      BENCH_KIOSK_KEY,
      '--staff-token',
      staffToken,
      '--screen-key',
      BENCH_SCREEN_KEY,
      '--fanout',
      P.baselineFanout,
    ],
    ready: /(http:\/\/127\.0\.0\.1:\d+)/,
    timeoutMs: 30_000,
  });
  children.push(server);
  const url = server.ready[1]!;
  log(`baseline server ready at ${url} (pid ${server.pid})`);
  const http = new HttpClient(url);
  const target: Target = { name: 'baseline', http, kioskKey: BENCH_KIOSK_KEY, windowTokens: hall.windows.map(() => staffToken), server };
  await prepareServing(target, hall, plans);
  const pool = await connectDisplays(url, 'baseline');
  pools.push(pool);
  log('baseline: running');
  const result = await runPhase(target, hall, plans, pool);
  await pool.close();
  http.close();
  await server.stop();
  return { result, pid: server.pid };
}

async function main(): Promise<void> {
  exitWhenLauncherGone();
  const dir = mkdtempSync(join(tmpdir(), 'hall-bench-'));
  if (!P.keep) onExit(() => rmSync(dir, { recursive: true, force: true }));
  const children: Child[] = [];
  const pools: DisplayPool[] = [];
  try {
    mkdirSync(OUT_DIR, { recursive: true });
    if (P.profile) {
      rmSync(PROFILE_DIR, { recursive: true, force: true });
      mkdirSync(PROFILE_DIR, { recursive: true });
    }
    log(
      `large-hall benchmark: ${P.windows} windows, ${P.clients} display clients, ${P.issueRate} tickets/s, ` +
        `each window call-next + finish every ~${P.callIntervalS} s; warm-up ${P.warmupS} s + ${P.measureS} s measured per server; ${cpus().length} CPUs`,
    );
    const hall = writeBenchHall(dir, P.windows);
    const plans = planWindows(hall.windows.length);
    const h = P.phases.includes('hall') ? await runHall(dir, hall, plans, pools, children) : null;
    const b = P.phases.includes('baseline') ? await runBaseline(dir, hall, plans, pools, children) : null;
    if (h || b) report(h?.result ?? null, b?.result ?? null, h ? profileOf(h.pid, h.result) : null, b ? profileOf(b.pid, b.result) : null);
    if (P.phases.includes('booking')) {
      const r = await runBookingBench(dir, { ...P.booking, nodeArgs: profileArgs() }, children, log);
      process.stdout.write(`${formatBookingReport(P.booking, r)}\n`);
      for (const [who, side] of [['hall', r.hall], ['baseline', r.baseline]] as const) {
        const prof = profileOfWindow(side.pid, side.window.fromUs, side.window.toUs);
        if (prof) process.stdout.write(`\n${who} server, measured bookings — ${formatProfile(prof)}\n`);
      }
      const file = join(OUT_DIR, 'bench-booking.json');
      const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? null, node: process.version, platform: process.platform };
      writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), machine, params: P.booking, note: 'Latencies in ms.', ...r }, null, 2)}\n`);
      log(`booking results written to ${relative(process.cwd(), file) || file}`);
    }
  } finally {
    for (const p of pools) await p.close().catch(() => undefined);
    for (const c of children) await c.stop(2000);
    if (P.keep) log(`temp dir kept: ${dir}`);
  }
}

type MetricKey = 'issue' | 'callAll' | 'callFirst' | 'callHttp' | 'finish';

interface Verdict {
  metric: string;
  hallP99: number | null;
  baselineP99: number | null;
  ratio: number | null;
  target: number;
  verdict: 'PASS' | 'FAIL' | 'INCONCLUSIVE';
  why: string;
}

function verdictOf(metric: string, h: Summary | undefined, b: Summary | undefined): Verdict {
  const hp = h?.p99 ?? null;
  const bp = b?.p99 ?? null;
  const base = { metric, hallP99: hp, baselineP99: bp, target: TARGET_RATIO };
  if (hp === null || bp === null) return { ...base, ratio: null, verdict: 'INCONCLUSIVE', why: 'no samples on one side' };
  if (!Number.isFinite(bp)) return { ...base, ratio: null, verdict: 'INCONCLUSIVE', why: 'the baseline itself failed or timed out on over 1 % of requests' };
  if (!Number.isFinite(hp)) return { ...base, ratio: Infinity, verdict: 'FAIL', why: 'the hall failed or timed out on over 1 % of requests' };
  const ratio = hp / bp;
  return { ...base, ratio, verdict: ratio <= TARGET_RATIO ? 'PASS' : 'FAIL', why: '' };
}

function fmtMs(v: number | null): string {
  if (v !== null && !Number.isFinite(v)) return 'failed';
  return ms(v);
}

function report(h: PhaseResult | null, b: PhaseResult | null, hallProfile: ProfileSummary | null, baseProfile: ProfileSummary | null): void {
  const n = P.clients;
  const rows: [string, MetricKey, (r: PhaseResult) => number][] = [
    ['ticket issue: POST /api/tickets → 201', 'issue', (r) => r.counts.issueErrors],
    [`call-next → \`call\` at all ${n} displays`, 'callAll', (r) => r.counts.callErrors + r.counts.incompleteCalls],
    ['call-next → `call` at first display', 'callFirst', (r) => r.counts.callErrors],
    ['call-next: HTTP response', 'callHttp', (r) => r.counts.callErrors],
    ['finish: HTTP response', 'finish', (r) => r.counts.finishErrors],
  ];
  const body: string[][] = [];
  for (const [label, key, failures] of rows) {
    let first = true;
    for (const [who, r] of [
      ['hall', h],
      ['baseline', b],
    ] as const) {
      if (!r) continue;
      const s = r[key];
      body.push([first ? label : '', who, String(s.n), String(failures(r)), fmtMs(s.p50), fmtMs(s.p99), fmtMs(s.max)]);
      first = false;
    }
  }
  const verdicts = h && b && P.baselineFanout === 'one' ? [verdictOf('ticket issue', h.issue, b.issue), verdictOf(`call-next → call at all ${n} displays`, h.callAll, b.callAll)] : [];

  const ctx = (name: string, r: PhaseResult) =>
    [
      `${name}: ${r.rates.issuePerS.toFixed(1)} issues/s, ${r.rates.callPerS.toFixed(1)} call-next/s, ${r.rates.finishPerS.toFixed(1)} finish/s → ` +
        `${r.rates.broadcastsPerS.toFixed(1)} broadcasts/s, ${Math.round(r.rates.clientMsgsPerS)} messages/s received by the clients`,
      `    CPU (% of one core): server ${r.cpu.serverPct?.toFixed(0) ?? '—'}, load generator ${r.cpu.loadgenPct.toFixed(0)}, ` +
        `other processes on the machine ${r.cpu.othersPct?.toFixed(0) ?? '—'} (machine total ${r.cpu.machinePct?.toFixed(0) ?? '—'} of ${cpus().length * 100}); server RSS ${r.cpu.serverRssMb?.toFixed(0) ?? '—'} MB`,
      `    load generator: event-loop delay p99 ${r.loadgen.loopDelayP99Ms.toFixed(1)} ms (max ${r.loadgen.loopDelayMaxMs.toFixed(1)}), ` +
        `issue schedule lag max ${r.loadgen.issueLagMaxMs.toFixed(1)} ms, at most ${r.loadgen.maxIssuesInFlight} issue requests in flight`,
      `    each display received per second: ${r.perClient.map((e) => `${e.event} ${e.perS.toFixed(1)} (${Math.round(e.meanBytes)} B)`).join(', ') || '—'}`,
      `    p99 per ${BUCKET_S} s — issue: ${r.timeline.map((t) => fmtMs(t.issueP99)).join(' | ')}; call at all: ${r.timeline.map((t) => fmtMs(t.callAllP99)).join(' | ')}`,
      `    failures: issue ${r.counts.issueErrors}, call-next ${r.counts.callErrors}, finish ${r.counts.finishErrors}, ` +
        `calls not received by every client ${r.counts.incompleteCalls}; empty call-next ${r.counts.emptyCalls}; client disconnects ${r.counts.disconnects}; clients at end ${r.counts.clients}`,
      ...r.errorsSample.map((e) => `    ! ${e}`),
    ].join('\n');

  const out: string[] = [
    '',
    `Large-hall benchmark — ${P.windows} windows, ${n} display clients, ${P.issueRate} tickets/s, each window call-next + finish every ~${P.callIntervalS} s`,
    `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; the server and the load generator are separate processes sharing these cores.`,
    `${P.measureS} s measured after ${P.warmupS} s warm-up, per server. Baseline: node:http + one SQLite INSERT (WAL, synchronous=FULL) + one socket.io broadcast per request.`,
    ...(P.baselineFanout === 'hall' ? ['DIAGNOSTIC RUN: BENCH_BASELINE_FANOUT=hall — the baseline sends the hall’s messages per request, so it is not the bare baseline; the verdicts below do not apply.'] : []),
    `Failed or timed-out requests (${REQUEST_TIMEOUT_MS / 1000} s) count as infinitely slow: a p99 shown as "failed" means over 1 % failed.`,
    '',
    table(['metric', 'server', 'n', 'failed', 'p50', 'p99', 'max'], body),
    '',
    ...verdicts.map(
      (v) =>
        `${v.verdict.padEnd(12)} ${v.metric}: hall p99 ${fmtMs(v.hallP99)} / baseline p99 ${fmtMs(v.baselineP99)} = ` +
        `${v.ratio === null ? '—' : Number.isFinite(v.ratio) ? `${v.ratio.toFixed(2)}×` : '∞'} (target ≤ ${TARGET_RATIO}×)${v.why ? ` — ${v.why}` : ''}`,
    ),
    '',
    ...(h ? [ctx('hall    ', h)] : []),
    ...(b ? [ctx('baseline', b)] : []),
  ];
  const noisy = [h, b].filter((r): r is PhaseResult => r !== null && (r.cpu.othersPct ?? 0) > NOISE_LIMIT_PCT);
  if (noisy.length > 0) {
    out.push(
      '',
      `WARNING: other processes used more than ${NOISE_LIMIT_PCT}% of a core during a measured window ` +
        `(${noisy.map((r) => `${r === h ? 'hall' : 'baseline'} ${r.cpu.othersPct!.toFixed(0)}%`).join(', ')}); on ${cpus().length} cores these figures are not reliable — rerun on a quiet machine.`,
    );
  }
  if (hallProfile) out.push('', `hall server, measured window — ${formatProfile(hallProfile)}`);
  if (baseProfile) out.push('', `baseline server, measured window — ${formatProfile(baseProfile)}`);
  process.stdout.write(`${out.join('\n')}\n`);

  const json = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? null, node: process.version, platform: process.platform },
    params: { ...P, fakeClock: FAKE_CLOCK, targetRatio: TARGET_RATIO, requestTimeoutMs: REQUEST_TIMEOUT_MS },
    note: 'Latencies in ms. A null p99/max where n > 0 means failed/timed-out requests (counted as infinitely slow) reached that rank.',
    hall: h,
    baseline: b,
    verdicts,
    profiles: { hall: hallProfile, baseline: baseProfile },
  };
  const file = join(OUT_DIR, 'bench-hall.json');
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  log(`results written to ${relative(process.cwd(), file) || file}; total ${((performance.now() - t0Run) / 1000).toFixed(0)} s`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`\n压测失败：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
