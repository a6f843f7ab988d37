/**
 * 申诉复核 [004 第五条] for the manager: the appeals, pending first, each with the rating appealed
 * and the staff member's reason; 申诉成立 (the rating is voided out of every score and its 差评
 * case closed) or 不成立, always with a reason the staff member will read.
 */
import { useState, type FormEvent } from 'react';
import { errorText } from './api.js';
import { DialogActions, Modal } from './Caller.js';
import { Empty, ErrorLine, Panel, useConsole, useLoad } from './common.js';
import { LEVEL_CLASS, whenText, type AppealRow } from './rating-types.js';

export function RatingAppeals({ ratingKey, onChanged }: { ratingKey: string; onChanged: () => void }) {
  const { api } = useConsole();
  const [filter, setFilter] = useState<'pending' | 'all'>('pending');
  const [stamp, setStamp] = useState(0);
  const appeals = useLoad(() => api.get<AppealRow[]>(`/api/rating-appeals?status=${filter}`), [filter, ratingKey, stamp], 60_000);
  const [deciding, setDeciding] = useState<{ appeal: AppealRow; upheld: boolean } | null>(null);
  const list = appeals.data ?? [];
  return (
    <Panel
      title="申诉复核"
      className="appeals-panel"
      testId="appeals"
      extra={
        <span className="rseg" role="group" aria-label="筛选">
          <button type="button" className={filter === 'pending' ? 'rseg-btn on' : 'rseg-btn'} aria-pressed={filter === 'pending'} data-testid="appeals-filter-pending" onClick={() => setFilter('pending')}>
            待复核
          </button>
          <button type="button" className={filter === 'all' ? 'rseg-btn on' : 'rseg-btn'} aria-pressed={filter === 'all'} data-testid="appeals-filter-all" onClick={() => setFilter('all')}>
            全部
          </button>
        </span>
      }
    >
      <p className="muted">工作人员对本人收到的评价提出申诉（举证解释），以排除误评和恶意差评。申诉成立的评价作废，不计入任何得分；复核意见将告知申诉人。</p>
      <ErrorLine text={appeals.error} />
      {appeals.data && list.length === 0 && <Empty>{filter === 'pending' ? '没有待复核的申诉' : '还没有申诉'}</Empty>}
      <ul className="appeal-cards">
        {list.map((a) => (
          <li key={a.id} className={`appeal-card ${a.status}`} data-testid={`appeal-${a.ticketNumber}`}>
            <div className="appeal-head">
              <b>{a.staffName}</b>（{a.staffNo}） · {a.windowName} · {a.ticketNumber}
              <span className={`lv ${LEVEL_CLASS[a.level] ?? ''}`}>{a.levelName}</span>
              <span className={a.status === 'pending' ? 'tag appt' : a.status === 'upheld' ? 'tag done' : 'tag'} data-testid={`appeal-status-${a.ticketNumber}`}>
                {a.statusName}
              </span>
              <small className="muted">申诉于 {whenText(a.filedAt)}</small>
            </div>
            {a.rating && (
              <p className="appeal-rating">
                评价：{whenText(a.rating.ratedAt)} · {a.rating.serviceName} · {[a.rating.details.join('、'), a.rating.text].filter(Boolean).join('；') || '未填写具体问题'}
              </p>
            )}
            <p className="appeal-reason">
              <b>申诉理由：</b>
              {a.reason}
            </p>
            {a.decision && (
              <p className="appeal-decision">
                <b>复核意见：</b>
                {a.decision.reason}（{a.decision.byName}，{whenText(a.decision.at)}）
              </p>
            )}
            {a.status === 'pending' && (
              <div className="row">
                <button type="button" className="btn primary small" data-testid={`appeal-uphold-${a.ticketNumber}`} onClick={() => setDeciding({ appeal: a, upheld: true })}>
                  申诉成立
                </button>
                <button type="button" className="btn small" data-testid={`appeal-reject-${a.ticketNumber}`} onClick={() => setDeciding({ appeal: a, upheld: false })}>
                  申诉不成立
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {deciding && (
        <DecideDialog
          appeal={deciding.appeal}
          upheld={deciding.upheld}
          onCancel={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            setStamp((n) => n + 1);
            onChanged();
          }}
        />
      )}
    </Panel>
  );
}

function DecideDialog({ appeal, upheld, onCancel, onDone }: { appeal: AppealRow; upheld: boolean; onCancel: () => void; onDone: () => void }) {
  const { api } = useConsole();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setError('请填写复核意见（会告知申诉人）');
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/rating-appeals/${appeal.id}/decide`, { upheld, reason: reason.trim() });
      onDone();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  return (
    <Modal title={`${upheld ? '申诉成立' : '申诉不成立'} · ${appeal.staffName} ${appeal.ticketNumber}`} onCancel={onCancel} testId="appeal-dialog">
      <form onSubmit={submit}>
        <p className="muted">{upheld ? '该评价将作废，不再计入工作人员、窗口和部门的任何得分；其差评处理随之办结。' : '该评价保持有效，照常计分。'}</p>
        <label className="field">
          复核意见（告知申诉人）
          <textarea data-testid="appeal-decision-reason" autoFocus rows={4} maxLength={500} value={reason} onChange={(e) => {
              setReason(e.target.value);
              setError(null);
            }} />
        </label>
        <ErrorLine text={error} testId="appeal-decide-error" />
        <DialogActions onCancel={onCancel} busy={busy} submitTestId="appeal-decide-submit" label="确认" busyLabel="正在保存……" />
      </form>
    </Modal>
  );
}
