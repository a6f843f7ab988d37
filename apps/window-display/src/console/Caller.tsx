/**
 * 叫号台: choose a window and sign in as A or B post; then one big button per action with its
 * function key (F1 叫号 … F9 预约办理), the current ticket against its 限时办结 target, the
 * window's queue in calling order with the server's "why", skipped tickets to re-queue, and the
 * day's ratings as plain counts (HALL-RULES §4: staff never see who rated). Live from the hall
 * feed; the lists are re-read when an event moves them, never on a timer.
 */
import { PRIORITY_NAMES, TICKET_STATUS_NAMES, type Ticket, type WindowView } from '@hall/shared';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { HallView } from '../realtime/index.js';
import { errorText } from './api.js';
import { ArrivalNotices } from './ArrivalNotices.js';
import { Empty, ErrorLine, Panel, ratingKey, serviceName, serviceOf, useConsole, useHallNow, useLoad, type WindowInfo } from './common.js';
import { clockText, hhmm, minutesSince, minutesText, RATING_LEVEL_NAMES, servingClock, windowState, windowStateText } from './format.js';
import { GuideDialog } from './GuideSheet.js';
import { navigate } from './routes.js';
import { KEY_OF, shortcutFor, type DeskAction } from './shortcuts.js';

export function Caller({ windowId, view }: { windowId: string | null; view: HallView }) {
  return windowId ? <Desk key={windowId} windowId={windowId} view={view} /> : <WindowChooser view={view} />;
}

// ---------------------------------------------------------------- choosing a window

function WindowChooser({ view }: { view: HallView }) {
  const { setup, session } = useConsole();
  const me = session.employeeNo;
  const mine = setup.me.windows;
  const mineIds = new Set(mine.map((m) => m.windowId));
  const onDutyAt = view.windows.find((w) => me && w.onDuty.some((p) => p.employeeNo === me));
  const others = setup.windows.filter((w) => !mineIds.has(w.id));
  return (
    <div className="chooser" data-testid="window-chooser">
      <h1>选择窗口</h1>
      {onDutyAt && (
        <div className="on-duty-banner" data-testid="on-duty-banner">
          您正在 <b>{onDutyAt.no}号窗口</b>（{onDutyAt.name}）上岗。
          <button type="button" className="btn primary" onClick={() => navigate({ page: 'caller', windowId: onDutyAt.id })}>
            进入叫号台
          </button>
        </div>
      )}
      {mine.length > 0 ? (
        <>
          <h2>我的窗口</h2>
          <div className="chooser-grid">
            {mine.map((m) => (
              <WindowCard key={m.windowId} info={setup.windows.find((w) => w.id === m.windowId)!} live={view.windows.find((w) => w.id === m.windowId)} myPost={m.post} />
            ))}
          </div>
        </>
      ) : session.role === 'staff' ? (
        <p className="empty">您的工号未被安排在任何窗口，请联系大厅负责人。</p>
      ) : (
        <p className="hint">{session.role === 'admin' ? '系统管理员可直接在任一窗口操作，无需签到。' : '大厅负责人可打开任一窗口的叫号台查看；在窗口操作须按排班签到。'}</p>
      )}
      <h2>{mine.length > 0 ? '其他窗口' : '全部窗口'}</h2>
      <div className="chooser-list">
        {others.map((w) => (
          <WindowRow key={w.id} info={w} live={view.windows.find((x) => x.id === w.id)} />
        ))}
      </div>
    </div>
  );
}

function postName(p: { name: string | null; employeeNo: string } | null): string {
  return p ? `${p.name ?? ''}（${p.employeeNo}）` : '未设';
}

