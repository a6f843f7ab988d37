/**
 * 延时服务与设备 for the hall manager: the day's 延时服务 records (services that ran past closing,
 * written by the server at 办结 — re-read when a ticket is finished) and the devices' state
 * (取号机 printers, window screens, hall screen — re-read when a device alert moves, and every 30 s
 * for the "last seen" times).
 */
import type { DeviceStatusView, OvertimeRecord } from '@hall/shared';
import { useState } from 'react';
import type { HallView } from '../realtime/index.js';
import { DayPicker, Empty, ErrorLine, Panel, serviceName, useConsole, useHallNow, useLoad } from './common.js';
import { hallDate, hhmm } from './format.js';

const DEVICE_ROLES: Record<string, string> = { kiosk: '取号机', 'window-display': '窗口屏', 'hall-screen': '综合屏' };

export function ManagerRecords({ view }: { view: HallView }) {
  const { api, setup, feed } = useConsole();
  const now = useHallNow(feed, 60_000);
  const [date, setDate] = useState(() => hallDate(now));
  const overtime = useLoad(() => api.get<OvertimeRecord[]>(`/api/overtime?date=${date}`), [date, Object.values(view.finished).map((t) => t.id)]);
  const deviceAlerts = view.alerts.filter((a) => a.kind === 'printer' || a.kind === 'device-offline').map((a) => a.key);
  const devices = useLoad(() => api.get<DeviceStatusView[]>('/api/devices/status'), deviceAlerts, 30_000);
  const windowNo = (id: string | null) => (id ? (setup.windows.find((w) => w.id === id)?.no ?? id) : '');
  const staffName = (no: string | null) => {
    if (!no) return '—';
    for (const w of setup.windows) for (const p of [w.posts.A, w.posts.B]) if (p?.employeeNo === no) return `${p.name ?? ''}（${no}）`;
    return no;
  };

  return (
    <div className="records" data-testid="manager-records">
      <Panel
        title="延时服务登记表"
        className="overtime-panel"
        testId="overtime"
        extra={
          <DayPicker value={date} onChange={setDate} testId="overtime-date" />
        }
      >
        <ErrorLine text={overtime.error} />
        <p className="muted">下班后仍在办理、按“今日事今日毕”延时服务的记录，由系统在办结时自动登记；超过延时服务上限（管理 → 办公时间）的标明超出多少分钟。</p>
        {overtime.data?.length === 0 && <Empty>该日没有延时服务记录</Empty>}
        {overtime.data && overtime.data.length > 0 && (
          <table className="grid">
            <thead>
              <tr>
                <th>窗口</th>
                <th>工作人员</th>
                <th>号码</th>
                <th>业务</th>
                <th>下班时间</th>
                <th>办结时间</th>
                <th>延时</th>
                <th>超出上限</th>
              </tr>
            </thead>
            <tbody>
              {overtime.data.map((r) => (
                <tr key={r.id} data-testid={`overtime-${r.ticketNumber}`}>
                  <td>{windowNo(r.windowId)}号窗口</td>
                  <td>{staffName(r.staffNo)}</td>
                  <td className="num">{r.ticketNumber}</td>
                  <td>{serviceName(setup, r.serviceCode)}</td>
                  <td>{hhmm(r.closingAt)}</td>
                  <td>{hhmm(r.finishedAt)}</td>
                  <td className="num">{r.minutesPastClosing} 分钟</td>
                  <td className={r.minutesOverLimit ? 'num over-limit' : 'num'} data-testid={`overtime-${r.ticketNumber}-over`}>
                    {r.minutesOverLimit ? `超出 ${r.minutesOverLimit} 分钟` : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel title="设备状态" className="devices-panel" testId="devices">
        <ErrorLine text={devices.error} />
        {devices.data?.length === 0 && <Empty>没有登记的设备</Empty>}
        {devices.data && devices.data.length > 0 && (
          <table className="grid">
            <thead>
              <tr>
                <th>设备</th>
                <th>类型</th>
                <th>窗口</th>
                <th>状态</th>
                <th>最后联络</th>
              </tr>
            </thead>
            <tbody>
              {devices.data.map((d) => (
                <tr key={d.id} className={d.ok ? '' : 'bad-row'} data-testid={`device-${d.id}`}>
                  <td>{d.name}</td>
                  <td>{DEVICE_ROLES[d.role] ?? d.role}</td>
                  <td>{d.windowId ? `${windowNo(d.windowId)}号` : '—'}</td>
                  <td className={d.ok ? '' : 'hot'}>{d.summary}</td>
                  <td>{d.lastSeenAt ? hhmm(d.lastSeenAt) : '未联络'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}
