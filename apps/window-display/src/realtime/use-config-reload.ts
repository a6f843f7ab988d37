import { useEffect, useRef } from 'react';
import type { HallFeed } from './hall-feed.js';

/** Waits between attempts when the config cannot be read (the server busy or the link down). */
const RETRY_MS = [1000, 3000, 10_000];

/**
 * What a page read from the hall config when it loaded (a screen's hall name, notice and voice
 * policy; the console's setup) is read again with `load` each time the config in force changes
 * (立即生效: HallFeed.onConfigChange), and handed to `apply` — no page reload. A read that fails
 * is tried again a few times; an answer overtaken by a newer change is dropped.
 */
export function useConfigReload<T>(feed: HallFeed, load: () => Promise<T>, apply: (value: T) => void): void {
  const latest = useRef({ load, apply });
  latest.current = { load, apply };
  useEffect(() => {
    let round = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reread = (mine: number, attempt: number) => {
      latest.current.load().then(
        (value) => {
          if (mine === round) latest.current.apply(value);
        },
        () => {
          if (mine === round && attempt < RETRY_MS.length) timer = setTimeout(() => reread(mine, attempt + 1), RETRY_MS[attempt]);
        },
      );
    };
    const off = feed.onConfigChange(() => {
      clearTimeout(timer);
      reread(++round, 0);
    });
    return () => {
      off();
      round = -1;
      clearTimeout(timer);
    };
  }, [feed]);
}
