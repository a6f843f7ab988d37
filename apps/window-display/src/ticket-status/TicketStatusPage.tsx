/**
 * 号码状态 on a phone (/t/{ticketId}, the QR on a printed ticket): the number, the service, the
 * status in plain Chinese, people ahead and 预计等候时间, refreshed every few seconds by itself.
 * Public page: no socket credentials, so it polls GET /api/tickets/{id}.
 */
import type { TicketStatusView } from '@hall/shared';
import { useEffect, useRef, useState } from 'react';
import { ApiError, api, errorText } from '../book/api.js';
import { POLL_MS, clockText, describeTicket, priorityLabel, type WindowName } from './ticket-status.js';

interface Names {
  services: Map<string, string>;
  windows: Map<string, WindowName>;
}

async function loadNames(): Promise<Names> {
  const [services, windows] = await Promise.all([
    api<{ code: string; name: string }[]>('GET', '/api/services'),
    api<{ id: string; no: string; name: string }[]>('GET', '/api/windows'),
  ]);
  return { services: new Map(services.map((s) => [s.code, s.name])), windows: new Map(windows.map((w) => [w.id, { no: w.no, name: w.name }])) };
}

type Load = { kind: 'loading' } | { kind: 'missing' } | { kind: 'shown'; ticket: TicketStatusView; at: Date };

export function TicketStatusPage({ hallName, ticketId }: { hallName: string; ticketId: string }) {
  const [id, setId] = useState(ticketId);
  const [load, setLoad] = useState<Load>(ticketId ? { kind: 'loading' } : { kind: 'missing' });
  const [problem, setProblem] = useState<string | null>(null);
  const [names, setNames] = useState<Names | null>(null);
  const namesRef = useRef<Names | null>(null);
  const final = useRef(false);

  useEffect(() => {
    if (!id) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      clearTimeout(timer);
      try {
        const ticket = await api<TicketStatusView>('GET', `/api/tickets/${encodeURIComponent(id)}`);
        if (!live) return;
        if (ticket.status === 'transferred' && ticket.transferredTo) {
          setId(ticket.transferredTo); // the same number, now queued for another service or window
          return;
        }
        setLoad({ kind: 'shown', ticket, at: new Date() });
        setProblem(null);
        final.current = describeTicket(ticket, null).final;
        const known = namesRef.current;
        if (!known || (ticket.windowId && !known.windows.has(ticket.windowId))) {
          loadNames().then(
            (n) => {
              namesRef.current = n;
              if (live) setNames(n);
            },
            () => undefined, // names are a nicety: the number and status show without them
          );
        }
      } catch (e) {
        if (!live) return;
        if (e instanceof ApiError && (e.code === 'NOT_FOUND' || e.code === 'VALIDATION_FAILED')) {
          setLoad({ kind: 'missing' });
          return;
        }
        setProblem(errorText(e));
      }
      if (live && !final.current && !document.hidden) timer = setTimeout(() => void poll(), POLL_MS);
    };
    const onVisible = () => {
      if (!document.hidden && !final.current) void poll();
    };
    void poll();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      live = false;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [id]);

  return (
    <div className="ts">
      <header className="ts-header">
        <h1>{hallName}</h1>
        <p>号码状态</p>
      </header>
      <main className="ts-main">
        {load.kind === 'loading' && <p className="ts-muted">正在查询…</p>}
        {load.kind === 'missing' && (
          <section className="ts-card ts-missing" data-testid="not-found">
            <h2>找不到该号码</h2>
            <p>这个链接没有对应的号码。请核对号码小票上的二维码重新扫描，或到服务台咨询。</p>
          </section>
        )}
        {load.kind === 'shown' && <TicketCard ticket={load.ticket} names={names} />}
        {problem && (
          <p className="ts-error" data-testid="stale">
            {problem}，正在重试…{load.kind === 'shown' ? `（以下为 ${clockText(load.at)} 的状态）` : ''}
          </p>
        )}
        {load.kind === 'shown' && (
          <p className="ts-updated" data-testid="updated-at">
            更新于 {clockText(load.at)}
            {describeTicket(load.ticket, null).final ? '' : ` · 每 ${POLL_MS / 1000} 秒自动刷新`}
          </p>
        )}
      </main>
    </div>
  );
}

function TicketCard({ ticket, names }: { ticket: TicketStatusView; names: Names | null }) {
  const window = ticket.windowId ? (names?.windows.get(ticket.windowId) ?? null) : null;
  const text = describeTicket(ticket, window);
  const priority = priorityLabel(ticket);
  return (
    <section className={`ts-card tone-${text.tone}`} data-testid="ticket">
      <div className="ts-number" data-testid="ticket-number">
        {ticket.number}
      </div>
      <div className="ts-service" data-testid="ticket-service">
        {names?.services.get(ticket.serviceCode) ?? ticket.serviceCode}
        {priority && <span className="ts-priority">{priority}</span>}
      </div>
      <div className="ts-status" data-testid="ticket-status">
        {text.status}
      </div>
      {text.wait && (
        <dl className="ts-wait">
          <div>
            <dt>前面还有</dt>
            <dd data-testid="waiting-ahead">
              <b>{text.wait.ahead}</b> 人
            </dd>
          </div>
          <div>
            <dt>预计等候</dt>
            <dd data-testid="estimate">{text.wait.estimate}</dd>
          </div>
        </dl>
      )}
      <div className="ts-advice" data-testid="advice">
        {text.lines.map((l) => (
          <p key={l}>{l}</p>
        ))}
      </div>
      <p className="ts-muted ts-issued">取号时间 {ticket.issuedAt.slice(11, 16)}</p>
    </section>
  );
}
