/**
 * What the hall manager must see at once: 空岗, 限时办结 overruns (not for 特事特办), a pause past the AB岗 limit,
 * a queue over its threshold, 延时服务 past its limit (overtime.ts); and, from the calendar, days ahead
 * the holiday data does not cover. Computed from the state and the time; the server diffs
 * successive answers and pushes what appeared or cleared.
 */
import { localDate, toIsoLocal, type Alert, type HallConfig } from '@hall/shared';
import { calendarGap, type WorkingCalendar } from './calendar.js';
import type { HallHours } from './hall-hours.js';
import type { HallState } from './hall-state.js';
import { overtimeLimitAlerts } from './overtime.js';
import { waitingCounts, windowStatus } from './views.js';

export function computeAlerts(state: HallState, config: HallConfig, hours: HallHours, now: number): Alert[] {
  const alerts: Alert[] = [];
  const iso = (ms: number) => toIsoLocal(ms, config.hall.utcOffsetMinutes);
  for (const cfg of config.windows) {
    const w = state.windows.get(cfg.id);
    if (!w) continue;
    const status = windowStatus(w, hours, now);
    if (status === 'unstaffed') {
      alerts.push({ key: `unstaffed:${cfg.id}`, kind: 'unstaffed', windowId: cfg.id, since: iso(now), message: `${cfg.no}号窗口（${cfg.name}）空岗：开放时间内无人在岗` });
    }
    if (w.pause && now - w.pause.sinceMs > config.queue.pauseLimitMinutes * 60_000) {
      alerts.push({
        key: `pause:${cfg.id}:${w.pause.since}`,
        kind: 'pause-too-long',
        windowId: cfg.id,
        since: w.pause.since,
        message: `${cfg.no}号窗口暂停（${w.pause.reason}）已超过${config.queue.pauseLimitMinutes}分钟，请安排B岗顶岗`,
      });
    }
    const cur = w.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
    // 特事特办 (`urgent`) is outside the promised time limits [001 第五章 二(一)]: no 限时办结 alert.
    if (cur && (cur.status === 'called' || cur.status === 'serving') && cur.calledAt && cur.priority !== 'urgent') {
      const service = config.services.find((s) => s.code === cur.serviceCode);
      const target = service?.targetMinutes ?? 15;
      const began = Date.parse(cur.calledAt);
      if (now - began > target * 60_000) {
        alerts.push({
          key: `overdue:${cur.id}`,
          kind: 'overdue',
          windowId: cfg.id,
          ticketId: cur.id,
          since: iso(began + target * 60_000),
          message: `${cfg.no}号窗口 ${cur.number}（${service?.name ?? cur.serviceCode}）已办理${Math.floor((now - began) / 60_000)}分钟，超过限时办结${target}分钟`,
        });
      }
    }
  }
  alerts.push(...overtimeLimitAlerts(state, config, hours, now));
  const threshold = config.queue.queueAlertThreshold;
  for (const [code, n] of waitingCounts(state)) {
    if (n > threshold) {
      const s = config.services.find((x) => x.code === code);
      alerts.push({ key: `queue:${code}`, kind: 'queue-long', serviceCode: code, since: iso(now), message: `“${s?.name ?? code}”等候${n}人，超过${threshold}人` });
    }
  }
  return alerts;
}

/**
 * The calendar guard [HALL-RULES §1]: within `calendar.guardDays` from today there are days the
 * holiday data (`chinese-days`) does not cover and the hall has not entered — /book refuses them
 * and the queue assumes Monday–Friday. One alert per first uncovered year, for managers and the
 * admin, saying what to do; null when every day ahead is known.
 */
export function calendarAlert(calendar: WorkingCalendar, config: HallConfig, now: number): Alert | null {
  const offset = config.hall.utcOffsetMinutes;
  const days = config.calendar.guardDays;
  const gap = calendarGap(calendar, localDate(now, offset), days);
  if (!gap) return null;
  const year = gap.years[0]!;
  const [, m, d] = gap.firstDate.split('-').map(Number);
  const last = calendar.lastDataYear();
  const data = last === null ? '' : `（服务器的节假日数据只到${last}年）`;
  const years = gap.years.map((y) => `${y}年`).join('、');
  return {
    key: `calendar-uncovered:${year}`,
    kind: 'calendar-uncovered',
    since: toIsoLocal(now, offset),
    message:
      `${year}年的法定节假日和调休安排尚未录入${data}：${year}年${m}月${d}日起今后${days}天内有${gap.days}天无法确定是否上班，` +
      `预约页面不接受这些日期的预约，取号按周一至周五上班处理。` +
      `请在 管理 → 节假日调整 中录入${years}的节假日和调休，并在“已全部录入节假日和调休的年份”中填写该年；或升级服务器的节假日数据（chinese-days）后重启。`,
  };
}
