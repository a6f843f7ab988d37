/**
 * 我的评价与申诉 for window staff [004 第五条]: the ratings they received (month by month) and, for
 * one at 基本满意 or below, an appeal with their reason; then the manager's decision and its
 * reason. Who rated is never shown here — the server does not send it to staff at all, nor what
 * would lead to them [004 第七条]: no ticket number, no 办件编号, only the day (rows and appeals go by
 * the rating's id).
 */
import { useState, type FormEvent } from 'react';
import { errorText } from './api.js';
import { DialogActions, Modal } from './Caller.js';
import { Empty, ErrorLine, Panel, ratingKey, useConsole, useHallNow, useLoad } from './common.js';
import { hallDate } from './format.js';
import type { HallView } from '../realtime/index.js';
import { dateText, LEVEL_CLASS, whenText, type MyAppealRow, type MyRatingRow } from './rating-types.js';
import './ratings.css';

const monthText = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
function monthBounds(m: string): { from: string; to: string } {
  const last = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).getUTCDate();
  return { from: `${m}-01`, to: `${m}-${String(last).padStart(2, '0')}` };
}
function stepMonth(m: string, dir: -1 | 1): string {
  return new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1 + dir, 1)).toISOString().slice(0, 7);
}

export function MyRatings({ view }: { view: HallView }) {
  const { api, feed, session } = useConsole();
  const now = useHallNow(feed, 60_000);
  const thisMonth = hallDate(now).slice(0, 7);
  const [month, setMonth] = useState(thisMonth);
  const [stamp, setStamp] = useState(0);
  const key = ratingKey(view);
  const { from, to } = monthBounds(month);
  const mine = useLoad(() => api.get<{ ratings: MyRatingRow[] }>(`/api/ratings/mine?from=${from}&to=${to}`), [month, key, stamp]);
  const appeals = useLoad(() => api.get<MyAppealRow[]>('/api/rating-appeals?status=all'), [key, stamp], 60_000);
  const [appealing, setAppealing] = useState<MyRatingRow | null>(null);
  const rows = mine.data?.ratings ?? [];
  if (!session.employeeNo) {
    return (
      <div className="center-note">
        <p>您的账号没有工号，没有收到的评价。</p>
      </div>
    );
  }
  return (
    <div className="my-ratings" data-testid="my-ratings">
      <Panel
        title="我收到的评价"
        className="my-ratings-list"
        testId="my-ratings-list"
        extra={
          <span className="day-picker">
            <button type="button" className="btn small" aria-label="上个月" data-testid="my-month-prev" onClick={() => setMonth(stepMonth(month, -1))}>
              ‹
            </button>
            <b data-testid="my-month">{monthText(month)}</b>
            <button type="button" className="btn small" aria-label="下个月" data-testid="my-month-next" disabled={month >= thisMonth} onClick={() => setMonth(stepMonth(month, 1))}>
              ›
            </button>
          </span>
        }
      >
        <p className="muted">评价人信息不向被评价人展示。对“基本满意”及以下的评价，如属误评或恶意差评，可提出申诉并说明理由，由大厅负责人复核。</p>
        <ErrorLine text={mine.error} />
        {mine.data && rows.length === 0 && <Empty>本月还没有收到评价</Empty>}
        {rows.length > 0 && (
          <table className="grid">
            <thead>
              <tr>
                <th>日期</th>
                <th>窗口</th>
                <th>业务</th>
                <th>评价</th>
                <th>得分</th>
                <th>问题与意见</th>
                <th>申诉</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className={r.status === 'void' ? 'void-row' : r.level <= 2 ? 'bad-row' : ''} data-testid={`my-rating-${r.id}`}>
                  <td>{dateText(r.businessDate)}</td>
                  <td>{r.windowName}</td>
                  <td>{r.serviceName}</td>
                  <td>
                    <span className={`lv ${LEVEL_CLASS[r.level] ?? ''}`}>{r.levelName}</span>
                  </td>
                  <td className="num">{r.status === 'void' ? <s title="申诉成立，不计分">{r.score}</s> : r.score}</td>
                  <td className="why">{[r.details.join('、'), r.text].filter(Boolean).join('；') || '—'}</td>
                  <td>
                    {r.appeal ? (
                      <span className={r.appeal.status === 'pending' ? 'tag appt' : r.appeal.status === 'upheld' ? 'tag done' : 'tag'}>{r.appeal.statusName}</span>
                    ) : r.appealable ? (
                      <button type="button" className="btn small" data-testid={`appeal-open-${r.id}`} aria-label={`申诉：${dateText(r.businessDate)} ${r.serviceName} ${r.levelName}`} onClick={() => setAppealing(r)}>
                        申诉
                      </button>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel title="我的申诉" className="my-appeals" testId="my-appeals">
        <ErrorLine text={appeals.error} />
        {appeals.data?.length === 0 && <Empty>还没有提出申诉</Empty>}
        <ul className="appeal-cards">
          {(appeals.data ?? []).map((a) => (
            <li key={a.id} className={`appeal-card ${a.status}`} data-testid={`my-appeal-${a.ratingId}`}>
              <div className="appeal-head">
                {a.rating ? `${dateText(a.rating.businessDate)} · ${a.rating.serviceName} · ` : ''}
                {a.windowName}
                <span className={`lv ${LEVEL_CLASS[a.level] ?? ''}`}>{a.levelName}</span>
                <span className={a.status === 'pending' ? 'tag appt' : a.status === 'upheld' ? 'tag done' : 'tag'} data-testid={`my-appeal-status-${a.ratingId}`}>
                  {a.statusName}
                </span>
              </div>
              <p className="appeal-reason">
                <b>申诉理由：</b>
                {a.reason}
                <small className="muted">（{whenText(a.filedAt)}）</small>
              </p>
              {a.decision ? (
                <p className="appeal-decision" data-testid={`my-appeal-decision-${a.ratingId}`}>
                  <b>复核意见：</b>
                  {a.decision.reason}（{a.decision.byName}，{whenText(a.decision.at)}）
                  {a.decision.upheld && <span className="note-inline">该评价已作废，不计入得分。</span>}
                </p>
              ) : (
                <p className="muted">等待大厅负责人复核</p>
              )}
            </li>
          ))}
        </ul>
      </Panel>
      {appealing && (
        <AppealDialog
          rating={appealing}
          onCancel={() => setAppealing(null)}
          onDone={() => {
            setAppealing(null);
            setStamp((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}

function AppealDialog({ rating, onCancel, onDone }: { rating: MyRatingRow; onCancel: () => void; onDone: () => void }) {
  const { api } = useConsole();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 5) return setError('请写明申诉理由（至少 5 个字），如误评的经过或可核实的证据');
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/rating-appeals', { ratingId: rating.id, reason: reason.trim() });
      onDone();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  return (
    <Modal title={`申诉 · ${dateText(rating.businessDate)} ${rating.serviceName}（${rating.levelName}）`} onCancel={onCancel} testId="appeal-file-dialog">
      <form onSubmit={submit}>
        <p className="muted">
          {rating.windowName} · {[rating.details.join('、'), rating.text].filter(Boolean).join('；') || '未填写具体问题'}
        </p>
        <label className="field">
          申诉理由（每条评价只能申诉一次）
          <textarea data-testid="appeal-reason" autoFocus rows={5} maxLength={500} value={reason} onChange={(e) => {
              setReason(e.target.value);
              setError(null);
            }} />
        </label>
        <ErrorLine text={error} testId="appeal-file-error" />
        <DialogActions onCancel={onCancel} busy={busy} submitTestId="appeal-submit" label="提交申诉" busyLabel="正在提交……" />
      </form>
    </Modal>
  );
}
