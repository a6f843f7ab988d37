/**
 * 好差评 for the hall manager (issue #6 item 3): the ratings list (every filter, the rater's ID
 * number and phone masked — this page is the managers' only), 差评处理 (cases with their deadline
 * and actions), 申诉复核, and 统计与评选 (weekly/monthly/quarterly scores, 服务之星, 红旗窗口).
 * Lists are re-read when a rating is recorded anywhere in the hall (the `rating` event).
 */
import { useState } from 'react';
import type { HallView } from '../realtime/index.js';
import { Empty, ErrorLine, Panel, ratingKey, useConsole, useHallNow, useLoad } from './common.js';
import { hallDate } from './format.js';
import { RatingAppeals } from './RatingAppeals.js';
import { RatingAwards } from './RatingAwards.js';
import { RatingCases } from './RatingCases.js';
import { LEVEL_CLASS, whenText, type AppealRow, type CaseRow, type ManagerRatingRow, type RatingsTab } from './rating-types.js';
import { navigate } from './routes.js';
import { PeriodPicker, type Period } from './rating-period.js';
import './ratings.css';

const TABS: { tab: RatingsTab; label: string }[] = [
  { tab: 'list', label: '评价列表' },
  { tab: 'cases', label: '差评处理' },
  { tab: 'appeals', label: '申诉复核' },
  { tab: 'awards', label: '统计与评选' },
];

export function ManagerRatings({ tab, view }: { tab: RatingsTab; view: HallView }) {
  const { api } = useConsole();
  // Re-read when a rating is recorded or a case turns overdue (its alert is raised or cleared).
  const key = `${ratingKey(view)}|${view.alerts
    .filter((a) => a.kind === 'rating-case-overdue')
    .map((a) => a.key)
    .join(',')}`;
  const [stamp, setStamp] = useState(0);
  const changed = () => setStamp((n) => n + 1);
  const active = useLoad(() => api.get<CaseRow[]>('/api/rating-cases?status=active'), [key, stamp], 60_000);
  const pending = useLoad(() => api.get<AppealRow[]>('/api/rating-appeals?status=pending'), [key, stamp], 60_000);
  const overdue = active.data?.filter((c) => c.overdue).length ?? 0;
  const badges: Partial<Record<RatingsTab, { n: number; hot: boolean }>> = {
    cases: { n: active.data?.length ?? 0, hot: overdue > 0 },
    appeals: { n: pending.data?.length ?? 0, hot: false },
  };
  return (
    <div className="ratings-page" data-testid="manager-ratings">
      <nav className="subtabs" aria-label="好差评">
        {TABS.map((t) => {
          const b = badges[t.tab];
          return (
            <a
              key={t.tab}
              href="#"
              className={t.tab === tab ? 'subtab on' : 'subtab'}
              aria-current={t.tab === tab ? 'page' : undefined}
              data-testid={`ratings-tab-${t.tab}`}
              onClick={(e) => {
                e.preventDefault();
                navigate({ page: 'ratings', tab: t.tab });
              }}
            >
              {t.label}
              {b && b.n > 0 ? (
                <em className={b.hot ? 'badge' : 'badge calm'} data-testid={`ratings-tab-${t.tab}-badge`}>
                  {b.n}
                </em>
              ) : null}
            </a>
          );
        })}
        {overdue > 0 && (
          <span className="subtabs-note hot" data-testid="cases-overdue-note">
            {overdue} 件差评整改已超期
          </span>
        )}
      </nav>
      <div className="ratings-body">
        {tab === 'list' && <RatingsList ratingKey={key} />}
        {tab === 'cases' && <RatingCases ratingKey={key} onChanged={changed} />}
        {tab === 'appeals' && <RatingAppeals ratingKey={key} onChanged={changed} />}
        {tab === 'awards' && <RatingAwards ratingKey={key} />}
      </div>
    </div>
  );
}

interface ListAnswer {
  from: string;
  to: string;
  truncated: boolean;
  ratings: ManagerRatingRow[];
}

