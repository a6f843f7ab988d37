/**
 * Runs an outbox's dispatch pass every `everyMs`, and at once when kicked (a change just queued
 * something); never two passes at the same time — a kick during a pass runs one more after it.
 */
export interface PassLoop {
  kick(): void;
  /** No new passes; resolves when the running one has finished. */
  stop(): Promise<void>;
}

export function startPassLoop(pass: () => Promise<unknown>, everyMs: number, onError: (e: unknown) => void = () => undefined): PassLoop {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await pass();
        } catch (e) {
          onError(e);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    kick: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
