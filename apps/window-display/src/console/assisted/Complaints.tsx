/**
 * 投诉: registration (the window and/or the staff member, channel, content, anonymous or a
 * contact), the list with the window's 2-working-day feedback deadline and an overdue marker, and
 * one complaint: the window lead's feedback, then (managers) telling the complainant and closing.
 */
import { COMPLAINT_CHANNEL_NAMES, INFORM_HOW_NAMES, type ComplaintChannel } from '@hall/shared';
import { useEffect, useState, type FormEvent } from 'react';
import type { HallView } from '../../realtime/index.js';
import { errorText } from '../api.js';
import { Empty, ErrorLine, Panel, useConsole, useLoad, type Setup } from '../common.js';
import { navigate } from '../routes.js';
import { isManager } from '../session.js';
import { alertKey } from './HomeVisits.js';
import type { ComplaintView } from './types.js';
import { ActionBox, Deadline, Facts, RecordLink, Trail, roster, when } from './widgets.js';

const CHANNELS = Object.entries(COMPLAINT_CHANNEL_NAMES) as [ComplaintChannel, string][];
const HOWS = Object.entries(INFORM_HOW_NAMES) as [keyof typeof INFORM_HOW_NAMES, string][];
const open = (id: string | null) => navigate({ page: 'assisted', tab: 'complaints', id });

function target(setup: Setup, c: ComplaintView): string {
  const w = c.windowId ? setup.windows.find((x) => x.id === c.windowId) : undefined;
  return [w ? `${w.no}号窗口（${w.name}）` : null, c.staff ? `${c.staff.name}（${c.staff.employeeNo}）` : null].filter(Boolean).join(' ');
}

export function Complaints({ id, view }: { id: string | null; view: HallView }) {
  return id ? <ComplaintDetail id={id} /> : <ComplaintHome view={view} />;
}

