/**
 * 服务台取号: the guide desk (服务台/导服) issues a ticket for someone who should not queue at the
 * kiosk — above all 绿色通道 [HALL-RULES §2: 老、弱、病、残、孕、军烈属]. 业务 (with the people
 * waiting, live) → 身份证号码 (optional; required for a 实名 service; checked with the shared GB 11643
 * validator) → 普通 / 绿色通道 with the reason category → POST /api/tickets with the staff token
 * (`priority`, `greenReason`: the server keeps the reason in the issuing event's audit input). The
 * number is shown large with the service and the people ahead, on a slip printed by the browser
 * (desk-ticket.css: the slip alone on paper) with the QR code of the ticket's live status page /t/{id}.
 */
import {
  GREEN_REASONS,
  GREEN_REASON_NAMES,
  ID_PROBLEM_MESSAGES,
  PRIORITY_NAMES,
  checkIdNumber,
  type GreenReason,
  type ServiceStatus,
  type TicketStatusView,
} from '@hall/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQrDataUrl } from '../common/use-qr-data-url.js';
import type { HallView } from '../realtime/index.js';
import { errorText } from './api.js';
import { ErrorLine, Panel, serviceName, useConsole, useLoad } from './common.js';
import { hhmm, minutesText } from './format.js';
import './desk-ticket.css';

type Kind = 'normal' | 'green';

const TIP_CALLS = '请留意大厅叫号屏和语音提示，过号需重新排队。';

