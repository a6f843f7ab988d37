/**
 * 特事特办: a manager approves a case (applicant, service, reason, scope) and the page shows the
 * `urgent` ticket issued with it, large, to hand over; the open cases with each ticket's status as
 * the queue holds it now; 办结. Staff see the cases and mark them done.
 */
import { TICKET_STATUS_NAMES, URGENT_SCOPE_NAMES, type UrgentScope } from '@hall/shared';
import { useState, type FormEvent } from 'react';
import type { HallView } from '../../realtime/index.js';
import { errorText } from '../api.js';
import { Empty, ErrorLine, Panel, serviceName, useConsole, useLoad } from '../common.js';
import { isManager } from '../session.js';
import type { UrgentView } from './types.js';
import { ActionBox, when } from './widgets.js';

const SCOPES = Object.entries(URGENT_SCOPE_NAMES) as [UrgentScope, string][];

export function Urgent({ view }: { view: HallView }) {
  const { api, session } = useConsole();
  const [issued, setIssued] = useState<{ case: UrgentView; ticket: { number: string } } | null>(null);
  const [openOnly, setOpenOnly] = useState(true);
  const [tick, setTick] = useState(0);
  // Ticket states move with the queue: re-read when a window's current ticket changes.
  const queueKey = view.windows.map((w) => `${w.current?.id ?? ''}${w.current?.status ?? ''}`);
  const rows = useLoad(() => api.get<UrgentView[]>(`/api/assisted/urgent${openOnly ? '?open=true' : ''}`), [openOnly, tick, queueKey, issued?.ticket.number], 15_000);
  const manager = isManager(session.role);
  return (
    <div className={manager ? 'as-two' : 'as-one'} data-testid="urgent-home">
      {manager && <UrgentApprove onIssued={setIssued} issued={issued} />}
      <Panel
        title="特事特办事项"
        className="as-list"
        testId="urgent-list"
        extra={
          <label className="field inline">
            <input type="checkbox" data-testid="urgent-open-only" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
            只看跟踪办理中的
          </label>
        }
      >
        <ErrorLine text={rows.error} />
        {rows.data?.length === 0 && <Empty>{openOnly ? '没有跟踪办理中的特事特办事项' : '没有特事特办事项'}</Empty>}
        {rows.data?.map((c) => <UrgentCard key={c.id} c={c} onChange={() => setTick((n) => n + 1)} />)}
      </Panel>
    </div>
  );
}

function UrgentCard({ c, onChange }: { c: UrgentView; onChange: () => void }) {
  const { api, setup } = useConsole();
  const [note, setNote] = useState('');
  return (
    <div className="as-card" data-testid={`urgent-${c.no}`}>
      <div className="as-card-head">
        <b>{c.no}</b>
        <span>{c.applicant.name}</span>
        <span>{serviceName(setup, c.serviceCode)}</span>
        <span className="tag">{c.scopeName}</span>
        <span className={c.status === 'open' ? 'tag warn' : 'tag'} data-testid={`urgent-status-${c.no}`}>
          {c.statusName}
        </span>
      </div>
      <p className="as-reason">理由：{c.reason}</p>
      <p className="muted">
        {when(c.receivedAt)} 由{c.approvedBy.name ?? ''}批准
      </p>
      <ul className="as-tickets">
        {c.tickets.map((t, i) => {
          const live = c.liveTickets[i];
          return (
            <li key={t.id} data-testid={`urgent-ticket-${t.number}`}>
              <b className="num">{t.number}</b>
              <span>{serviceName(setup, t.serviceCode)}</span>
              <span data-testid={`urgent-ticket-status-${t.number}`}>
                {live ? TICKET_STATUS_NAMES[live.status] : '—'}
                {live?.windowId ? `（${setup.windows.find((w) => w.id === live.windowId)?.no ?? ''}号窗口）` : ''}
              </span>
            </li>
          );
        })}
      </ul>
      {c.status === 'open' && (
        <ActionBox
          title="办结"
          button="办结"
          testId={`urgent-done-${c.no}`}
          run={async () => {
            await api.post(`/api/assisted/urgent/${c.id}/done`, note.trim() ? { note: note.trim() } : {});
            onChange();
          }}
        >
          <input aria-label="办结说明" placeholder="办结说明（可不填）" data-testid={`urgent-done-note-${c.no}`} value={note} onChange={(e) => setNote(e.target.value)} />
        </ActionBox>
      )}
    </div>
  );
}

function UrgentApprove({ issued, onIssued }: { issued: { case: UrgentView; ticket: { number: string } } | null; onIssued: (r: { case: UrgentView; ticket: { number: string } }) => void }) {
  const { api, setup } = useConsole();
  const [scope, setScope] = useState<UrgentScope>('urgent-need');
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [serviceCode, setServiceCode] = useState(setup.services[0]?.code ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const r = await api.post<{ case: UrgentView; ticket: { number: string } }>('/api/assisted/urgent', {
        scope,
        reason: reason.trim(),
        applicant: { name: name.trim(), ...(idNumber.trim() ? { idNumber: idNumber.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) },
        serviceCode,
      });
      onIssued(r);
      setName('');
      setIdNumber('');
      setPhone('');
      setReason('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title="特事特办审批" className="as-form" testId="urgent-approve">
      <form onSubmit={submit} noValidate className="as-grid">
        <div className="field as-wide" role="radiogroup" aria-label="范围">
          范围
          {SCOPES.map(([k, v]) => (
            <label key={k} className="radio">
              <input type="radio" name="urgent-scope" data-testid={`urgent-scope-${k}`} checked={scope === k} onChange={() => setScope(k)} />
              {v}
            </label>
          ))}
        </div>
        <label className="field">
          申请人姓名
          <input data-testid="urgent-name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          办理业务
          <select data-testid="urgent-service" value={serviceCode} onChange={(e) => setServiceCode(e.target.value)}>
            {setup.services.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          身份证号（实名业务必填）
          <input data-testid="urgent-id" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} maxLength={18} />
        </label>
        <label className="field">
          联系电话（可不填）
          <input data-testid="urgent-phone" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </label>
        <label className="field as-wide">
          特事特办的理由
          <textarea data-testid="urgent-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <div className="as-wide">
          <button type="submit" className="btn primary" data-testid="urgent-submit" disabled={busy}>
            {busy ? '正在审批……' : '批准并发号'}
          </button>
          <ErrorLine text={error} testId="urgent-error" />
        </div>
      </form>
      {issued && (
        <div className="as-issued" role="status" data-testid="urgent-issued">
          <span>已批准 {issued.case.no}，特事特办号</span>
          <b data-testid="urgent-issued-number">{issued.ticket.number}</b>
          <span className="muted">优先于普通号和绿色通道呼叫，不受承诺时限限制</span>
        </div>
      )}
    </Panel>
  );
}
