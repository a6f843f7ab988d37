/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) and sums where the main thread's time went inside a
 * time window: by package (socket.io/ws, SQLite, Fastify, the hall's own code …), and the top
 * functions by self and by inclusive time. Time stamps are CLOCK_MONOTONIC microseconds, the same
 * clock as process.hrtime in any process on the machine, so the load generator can name the window.
 *
 *   npx tsx tests/bench/profile-summary.ts FILE.cpuprofile   (whole profile)
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  windowMs: number;
  sampledMs: number;
  /** Share of the window the main thread was busy (not idle). */
  busyPct: number;
  byCategory: { name: string; ms: number; pct: number }[];
  topSelf: { fn: string; ms: number; pct: number }[];
  topInclusive: { fn: string; ms: number; pct: number }[];
}

export function category(url: string, fn: string): string {
  if (!url) {
    if (fn === '(idle)') return '(idle)';
    if (fn === '(garbage collector)') return 'GC';
    if (fn === '(program)' || fn === '(root)') return 'V8/native (program)';
    return 'native bindings';
  }
  if (/node_modules\/(socket\.io|engine\.io|ws|@socket\.io|base64id)/.test(url)) return 'socket.io / engine.io / ws';
  if (/node_modules\/better-sqlite3/.test(url)) return 'better-sqlite3 (JS side)';
  if (/node_modules\/(fastify|@fastify|avvio|find-my-way|light-my-request|pino|fast-json-stringify|abstract-logging|process-warning|secure-json-parse|toad-cache|rfdc)/.test(url)) {
    return 'Fastify';
  }
  if (/node_modules\/zod/.test(url)) return 'zod';
  if (/node_modules\/tsx|node_modules\/esbuild/.test(url)) return 'tsx loader';
  if (/\/apps\/hall-server\/src\//.test(url)) return 'hall-server src';
  if (/\/packages\/shared\/src\//.test(url)) return '@hall/shared';
  if (/\/tests\/bench\//.test(url)) return 'bench baseline src';
  if (url.startsWith('node:')) return 'Node core (JS)';
  if (/node_modules/.test(url)) return 'other packages';
  return 'other';
}

function label(n: ProfileNode): string {
  const { functionName, url, lineNumber } = n.callFrame;
  const short = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*\/(apps|packages|tests)\//, '$1/');
  return `${functionName || '(anonymous)'}${short ? ` ${short}:${lineNumber + 1}` : ''}`;
}

/** Summary of the samples taken in [fromUs, toUs] (monotonic µs); the whole profile when omitted. */
export function summarizeProfile(file: string, fromUs = -Infinity, toUs = Infinity, top = 12): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  const cats = new Map<string, number>();
  let t = p.startTime;
  let sampled = 0;
  let idle = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    if (t < fromUs || t > toUs) continue;
    // A sample stands for the time until the next one.
    const w = (p.timeDeltas[i + 1] ?? 1000) / 1000;
    first = Math.min(first, t);
    last = Math.max(last, t);
    const node = byId.get(p.samples[i]!)!;
    const cat = category(node.callFrame.url, node.callFrame.functionName);
    sampled += w;
    cats.set(cat, (cats.get(cat) ?? 0) + w);
    if (cat === '(idle)') {
      idle += w;
      continue;
    }
    const key = label(node);
    self.set(key, (self.get(key) ?? 0) + w);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const k = label(byId.get(id)!);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + w);
    }
  }
  const windowMs = Number.isFinite(first) ? (last - first) / 1000 : 0;
  const pct = (v: number) => (sampled > 0 ? (100 * v) / sampled : 0);
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    file,
    windowMs,
    sampledMs: sampled,
    busyPct: pct(sampled - idle),
    byCategory: sorted(cats).map(([name, v]) => ({ name, ms: v, pct: pct(v) })),
    topSelf: sorted(self)
      .slice(0, top)
      .map(([fn, v]) => ({ fn, ms: v, pct: pct(v) })),
    topInclusive: sorted(incl)
      .filter(([fn]) => !fn.startsWith('(root)') && !fn.startsWith('(program)'))
      .slice(0, top)
      .map(([fn, v]) => ({ fn, ms: v, pct: pct(v) })),
  };
}

export function formatProfile(s: ProfileSummary): string {
  const f = (v: number) => v.toFixed(1).padStart(6);
  return [
    `CPU profile ${s.file}: ${(s.sampledMs / 1000).toFixed(1)} s sampled, main thread busy ${s.busyPct.toFixed(1)}%`,
    '  by package (share of wall time):',
    ...s.byCategory.map((c) => `   ${f(c.pct)}%  ${c.name}`),
    '  top self time:',
    ...s.topSelf.map((c) => `   ${f(c.pct)}%  ${c.fn}`),
    '  top inclusive time:',
    ...s.topInclusive.map((c) => `   ${f(c.pct)}%  ${c.fn}`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('用法：tsx tests/bench/profile-summary.ts FILE.cpuprofile\n');
    process.exit(2);
  }
  process.stdout.write(`${formatProfile(summarizeProfile(file, -Infinity, Infinity, 25))}\n`);
}
