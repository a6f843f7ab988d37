/**
 * How wrong is 预计等候时间? Drives the real pure queue engine (issueTicket, callNext, start,
 * finish, skip, pause, resume) through simulated hall days of the demo hall under a settable
 * clock, and at every ticket issued records what the hall would answer (`estimatedWaitMinutes`,
 * `waitingAhead`) and, later, the actual wait until the ticket was first called.
 *
 * The day: a Monday, tickets from 08:30 (issuing opens 30 min early) to 16:30 (cutoff), a morning
 * peak (Poisson arrivals, rate by hour), the service mix of a county hall, random handling times
 * per service (log-normal around realistic means, CV 0.6, plus the walk to the window), 6%
 * no-shows (過号 after 2 minutes), 6% elderly (绿色通道 by ID), staff W01–W11 signed in at 08:55,
 * reacting 5–30 s after each 办结, stopping for lunch 12:00–13:00, and half of them stepping
 * away once per half-day for 5–12 minutes (临时离岗) — which no estimate can foresee.
 *
 * Compared with the naive constant: people ahead × 5 minutes, and people ahead × the constant
 * that would have been best on these very days (fitted in hindsight).
 *
 *   npx tsx tests/bench/wait-estimate-sim.ts [days=20] [seed=1]
 */
import { idCheckChar, localToMs, parseHallConfig, toIsoLocal, type HallConfig } from '@hall/shared';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  HallHours,
  HallState,
  SettableClock,
  WorkingCalendar,
  applyChanges,
  callNext,
  countAhead,
  finish,
  issueTicket,
  pause,
  resume,
  signIn,
  skip,
  start,
  ticketWaitView,
  type Actor,
  type EngineContext,
  type Outcome,
} from '../../apps/hall-server/src/core/index.js';
import { percentile, table } from './stats.js';

const DAYS = Number(process.argv[2] ?? 20);
const SEED = Number(process.argv[3] ?? 1);
const DATE = '2026-11-23';
const NAIVE_MINUTES = 5;

/** Mean handling minutes at the window (without the walk), and the share of arrivals. */
const SERVICES: Record<string, { mean: number; share: number }> = {
  BDC: { mean: 22, share: 0.12 },
  SW: { mean: 10, share: 0.24 },
  SB: { mean: 8, share: 0.16 },
  YB: { mean: 7, share: 0.15 },
  GJJ: { mean: 9, share: 0.09 },
  HZ: { mean: 8, share: 0.1 },
  QYKB: { mean: 20, share: 0.04 },
  ZH: { mean: 6, share: 0.07 },
};
/** Arrivals per minute from each hall-local time on (the morning peak). */
const ARRIVALS: [string, number][] = [
  ['08:30', 0.8],
  ['09:00', 1.1],
  ['10:00', 0.9],
  ['11:00', 0.55],
  ['12:00', 0.2],
  ['13:00', 0.6],
  ['14:00', 0.65],
  ['15:30', 0.4],
  ['16:30', 0],
];
const STAFFED = ['W01', 'W02', 'W03', 'W04', 'W05', 'W06', 'W07', 'W08', 'W09', 'W10', 'W11'];

const hm = (s: string) => localToMs(DATE, Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5)), 480);
const MIN = 60_000;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sample {
  service: string;
  issuedAt: number;
  ahead: number;
  estimate: number | null;
  actual: number | null;
}

