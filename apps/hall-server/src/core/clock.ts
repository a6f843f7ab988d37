/** Time as an input: everything that needs "now" is handed a Clock. */
export interface Clock {
  now(): number;
}

// The one place the core names the wall clock; everything else receives a Clock.
// eslint-disable-next-line no-restricted-syntax
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told (tests, training, `--fake-clock`). */
export class SettableClock implements Clock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
  advanceMinutes(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}
