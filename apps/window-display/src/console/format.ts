/** Words and times as the console shows them (pure; the hall's clock is passed in). */
import type { WindowView } from '@hall/shared';

/** HH:MM of an ISO time with offset (the server sends hall time). */
export const hhmm = (iso: string | null | undefined): string => (iso ? iso.slice(11, 16) : '—');

/** Whole minutes from `iso` to `now` (never negative). */
export function minutesSince(iso: string | null | undefined, now: number): number {
  if (!iso) return 0;
  const at = Date.parse(iso);
  return Number.isFinite(at) ? Math.max(0, Math.floor((now - at) / 60_000)) : 0;
}

/** 3分钟, 1小时05分 */
export function minutesText(min: number): string {
  if (min < 60) return `${min}分钟`;
  return `${Math.floor(min / 60)}小时${String(min % 60).padStart(2, '0')}分`;
}

/** mm:ss, or h:mm:ss past an hour. */
export function clockText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${String(m).padStart(2, '0')}:${sec}`;
}

/**
 * How long the window's current ticket has been at the window (since it was called, as the
 * server's 限时办结 alert counts it), against the service's target.
 */
export function servingClock(current: WindowView['current'], targetMinutes: number | undefined, now: number): { ms: number; over: boolean; share: number } | null {
  if (!current) return null;
  const from = current.calledAt;
  if (!from) return null;
  const ms = Math.max(0, now - Date.parse(from));
  const target = (targetMinutes ?? 0) * 60_000;
  return { ms, over: target > 0 && ms > target, share: target > 0 ? Math.min(1, ms / target) : 0 };
}

export type WindowState = 'serving' | 'idle' | 'paused' | 'unstaffed' | 'closed';

export function windowState(w: WindowView): WindowState {
  if (w.status === 'closed') return 'closed';
  if (w.status === 'paused') return 'paused';
  if (w.status === 'unstaffed') return 'unstaffed';
  return w.current ? 'serving' : 'idle';
}

export const WINDOW_STATE_NAMES: Record<WindowState, string> = {
  serving: '办理中',
  idle: '空闲',
  paused: '暂停',
  unstaffed: '空岗',
  closed: '已下班',
};

/** 暂停（会议） — the state in words, with the pause reason. */
export function windowStateText(w: WindowView): string {
  const s = windowState(w);
  return s === 'paused' && w.pause ? `暂停（${w.pause.reason}）` : WINDOW_STATE_NAMES[s];
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
/** 11月24日（周二） */
export function dayText(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日（${WEEKDAYS[d.getUTCDay()]}）`;
}

/** YYYY-MM-DD of the hall's day at `now` (UTC+8 unless told). */
export function hallDate(now: number, offsetMinutes = 480): string {
  return new Date(now + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export const RATING_LEVEL_NAMES: Record<number, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