function simulateDay(config: HallConfig, hours: HallHours, rnd: () => number): Sample[] {
  const clock = new SettableClock(hm('08:30'));
  const state = HallState.empty(DATE, config.windows.map((w) => w.id));
  let ids = 0;
  const ctx = (actor: Actor): EngineContext => ({ now: clock.now(), config, hours, actor, newId: () => `t${++ids}` });
  const run = <T>(actor: Actor, tr: (s: HallState, c: EngineContext) => Outcome<T>): T => {
    const o = tr(state, ctx(actor));
    applyChanges(state, o.changes);
    return o.value;
  };
  const kiosk: Actor = { kind: 'device', id: 'kiosk-1', name: '取号机' };
  const staff = new Map<string, Actor>();

  const normal = () => {
    const u = 1 - rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };
  const logNormal = (mean: number, cv: number) => {
    const s2 = Math.log(1 + cv * cv);
    return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * normal());
  };

  // Events in time order (few thousand a day: a sorted array is enough).
  const events: { at: number; seq: number; fn: () => void }[] = [];
  let seq = 0;
  const at = (ms: number, fn: () => void) => {
    const e = { at: ms, seq: seq++, fn };
    let i = events.length;
    while (i > 0 && (events[i - 1]!.at > e.at || (events[i - 1]!.at === e.at && events[i - 1]!.seq > e.seq))) i--;
    events.splice(i, 0, e);
  };

  const samples = new Map<string, Sample>();
  const busy = new Set<string>();
  const pausePending = new Map<string, number>();
  const lunchStart = hm('12:00');
  const lunchEnd = hm('13:00');

  const tryCall = (wid: string) => {
    if (busy.has(wid) || state.windows.get(wid)!.pause) return;
    const now = clock.now();
    if (now >= lunchStart && now < lunchEnd) return at(lunchEnd + (5 + rnd() * 25) * 1000, () => tryCall(wid));
    const pending = pausePending.get(wid);
    if (pending !== undefined) {
      pausePending.delete(wid);
      run(staff.get(wid)!, (s, c) => pause(s, c, wid, '临时离岗'));
      return at(now + pending, () => {
        run(staff.get(wid)!, (s, c) => resume(s, c, wid));
        tryCall(wid);
      });
    }
    const { ticket } = run(staff.get(wid)!, (s, c) => callNext(s, c, wid));
    if (!ticket) return; // idle until the next arrival
    busy.add(wid);
    const sample = samples.get(ticket.id);
    if (sample && sample.actual === null) sample.actual = (now - sample.issuedAt) / MIN;
    const free = () => {
      busy.delete(wid);
      at(clock.now() + (5 + rnd() * 25) * 1000, () => tryCall(wid));
    };
    if (rnd() < 0.06) {
      at(now + 2 * MIN, () => {
        run(staff.get(wid)!, (s, c) => skip(s, c, wid));
        free();
      });
      return;
    }
    const walk = (0.3 + rnd() * 1.2) * MIN;
    const handling = logNormal(SERVICES[ticket.serviceCode]!.mean, 0.6) * MIN;
    at(now + walk, () => run(staff.get(wid)!, (s, c) => start(s, c, wid)));
    at(now + walk + handling, () => {
      run(staff.get(wid)!, (s, c) => finish(s, c, wid));
      free();
    });
  };

  // Staff sign in at 08:55 and start calling at 09:00.
  at(hm('08:55'), () => {
    for (const wid of STAFFED) {
      const cfg = config.windows.find((w) => w.id === wid)!;
      const emp = cfg.posts.A!;
      const s = config.staff.find((x) => x.employeeNo === emp)!;
      const actor: Actor = { kind: 'staff', id: s.username, name: s.name, employeeNo: emp };
      staff.set(wid, actor);
      run(actor, (st, c) => signIn(st, c, wid, { employeeNo: emp, post: 'A' }));
    }
  });
  for (const wid of STAFFED) {
    at(hm('09:00'), () => tryCall(wid));
    // 临时离岗: half of the windows, once in the morning and once in the afternoon.
    for (const [from, to] of [
      ['09:15', '11:30'],
      ['13:15', '16:00'],
    ] as const) {
      if (rnd() < 0.5) {
        const when = hm(from) + rnd() * (hm(to) - hm(from));
        at(when, () => pausePending.set(wid, (5 + rnd() * 7) * MIN));
      }
    }
  }

  // Arrivals: a Poisson process whose rate changes by the hour.
  const codes = Object.keys(SERVICES);
  const totalShare = codes.reduce((a, c) => a + SERVICES[c]!.share, 0);
  let person = 0;
  for (let i = 0; i < ARRIVALS.length - 1; i++) {
    const [from, rate] = ARRIVALS[i]!;
    const end = hm(ARRIVALS[i + 1]![0]);
    let t = hm(from);
    while (rate > 0) {
      t += (-Math.log(1 - rnd()) / rate) * MIN;
      if (t >= end) break;
      let pick = rnd() * totalShare;
      const code = codes.find((c) => (pick -= SERVICES[c]!.share) < 0) ?? codes[0]!;
      const elderly = rnd() < 0.06;
      const n = person++;
      at(t, () => {
        const birth = new Date(Date.UTC(elderly ? 1940 : 1975, 0, 1) + n * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
        const first17 = `110101${birth}${String(n % 1000).padStart(3, '0')}`;
        const t = run(kiosk, (s, c) => issueTicket(s, c, { serviceCode: code, channel: 'kiosk', idNumber: first17 + idCheckChar(first17) }));
        // What POST /api/tickets answers.
        const view = ticketWaitView(state, t, { config, hours, now: clock.now() });
        if (view.waitingAhead !== countAhead(state.waiting(), t)) throw new Error('waitingAhead differs');
        samples.set(t.id, { service: code, issuedAt: clock.now(), ahead: view.waitingAhead, estimate: view.estimatedWaitMinutes, actual: null });
        for (const wid of STAFFED) if (staff.has(wid)) tryCall(wid);
      });
    }
  }

  while (events.length > 0) {
    const e = events.shift()!;
    clock.set(Math.max(clock.now(), e.at));
    e.fn();
  }
  const left = [...state.waiting()].length;
  if (left > 0) throw new Error(`${left} tickets never called (${toIsoLocal(clock.now(), 480)})`);
  return [...samples.values()];
}

