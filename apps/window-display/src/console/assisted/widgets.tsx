/** What the assisted-service pages share: times in words, the trail, an action with its own error line, pickers. */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorText } from '../api.js';
import { ErrorLine, type Setup } from '../common.js';
import type { HistoryEntry } from './types.js';

/** "2026-11-23 09:30" of a hall-time ISO string. */
export const when = (iso: string | null | undefined): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '—');

/** "YYYY-MM-DD HH:MM" of an epoch in hall time (UTC+8). */
export function hallMinute(ms: number, offsetMinutes = 480): string {
  const s = new Date(ms + offsetMinutes * 60_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

export const byName = (by: HistoryEntry['by']): string => by.name ?? (by.employeeNo ? `工号${by.employeeNo}` : '系统');

export function Trail({ history, testId }: { history: HistoryEntry[]; testId: string }) {
  return (
    <ol className="as-trail" data-testid={testId}>
      {history.map((h, i) => (
        <li key={i}>
          <time>{when(h.at)}</time>
          <b>{h.action}</b>
          <span className="muted">{byName(h.by)}</span>
          {h.note ? <span className="as-note">{h.note}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** The staff a manager can pick from: everyone holding an A or B post, in window order. */
export function roster(setup: Setup): { employeeNo: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const w of setup.windows) for (const p of [w.posts.A, w.posts.B]) if (p && !seen.has(p.employeeNo)) seen.set(p.employeeNo, p.name ?? p.employeeNo);
  return [...seen].map(([employeeNo, name]) => ({ employeeNo, name }));
}

/**
 * One action on a record: its fields, its button, and the server's answer right under the button
 * (a refusal in the server's words). `run` throws to refuse; on success the fields are left to the caller.
 */
export function ActionBox({ title, button, run, children, testId, danger, disabled }: { title: string; button: string; run: () => Promise<unknown>; children?: ReactNode; testId: string; danger?: boolean; disabled?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  // A refusal below the fold of a long form is brought into view.
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="as-action" onSubmit={submit} noValidate data-testid={testId}>
      <h3>{title}</h3>
      {children}
      <div className="row">
        <button type="submit" className={danger ? 'btn as-danger' : 'btn primary'} disabled={busy || disabled} data-testid={`${testId}-submit`}>
          {busy ? '正在提交……' : button}
        </button>
      </div>
      <div ref={errorRef}>
        <ErrorLine text={error} testId={`${testId}-error`} />
      </div>
    </form>
  );
}

/** Check boxes, one per option; keyboard: Tab between them, Space to tick. */
export function Checks({ options, value, onChange, testId }: { options: { value: string; label: string }[]; value: string[]; onChange: (v: string[]) => void; testId: string }) {
  return (
    <div className="as-checks" data-testid={testId}>
      {options.map((o) => (
        <label key={o.value} className="as-check">
          <input
            type="checkbox"
            data-testid={`${testId}-${o.value}`}
            checked={value.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((x) => x !== o.value))}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}

export const serviceOptions = (setup: Setup) => setup.services.map((s) => ({ value: s.code, label: s.name }));

/** Lines of a textarea, trimmed, empty ones dropped. */
export const lines = (text: string): string[] =>
  text
    .split(/[\n、，,；;]/)
    .map((s) => s.trim())
    .filter(Boolean);

export function Facts({ rows, testId }: { rows: [string, ReactNode][]; testId?: string }) {
  return (
    <dl className="as-facts" data-testid={testId}>
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A deadline with the overdue marker (red, 已超时) when it has passed without an answer. */
export function Deadline({ at, overdue, testId }: { at: string; overdue: boolean; testId: string }) {
  return (
    <span className={overdue ? 'as-deadline overdue' : 'as-deadline'} data-testid={testId}>
      {when(at)}
      {overdue ? (
        <em className="tag warn" data-testid={`${testId}-overdue`}>
          已超时
        </em>
      ) : null}
    </span>
  );
}

/** A record's number as a link: a real address (open in a new tab works), followed inside the console. */
export function RecordLink({ href, onOpen, children }: { href: string; onOpen: () => void; children: ReactNode }) {
  return (
    <a
      href={href}
      onClick={(e) => {
        e.preventDefault();
        onOpen();
      }}
    >
      {children}
    </a>
  );
}
