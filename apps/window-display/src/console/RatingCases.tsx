/**
 * 差评处理 [004 第四条]: every 差评's case with its deadline (5 working days, overdue in red), and
 * the actions of its state: 当场解决 (closes at once), 登记整改, then 回访 with its outcome, which
 * closes it. The citizen's full phone number is shown only on request, for the call, and that
 * look-up is recorded.
 */
import { useState, type FormEvent } from 'react';
import { errorText } from './api.js';
import { DialogActions, Modal } from './Caller.js';
import { Empty, ErrorLine, Panel, useConsole, useLoad } from './common.js';
import { dateText, LEVEL_CLASS, whenText, type CaseRow } from './rating-types.js';

type CaseFilter = 'active' | 'overdue' | 'closed' | 'all';
const FILTERS: { value: CaseFilter; label: string }[] = [
  { value: 'active', label: '未办结' },
  { value: 'overdue', label: '已超期' },
  { value: 'closed', label: '已办结' },
  { value: 'all', label: '全部' },
];
const METHODS = [
  { value: 'phone', label: '电话' },
  { value: 'sms', label: '短信' },
  { value: 'wechat', label: '微信' },
  { value: 'visit', label: '上门见面' },
];
const OUTCOMES = [
  { value: 'satisfied', label: '满意' },
  { value: 'basic', label: '基本满意' },
  { value: 'unsatisfied', label: '不满意' },
];

type Action = 'settle' | 'rectify' | 'callback';