interface ErrorSummary {
  n: number;
  mean: number;
  median: number;
  p90: number;
  bias: number;
}
function errors(pairs: [predicted: number, actual: number][]): ErrorSummary {
  const abs = pairs.map(([p, a]) => Math.abs(p - a)).sort((x, y) => x - y);
  const n = abs.length;
  return {
    n,
    mean: abs.reduce((s, v) => s + v, 0) / n,
    median: percentile(abs, 50)!,
    p90: percentile(abs, 90)!,
    bias: pairs.reduce((s, [p, a]) => s + p - a, 0) / n,
  };
}

function main(): void {
  const config = parseHallConfig(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources/halls/demo.json'), 'utf8')), 'demo.json');
  const hours = new HallHours(config, new WorkingCalendar(null, config.calendar.overrides));
  const rnd = mulberry32(SEED);
  const all: Sample[] = [];
  const started = performance.now();
  for (let d = 0; d < DAYS; d++) all.push(...simulateDay(config, hours, rnd));
  const elapsed = performance.now() - started;

  const estimated = all.filter((s): s is Sample & { estimate: number; actual: number } => s.estimate !== null && s.actual !== null);
  const unknown = all.filter((s) => s.estimate === null);
  const actualSorted = estimated.map((s) => s.actual).sort((a, b) => a - b);
  // The per-person constant that minimises the mean absolute error on these days (weighted median of actual/ahead).
  const ratios = estimated.filter((s) => s.ahead > 0).map((s) => ({ r: s.actual / s.ahead, w: s.ahead })).sort((a, b) => a.r - b.r);
  const half = ratios.reduce((s, x) => s + x.w, 0) / 2;
  let acc = 0;
  const best = ratios.find((x) => (acc += x.w) >= half)?.r ?? NAIVE_MINUTES;

  const rows: [string, ErrorSummary][] = [
    ['hall estimate (estimatedWaitMinutes)', errors(estimated.map((s) => [s.estimate, s.actual]))],
    [`naive: people ahead × ${NAIVE_MINUTES} min`, errors(estimated.map((s) => [s.ahead * NAIVE_MINUTES, s.actual]))],
    [`naive, best constant in hindsight: × ${best.toFixed(2)} min`, errors(estimated.map((s) => [s.ahead * best, s.actual]))],
  ];
  const f = (v: number) => v.toFixed(1);
  console.log(`预计等候时间 — ${DAYS} simulated days of the demo hall (seed ${SEED}), ${all.length} tickets, ${(elapsed / 1000).toFixed(1)} s`);
  console.log(`actual wait until called: median ${f(percentile(actualSorted, 50)!)} min, p90 ${f(percentile(actualSorted, 90)!)} min, max ${f(actualSorted.at(-1)!)} min`);
  console.log(`no estimate (null: no window open yet, 08:30–08:55): ${unknown.length} tickets, left out below\n`);
  console.log(table(['absolute error, minutes', 'n', 'mean', 'median', 'p90', 'bias'], rows.map(([name, e]) => [name, String(e.n), f(e.mean), f(e.median), f(e.p90), (e.bias >= 0 ? '+' : '') + f(e.bias)])));

  console.log('\nby service (actual waits; absolute error of the hall estimate and of naive × 5, minutes):');
  const svcRows = Object.keys(SERVICES).map((code) => {
    const s = estimated.filter((x) => x.service === code);
    const e = errors(s.map((x) => [x.estimate, x.actual]));
    const n = errors(s.map((x) => [x.ahead * NAIVE_MINUTES, x.actual]));
    const waits = s.map((x) => x.actual).sort((a, b) => a - b);
    return [code, String(e.n), f(percentile(waits, 50)!), f(percentile(waits, 90)!), f(e.mean), f(e.p90), f(n.mean), f(n.p90)];
  });
  console.log(table(['service', 'n', 'wait p50', 'wait p90', 'est. mean', 'est. p90', 'naive mean', 'naive p90'], svcRows));
}

main();
