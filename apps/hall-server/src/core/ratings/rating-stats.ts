/**
 * 好差评 statistics per staff member, window or department (HALL-RULES §4): counts per level,
 * the score sum and average (10/8/6/0/−5 by default), and how many finished episodes went
 * unrated — so a window whose pad is never answered stands out instead of looking perfect.
 */
import type { HallConfig, Rating, RatingStatsRow } from '@hall/shared';

export type RatingStatsBy = 'staff' | 'window' | 'department';

/** A finished service episode, the denominator. */
export interface Episode {
  ticketId: string;
  windowId: string;
  staffNo: string | null;
  department: string;
}

export function ratingStats(ratings: readonly Rating[], episodes: readonly Episode[], by: RatingStatsBy, config: HallConfig): RatingStatsRow[] {
  const keyOf = (x: { windowId: string; staffNo: string | null; department: string }) => (by === 'staff' ? (x.staffNo ?? '') : by === 'window' ? x.windowId : x.department);
  const rows = new Map<string, RatingStatsRow>();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) {
      r = { key, name: nameOf(by, key, config), served: 0, rated: 0, notRated: 0, counts: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, bad: 0, score: 0, averageScore: null };
      rows.set(key, r);
    }
    return r;
  };
  const rated = new Set<string>();
  for (const x of ratings) {
    if (x.level === null) continue;
    rated.add(x.ticketId);
    const r = row(keyOf(x));
    r.rated++;
    r.counts[x.level]++;
    if (x.level <= 2) r.bad++;
    r.score += x.score ?? 0;
  }
  for (const e of episodes) {
    const r = row(keyOf(e));
    r.served++;
    if (!rated.has(e.ticketId)) r.notRated++;
  }
  for (const r of rows.values()) r.averageScore = r.rated > 0 ? Math.round((r.score / r.rated) * 100) / 100 : null;
  return [...rows.values()].sort((a, b) => (b.averageScore ?? -Infinity) - (a.averageScore ?? -Infinity) || b.rated - a.rated || a.key.localeCompare(b.key));
}

function nameOf(by: RatingStatsBy, key: string, config: HallConfig): string {
  if (by === 'staff') {
    const s = config.staff.find((x) => x.employeeNo === key);
    return s ? `${s.name}（${key}）` : key || '未登记工号';
  }
  if (by === 'window') {
    const w = config.windows.find((x) => x.id === key);
    return w ? `${w.no}号窗口 ${w.name}` : key;
  }
  return config.departments.find((d) => d.code === key)?.name ?? key;
}
