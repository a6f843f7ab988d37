/**
 * 大厅实况 for the hall manager: every window (办理中/空闲/暂停(原因)/空岗/已下班, current ticket
 * and its time against the 限时办结 target — red when over, who holds the A and B posts, 预约办理),
 * the queue of each service with its longest wait, alerts as they arrive, today's appointments in
 * figures and today's 好差评 by window. Windows and alerts come from the hall feed; the queue and
 * ratings are re-read when an event moves them; appointments (no event announces a booking) every 30 s.
 */
import type { RatingStatsRow, WindowView } from '@hall/shared';
import type { HallView } from '../realtime/index.js';
import { Empty, ErrorLine, Panel, ratingKey, serviceName, serviceOf, useConsole, useHallNow, useLoad, type AlertEntry, type WindowInfo } from './common.js';
import { clockText, hhmm, minutesSince, minutesText, servingClock, WINDOW_STATE_NAMES, windowState, windowStateText } from './format.js';

export interface QueueStat {
  serviceCode: string;
  serviceName: string;
  waiting: number;
  oldestIssuedAt: string | null;
  longestWaitMinutes: number;
  openWindows: number;
}
export interface AppointmentSummary {
  date: string;
  total: number;
  counts: Record<string, number>;
  statusNames: Record<string, string>;
  services: { serviceCode: string; serviceName: string; total: number; counts: Record<string, number> }[];
}

const ALERT_KIND_NAMES: Record<string, string> = {
  unstaffed: '空岗',
  overdue: '超时办理',
  'pause-too-long': '暂停过久',
  'queue-long': '排队过长',
  printer: '打印机',
  'device-offline': '设备离线',
  'rating-case-overdue': '差评超期',
  'home-visit-overdue': '上门答复超时',
  'complaint-overdue': '投诉反馈超期',
  'overtime-limit': '延时超限',
  'appointment-unstaffed': '预约无人在岗',
  'approval-overdue': '预约待答复超时',
  'calendar-uncovered': '节假日数据',
};

