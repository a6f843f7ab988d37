/**
 * The bookable slots of a service on a date: one working hour each by default [003 一(二)], cut
 * from the hall's opening periods on working days, plus the optional appointment-only sessions
 * (早晚弹性, 午间不间断, 周末) when the policy turns them on.
 */
import { HallError, formatHhmm, localToMs, parseHhmm, toIsoLocal, validDate, weekdayOf, type ServiceConfig } from '@hall/shared';
import type { Span } from '../hall-hours.js';
import { HOLDING_STATUSES, type Appointment, type AppointmentContext, type SessionKind } from './appointment-state.js';
import { dayText, offsetOf, todayOf } from './days.js';

export interface SlotDef {
  date: string;
  /** Minutes since local midnight, [startMin, endMin). */
  startMin: number;
  endMin: number;
  startMs: number;
  endMs: number;
  session: SessionKind;
  needsApproval: boolean;
  capacity: number;
}

/** A slot as the booking page sees it (GET /api/appointments/slots). */
export interface SlotView {
  start: string;
  end: string;
  capacity: number;
  remaining: number;
  session: SessionKind;
  /** A booking here waits for the window's approval (out-of-hours request). */
  needsApproval: boolean;
}

export function serviceOf(ctx: AppointmentContext, code: string): ServiceConfig {
  const s = ctx.config.services.find((x) => x.code === code);
  if (!s) throw new HallError('UNKNOWN_SERVICE', `没有编码为 ${code} 的业务`);
  return s;
}

/** The service, if the hall takes appointments for it. */
export function bookableService(ctx: AppointmentContext, code: string): ServiceConfig {
  const s = serviceOf(ctx, code);
  if (!ctx.policy.enabled) throw new HallError('VALIDATION_FAILED', '本大厅暂未开放预约服务');
  if (ctx.policy.services[s.code]?.bookable === false) throw new HallError('VALIDATION_FAILED', `“${s.name}”暂不提供预约，请到大厅取号办理`);
  return s;
}

/**
 * Every slot of the service on the date. Refuses, with the reason, a day that has none: a
 * statutory holiday, an ordinary weekend without 周末办, a day the hall closed, or a year the
 * holiday data does not cover.
 */
export function daySlots(ctx: AppointmentContext, service: ServiceConfig, date: string): SlotDef[] {
  if (!validDate(date)) throw new HallError('VALIDATION_FAILED', `日期应为 YYYY-MM-DD 格式的有效日期，收到“${date}”`);
  const today = todayOf(ctx);
  const kind = ctx.calendar.dayKind(date);
  const sessions = ctx.policy.sessions;
  const parts: { spans: Span[]; session: SessionKind }[] = [];
  if (kind === 'unknown') {
    throw new HallError('NOT_A_WORKING_DAY', `${date.slice(0, 4)}年的法定节假日安排尚未公布，无法确定${dayText(date, today)}是否上班，暂不接受该日预约`);
  }
  if (kind === 'working') {
    const p = ctx.hours.periods(date);
    if (p.length === 0) throw new HallError('NOT_A_WORKING_DAY', `${dayText(date, today)}大厅不对外办公`);
    parts.push({ spans: p, session: 'regular' });
    if (sessions.flexible.enabled) {
      const open = p[0]![0];
      const close = p[p.length - 1]![1];
      const early: Span = [Math.max(0, open - sessions.flexible.minutesBefore), open];
      const late: Span = [close, Math.min(24 * 60, close + sessions.flexible.minutesAfter)];
      parts.push({ spans: [early, late], session: 'flexible' });
    }
    if (sessions.lunch.enabled) {
      parts.push({ spans: p.slice(1).map(([a], i) => [p[i]![1], a] as const), session: 'lunch' });
    }
  } else {
    const wd = weekdayOf(date);
    const weekendDay = wd === 0 || wd === 6;
    if (ctx.calendar.isStatutoryHoliday(date)) {
      throw new HallError('NOT_A_WORKING_DAY', `${dayText(date, today)}是法定节假日，不办理预约`);
    }
    if (!weekendDay) throw new HallError('NOT_A_WORKING_DAY', `${dayText(date, today)}大厅不对外办公，不办理预约`);
    if (!sessions.weekend.enabled || !sessions.weekend.days.includes(wd as 0 | 6)) {
      throw new HallError('NOT_A_WORKING_DAY', `${dayText(date, today)}是休息日，不办理预约，请选择工作日`);
    }
    parts.push({ spans: sessions.weekend.periods.map(([a, b]) => [parseHhmm(a), parseHhmm(b)] as const), session: 'weekend' });
  }
  const out: SlotDef[] = [];
  const step = ctx.policy.slotMinutes;
  for (const { spans, session } of parts) {
    for (const [a, b] of spans) {
      for (let s = a; s < b; s += step) {
        const e = Math.min(s + step, b);
        out.push({
          date,
          startMin: s,
          endMin: e,
          startMs: localToMs(date, s, offsetOf(ctx)),
          endMs: localToMs(date, e, offsetOf(ctx)),
          session,
          needsApproval: session !== 'regular' && sessions[session].needsApproval,
          capacity: slotCapacity(ctx, service, session, s),
        });
      }
    }
  }
  return out.sort((x, y) => x.startMin - y.startMin);
}

function slotCapacity(ctx: AppointmentContext, service: ServiceConfig, session: SessionKind, startMin: number): number {
  const own = ctx.policy.services[service.code];
  const bySlot = own?.slotCapacity[formatHhmm(startMin)];
  if (bySlot !== undefined) return bySlot;
  const bySession = session === 'regular' ? null : ctx.policy.sessions[session].capacity;
  return bySession ?? own?.capacity ?? ctx.policy.defaultCapacity;
}

/** Places taken in a slot of a service. */
export function taken(all: Iterable<Appointment>, serviceCode: string, start: string): number {
  let n = 0;
  for (const a of all) if (a.serviceCode === serviceCode && a.start === start && HOLDING_STATUSES.has(a.status)) n++;
  return n;
}

/** `inSlot(start)`: the appointments of the service's slot starting then (others are ignored). */
export function slotView(ctx: AppointmentContext, s: SlotDef, inSlot: (start: string) => Iterable<Appointment>, serviceCode: string): SlotView {
  const start = toIsoLocal(s.startMs, offsetOf(ctx));
  return {
    start,
    end: toIsoLocal(s.endMs, offsetOf(ctx)),
    capacity: s.capacity,
    remaining: Math.max(0, s.capacity - taken(inSlot(start), serviceCode, start)),
    session: s.session,
    needsApproval: s.needsApproval,
  };
}

/** "11月24日（周二）09:00–10:00". */
export function slotText(ctx: AppointmentContext, a: { date: string; startMin: number; endMin: number }): string {
  return `${dayText(a.date, todayOf(ctx))}${formatHhmm(a.startMin)}–${formatHhmm(a.endMin)}`;
}
