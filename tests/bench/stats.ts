/** Latency summaries (nearest-rank percentiles) and the plain-text table the benchmark prints. */

export interface Summary {
  n: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

/** Nearest-rank percentile of an ascending array: the smallest value ≥ p% of the samples. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarize(samples: readonly number[]): Summary {
  const s = samples.map((v) => Math.round(v * 1000) / 1000).sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p99: percentile(s, 99),
    max: s.length ? s[s.length - 1]! : null,
    mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : null,
  };
}

export function ms(v: number | null, digits = 1): string {
  return v === null || Number.isNaN(v) ? '—' : `${v.toFixed(digits)} ms`;
}

/** Left-aligns the first column, right-aligns the rest; CJK characters count double. */
export function table(header: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const cols = header.map((_, i) => Math.max(width(header[i]!), ...rows.map((r) => width(r[i] ?? ''))));
  const pad = (s: string, i: number) => {
    const gap = ' '.repeat(cols[i]! - width(s));
    return i === 0 ? s + gap : gap + s;
  };
  const line = (r: string[]) => r.map((c, i) => pad(c, i)).join('  ');
  return [line(header), cols.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