function WindowCard({ info, live, myPost }: { info: WindowInfo; live: WindowView | undefined; myPost: 'A' | 'B' }) {
  const { setup, session } = useConsole();
  const onDuty = live?.onDuty.some((p) => p.employeeNo === session.employeeNo) ?? false;
  const signIn = useSignIn(info.id);
  return (
    <div className="window-card" data-testid={`choose-${info.id}`}>
      <div className="wc-head">
        <b>{info.no}号窗口</b>
        <span>{info.name}</span>
        {live && <StateBadge w={live} />}
      </div>
      <p className="wc-line">业务：{info.services.map((c) => serviceName(setup, c)).join('、')}</p>
      <p className="wc-line">
        A岗 {postName(info.posts.A)} · B岗 {postName(info.posts.B)}
      </p>
      <p className="wc-line">您在本窗口为 {myPost}岗</p>
      {onDuty ? (
        <button type="button" className="btn primary big" onClick={() => navigate({ page: 'caller', windowId: info.id })}>
          进入叫号台
        </button>
      ) : (
        <button type="button" className="btn primary big" data-testid={`sign-in-${info.id}-${myPost}`} disabled={signIn.busy} onClick={() => signIn.run(myPost)}>
          {myPost}岗签到上岗
        </button>
      )}
      <ErrorLine text={signIn.error} testId={`sign-in-error-${info.id}`} />
    </div>
  );
}

function WindowRow({ info, live }: { info: WindowInfo; live: WindowView | undefined }) {
  const { setup, session } = useConsole();
  const signIn = useSignIn(info.id);
  return (
    <div className="window-row" data-testid={`choose-${info.id}`}>
      <b>{info.no}号</b>
      <span className="wr-name">{info.name}</span>
      <span className="wr-services">{info.services.map((c) => serviceName(setup, c)).join('、')}</span>
      {live && <StateBadge w={live} />}
      <span className="wr-actions">
        {session.role === 'staff' ? (
          (['A', 'B'] as const).map((p) => (
            <button key={p} type="button" className="btn small" data-testid={`sign-in-${info.id}-${p}`} disabled={signIn.busy} onClick={() => signIn.run(p)}>
              {p}岗签到
            </button>
          ))
        ) : (
          <button type="button" className="btn small" data-testid={`open-${info.id}`} onClick={() => navigate({ page: 'caller', windowId: info.id })}>
            打开叫号台
          </button>
        )}
      </span>
      <ErrorLine text={signIn.error} testId={`sign-in-error-${info.id}`} />
    </div>
  );
}

function useSignIn(windowId: string) {
  const { api } = useConsole();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    busy,
    error,
    run: async (post: 'A' | 'B') => {
      setBusy(true);
      setError(null);
      try {
        await api.post(`/api/windows/${encodeURIComponent(windowId)}/sign-in`, { post });
        navigate({ page: 'caller', windowId });
      } catch (e) {
        setError(errorText(e));
      } finally {
        setBusy(false);
      }
    },
  };
}

export function StateBadge({ w }: { w: WindowView }) {
  const s = windowState(w);
  return (
    <span className={`state state-${s}`} data-testid={`state-${w.id}`}>
      {windowStateText(w)}
    </span>
  );
}

// ---------------------------------------------------------------- the desk

interface QueueRow {
  ticket: Ticket;
  why: string;
}
interface WindowToday {
  served: number;
  skipped: Ticket[];
  ratings: { rated: number; notRated: number; counts: Record<string, number>; bad: number };
}

type Dialog = 'finish' | 'transfer' | 'pause' | 'guide' | null;

const ACTION_LABELS: Record<DeskAction, string> = { call: '叫号', recall: '重呼', skip: '过号', finish: '办结', pause: '暂停', start: '开始办理', transfer: '转移', mode: '预约办理' };

