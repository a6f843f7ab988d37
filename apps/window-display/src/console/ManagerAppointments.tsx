/**
 * 预约与信用 for the hall manager: a day's appointments in figures (by status and service), the
 * out-of-hours requests waiting for an answer (确认, or 不予确认 with a reason the applicant is
 * sent), and the credit bans in force (解除 with a reason, audited). No socket event announces a
 * booking, so the lists are re-read every 30 s and after every answer.
 */
import { maskIdNumber } from '@hall/shared';
import { useState } from 'react';
import { errorText } from './api.js';
import { DayPicker, Empty, ErrorLine, Panel, serviceName, useConsole, useHallNow, useLoad } from './common.js';
import { dayText, hallDate, hhmm } from './format.js';
import type { AppointmentSummary } from './ManagerLive.js';

interface Pending {
  appointment: { id: string; code: string; serviceCode: string; date: string; start: string; end: string; session: string; channel: string; name: string; idNumber: string; phone: string; createdAt: string };
  replyBy: string;
  overdue: boolean;
}
interface BanRow {
  id: string;
  idNumber: string;
  name: string | null;
  phone: string;
  policyName: string;
  from: string;
  until: string;
  noShows: { date: string; serviceName: string }[];
  text: string;
}

const SESSION_NAMES: Record<string, string> = { regular: '工作时间', flexible: '早晚弹性办', lunch: '午间不间断办', weekend: '周末办' };
const STATUS_ORDER = ['booked', 'checked-in', 'no-show', 'cancelled', 'pending-approval', 'refused'];

