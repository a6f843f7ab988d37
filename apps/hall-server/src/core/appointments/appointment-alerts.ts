/**
 * What the hall manager must see about out-of-hours appointments [HALL-RULES §3]:
 * - a booked slot of an optional session (早晚弹性办, 午间不间断办, 周末办) starting within
 *   `staffArrivalMinutesBefore` (15 min [000 预约服务制度 第五条(四)]) while no window that serves
 *   its service has anyone signed in — 空岗 alerts only cover regular opening hours; it clears
 *   when someone signs in or the slot is over;
 * - an out-of-hours request still waiting for the window's answer past its reply deadline
 *   (1 h [002 第五条]); it clears when approved or refused (or lapses at the slot's start).
 * Pure: the appointments, the queue's windows and `ctx.now`; the server diffs successive answers.
 */
import { parseInstant, toIsoLocal, type Alert } from '@hall/shared';
import type { HallState } from '../hall-state.js';
import { pendingApprovals } from './appointment-engine.js';
import { SESSION_NAMES, type Appointment, type AppointmentContext, type AppointmentState } from './appointment-state.js';
import { instantText, offsetOf } from './days.js';
import { appointmentSlotText } from './notices.js';

/** Statuses of a booking someone will come for (or has come for). */
const EXPECTED = new Set<Appointment['status']>(['booked', 'checked-in']);

export function appointmentAlerts(state: AppointmentState, hall: HallState, ctx: AppointmentContext): Alert[] {
  return [...unstaffedSlotAlerts(state, hall, ctx), ...overdueApprovalAlerts(state, ctx)];
}

export function unstaffedSlotAlerts(state: AppointmentState, hall: HallState, ctx: AppointmentContext): Alert[] {
  const lead = ctx.policy.staffArrivalMinutesBefore * 60_000;
  const slots = new Map<string, Appointment[]>();
  for (const a of state.appointments.values()) {
    if (a.session === 'regular' || !EXPECTED.has(a.status)) continue;
    const start = parseInstant(a.start);
    if (ctx.now < start - lead || ctx.now >= parseInstant(a.end)) continue;
    const key = `${a.serviceCode} ${a.start}`;
    slots.set(key, [...(slots.get(key) ?? []), a]);
  }
  const alerts: Alert[] = [];
  for (const list of slots.values()) {
    const a = list[0]!;
    const windows = ctx.config.windows.filter((w) => w.services.includes(a.serviceCode));
    if (windows.some((w) => (hall.windows.get(w.id)?.onDuty.length ?? 0) > 0)) continue;
    const service = ctx.config.services.find((s) => s.code === a.serviceCode)?.name ?? a.serviceCode;
    const where = windows.length > 0 ? `办理该业务的窗口（${windows.map((w) => `${w.no}号`).join('、')}）` : '没有窗口办理该业务，';
    alerts.push({
      key: `appointment-unstaffed:${a.serviceCode}:${a.start}`,
      kind: 'appointment-unstaffed',
      serviceCode: a.serviceCode,
      since: toIsoLocal(parseInstant(a.start) - lead, offsetOf(ctx)),
      message:
        `${SESSION_NAMES[a.session]}：“${service}”${appointmentSlotText(ctx, a)}有${list.length}人预约，${where}无人在岗；` +
        `工作人员须在预约时段开始前${ctx.policy.staffArrivalMinutesBefore}分钟到岗，请立即安排`,
    });
  }
  return alerts;
}

export function overdueApprovalAlerts(state: AppointmentState, ctx: AppointmentContext): Alert[] {
  return pendingApprovals(state, ctx)
    .filter((p) => p.overdue)
    .map(({ appointment: a, replyBy }) => {
      const service = ctx.config.services.find((s) => s.code === a.serviceCode)?.name ?? a.serviceCode;
      return {
        key: `approval-overdue:${a.id}`,
        kind: 'approval-overdue' as const,
        serviceCode: a.serviceCode,
        since: replyBy,
        message:
          `非工作时间预约申请超过${ctx.policy.approval.replyWithinMinutes}分钟未答复：“${service}”${appointmentSlotText(ctx, a)}（${SESSION_NAMES[a.session]}），` +
          `预约码${a.code}，${instantText(parseInstant(a.createdAt), ctx)}提交；请在 预约与信用 中确认或拒绝（拒绝须说明理由）`,
      };
    });
}