function Desk({ windowId, view }: { windowId: string; view: HallView }) {
  const { api, setup, session, feed } = useConsole();
  const now = useHallNow(feed);
  const info = setup.windows.find((w) => w.id === windowId);
  const w = view.windows.find((x) => x.id === windowId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const path = `/api/windows/${encodeURIComponent(windowId)}`;

  const canAct = !!w && (session.role === 'admin' || w.onDuty.some((p) => p.employeeNo === session.employeeNo));
  // Re-read the queue when this window or the waiting counts of its services move.
  const queueKey = w ? [w, view.services.filter((s) => w.services.includes(s.code)).map((s) => s.waiting)] : null;
  const queue = useLoad(() => api.get<QueueRow[]>(`${path}/queue`), queueKey);
  const today = useLoad(() => api.get<WindowToday>(`/api/console/windows/${encodeURIComponent(windowId)}/today`), [queueKey, ratingKey(view)]);

  const run = async (key: string, fn: () => Promise<unknown>, note?: (r: unknown) => string | null) => {
    setBusy(key);
    setErrors((e) => ({ ...e, [key]: '' }));
    setNotes({});
    try {
      const r = await fn();
      const n = note?.(r);
      if (n) setNotes({ [key]: n });
      return true;
    } catch (e) {
      setErrors((prev) => ({ ...prev, [key]: errorText(e) }));
      return false;
    } finally {
      setBusy(null);
    }
  };
  const cur = w?.current ?? null;
  const refuse = (key: DeskAction, text: string) => {
    setNotes({});
    setErrors((e) => ({ ...e, [key]: text }));
  };

  // The server decides what may be done (who is on duty, what the ticket allows) and says why not;
  // only the dialogs that need a current ticket are refused here.
  const trigger = (a: DeskAction) => {
    if (!w || busy) return;
    switch (a) {
      case 'call':
        return void run('call', () => api.post<{ ticket: Ticket | null }>(`${path}/call-next`), (r) => ((r as { ticket: Ticket | null }).ticket ? null : '当前没有等候的号码'));
      case 'recall':
        return void run('recall', () => api.post(`${path}/recall`));
      case 'skip':
        return void run('skip', () => api.post(`${path}/skip`));
      case 'start':
        return void run('start', () => api.post(`${path}/start`));
      case 'finish':
        if (!cur) return refuse(a, '当前没有号码，无需办结');
        return setDialog('finish');
      case 'transfer':
        if (!cur) return refuse(a, '当前没有号码，无法转移');
        return setDialog('transfer');
      case 'pause':
        if (w.status === 'paused') return void run('pause', () => api.post(`${path}/resume`));
        return setDialog('pause');
      case 'mode':
        return void run('mode', () => api.put(`${path}/mode`, { mode: w.mode === 'appointment' ? 'normal' : 'appointment' }));
    }
  };
  const triggerRef = useRef(trigger);
  triggerRef.current = trigger;

  useEffect(() => {
    if (dialog) return;
    const onKey = (e: KeyboardEvent) => {
      const a = shortcutFor({ key: e.key, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey, shiftKey: e.shiftKey, repeat: e.repeat, target: e.target as HTMLElement | null });
      if (!a) return;
      e.preventDefault();
      triggerRef.current(a);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog]);

  if (!info || !w) {
    return (
      <div className="center-note">
        <p>没有编号为 {windowId} 的窗口。</p>
        <button type="button" className="btn" onClick={() => navigate({ page: 'caller', windowId: null })}>
          返回选择窗口
        </button>
      </div>
    );
  }

  const service = cur ? serviceOf(setup, cur.serviceCode) : undefined;
  const clock = servingClock(cur, service?.targetMinutes, now);
  const paused = w.status === 'paused';
  const button = (a: DeskAction, label: string, opts: { primary?: boolean; disabled?: boolean; on?: boolean } = {}) => (
    <div className="action">
      <button
        type="button"
        className={`btn action-btn${opts.primary ? ' primary' : ''}${opts.on ? ' on' : ''}`}
        data-testid={`action-${a}`}
        disabled={busy !== null || opts.disabled}
        onClick={() => trigger(a)}
      >
        <kbd>{KEY_OF[a]}</kbd>
        <span>{busy === a ? '处理中……' : label}</span>
      </button>
      <ErrorLine text={errors[a]} testId={`error-${a}`} />
      {notes[a] && (
        <p className="note-line" data-testid={`note-${a}`}>
          {notes[a]}
        </p>
      )}
    </div>
  );

  return (
    <div className="desk" data-testid="desk" data-window={windowId}>
      <section className="desk-main">
        <header className="desk-head">
          <div className="desk-title">
            <h1>
              {w.no}号窗口 <span>{w.name}</span>
            </h1>
            <StateBadge w={w} />
            {w.mode === 'appointment' && <span className="tag appt">预约办理中</span>}
            {w.appointmentOnly && <span className="tag">预约专窗</span>}
          </div>
          <p className="desk-posts" data-testid="desk-posts">
            {(['A', 'B'] as const).map((p) => {
              const holder = w.onDuty.find((d) => d.post === p);
              return (
                <span key={p} className={holder ? 'post on' : 'post'}>
                  {p}岗 {holder ? `${holder.name}（${holder.employeeNo}）${holder.employeeNo === session.employeeNo ? ' · 您' : ''}` : '未在岗'}
                </span>
              );
            })}
          </p>
          <div className="desk-tools">
            <button type="button" className="btn small" data-testid="open-guide" onClick={() => setDialog('guide')}>
              打印一次性告知单
            </button>
            {canAct && session.role !== 'admin' && (
              <button
                type="button"
                className="btn small"
                data-testid="sign-out"
                disabled={busy !== null}
                onClick={() => void run('signout', () => api.post(`${path}/sign-out`)).then((ok) => ok && navigate({ page: 'caller', windowId: null }))}
              >
                签退离岗
              </button>
            )}
            <button type="button" className="btn small ghost" onClick={() => navigate({ page: 'caller', windowId: null })}>
              更换窗口
            </button>
          </div>
          <ErrorLine text={errors.signout} testId="error-signout" />
        </header>

        {!canAct && <SignInPanel w={w} info={info} />}
        <ArrivalNotices w={w} queue={queue.data} canSwitch={canAct} />

        <CurrentTicket cur={cur} serviceText={cur ? serviceName(setup, cur.serviceCode) : ''} clock={clock} target={service?.targetMinutes} paused={paused ? (w.pause?.reason ?? '') : null} />

        <div className="actions" data-testid="actions">
          {button('call', '叫号', { primary: true })}
          {button('recall', '重呼', { disabled: !cur || cur.status === 'serving' })}
          {button('skip', '过号', { disabled: !cur })}
          {button('finish', '办结', { primary: true, disabled: !cur })}
          {button('start', '开始办理', { disabled: !cur || cur.status === 'serving' })}
          {button('transfer', '转移', { disabled: !cur })}
          {button('pause', paused ? '恢复服务' : '暂停服务', { on: paused })}
          {button('mode', w.mode === 'appointment' ? '预约办理：开' : '预约办理：关', { on: w.mode === 'appointment' })}
        </div>
        <p className="shortcut-hint">快捷键：{(Object.keys(ACTION_LABELS) as DeskAction[]).map((a) => `${KEY_OF[a]} ${ACTION_LABELS[a]}`).join(' · ')}（在输入框中打字时不生效）</p>
      </section>

      <aside className="desk-side">
        <Panel title={`等候队列（${queue.data?.length ?? 0}人）`} className="queue-panel" testId="queue">
          <ErrorLine text={queue.error} />
          {queue.data && queue.data.length === 0 && <Empty>暂无等候的群众</Empty>}
          {queue.data && queue.data.length > 0 && (
            <table className="grid">
              <thead>
                <tr>
                  <th>顺序</th>
                  <th>号码</th>
                  <th>业务</th>
                  <th>类别</th>
                  <th>已等</th>
                  <th>排序依据</th>
                </tr>
              </thead>
              <tbody>
                {queue.data.map((r, i) => (
                  <tr key={r.ticket.id} data-testid={`queue-${r.ticket.number}`}>
                    <td>{i + 1}</td>
                    <td className="num">{r.ticket.number}</td>
                    <td>{serviceName(setup, r.ticket.serviceCode)}</td>
                    <td>
                      <span className={`prio prio-${r.ticket.priority}`}>{PRIORITY_NAMES[r.ticket.priority]}</span>
                    </td>
                    <td>{minutesText(minutesSince(r.ticket.issuedAt, now))}</td>
                    <td className="why">{r.why}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
        <Panel title={`今日过号（${today.data?.skipped.length ?? 0}）`} className="skipped-panel" testId="skipped">
          {today.data && today.data.skipped.length === 0 && <Empty>今日本窗口没有过号的号码</Empty>}
          {today.data?.skipped.map((t) => (
            <Requeue key={t.id} t={t} serviceText={serviceName(setup, t.serviceCode)} />
          ))}
        </Panel>
        <Panel title="今日评价" className="rating-panel" testId="window-ratings" extra={<small>今日已办结 {today.data?.served ?? 0} 件</small>}>
          {today.data && (
            <>
              <ul className="rating-counts">
                {[5, 4, 3, 2, 1].map((l) => (
                  <li key={l} className={l <= 2 ? 'bad' : ''} data-testid={`rating-count-${l}`}>
                    <span>{RATING_LEVEL_NAMES[l]}</span>
                    <b>{today.data!.ratings.counts[String(l)] ?? 0}</b>
                  </li>
                ))}
              </ul>
              <p className="muted" data-testid="rating-summary">
                共评价 {today.data.ratings.rated} 次，其中差评 {today.data.ratings.bad} 次；未评价 {today.data.ratings.notRated} 次。只显示数量，不显示评价人。
              </p>
            </>
          )}
        </Panel>
      </aside>

      {dialog === 'finish' && cur && (
        <FinishDialog
          number={cur.number}
          busy={busy === 'finish'}
          error={errors.finish}
          onCancel={() => setDialog(null)}
          onSubmit={(caseNo) => void run('finish', () => api.post(`${path}/finish`, caseNo ? { caseNo } : {})).then((ok) => ok && setDialog(null))}
        />
      )}
      {dialog === 'transfer' && cur && (
        <TransferDialog
          cur={cur}
          windowId={windowId}
          busy={busy === 'transfer'}
          error={errors.transfer}
          onCancel={() => setDialog(null)}
          onSubmit={(body) => void run('transfer', () => api.post(`${path}/transfer`, body)).then((ok) => ok && setDialog(null))}
        />
      )}
      {dialog === 'pause' && (
        <PauseDialog busy={busy === 'pause'} error={errors.pause} onCancel={() => setDialog(null)} onSubmit={(reason) => void run('pause', () => api.post(`${path}/pause`, { reason })).then((ok) => ok && setDialog(null))} />
      )}
      {dialog === 'guide' && <GuideDialog serviceCodes={w.services} current={cur} window={w} onClose={() => setDialog(null)} />}
    </div>
  );
}

function SignInPanel({ w, info }: { w: WindowView; info: WindowInfo }) {
  const signIn = useSignIn(w.id);
  return (
    <div className="sign-in-panel" data-testid="sign-in-panel">
      <p>
        您尚未在<b>{w.no}号窗口</b>签到上岗。本窗口 A岗 {postName(info.posts.A)}，B岗 {postName(info.posts.B)}。
      </p>
      <div className="row">
        {(['A', 'B'] as const).map((p) => (
          <button key={p} type="button" className="btn primary" data-testid={`desk-sign-in-${p}`} disabled={signIn.busy} onClick={() => signIn.run(p)}>
            {p}岗签到
          </button>
        ))}
      </div>
      <ErrorLine text={signIn.error} testId="desk-sign-in-error" />
    </div>
  );
}

function CurrentTicket({ cur, serviceText, clock, target, paused }: { cur: Ticket | null; serviceText: string; clock: ReturnType<typeof servingClock>; target: number | undefined; paused: string | null }) {
  if (!cur) {
    return (
      <div className="current empty-current" data-testid="current">
        <p className="current-none">{paused !== null ? `窗口已暂停（${paused}），按 F6 恢复服务` : '当前没有号码，按 F1 叫号'}</p>
      </div>
    );
  }
  const waited = cur.calledAt ? minutesSince(cur.issuedAt, Date.parse(cur.calledAt)) : 0;
  const overBy = clock && target ? Math.floor(clock.ms / 60_000) - target : 0;
  return (
    <div className={clock?.over ? 'current over' : 'current'} data-testid="current">
      <div className="current-number" data-testid="current-number">
        {cur.number}
      </div>
      <div className="current-facts">
        <p className="current-service">
          {serviceText}
          {cur.priority !== 'normal' && <span className={`prio prio-${cur.priority}`}>{PRIORITY_NAMES[cur.priority]}</span>}
          <span className="tag" data-testid="current-status">
            {TICKET_STATUS_NAMES[cur.status]}
          </span>
        </p>
        <p>
          {hhmm(cur.issuedAt)} 取号，等候 {minutesText(waited)}
          {cur.recallCount > 0 ? `，已重呼 ${cur.recallCount} 次` : ''}
        </p>
        {clock && (
          <div className="serving-clock" data-testid="serving-clock">
            <span>
              {cur.startedAt ? `${hhmm(cur.startedAt)} 开始办理，` : ''}已用时 <b>{clockText(clock.ms)}</b> / 限时办结 {target ?? '—'} 分钟
              {clock.over && <em>（已超时 {minutesText(overBy)}）</em>}
            </span>
            <div className="bar">
              <i style={{ width: `${Math.round(clock.share * 100)}%` }} />
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

function Requeue({ t, serviceText }: { t: Ticket; serviceText: string }) {
  const { api } = useConsole();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="skipped-row" data-testid={`skipped-${t.number}`}>
      <b className="num">{t.number}</b>
      <span>{serviceText}</span>
      <span className="muted">{hhmm(t.calledAt)} 呼叫未到</span>
      <button
        type="button"
        className="btn small"
        data-testid={`requeue-${t.number}`}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          api.post(`/api/tickets/${encodeURIComponent(t.id)}/requeue`, {}).then(
            () => setBusy(false),
            (e: unknown) => {
              setError(errorText(e));
              setBusy(false);
            },
          );
        }}
      >
        重新排队
      </button>
      <ErrorLine text={error} />
    </div>
  );
}

// ---------------------------------------------------------------- dialogs

export function Modal({ title, children, onCancel, testId, wide }: { title: string; children: ReactNode; onCancel: () => void; testId: string; wide?: boolean }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="modal-back no-print-back">
      <div className={wide ? 'modal wide' : 'modal'} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** A dialog's footer: 取消（Esc） and the submit button, which says what it is doing while busy. */
export function DialogActions({ onCancel, busy, submitTestId, label, busyLabel }: { onCancel: () => void; busy: boolean; submitTestId: string; label: string; busyLabel: string }) {
  return (
    <div className="row end">
      <button type="button" className="btn" onClick={onCancel}>
        取消（Esc）
      </button>
      <button type="submit" className="btn primary" data-testid={submitTestId} disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}

function FinishDialog({ number, busy, error, onCancel, onSubmit }: { number: string; busy: boolean; error: string | undefined; onCancel: () => void; onSubmit: (caseNo: string) => void }) {
  const [caseNo, setCaseNo] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(caseNo.trim());
  };
  return (
    <Modal title={`办结 ${number}`} onCancel={onCancel} testId="finish-dialog">
      <form onSubmit={submit}>
        <label className="field">
          办件编号（可选，用于好差评平台关联）
          <input data-testid="case-no" autoFocus maxLength={64} value={caseNo} onChange={(e) => setCaseNo(e.target.value)} placeholder="如 BDC-2026-000123" />
        </label>
        <p className="muted">办结后，窗口评价器将请群众对本次服务评价（自愿，不提示）。</p>
        <ErrorLine text={error} testId="finish-error" />
        <DialogActions onCancel={onCancel} busy={busy} submitTestId="finish-confirm" label="确认办结（回车）" busyLabel="正在办结……" />
      </form>
    </Modal>
  );
}

function TransferDialog({
  cur,
  windowId,
  busy,
  error,
  onCancel,
  onSubmit,
}: {
  cur: Ticket;
  windowId: string;
  busy: boolean;
  error: string | undefined;
  onCancel: () => void;
  onSubmit: (body: { serviceCode: string } | { windowId: string }) => void;
}) {
  const { setup } = useConsole();
  const [kind, setKind] = useState<'service' | 'window'>('service');
  const services = setup.services.filter((s) => s.code !== cur.serviceCode);
  const windows = setup.windows.filter((w) => w.id !== windowId);
  const [serviceCode, setServiceCode] = useState(services[0]?.code ?? '');
  const [target, setTarget] = useState(windows[0]?.id ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(kind === 'service' ? { serviceCode } : { windowId: target });
  };
  return (
    <Modal title={`转移 ${cur.number}`} onCancel={onCancel} testId="transfer-dialog">
      <form onSubmit={submit}>
        <p className="muted">转移后保留原取号时间，群众按原来的先后在新队列中等候。</p>
        <label className="radio">
          <input type="radio" name="kind" checked={kind === 'service'} onChange={() => setKind('service')} />
          转到其他业务
        </label>
        <select data-testid="transfer-service" value={serviceCode} disabled={kind !== 'service'} onChange={(e) => setServiceCode(e.target.value)}>
          {services.map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
            </option>
          ))}
        </select>
        <label className="radio">
          <input type="radio" name="kind" data-testid="transfer-kind-window" checked={kind === 'window'} onChange={() => setKind('window')} />
          转到指定窗口
        </label>
        <select data-testid="transfer-window" value={target} disabled={kind !== 'window'} onChange={(e) => setTarget(e.target.value)}>
          {windows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.no}号窗口 · {w.name}
            </option>
          ))}
        </select>
        <ErrorLine text={error} testId="transfer-error" />
        <DialogActions onCancel={onCancel} busy={busy} submitTestId="transfer-confirm" label="确认转移" busyLabel="正在转移……" />
      </form>
    </Modal>
  );
}

export const PAUSE_REASONS = ['临时离开（15分钟内）', '业务请示、协调', '参加会议', '业务培训', '系统故障', '设备故障', '用餐'];

function PauseDialog({ busy, error, onCancel, onSubmit }: { busy: boolean; error: string | undefined; onCancel: () => void; onSubmit: (reason: string) => void }) {
  const [choice, setChoice] = useState(PAUSE_REASONS[0]!);
  const [other, setOther] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const reason = choice === 'other' ? other.trim() : choice;
    if (!reason) return setProblem('请填写暂停原因');
    onSubmit(reason);
  };
  return (
    <Modal title="暂停服务" onCancel={onCancel} testId="pause-dialog">
      <form onSubmit={submit}>
        <p className="muted">暂停超过 15 分钟须由 B岗顶岗；窗口屏会向群众显示暂停原因。</p>
        <div className="reasons">
          {PAUSE_REASONS.map((r) => (
            <label key={r} className="radio">
              <input type="radio" name="reason" checked={choice === r} onChange={() => setChoice(r)} />
              {r}
            </label>
          ))}
          <label className="radio">
            <input type="radio" name="reason" data-testid="pause-other" checked={choice === 'other'} onChange={() => setChoice('other')} />
            其他原因：
            <input
              data-testid="pause-text"
              maxLength={60}
              value={other}
              onFocus={() => setChoice('other')}
              onChange={(e) => {
                setOther(e.target.value);
                setChoice('other');
              }}
              placeholder="请简要说明"
            />
          </label>
        </div>
        <ErrorLine text={problem ?? error} testId="pause-error" />
        <DialogActions onCancel={onCancel} busy={busy} submitTestId="pause-confirm" label="确认暂停" busyLabel="正在暂停……" />
      </form>
    </Modal>
  );
}
