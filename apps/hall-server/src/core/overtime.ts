/**
 * 延时服务 past its limit [HALL-RULES §1; 002 第三条: 延时服务 normally within 1 h of closing]:
 * a window still serving after closing + `hours.overtimeLimitMinutes` raises an alert naming the
 * window, the staff and how long past closing; a 延时服务 record past the limit says by how much.
 * Pure: from the state, the config, the hours and the time.
 */
import { toIsoLocal, type Alert, type HallConfig, type OvertimeRecord } from '@hall/shared';
import type { HallHours } from './hall-hours.js';
import type { HallState } from './hall-state.js';

/** One alert per window still serving past closing + the limit. */
export function overtimeLimitAlerts(state: HallState, config: HallConfig, hours: HallHours, now: number): Alert[] {
  const limit = config.hours.overtimeLimitMinutes;
  const alerts: Alert[] = [];
  for (const cfg of config.windows) {
    const w = state.windows.get(cfg.id);
    const t = w?.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
    if (!w || !t || (t.status !== 'called' && t.status !== 'serving')) continue;
    const closing = hours.closingAt(t.businessDate);
    if (closing === null || now <= closing + limit * 60_000) continue;
    const who = w.onDuty.length > 0 ? w.onDuty.map((p) => `${p.name}（${p.employeeNo}）`).join('、') : staffText(config, t.staffNo);
    const service = config.services.find((s) => s.code === t.serviceCode)?.name ?? t.serviceCode;
    const past = Math.floor((now - closing) / 60_000);
    alerts.push({
      key: `overtime-limit:${cfg.id}:${t.id}`,
      kind: 'overtime-limit',
      windowId: cfg.id,
      ticketId: t.id,
      since: toIsoLocal(closing + limit * 60_000, config.hall.utcOffsetMinutes),
      message: `${cfg.no}号窗口（${cfg.name}）${who}仍在办理 ${t.number}（${service}），已超过下班时间${past}分钟，超出延时服务上限${limit}分钟，请了解情况、安排处理`,
    });
  }
  return alerts;
}

function staffText(config: HallConfig, staffNo: string | null): string {
  if (!staffNo) return '';
  const name = config.staff.find((s) => s.employeeNo === staffNo)?.name;
  return name ? `${name}（${staffNo}）` : `工号${staffNo}`;
}

/** Minutes of a 延时服务 record beyond the limit (0 within it). */
export function minutesOverLimit(record: Pick<OvertimeRecord, 'minutesPastClosing'>, limitMinutes: number): number {
  return Math.max(0, record.minutesPastClosing - limitMinutes);
}

/** The records as `GET /api/overtime` and 《延时服务登记表》 give them: each with `minutesOverLimit` against the limit in force. */
export function markOverLimit(records: readonly OvertimeRecord[], config: HallConfig): OvertimeRecord[] {
  return records.map((r) => ({ ...r, minutesOverLimit: minutesOverLimit(r, config.hours.overtimeLimitMinutes) }));
}