function RatingsList({ ratingKey: key }: { ratingKey: string }) {
  const { api, setup, feed } = useConsole();
  const now = useHallNow(feed, 60_000);
  const [period, setPeriod] = useState<Period>('month');
  const [date, setDate] = useState(() => hallDate(now));
  const [windowId, setWindowId] = useState('');
  const [staffNo, setStaffNo] = useState('');
  const [department, setDepartment] = useState('');
  const [level, setLevel] = useState('');
  const [badOnly, setBadOnly] = useState(false);
  const [caseNo, setCaseNo] = useState('');
  const [status, setStatus] = useState('all');
  const q = new URLSearchParams({ period, date, status });
  if (windowId) q.set('windowId', windowId);
  if (staffNo) q.set('staffNo', staffNo);
  if (department) q.set('department', department);
  if (level) q.set('level', level);
  if (badOnly) q.set('bad', 'true');
  if (caseNo) q.set('caseNo', caseNo);
  const list = useLoad(() => api.get<ListAnswer>(`/api/ratings?${q.toString()}`), [q.toString(), key]);
  const staff = [...new Map(setup.windows.flatMap((w) => [w.posts.A, w.posts.B]).filter((p) => p !== null).map((p) => [p.employeeNo, p])).values()];
  // The setup names the departments (GET /api/console/setup `departments`).
  const departments = (setup as typeof setup & { departments?: { code: string; name: string }[] }).departments ?? [...new Set(setup.windows.map((w) => w.department))].map((code) => ({ code, name: code }));
  const rows = list.data?.ratings ?? [];
  const sum = rows.filter((r) => r.status === 'valid').reduce((s, r) => s + (r.score ?? 0), 0);

  return (
    <Panel
      title="评价列表"
      className="ratings-list"
      testId="ratings-list"
      extra={
        <PeriodPicker
          period={period}
          date={date}
          onChange={(p, d) => {
            setPeriod(p);
            setDate(d);
          }}
          testId="list-period"
        />
      }
    >
      <div className="filters" data-testid="ratings-filters">
        <label className="field inline">
          窗口
          <select value={windowId} onChange={(e) => setWindowId(e.target.value)} data-testid="filter-window">
            <option value="">全部</option>
            {setup.windows.map((w) => (
              <option key={w.id} value={w.id}>
                {w.no}号 {w.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          工作人员
          <select value={staffNo} onChange={(e) => setStaffNo(e.target.value)} data-testid="filter-staff">
            <option value="">全部</option>
            {staff.map((p) => (
              <option key={p.employeeNo} value={p.employeeNo}>
                {p.name ?? p.employeeNo}（{p.employeeNo}）
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          部门
          <select value={department} onChange={(e) => setDepartment(e.target.value)} data-testid="filter-department">
            <option value="">全部</option>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          等级
          <select value={level} onChange={(e) => setLevel(e.target.value)} data-testid="filter-level">
            <option value="">全部</option>
            {[5, 4, 3, 2, 1].map((l) => (
              <option key={l} value={l}>
                {['', '非常不满意', '不满意', '基本满意', '满意', '非常满意'][l]}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          办件编号
          <select value={caseNo} onChange={(e) => setCaseNo(e.target.value)} data-testid="filter-caseno">
            <option value="">不限</option>
            <option value="with">有</option>
            <option value="without">无</option>
          </select>
        </label>
        <label className="field inline">
          状态
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="filter-status">
            <option value="all">全部</option>
            <option value="valid">计分</option>
            <option value="void">已作废（申诉成立）</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={badOnly} onChange={(e) => setBadOnly(e.target.checked)} data-testid="filter-bad" />
          只看差评
        </label>
      </div>
      <ErrorLine text={list.error} testId="ratings-list-error" />
      {list.data && (
        <p className="muted list-summary" data-testid="ratings-summary">
          共 {rows.length} 条{list.data.truncated ? '（仅显示最近 500 条，请缩小范围）' : ''}，计分合计 {sum} 分。评价人信息已脱敏，仅大厅负责人可见，不向被评价的工作人员展示。
        </p>
      )}
      {list.data && rows.length === 0 && <Empty>该时段没有符合条件的评价</Empty>}
      {rows.length > 0 && (
        <table className="grid ratings-grid">
          <thead>
            <tr>
              <th>评价时间</th>
              <th>号码</th>
              <th>窗口 · 工作人员</th>
              <th>业务</th>
              <th>评价</th>
              <th>得分</th>
              <th>问题与意见</th>
              <th>办件编号</th>
              <th>评价人（脱敏）</th>
              <th>跟进</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={r.status === 'void' ? 'void-row' : r.level <= 2 ? 'bad-row' : ''} data-testid={`rating-row-${r.ticketNumber}`}>
                <td>{whenText(r.ratedAt)}</td>
                <td className="num">{r.ticketNumber}</td>
                <td>
                  {r.windowName} · {r.staffName ?? r.staffNo ?? '—'}
                </td>
                <td>{r.serviceName}</td>
                <td>
                  <span className={`lv ${LEVEL_CLASS[r.level] ?? ''}`}>{r.levelName}</span>
                </td>
                <td className="num">{r.status === 'void' ? <s title="申诉成立，不计分">{r.score}</s> : r.score}</td>
                <td className="why">{[r.details.join('、'), r.text].filter(Boolean).join('；') || '—'}</td>
                <td>{r.caseNo ?? '—'}</td>
                <td className="rater" data-testid={`rater-${r.ticketNumber}`}>
                  {r.rater.idNumber ?? '—'}
                  <br />
                  <small>{r.rater.phone ?? '未留手机号'}</small>
                </td>
                <td>
                  {r.status === 'void' && <span className="tag">已作废</span>}
                  {r.case && (
                    <a
                      href="#"
                      className={r.case.overdue ? 'tag warn' : 'tag'}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate({ page: 'ratings', tab: 'cases' });
                      }}
                    >
                      {r.case.overdue ? '整改超期' : r.case.statusName}
                    </a>
                  )}
                  {r.appeal && r.status !== 'void' && <span className="tag appt">{r.appeal.statusName}</span>}
                  {!r.case && !r.appeal && r.status === 'valid' && <span className="muted">—</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