export function ManagerLive({ view }: { view: HallView }) {
  const { api, setup, feed, alertLog } = useConsole();
  const now = useHallNow(feed);
  const queueKey = [view.services.map((s) => s.waiting), view.windows.map((w) => `${w.status}${w.onDuty.length}`)];
  const queues = useLoad(() => api.get<QueueStat[]>('/api/console/queues'), queueKey);
  const ratings = useLoad(() => api.get<RatingStatsRow[]>('/api/stats/ratings?by=window'), [ratingKey(view), Object.values(view.finished).map((t) => t.id)]);
  const appointments = useLoad(() => api.get<AppointmentSummary>('/api/console/appointments/summary'), null, 30_000);

  const states = view.windows.map(windowState);
  const staffed = view.windows.filter((w) => w.onDuty.length > 0).length;
  const waiting = view.services.reduce((n, s) => n + s.waiting, 0);
  const rated = ratings.data?.reduce((n, r) => n + r.rated, 0) ?? 0;
  const bad = ratings.data?.reduce((n, r) => n + r.bad, 0) ?? 0;
  const a = appointments.data;

  return (
    <div className="live" data-testid="manager-live">
      <div className="kpis" data-testid="kpis">
        <Kpi label="在岗窗口" value={`${staffed}/${view.windows.length}`} />
        <Kpi label="办理中" value={states.filter((s) => s === 'serving').length} />
        <Kpi label="暂停" value={states.filter((s) => s === 'paused').length} warn={states.includes('paused')} />
        <Kpi label="空岗" value={states.filter((s) => s === 'unstaffed').length} alarm={states.includes('unstaffed')} />
        <Kpi label="等候人数" value={waiting} />
        <Kpi label="当前告警" value={view.alerts.length} alarm={view.alerts.length > 0} testId="kpi-alerts" />
        <Kpi label="今日预约" value={a ? `${a.total}` : '—'} sub={a ? `签到${a.counts['checked-in'] ?? 0}·爽约${a.counts['no-show'] ?? 0}` : ''} testId="kpi-appointments" />
        <Kpi label="今日评价" value={rated} sub={`差评 ${bad}`} alarm={bad > 0} testId="kpi-ratings" />
      </div>

      <Panel title="窗口实况" className="wmap-panel" testId="window-map" extra={<small className="legend">岗位人员绿色为在岗、灰色为未在岗；计时自呼叫起，超过限时办结目标显示为红色</small>}>
        <div className="wmap">
          {view.windows.map((w) => (
            <WindowTile key={w.id} w={w} info={setup.windows.find((x) => x.id === w.id)} now={now} />
          ))}
        </div>
      </Panel>

      <Panel title={`告警（当前 ${view.alerts.length} 条）`} className="alerts-panel" testId="alerts">
        {alertLog.length === 0 ? <Empty>目前没有告警</Empty> : <AlertList entries={alertLog} />}
      </Panel>

      <Panel title="各业务排队" className="queues-panel" testId="queues">
        <ErrorLine text={queues.error} />
        {queues.data && (
          <table className="grid">
            <thead>
              <tr>
                <th>业务</th>
                <th>等候</th>
                <th>最长等候</th>
                <th>开放窗口</th>
              </tr>
            </thead>
            <tbody>
              {queues.data.map((q) => {
                const longest = q.oldestIssuedAt ? minutesSince(q.oldestIssuedAt, now) : 0;
                const target = serviceOf(setup, q.serviceCode)?.targetMinutes ?? 15;
                return (
                  <tr key={q.serviceCode} data-testid={`queue-${q.serviceCode}`}>
                    <td>{q.serviceName}</td>
                    <td className="num">{q.waiting}</td>
                    <td className={longest > 2 * target ? 'hot' : ''}>{q.waiting > 0 ? minutesText(longest) : '—'}</td>
                    <td className={q.waiting > 0 && q.openWindows === 0 ? 'hot' : ''}>{q.openWindows}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Panel>

      <Panel title="今日好差评（按窗口）" className="ratings-panel" testId="ratings-summary" extra={<small>评价 {rated} 次 · 差评 {bad} 次</small>}>
        <ErrorLine text={ratings.error} />
        {ratings.data && ratings.data.length === 0 && <Empty>今日尚无办结和评价</Empty>}
        {ratings.data && ratings.data.length > 0 && (
          <table className="grid">
            <thead>
              <tr>
                <th>窗口</th>
                <th>办结</th>
                <th>已评价</th>
                <th>满意</th>
                <th>差评</th>
                <th>未评价</th>
                <th>平均分</th>
              </tr>
            </thead>
            <tbody>
              {ratings.data.map((r) => (
                <tr key={r.key} data-testid={`rating-row-${r.key}`}>
                  <td>{r.name}</td>
                  <td className="num">{r.served}</td>
                  <td className="num" data-testid={`rated-${r.key}`}>
                    {r.rated}
                  </td>
                  <td className="num">{r.counts[5] + r.counts[4]}</td>
                  <td className={r.bad > 0 ? 'num hot' : 'num'} data-testid={`bad-${r.key}`}>
                    {r.bad}
                  </td>
                  <td className="num">{r.notRated}</td>
                  <td className="num">{r.averageScore ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}

function Kpi({ label, value, sub, warn, alarm, testId }: { label: string; value: string | number; sub?: string; warn?: boolean; alarm?: boolean; testId?: string }) {
  return (
    <div className={`kpi${alarm ? ' alarm' : warn ? ' warn' : ''}`} data-testid={testId}>
      <span>{label}</span>
      <b>{value}</b>
      {sub ? <small>{sub}</small> : null}
    </div>
  );
}

function WindowTile({ w, info, now }: { w: WindowView; info: WindowInfo | undefined; now: number }) {
  const { setup } = useConsole();
  const cur = w.current;
  const target = cur ? serviceOf(setup, cur.serviceCode)?.targetMinutes : undefined;
  const clock = servingClock(cur, target, now);
  const s = windowState(w);
  return (
    <div className={`tile tile-${s}${clock?.over ? ' over' : ''}`} data-testid={`tile-${w.id}`}>
      <div className="tile-head">
        <b>{w.no}</b>
        <span className="tile-name" title={w.name}>
          {w.name}
        </span>
        <span className={`state state-${s}`} data-testid={`state-${w.id}`} title={windowStateText(w)}>
          {WINDOW_STATE_NAMES[s]}
        </span>
      </div>
      <div className="tile-ticket">
        {cur ? (
          <>
            <b className="num" data-testid={`tile-ticket-${w.id}`}>
              {cur.number}
            </b>
            <span>{serviceName(setup, cur.serviceCode)}</span>
          </>
        ) : (
          <span className="muted">{s === 'paused' && w.pause ? `${hhmm(w.pause.since)} 起暂停：${w.pause.reason}` : '无号码'}</span>
        )}
      </div>
      {clock && (
        <div className="tile-time">
          <span className={clock.over ? 'tile-clock over' : 'tile-clock'} data-testid={`tile-clock-${w.id}`}>
            {clockText(clock.ms)} / 限时{target}分
          </span>
          <div className="bar">
            <i style={{ width: `${Math.round(clock.share * 100)}%` }} />
          </div>
        </div>
      )}
      <div className="tile-posts">
        {(['A', 'B'] as const).map((p) => {
          const on = w.onDuty.find((d) => d.post === p);
          const planned = info?.posts[p];
          return (
            <span key={p} className={on ? 'on' : ''} title={on ? `${p}岗 ${on.name} 在岗` : `${p}岗 ${planned?.name ?? '未设'} 未在岗`}>
              {p} {on ? on.name : (planned?.name ?? '—')}
            </span>
          );
        })}
        {(w.mode === 'appointment' || w.appointmentOnly) && <span className="tag appt">{w.appointmentOnly ? '预约专窗' : '预约办理'}</span>}
      </div>
    </div>
  );
}

/** Alerts in force first, newest first; then the cleared ones, kept for the record. */
export function AlertList({ entries }: { entries: AlertEntry[] }) {
  const sorted = [...entries].sort((x, y) => Number(x.cleared) - Number(y.cleared) || y.arrivedAt - x.arrivedAt);
  return (
    <ul className="alert-list">
      {sorted.map((e) => (
        <li key={`${e.alert.key}@${e.arrivedAt}`} className={e.cleared ? 'cleared' : e.alert.severity === 'warning' ? 'warning' : 'raised'} data-testid={`alert-${e.alert.kind}`}>
          <span className="alert-kind">{ALERT_KIND_NAMES[e.alert.kind] ?? '告警'}</span>
          <span className="alert-msg">{e.alert.message}</span>
          <span className="alert-time">
            {hhmm(e.alert.since)}
            {e.cleared ? ' · 已解除' : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
