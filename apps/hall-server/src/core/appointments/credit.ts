/**
 * 预约信用: no-shows and the bans they lead to. Two policies, each on or off in the config:
 *  - monthly [003 四(四)]: N no-shows in a calendar month → no booking until the month ends;
 *    the count starts again next month.
 *  - yearly [000 第六条, 004 第十条]: N no-shows within M months → 失约名单, no booking for
 *    K months, then removed automatically.
 * A ban "uses up" the no-shows it was based on (also when it expires or a manager lifts it), so
 * they never count toward a second ban of the same policy: the record starts clean.
 */
import { HallError, localParts, localToMs, parseInstant, toIsoLocal } from '@hall/shared';
import type { AppointmentDraft } from './appointment-draft.js';
import type { AppointmentContext, Ban, BanPolicy, NoShowRecord } from './appointment-state.js';
import { addMonths, dayText, firstOfNextMonth, offsetOf, todayOf } from './days.js';
import { banNotice } from './notices.js';

/** Bans in force for an ID now (not lifted, not yet expired), the longest first. */
export function activeBansIn(bans: Iterable<Ban>, ctx: AppointmentContext, idNumber: string): Ban[] {
  const out: Ban[] = [];
  for (const b of bans) if (b.idNumber === idNumber && b.lifted === null && ctx.now < parseInstant(b.until)) out.push(b);
  return out.sort((x, y) => parseInstant(y.until) - parseInstant(x.until));
}

/** What the citizen is told: why, and from when they may book again. */
export function banText(ctx: AppointmentContext, b: Ban): string {
  const until = localParts(parseInstant(b.until), offsetOf(ctx)).date;
  const again = `${dayText(until, todayOf(ctx))}起可重新预约`;
  if (b.policy === 'monthly') {
    const month = Number(b.from.slice(5, 7));
    return `您${month}月已爽约${b.noShowIds.length}次，本月内不能再预约，${again}`;
  }
  const months = ctx.policy.credit.yearly.withinMonths;
  return `您${months}个月内已爽约${b.noShowIds.length}次，已列入失约名单，${ctx.policy.credit.yearly.banMonths}个月内不能预约，${again}`;
}

export function assertNotBanned(d: AppointmentDraft, idNumber: string): void {
  const ban = activeBansIn(d.allBans(), d.ctx, idNumber)[0];
  if (ban) throw new HallError('BOOKING_BANNED', banText(d.ctx, ban), { until: ban.until, policy: ban.policy });
}

function usedUp(d: AppointmentDraft, idNumber: string, policy: BanPolicy): Set<string> {
  const used = new Set<string>();
  for (const b of d.allBans()) if (b.idNumber === idNumber && b.policy === policy) for (const id of b.noShowIds) used.add(id);
  return used;
}

/** No-shows of the ID that still count toward a ban of `policy`, for the window ending at `record`. */
function counting(d: AppointmentDraft, record: NoShowRecord, policy: BanPolicy): NoShowRecord[] {
  const used = usedUp(d, record.idNumber, policy);
  const mine = [...d.allNoShows()].filter((r) => r.idNumber === record.idNumber && !used.has(r.id));
  if (policy === 'monthly') return mine.filter((r) => r.date.slice(0, 7) === record.date.slice(0, 7));
  const from = addMonths(record.date, -d.ctx.policy.credit.yearly.withinMonths);
  return mine.filter((r) => r.date > from && r.date <= record.date);
}

/** A sentence for the no-show message: where the citizen now stands. */
export function creditNote(d: AppointmentDraft, record: NoShowRecord): string {
  const c = d.ctx.policy.credit;
  if (c.monthly.enabled) {
    const n = counting(d, record, 'monthly').length;
    return `（${Number(record.date.slice(5, 7))}月第${n}次；当月满${c.monthly.noShows}次将暂停当月预约）`;
  }
  if (c.yearly.enabled) {
    const n = counting(d, record, 'yearly').length;
    return `（${c.yearly.withinMonths}个月内第${n}次；满${c.yearly.noShows}次将列入失约名单，${c.yearly.banMonths}个月内不能预约）`;
  }
  return '';
}

/** After a no-show is recorded: the bans it triggers (already staged, with their notices). */
export function banIfDue(d: AppointmentDraft, record: NoShowRecord, phone: string): Ban[] {
  const c = d.ctx.policy.credit;
  const offset = offsetOf(d.ctx);
  const out: Ban[] = [];
  const consider = (policy: BanPolicy, threshold: number, untilDate: string) => {
    const list = counting(d, record, policy);
    if (list.length < threshold) return;
    const untilMs = localToMs(untilDate, 0, offset);
    // A no-show found only after its month ended (the server was down) bans nobody.
    if (untilMs <= d.ctx.now) return;
    const ban: Ban = {
      id: d.ctx.newId(),
      idNumber: record.idNumber,
      policy,
      noShowIds: list.map((r) => r.id),
      from: d.nowIso,
      until: toIsoLocal(untilMs, offset),
      phone,
      lifted: null,
    };
    d.putBan(ban);
    d.notify(banNotice(d.ctx, ban, banText(d.ctx, ban)));
    out.push(ban);
  };
  if (c.monthly.enabled) consider('monthly', c.monthly.noShows, firstOfNextMonth(record.date));
  if (c.yearly.enabled) consider('yearly', c.yearly.noShows, addMonths(todayOf(d.ctx), c.yearly.banMonths));
  return out;
}
