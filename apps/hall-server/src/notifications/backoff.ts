/**
 * Retry schedules shared by the outboxes (SMS, 政务服务平台 deliveries): how long to wait after the
 * n-th failed attempt of one message (n ≥ 1).
 */
export type Backoff = (failures: number) => number;

/** A fixed list of waits; the last one repeats. */
export function stepBackoff(steps: readonly number[]): Backoff {
  return (failures) => steps[Math.min(Math.max(failures, 1), steps.length) - 1]!;
}

/** base, base·factor, base·factor², … capped at maxMs. */
export function exponentialBackoff(p: { baseMs: number; factor: number; maxMs: number }): Backoff {
  return (failures) => Math.min(p.maxMs, Math.round(p.baseMs * p.factor ** (Math.max(failures, 1) - 1)));
}
