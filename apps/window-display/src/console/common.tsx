/** What every console page shares: the login's API and hall feed, the setup, the hall clock, small widgets. */
import type { Alert } from '@hall/shared';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { HallFeed, HallView } from '../realtime/index.js';
import { errorText, type ConsoleApi } from './api.js';
import { addDays, dayText } from './format.js';
import type { Session } from './session.js';

export interface ServiceInfo {
  code: string;
  name: string;
  prefix: string;
  department: string;
  targetMinutes: number;
  materials: number;
}
export interface PostHolder {
  employeeNo: string;
  name: string | null;
}
export interface WindowInfo {
  id: string;
  no: string;
  name: string;
  department: string;
  services: string[];
  appointmentOnly: boolean;
  posts: { A: PostHolder | null; B: PostHolder | null };
}
/** GET /api/console/setup */
export interface Setup {
  hallName: string;
  me: { username: string; name: string; role: Session['role']; employeeNo: string | null; windows: { windowId: string; post: 'A' | 'B' }[] };
  services: ServiceInfo[];
  windows: WindowInfo[];
}

export interface AlertEntry {
  alert: Alert;
  /** Hall time it reached this console (or its `since` when it was already raised at login). */
  arrivedAt: number;
  cleared: boolean;
}

export interface ConsoleContext {
  session: Session;
  api: ConsoleApi;
  feed: HallFeed;
  setup: Setup;
  /** Alerts since login, newest first (managers). */
  alertLog: AlertEntry[];
}

export const Ctx = createContext<ConsoleContext | null>(null);

export function useConsole(): ConsoleContext {
  const c = useContext(Ctx);
  if (!c) throw new Error('console context missing');
  return c;
}

export const serviceOf = (setup: Setup, code: string) => setup.services.find((s) => s.code === code);
export const serviceName = (setup: Setup, code: string) => serviceOf(setup, code)?.name ?? code;

const lastUpdate = new WeakMap<HallFeed, { at: string; ms: number; seenAt: number }>();

/**
 * The hall's time now: the feed's clock (set at connect), moved forward by the hall time of the
 * latest update when that is ahead — a training hall's simulated clock may jump while connected.
 */
export function hallNow(feed: HallFeed): number {
  const at = feed.getState().view?.at;
  let seen = lastUpdate.get(feed);
  if (at && seen?.at !== at) {
    seen = { at, ms: Date.parse(at), seenAt: Date.now() };
    lastUpdate.set(feed, seen);
  }
  const fromUpdate = seen && Number.isFinite(seen.ms) ? seen.ms + (Date.now() - seen.seenAt) : 0;
  return Math.max(feed.serverNow(), fromUpdate);
}

/** The hall's time, re-read every second (the hall may run on a simulated clock). */
export function useHallNow(feed: HallFeed, everyMs = 1000): number {
  const [now, setNow] = useState(() => hallNow(feed));
  useEffect(() => {
    const t = setInterval(() => setNow(hallNow(feed)), everyMs);
    return () => clearInterval(t);
  }, [feed, everyMs]);
  return now;
}

/**
 * Data read over HTTP, read again whenever `key` changes (a hall event moved it), never on a
 * timer unless `refreshMs` is given for data no event announces.
 */
export function useLoad<T>(load: () => Promise<T>, key: unknown, refreshMs?: number): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyText = JSON.stringify(key);
  useEffect(() => {
    let live = true;
    loadRef.current().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [keyText, tick]);
  useEffect(() => {
    if (!refreshMs) return;
    const t = setInterval(() => setTick((n) => n + 1), refreshMs);
    return () => clearInterval(t);
  }, [refreshMs]);
  return { data, error, reload: () => setTick((n) => n + 1) };
}

/** A key that changes when a rating is recorded anywhere in the hall (the `rating` event). */
export const ratingKey = (view: HallView | null) => (view ? String(view.ratingSeq) : '');

export function Panel({ title, extra, children, className, testId }: { title: ReactNode; extra?: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId}>
      <header className="panel-head">
        <h2>{title}</h2>
        {extra}
      </header>
      {/* Focusable: a body that scrolls (a long list) must be scrollable from the keyboard too. */}
      <div className="panel-body" tabIndex={0}>
        {children}
      </div>
    </section>
  );
}

export function ErrorLine({ text, testId }: { text: string | null | undefined; testId?: string }) {
  if (!text) return null;
  return (
    <p className="error-line" role="alert" data-testid={testId}>
      {text}
    </p>
  );
}

/** A day, stepped with 前一天/后一天 (never before `min`); shown in Chinese whatever the browser's locale. */
export function DayPicker({ value, onChange, min, testId }: { value: string; onChange: (date: string) => void; min?: string; testId: string }) {
  return (
    <span className="day-picker">
      <button type="button" className="btn small" data-testid={`${testId}-prev`} disabled={min !== undefined && value <= min} onClick={() => onChange(addDays(value, -1))}>
        前一天
      </button>
      <b data-testid={testId}>
        {value.slice(0, 4)}年{dayText(value)}
      </b>
      <button type="button" className="btn small" data-testid={`${testId}-next`} onClick={() => onChange(addDays(value, 1))}>
        后一天
      </button>
    </span>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