export function ManagerAppointments() {
  const { api, feed } = useConsole();
  const now = useHallNow(feed, 60_000);
  const [date, setDate] = useState(() => hallDate(now));
  const [stamp, setStamp] = useState(0);
  const summary = useLoad(() => api.get<AppointmentSummary>(`/api/console/appointments/summary?date=${date}`), [date, stamp], 30_000);
  const pending = useLoad(() => api.get<Pending[]>('/api/appointments/pending'), stamp, 30_000);
  const bans = useLoad(() => api.get<BanRow[]>('/api/console/bans'), stamp, 60_000);
  const changed = () => setStamp((n) => n + 1);
  const s = summary.data;

  return (
    <div className="appts" data-testid="manager-appointments">
      <Panel
        title="预约概况"
        className="appt-summary"
        testId="appointment-summary"
        extra={
          <DayPicker value={date} onChange={setDate} testId="summary-date" />
        }
      >
        <ErrorLine text={summary.error} />
        {s && (
          <>
            <p className="summary-day">
              当日共 <b data-testid="summary-total">{s.total}</b> 条预约
            </p>
            <div className="status-counts">
              {STATUS_ORDER.map((k) => (
                <div key={k} className={`sc sc-${k}`} data-testid={`summary-${k}`}>
                  <span>{s.statusNames[k]}</span>
                  <b>{s.counts[k] ?? 0}</b>
                </div>
              ))}
            </div>
            {s.services.length === 0 ? (
              <Empty>该日没有预约</Empty>
            ) : (
              <table className="grid">
                <thead>
                  <tr>
                    <th>业务</th>
                    <th>合计</th>
                    <th>已预约</th>
                    <th>已签到</th>
                    <th>爽约</th>
                    <th>已取消</th>
                    <th>待确认</th>
                  </tr>
                </thead>
                <tbody>
                  {s.services.map((r) => (
                    <tr key={r.serviceCode}>
                      <td>{r.serviceName}</td>
                      <td className="num">{r.total}</td>
                      <td className="num">{r.counts.booked}</td>
                      <td className="num">{r.counts['checked-in']}</td>
                      <td className="num">{r.counts['no-show']}</td>
                      <td className="num">{r.counts.cancelled}</td>
                      <td className="num">{r.counts['pending-approval']}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Panel>

      <Panel title={`待确认的非工作时间预约（${pending.data?.length ?? 0}）`} className="appt-pending" testId="pending">
        <ErrorLine text={pending.error} />
        {pending.data?.length === 0 && <Empty>没有待确认的预约申请</Empty>}
        {pending.data?.map((p) => (
          <PendingRow key={p.appointment.id} p={p} onDone={changed} />
        ))}
      </Panel>

      <Panel title={`失信预约限制（${bans.data?.length ?? 0}）`} className="appt-bans" testId="bans">
        <ErrorLine text={bans.error} />
        {bans.data?.length === 0 && <Empty>目前没有生效的预约限制</Empty>}
        {bans.data?.map((b) => (
          <BanItem key={b.id} b={b} onDone={changed} />
        ))}
      </Panel>
    </div>
  );
}

function PendingRow({ p, onDone }: { p: Pending; onDone: () => void }) {
  const { api, setup } = useConsole();
  const a = p.appointment;
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (path: string, body?: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(path, body);
      onDone();
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  return (
    <div className={p.overdue ? 'item overdue' : 'item'} data-testid={`pending-${a.code}`}>
      <div className="item-main">
        <b>
          {dayText(a.date)} {hhmm(a.start)}—{hhmm(a.end)}
        </b>
        <p>
          {serviceName(setup, a.serviceCode)} <span className="tag">{SESSION_NAMES[a.session] ?? a.session}</span>
        </p>
        <p>
          {a.name}{'\u3000'}{maskIdNumber(a.idNumber)}{'\u3000'}{a.phone.slice(0, 3)}****{a.phone.slice(-4)}{'\u3000'}预约码 {a.code}
        </p>
        <p className={p.overdue ? 'hot' : 'muted'}>
          {hhmm(a.createdAt)} 提交，应在 {hhmm(p.replyBy)} 前答复{p.overdue ? '（已超时）' : ''}
        </p>
      </div>
      <div className="item-actions">
        <button type="button" className="btn primary small" data-testid={`approve-${a.code}`} disabled={busy || refusing} onClick={() => void act(`/api/appointments/${a.id}/approve`)}>
          确认预约
        </button>
        <button type="button" className="btn small" data-testid={`refuse-open-${a.code}`} disabled={busy || refusing} onClick={() => setRefusing(true)}>
          不予确认
        </button>
      </div>
      {refusing && (
        <form
          className="item-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return setError('请填写不予确认的理由（将发送给申请人）');
            void act(`/api/appointments/${a.id}/refuse`, { reason: reason.trim() });
          }}
        >
          <input data-testid={`refuse-reason-${a.code}`} autoFocus maxLength={100} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="理由（将短信告知申请人）" />
          <button type="submit" className="btn small" disabled={busy}>
            确定
          </button>
          <button type="button" className="btn small ghost" onClick={() => setRefusing(false)}>
            取消
          </button>
        </form>
      )}
      <ErrorLine text={error} testId={`pending-error-${a.code}`} />
    </div>
  );
}

function BanItem({ b, onDone }: { b: BanRow; onDone: () => void }) {
  const { api } = useConsole();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="item" data-testid={`ban-${b.id}`}>
      <div className="item-main">
        <b>
          {b.name ?? '（姓名未知）'}{'\u3000'}{b.idNumber}
        </b>
        <span className="tag warn">{b.policyName}</span>
        <p>
          {b.phone}{'\u3000'}{b.until.slice(0, 10)} 前不能预约
        </p>
        <p className="muted">爽约：{b.noShows.map((n) => `${n.date.slice(5)} ${n.serviceName}`).join('；')}</p>
      </div>
      <div className="item-actions">
        <button type="button" className="btn small" data-testid={`lift-open-${b.id}`} disabled={open} onClick={() => setOpen(true)}>
          解除限制
        </button>
      </div>
      {open && (
        <form
          className="item-form"
          onSubmit={(e) => {
            e.preventDefault();
            setBusy(true);
            setError(null);
            api.post(`/api/console/bans/${encodeURIComponent(b.id)}/lift`, { reason }).then(onDone, (err: unknown) => {
              setError(errorText(err));
              setBusy(false);
            });
          }}
        >
          <input data-testid={`lift-reason-${b.id}`} autoFocus maxLength={100} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="解除理由（记入操作日志）" />
          <button type="submit" className="btn primary small" data-testid={`lift-confirm-${b.id}`} disabled={busy}>
            确认解除
          </button>
          <button type="button" className="btn small ghost" onClick={() => setOpen(false)}>
            取消
          </button>
        </form>
      )}
      <ErrorLine text={error} testId={`lift-error-${b.id}`} />
    </div>
  );
}