function ComplaintHome({ view }: { view: HallView }) {
  const { api, setup } = useConsole();
  const [openOnly, setOpenOnly] = useState(true);
  const rows = useLoad(() => api.get<ComplaintView[]>(`/api/assisted/complaints${openOnly ? '?open=true' : ''}`), [openOnly, alertKey(view, 'complaint-overdue')], 30_000);
  return (
    <div className="as-two" data-testid="complaint-home">
      <ComplaintRegister onDone={(c) => open(c.id)} />
      <Panel
        title="投诉"
        className="as-list"
        testId="complaint-list"
        extra={
          <label className="field inline">
            <input type="checkbox" data-testid="complaint-open-only" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
            只看未办结的
          </label>
        }
      >
        <ErrorLine text={rows.error} />
        {rows.data?.length === 0 && <Empty>没有投诉</Empty>}
        {rows.data && rows.data.length > 0 && (
          <table className="grid as-table">
            <thead>
              <tr>
                <th>登记号</th>
                <th>被投诉</th>
                <th>形式</th>
                <th>反馈期限</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.data.map((c) => (
                <tr key={c.id} data-testid={`complaint-row-${c.no}`} className={c.feedbackOverdue ? 'bad-row' : ''}>
                  <td>
                    <RecordLink href={`/console/assisted/complaints/${c.id}`} onOpen={() => open(c.id)}>
                      {c.no}
                    </RecordLink>
                  </td>
                  <td className="why">{target(setup, c)}</td>
                  <td>{c.channelName}</td>
                  <td>{c.status === 'registered' ? <Deadline at={c.feedbackDue} overdue={c.feedbackOverdue} testId={`complaint-deadline-${c.no}`} /> : `已反馈 ${when(c.feedback?.at)}`}</td>
                  <td data-testid={`complaint-status-${c.no}`}>{c.statusName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}

function ComplaintRegister({ onDone }: { onDone: (c: ComplaintView) => void }) {
  const { api, setup } = useConsole();
  const staff = roster(setup);
  const [channel, setChannel] = useState<ComplaintChannel>('onsite');
  const [windowId, setWindowId] = useState('');
  const [staffNo, setStaffNo] = useState('');
  const [content, setContent] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const contact = anonymous || (!name.trim() && !phone.trim()) ? {} : { complainant: { ...(name.trim() ? { name: name.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) } };
      onDone(await api.post<ComplaintView>('/api/assisted/complaints', { channel, ...(windowId ? { windowId } : {}), ...(staffNo ? { staffNo } : {}), content: content.trim(), ...contact }));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  return (
    <Panel title="投诉登记" className="as-form" testId="complaint-register">
      <form onSubmit={submit} noValidate className="as-grid">
        <label className="field">
          投诉形式
          <select data-testid="complaint-channel" value={channel} onChange={(e) => setChannel(e.target.value as ComplaintChannel)}>
            {CHANNELS.map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <span />
        <label className="field">
          被投诉窗口
          <select data-testid="complaint-window" value={windowId} onChange={(e) => setWindowId(e.target.value)}>
            <option value="">（不指定）</option>
            {setup.windows.map((w) => (
              <option key={w.id} value={w.id}>
                {w.no}号窗口 {w.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          被投诉工作人员
          <select data-testid="complaint-staff" value={staffNo} onChange={(e) => setStaffNo(e.target.value)}>
            <option value="">（不指定）</option>
            {staff.map((s) => (
              <option key={s.employeeNo} value={s.employeeNo}>
                {s.name}（{s.employeeNo}）
              </option>
            ))}
          </select>
        </label>
        <label className="field as-wide">
          投诉内容
          <textarea data-testid="complaint-content" rows={3} value={content} onChange={(e) => setContent(e.target.value)} />
        </label>
        <label className="field inline as-wide">
          <input type="checkbox" data-testid="complaint-anonymous" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          匿名投诉（不留联系方式）
        </label>
        {!anonymous && (
          <>
            <label className="field">
              投诉人姓名
              <input data-testid="complaint-name" value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <label className="field">
              联系电话
              <input data-testid="complaint-phone" value={phone} onChange={(e) => setPhone(e.target.value)} />
            </label>
          </>
        )}
        <div className="as-wide">
          <p className="muted">被投诉窗口负责人须在2个工作日内反馈处理情况（受理当日不计）。</p>
          <button type="submit" className="btn primary" data-testid="complaint-submit" disabled={busy}>
            {busy ? '正在登记……' : '登记'}
          </button>
          <ErrorLine text={error} testId="complaint-register-error" />
        </div>
      </form>
    </Panel>
  );
}

function ComplaintDetail({ id }: { id: string }) {
  const { api, setup, session } = useConsole();
  const loaded = useLoad(() => api.get<ComplaintView>(`/api/assisted/complaints/${encodeURIComponent(id)}`), id, 30_000);
  const [c, setC] = useState<ComplaintView | null>(null);
  useEffect(() => setC(loaded.data), [loaded.data]);
  const [feedback, setFeedback] = useState('');
  const [how, setHow] = useState<keyof typeof INFORM_HOW_NAMES>('phone');
  const [satisfied, setSatisfied] = useState<'yes' | 'no' | ''>('');
  const [informNote, setInformNote] = useState('');
  const [closeNote, setCloseNote] = useState('');
  if (loaded.error && !c) return <ErrorLine text={loaded.error} />;
  if (!c) return <div className="center-note">正在读取……</div>;
  const manager = isManager(session.role);
  const post = async (path: string, body: unknown) => setC(await api.post<ComplaintView>(`/api/assisted/complaints/${c.id}/${path}`, body));
  const contact = c.complainant ? [c.complainant.name, c.complainant.phone].filter(Boolean).join('\u3000') : '匿名';
  return (
    <div className="as-detail" data-testid="complaint-detail">
      <Panel
        title={
          <>
            投诉 {c.no} <span className="tag" data-testid="complaint-status">{c.statusName}</span>
          </>
        }
        className="as-info"
        extra={
          <button type="button" className="btn small" data-testid="complaint-back" onClick={() => open(null)}>
            返回列表
          </button>
        }
      >
        <Facts
          testId="complaint-facts"
          rows={[
            ['被投诉', target(setup, c)],
            ['投诉形式', c.channelName],
            ['投诉内容', c.content],
            ['投诉人', contact],
            ['受理时间', when(c.receivedAt)],
            ['反馈期限', <Deadline key="d" at={c.feedbackDue} overdue={c.feedbackOverdue} testId="complaint-deadline" />],
            ...(c.feedback ? ([['窗口反馈', `${c.feedback.content}（${c.feedback.by.name ?? ''} ${when(c.feedback.at)}）`]] as [string, string][]) : []),
            ...(c.informed
              ? ([['告知投诉人', `${INFORM_HOW_NAMES[c.informed.how as keyof typeof INFORM_HOW_NAMES] ?? c.informed.how}${c.informed.satisfied === null ? '' : c.informed.satisfied ? '，满意' : '，不满意'}`]] as [string, string][])
              : []),
            ...(c.closure ? ([['办结', `${when(c.closure.at)}${c.closure.note ? `：${c.closure.note}` : ''}`]] as [string, string][]) : []),
          ]}
        />
        <h3 className="as-sub">办理记录</h3>
        <Trail history={c.history} testId="complaint-trail" />
      </Panel>
      <Panel title="处理" className="as-actions" testId="complaint-actions">
        <div className="as-action-list">
          {c.status === 'registered' && (
            <ActionBox title="窗口负责人反馈处理情况" button="提交反馈" testId="act-feedback" run={() => post('feedback', { content: feedback.trim() })}>
              <textarea aria-label="处理情况" placeholder="处理情况" data-testid="feedback-content" rows={3} value={feedback} onChange={(e) => setFeedback(e.target.value)} />
            </ActionBox>
          )}
          {c.status === 'fed-back' && manager && c.complainant && (
            <ActionBox
              title="告知投诉人处理结果"
              button="已告知"
              testId="act-inform"
              run={() => post('inform', { how, ...(satisfied ? { satisfied: satisfied === 'yes' } : {}), ...(informNote.trim() ? { note: informNote.trim() } : {}) })}
            >
              <div className="row tight">
                <select aria-label="告知方式" data-testid="inform-how" value={how} onChange={(e) => setHow(e.target.value as keyof typeof INFORM_HOW_NAMES)}>
                  {HOWS.map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}告知
                    </option>
                  ))}
                </select>
                <select aria-label="投诉人是否满意" data-testid="inform-satisfied" value={satisfied} onChange={(e) => setSatisfied(e.target.value as 'yes' | 'no' | '')}>
                  <option value="">未表态</option>
                  <option value="yes">满意</option>
                  <option value="no">不满意</option>
                </select>
              </div>
              <input aria-label="说明" placeholder="说明（可不填）" data-testid="inform-note" value={informNote} onChange={(e) => setInformNote(e.target.value)} />
            </ActionBox>
          )}
          {manager && (c.status === 'informed' || (c.status === 'fed-back' && !c.complainant)) && (
            <ActionBox title="办结" button="办结" testId="act-close" run={() => post('close', closeNote.trim() ? { note: closeNote.trim() } : {})}>
              <input aria-label="办结说明" placeholder="办结说明（投诉人不满意时须填写重新核实情况）" data-testid="close-note" value={closeNote} onChange={(e) => setCloseNote(e.target.value)} />
            </ActionBox>
          )}
          {!manager && c.status !== 'registered' && c.status !== 'closed' && <p className="muted">已反馈，由大厅负责人告知投诉人并办结。</p>}
          {c.status === 'closed' && <p className="muted">本投诉已办结。</p>}
        </div>
      </Panel>
    </div>
  );
}