export function RatingCases({ ratingKey, onChanged }: { ratingKey: string; onChanged: () => void }) {
  const { api } = useConsole();
  const [filter, setFilter] = useState<CaseFilter>('active');
  const [stamp, setStamp] = useState(0);
  const cases = useLoad(() => api.get<CaseRow[]>(`/api/rating-cases?status=${filter}`), [filter, ratingKey, stamp], 60_000);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const list = cases.data ?? [];
  const selected = list.find((c) => c.id === selectedId) ?? list[0] ?? null;
  const done = (c: CaseRow) => {
    setAction(null);
    setSelectedId(c.id);
    setStamp((n) => n + 1);
    onChanged();
  };

  return (
    <div className="cases-layout">
      <Panel
        title="差评处理"
        className="cases-list"
        testId="cases-list"
        extra={
          <span className="rseg" role="group" aria-label="筛选">
            {FILTERS.map((f) => (
              <button key={f.value} type="button" className={f.value === filter ? 'rseg-btn on' : 'rseg-btn'} aria-pressed={f.value === filter} data-testid={`cases-filter-${f.value}`} onClick={() => setFilter(f.value)}>
                {f.label}
              </button>
            ))}
          </span>
        }
      >
        <p className="muted">每条差评自动生成处理单：情况简单的当场解决；其余限 5 个工作日内整改（节假日、调休按大厅工作日历），整改后回访，回访结果登记后办结。</p>
        <ErrorLine text={cases.error} />
        {cases.data && list.length === 0 && <Empty>{filter === 'active' ? '没有待处理的差评' : '没有符合条件的差评处理记录'}</Empty>}
        {list.length > 0 && (
          <table className="grid cases-grid">
            <thead>
              <tr>
                <th>号码</th>
                <th>窗口 · 工作人员</th>
                <th>评价</th>
                <th>评价时间</th>
                <th>整改期限</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr
                  key={c.id}
                  className={`${c.id === selected?.id ? 'picked' : ''} ${c.overdue ? 'bad-row' : ''}`}
                  data-testid={`case-row-${c.ticketNumber}`}
                  tabIndex={0}
                  aria-selected={c.id === selected?.id}
                  onClick={() => setSelectedId(c.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') setSelectedId(c.id);
                  }}
                >
                  <td className="num">{c.ticketNumber}</td>
                  <td>
                    {c.windowName} · {c.staffName ?? c.staffNo ?? '—'}
                  </td>
                  <td>
                    <span className={`lv ${LEVEL_CLASS[c.level] ?? ''}`}>{c.levelName}</span>
                  </td>
                  <td>{whenText(c.openedAt)}</td>
                  <td className={c.overdue ? 'hot' : ''}>{dateText(c.dueDate)}</td>
                  <td>
                    <CaseState c={c} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel title={selected ? `${selected.ticketNumber} 的差评` : '差评详情'} className="case-detail" testId="case-detail">
        {selected ? <CaseDetail c={selected} onAction={setAction} /> : <Empty>选择左侧的一条差评查看详情</Empty>}
      </Panel>
      {action && selected && <CaseDialog c={selected} action={action} onCancel={() => setAction(null)} onDone={done} />}
    </div>
  );
}

function CaseState({ c }: { c: CaseRow }) {
  if (c.overdue) return <span className="tag warn">整改超期</span>;
  if (c.status === 'closed') return <span className="tag done">{c.resolutionName ?? '已办结'}</span>;
  return <span className={c.status === 'open' ? 'tag appt' : 'tag'}>{c.statusName}</span>;
}

function CaseDetail({ c, onAction }: { c: CaseRow; onAction: (a: Action) => void }) {
  const { api } = useConsole();
  const [phone, setPhone] = useState<string | null>(null);
  const [phoneFor, setPhoneFor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const showPhone = async () => {
    setError(null);
    try {
      const r = await api.post<{ phone: string | null }>(`/api/rating-cases/${c.id}/contact`);
      setPhone(r.phone ?? '取号时未留手机号');
      setPhoneFor(c.id);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="case-body" data-testid={`case-${c.ticketNumber}`}>
      <dl className="facts">
        <dt>评价</dt>
        <dd>
          <span className={`lv ${LEVEL_CLASS[c.level] ?? ''}`}>{c.levelName}</span> · {whenText(c.openedAt)}
        </dd>
        <dt>问题</dt>
        <dd>{c.details.join('、') || '—'}</dd>
        {c.text && (
          <>
            <dt>意见</dt>
            <dd>{c.text}</dd>
          </>
        )}
        <dt>服务</dt>
        <dd>
          {c.windowName} · {c.staffName ?? c.staffNo ?? '—'} · {c.serviceName}
        </dd>
        <dt>评价人</dt>
        <dd data-testid="case-rater">
          {c.rater?.idNumber ?? '—'} · {phoneFor === c.id ? <b data-testid="case-phone">{phone}</b> : (c.rater?.phone ?? '未留手机号')}
          {c.status === 'rectified' && phoneFor !== c.id && c.rater?.phone && (
            <button type="button" className="btn small" data-testid="case-show-phone" onClick={() => void showPhone()}>
              回访时查看完整号码
            </button>
          )}
        </dd>
        <dt>整改期限</dt>
        <dd className={c.overdue ? 'hot' : ''} data-testid="case-due">
          {dateText(c.dueDate)}（5 个工作日）{c.overdue ? ' · 已超期' : c.late ? ' · 超期后完成整改' : ''}
        </dd>
      </dl>
      <ErrorLine text={error} />
      <ol className="timeline" data-testid="case-timeline">
        <li className="done">
          <b>生成处理单</b> {whenText(c.openedAt)}
        </li>
        {c.resolution === 'on-the-spot' && c.settlement && <Step title="当场解决" s={c.settlement} />}
        {c.rectification && <Step title="整改" s={c.rectification} />}
        {c.callback && <Step title={c.callbackName ?? '回访'} s={c.callback} />}
        {c.resolution === 'withdrawn' && c.settlement && <Step title="申诉成立，撤销" s={c.settlement} />}
        {c.status === 'closed' ? (
          <li className="done closed" data-testid="case-closed">
            <b>已办结</b> {whenText(c.closedAt)}
          </li>
        ) : (
          <li className="next">
            <b>{c.status === 'open' ? '待整改' : '待回访'}</b>
          </li>
        )}
      </ol>
      {c.status !== 'closed' && (
        <div className="row case-actions">
          {c.status === 'open' && (
            <>
              <button type="button" className="btn" data-testid="case-settle" onClick={() => onAction('settle')}>
                当场解决
              </button>
              <button type="button" className="btn primary" data-testid="case-rectify" onClick={() => onAction('rectify')}>
                登记整改
              </button>
            </>
          )}
          {c.status === 'rectified' && (
            <button type="button" className="btn primary" data-testid="case-callback" onClick={() => onAction('callback')}>
              登记回访
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function Step({ title, s }: { title: string; s: { note: string; at: string; byName: string } }) {
  return (
    <li className="done">
      <b>{title}</b> {whenText(s.at)} · {s.byName}
      <p>{s.note}</p>
    </li>
  );
}

const ACTION_TITLES: Record<Action, string> = { settle: '当场解决', rectify: '登记整改情况', callback: '登记回访' };
const ACTION_HINTS: Record<Action, string> = {
  settle: '情况简单、事实清楚的，采取解释说明、当场裁定等方式当场解决。保存后该差评即办结。',
  rectify: '写明整改措施；确实无法解决的，写明向群众所作的解释说明。登记后进行回访。',
  callback: '通过电话、短信、微信或上门见面回访，将整改情况反馈群众，登记回访结果后该差评办结。',
};

function CaseDialog({ c, action, onCancel, onDone }: { c: CaseRow; action: Action; onCancel: () => void; onDone: (c: CaseRow) => void }) {
  const { api } = useConsole();
  const [note, setNote] = useState('');
  const [method, setMethod] = useState('phone');
  const [outcome, setOutcome] = useState('satisfied');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!note.trim()) return setError(action === 'callback' ? '请填写回访情况' : action === 'rectify' ? '请填写整改情况' : '请填写当场解决的情况说明');
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post<CaseRow>(`/api/rating-cases/${c.id}/${action}`, action === 'callback' ? { note: note.trim(), method, outcome } : { note: note.trim() }));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  return (
    <Modal title={`${ACTION_TITLES[action]} · ${c.ticketNumber}`} onCancel={onCancel} testId="case-dialog">
      <form onSubmit={submit}>
        <p className="muted">{ACTION_HINTS[action]}</p>
        {action === 'callback' && (
          <>
            <fieldset className="choice">
              <legend>回访方式</legend>
              {METHODS.map((m) => (
                <label key={m.value} className="radio">
                  <input type="radio" name="method" value={m.value} checked={method === m.value} onChange={() => setMethod(m.value)} data-testid={`callback-method-${m.value}`} />
                  {m.label}
                </label>
              ))}
            </fieldset>
            <fieldset className="choice">
              <legend>回访结果</legend>
              {OUTCOMES.map((o) => (
                <label key={o.value} className="radio">
                  <input type="radio" name="outcome" value={o.value} checked={outcome === o.value} onChange={() => setOutcome(o.value)} data-testid={`callback-outcome-${o.value}`} />
                  {o.label}
                </label>
              ))}
            </fieldset>
          </>
        )}
        <label className="field">
          {action === 'callback' ? '回访情况' : action === 'rectify' ? '整改情况' : '情况说明'}
          <textarea data-testid="case-note" autoFocus rows={4} maxLength={300} value={note} onChange={(e) => {
              setNote(e.target.value);
              setError(null);
            }} />
        </label>
        <ErrorLine text={error} testId="case-error" />
        <DialogActions onCancel={onCancel} busy={busy} submitTestId="case-submit" label="保存" busyLabel="正在保存……" />
      </form>
    </Modal>
  );
}