export function DeskTicket({ view }: { view: HallView }) {
  const { api, setup } = useConsole();
  const waitingKey = view.services.map((s) => `${s.code}:${s.waiting}`).join(',');
  // 实名 and 预计等候时间 come from GET /api/services; re-read whenever a queue moves.
  const status = useLoad(() => api.get<ServiceStatus[]>('/api/services'), waitingKey);
  const [serviceCode, setServiceCode] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [kind, setKind] = useState<Kind>('normal');
  const [reason, setReason] = useState<GreenReason | null>(null);
  const [problem, setProblem] = useState<{ text: string; field: 'service' | 'id' | 'reason' } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<TicketStatusView | null>(null);
  const printRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const services = setup.services.map((s) => {
    const st = status.data?.find((x) => x.code === s.code);
    const waiting = view.services.find((x) => x.code === s.code)?.waiting ?? st?.waiting ?? 0;
    return { code: s.code, name: s.name, prefix: s.prefix, waiting, realName: st?.realName ?? false, estimate: st ? st.estimatedWaitMinutes : undefined };
  });
  const chosen = services.find((s) => s.code === serviceCode) ?? null;

  useEffect(() => {
    if (issued) printRef.current?.focus();
  }, [issued]);

  const focusField = (field: 'service' | 'id' | 'reason') => {
    const form = formRef.current;
    if (!form) return;
    const el =
      field === 'id'
        ? form.querySelector<HTMLElement>('[data-testid="desk-id"]')
        : field === 'reason'
          ? form.querySelector<HTMLElement>('input[name="desk-reason"]')
          : (form.querySelector<HTMLElement>('input[name="desk-service"]:checked') ?? form.querySelector<HTMLElement>('input[name="desk-service"]'));
    el?.focus();
  };
  const refuse = (text: string, field: 'service' | 'id' | 'reason') => {
    setProblem({ text, field });
    focusField(field);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!chosen) return refuse('请选择办理业务', 'service');
    const raw = idNumber.trim();
    let normalized: string | undefined;
    if (raw) {
      const id = checkIdNumber(raw);
      if (!id.valid) return refuse(`身份证号码：${ID_PROBLEM_MESSAGES[id.problem]}`, 'id');
      normalized = id.normalized;
    } else if (chosen.realName) {
      return refuse(`“${chosen.name}”须实名取号，请填写身份证号码`, 'id');
    }
    if (kind === 'green' && !reason) return refuse('请选择绿色通道原因', 'reason');
    setProblem(null);
    setBusy(true);
    try {
      const t = await api.post<TicketStatusView>('/api/tickets', {
        serviceCode: chosen.code,
        ...(normalized ? { idNumber: normalized } : {}),
        ...(kind === 'green' ? { priority: 'green', greenReason: reason } : {}),
      });
      setIssued(t);
      setIdNumber('');
      setKind('normal');
      setReason(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const chooseService = (code: string) => {
    setServiceCode(code);
    // A refusal was about the previous choice.
    setProblem(null);
    setError(null);
  };

  const again = () => {
    setIssued(null);
    setError(null);
    setProblem(null);
    requestAnimationFrame(() => focusField('service'));
  };

  const idRequired = chosen?.realName ?? false;
  const shownError = problem?.text ?? error;
  return (
    <div className="desk" data-testid="desk-ticket">
      <Panel title="服务台取号" className="desk-form">
        <form ref={formRef} onSubmit={submit} noValidate aria-describedby="desk-intro">
          <p className="muted" id="desk-intro">
            为到服务台求助的群众取号。老年人、残疾人、孕妇、军人军属等可走绿色通道，在同一业务中优先于普通号叫号。
          </p>
          <fieldset className="desk-services" data-testid="desk-services" aria-invalid={problem?.field === 'service' || undefined}>
            <legend>办理业务</legend>
            <ErrorLine text={status.error} testId="desk-services-error" />
            {services.map((s) => (
              <label key={s.code} className={s.code === serviceCode ? 'desk-service on' : 'desk-service'} data-testid={`desk-service-${s.code}`}>
                <input type="radio" name="desk-service" value={s.code} checked={s.code === serviceCode} onChange={() => chooseService(s.code)} />
                <b>{s.name}</b>
                <span>
                  等候 <em data-testid={`desk-waiting-${s.code}`}>{s.waiting}</em> 人
                  {s.estimate === null ? ' · 暂无窗口办理' : s.estimate !== undefined && s.waiting > 0 ? ` · 约${minutesText(s.estimate)}` : ''}
                </span>
                {s.realName && <small className="desk-tag">须实名</small>}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span>
              身份证号码
              <span className="muted">{idRequired ? '（必填：该业务须实名取号）' : '（选填）'}</span>
            </span>
            <input
              data-testid="desk-id"
              maxLength={18}
              autoComplete="off"
              spellCheck={false}
              value={idNumber}
              aria-required={idRequired}
              aria-invalid={problem?.field === 'id' || undefined}
              aria-describedby="desk-error"
              onChange={(e) => setIdNumber(e.target.value.toUpperCase())}
            />
          </label>
          <fieldset className="desk-kind">
            <legend>取号类别</legend>
            <div className="row">
              <label className="radio">
                <input type="radio" name="desk-kind" data-testid="desk-kind-normal" checked={kind === 'normal'} onChange={() => setKind('normal')} />
                普通
              </label>
              <label className="radio">
                <input type="radio" name="desk-kind" data-testid="desk-kind-green" checked={kind === 'green'} onChange={() => setKind('green')} />
                绿色通道（优先叫号）
              </label>
            </div>
          </fieldset>
          {kind === 'green' && (
            <fieldset className="desk-reasons" data-testid="desk-reasons" aria-invalid={problem?.field === 'reason' || undefined}>
              <legend>绿色通道原因</legend>
              <div className="row">
                {GREEN_REASONS.map((r) => (
                  <label key={r} className="radio">
                    <input type="radio" name="desk-reason" data-testid={`desk-reason-${r}`} checked={reason === r} onChange={() => setReason(r)} />
                    {GREEN_REASON_NAMES[r]}
                  </label>
                ))}
              </div>
              <p className="muted">请核实相关证件（如残疾人证、军人证），原因仅记入取号记录，不打印在号票上。</p>
            </fieldset>
          )}
          <div id="desk-error">
            <ErrorLine text={shownError} testId="desk-error" />
          </div>
          <button type="submit" className="btn primary big" data-testid="desk-submit" disabled={busy}>
            {busy ? '正在取号……' : kind === 'green' ? '取绿色通道号' : '取号'}
          </button>
        </form>
      </Panel>
      <Panel title="取号结果" className="desk-result" testId="desk-result">
        {issued ? (
          <div className="desk-issued" role="status">
            <Slip ticket={issued} hallName={setup.hallName} service={serviceName(setup, issued.serviceCode)} />
            <div className="row no-print">
              <button type="button" ref={printRef} className="btn primary" data-testid="desk-print" onClick={() => window.print()}>
                打印号票
              </button>
              <button type="button" className="btn" data-testid="desk-again" onClick={again}>
                继续取号
              </button>
            </div>
          </div>
        ) : (
          <p className="muted">取号后在此显示号码，可打印号票交给群众（号票上的二维码可用手机查看排队进度）。</p>
        )}
      </Panel>
    </div>
  );
}

/** The ticket as the citizen takes it away: on screen in the result panel, alone on paper. */
function Slip({ ticket, hallName, service }: { ticket: TicketStatusView; hallName: string; service: string }) {
  const url = `${location.origin}/t/${encodeURIComponent(ticket.id)}`;
  const waiting = ticket.status === 'waiting';
  return (
    <div className="desk-slip" data-testid="desk-slip">
      <p className="slip-hall">{hallName}</p>
      <p className="slip-number" data-testid="desk-number" aria-label={`号码 ${ticket.number}`}>
        {ticket.number}
      </p>
      {ticket.priority !== 'normal' && (
        <p className="slip-priority" data-testid="desk-priority">
          {PRIORITY_NAMES[ticket.priority]}
        </p>
      )}
      <dl>
        <dt>业务</dt>
        <dd data-testid="desk-service-name">{service}</dd>
        <dt>前面</dt>
        <dd data-testid="desk-ahead">{waiting ? `还有 ${ticket.waitingAhead} 人等候` : '请留意叫号'}</dd>
        {waiting && ticket.estimatedWaitMinutes !== null && (
          <>
            <dt>预计等候</dt>
            <dd>约{minutesText(ticket.estimatedWaitMinutes)}</dd>
          </>
        )}
        <dt>取号时间</dt>
        <dd>
          {ticket.issuedAt.slice(0, 10)} {hhmm(ticket.issuedAt)}
        </dd>
      </dl>
      <StatusQr url={url} />
      <p className="slip-tip">{TIP_CALLS}</p>
    </div>
  );
}

/** The QR code of the live status page, drawn in the page as /book draws its check-in code. */
function StatusQr({ url }: { url: string }) {
  const src = useQrDataUrl(url, { margin: 1, width: 160 });
  return (
    <figure className="slip-qr" data-testid="desk-qr" data-url={url}>
      {src ? <img src={src} alt="扫码查看排队进度" width={140} height={140} data-testid="desk-qr-img" /> : <span className="muted">二维码生成中…</span>}
      <figcaption>手机扫码查看排队进度</figcaption>
    </figure>
  );
}
