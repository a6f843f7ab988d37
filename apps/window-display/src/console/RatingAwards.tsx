/**
 * 统计与评选 for the manager: the 10/8/6/0/−5 scores per staff member, window or department by week,
 * month or quarter [004 第八条]; and the month's 服务之星 (top 3) and 红旗窗口 [004 评选制度]:
 * the 好差评 part computed (15/10/5/0, at most 30), the other three parts entered here per staff
 * member (each out of 15, recorded with who entered them), the ranking shown with every part.
 */
import type { RatingStatsRow } from '@hall/shared';
import { useEffect, useState } from 'react';
import { errorText } from './api.js';
import { Empty, ErrorLine, Panel, useConsole, useHallNow, useLoad } from './common.js';
import { hallDate } from './format.js';
import { PeriodPicker, type Period } from './rating-period.js';
import type { Awards, StarRow } from './rating-types.js';

type By = 'staff' | 'window' | 'department';
const BY_NAMES: Record<By, string> = { staff: '按人员', window: '按窗口', department: '按部门' };

export function RatingAwards({ ratingKey }: { ratingKey: string }) {
  return (
    <div className="awards-layout">
      <ScoreStats ratingKey={ratingKey} />
      <Stars ratingKey={ratingKey} />
    </div>
  );
}

function ScoreStats({ ratingKey }: { ratingKey: string }) {
  const { api, feed } = useConsole();
  const now = useHallNow(feed, 60_000);
  const [period, setPeriod] = useState<Period>('week');
  const [date, setDate] = useState(() => hallDate(now));
  const [by, setBy] = useState<By>('staff');
  const stats = useLoad(() => api.get<RatingStatsRow[]>(`/api/stats/ratings?by=${by}&period=${period}&date=${date}`), [by, period, date, ratingKey]);
  const rows = stats.data ?? [];
  return (
    <Panel
      title="好差评统计"
      className="score-stats"
      testId="score-stats"
      extra={
        <PeriodPicker
          period={period}
          date={date}
          onChange={(p, d) => {
            setPeriod(p);
            setDate(d);
          }}
          testId="stats-period"
        />
      }
    >
      <div className="row">
        <span className="rseg" role="group" aria-label="统计维度">
          {(Object.keys(BY_NAMES) as By[]).map((b) => (
            <button key={b} type="button" className={b === by ? 'rseg-btn on' : 'rseg-btn'} aria-pressed={b === by} data-testid={`stats-by-${b}`} onClick={() => setBy(b)}>
              {BY_NAMES[b]}
            </button>
          ))}
        </span>
        <span className="muted">计分：非常满意 10、满意 8、基本满意 6、不满意 0、非常不满意 −5；申诉成立的评价不计入。</span>
      </div>
      <ErrorLine text={stats.error} />
      {stats.data && rows.length === 0 && <Empty>该时段没有办结的服务</Empty>}
      {rows.length > 0 && (
        <table className="grid stats-grid" data-testid="stats-table">
          <thead>
            <tr>
              <th>{by === 'staff' ? '工作人员' : by === 'window' ? '窗口' : '部门'}</th>
              <th title="办结的服务">办结</th>
              <th>评价</th>
              <th>非常满意</th>
              <th>满意</th>
              <th>基本满意</th>
              <th>不满意</th>
              <th>非常不满意</th>
              <th>得分</th>
              <th>平均分</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid={`stats-row-${r.key}`}>
                <td>{r.name}</td>
                <td className="num">{r.served}</td>
                <td className="num">{r.rated}</td>
                <td>{r.counts[5]}</td>
                <td>{r.counts[4]}</td>
                <td>{r.counts[3]}</td>
                <td className={r.counts[2] ? 'hot' : ''}>{r.counts[2]}</td>
                <td className={r.counts[1] ? 'hot' : ''}>{r.counts[1]}</td>
                <td className="num" data-testid={`stats-score-${r.key}`}>
                  {r.score}
                </td>
                <td className="num">{r.averageScore ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

const monthText = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
function stepMonth(m: string, dir: -1 | 1): string {
  const d = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1 + dir, 1));
  return d.toISOString().slice(0, 7);
}

function Stars({ ratingKey }: { ratingKey: string }) {
  const { api, feed } = useConsole();
  const now = useHallNow(feed, 60_000);
  const thisMonth = hallDate(now).slice(0, 7);
  const [month, setMonth] = useState(thisMonth);
  const [stamp, setStamp] = useState(0);
  const awards = useLoad(() => api.get<Awards>(`/api/awards?month=${month}`), [month, ratingKey, stamp]);
  const a = awards.data;
  const redFlag = a?.departments.find((d) => d.redFlag);
  return (
    <Panel
      title="服务之星 · 红旗窗口"
      className="stars-panel"
      testId="awards"
      extra={
        <span className="day-picker">
          <button type="button" className="btn small" aria-label="上个月" data-testid="awards-month-prev" onClick={() => setMonth(stepMonth(month, -1))}>
            ‹
          </button>
          <b data-testid="awards-month">{monthText(month)}</b>
          <button type="button" className="btn small" aria-label="下个月" data-testid="awards-month-next" disabled={month >= thisMonth} onClick={() => setMonth(stepMonth(month, 1))}>
            ›
          </button>
        </span>
      }
    >
      <p className="muted">
        综合得分 = 好差评（非常满意 15、满意 10、基本满意 5，上限 30）+ 职业形象、职业素养、职业能力（各 15 分，由负责人录入）。每月取前三名为服务之星；本部门全体窗口人员平均分第一的为红旗窗口。
      </p>
      <ErrorLine text={awards.error} />
      {a && (
        <>
          <p className="red-flag" data-testid="red-flag">
            {redFlag ? (
              <>
                红旗窗口：<b>{redFlag.name}</b>（{redFlag.staff} 人，平均 {redFlag.average} 分）
              </>
            ) : (
              '本月尚无得分，暂无红旗窗口'
            )}
          </p>
          <table className="grid stars-grid" data-testid="stars-table">
            <thead>
              <tr>
                <th>名次</th>
                <th>工作人员</th>
                <th>部门</th>
                <th title="非常满意 15、满意 10、基本满意 5，上限 30">好差评</th>
                <th title={a.parts.image.hint}>职业形象</th>
                <th title={a.parts.conduct.hint}>职业素养</th>
                <th title={a.parts.ability.hint}>职业能力</th>
                <th>综合</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {a.stars.map((r) => (
                <StarLine key={`${month}-${r.staffNo}-${r.image ?? ''}-${r.conduct ?? ''}-${r.ability ?? ''}`} row={r} month={month} onSaved={() => setStamp((n) => n + 1)} />
              ))}
            </tbody>
          </table>
          <h3 className="sub-title">部门排名（红旗窗口）</h3>
          <table className="grid" data-testid="departments-table">
            <thead>
              <tr>
                <th>名次</th>
                <th>部门</th>
                <th>窗口人员</th>
                <th>平均综合分</th>
              </tr>
            </thead>
            <tbody>
              {a.departments.map((d) => (
                <tr key={d.department} data-testid={`dept-row-${d.department}`} className={d.redFlag ? 'winner' : ''}>
                  <td className="num">{d.rank}</td>
                  <td>
                    {d.name} {d.redFlag && <span className="tag flag">红旗窗口</span>}
                  </td>
                  <td>{d.staff}</td>
                  <td className="num">{d.average}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}

function StarLine({ row, month, onSaved }: { row: StarRow; month: string; onSaved: () => void }) {
  const { api } = useConsole();
  const start = (v: number | null) => (v === null ? '' : String(v));
  const [image, setImage] = useState(start(row.image));
  const [conduct, setConduct] = useState(start(row.conduct));
  const [ability, setAbility] = useState(start(row.ability));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setError(null), [image, conduct, ability]);
  const dirty = image !== start(row.image) || conduct !== start(row.conduct) || ability !== start(row.ability);
  const save = async () => {
    const parts = [image, conduct, ability].map((v) => (v.trim() === '' ? NaN : Number(v)));
    if (parts.some((v) => !Number.isInteger(v) || v < 0 || v > 15)) return setError('三项各为 0—15 的整数');
    setBusy(true);
    try {
      await api.put(`/api/awards/${month}/staff/${row.staffNo}`, { image: parts[0], conduct: parts[1], ability: parts[2] });
      onSaved();
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  const input = (value: string, set: (v: string) => void, label: string, part: string) => (
    <td>
      <input className="part" inputMode="numeric" aria-label={`${row.name} ${label}`} data-testid={`part-${part}-${row.staffNo}`} value={value} placeholder="—" onChange={(e) => set(e.target.value.replace(/[^\d]/g, '').slice(0, 2))} />
    </td>
  );
  return (
    <>
      <tr className={row.star ? 'winner' : ''} data-testid={`star-row-${row.staffNo}`}>
        <td className="num">{row.rank}</td>
        <td>
          {row.name} {row.star && <span className="tag star">服务之星</span>}
        </td>
        <td className="dept">{row.departmentName}</td>
        <td className="num" title={`非常满意 ${row.counts[5] ?? 0}、满意 ${row.counts[4] ?? 0}、基本满意 ${row.counts[3] ?? 0}`} data-testid={`star-rating-part-${row.staffNo}`}>
          {row.ratingPart}
        </td>
        {input(image, setImage, '职业形象', 'image')}
        {input(conduct, setConduct, '职业素养', 'conduct')}
        {input(ability, setAbility, '职业能力', 'ability')}
        <td className="num" data-testid={`star-total-${row.staffNo}`}>
          {row.total}
          {!row.entered && <small className="muted">（未录入）</small>}
        </td>
        <td>
          <button type="button" className="btn small" data-testid={`star-save-${row.staffNo}`} disabled={!dirty || busy} onClick={() => void save()}>
            保存
          </button>
        </td>
      </tr>
      {error && (
        <tr>
          <td colSpan={9}>
            <ErrorLine text={error} testId={`star-error-${row.staffNo}`} />
          </td>
        </tr>
      )}
    </>
  );
}
