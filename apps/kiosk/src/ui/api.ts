/** The page's side of the local API (`KioskApi`) and event stream; every failure is one Chinese sentence. */
import type { CheckInRequest, JobResult, KioskEvent, TakeBody } from '../protocol.js';

export const AGENT_DOWN = '本机服务未响应，请稍候或联系工作人员';

async function post<T>(path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new Error(AGENT_DOWN);
  }
  const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new Error(data?.error?.message && /[\u4e00-\u9fff]/.test(data.error.message) ? data.error.message : AGENT_DOWN);
  return data as T;
}

/** A fresh id per tap intent: the agent answers a repeated id once. */
export function requestId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export async function runJob(body: TakeBody | CheckInRequest, kind: 'take' | 'check-in'): Promise<JobResult> {
  try {
    return await post<JobResult>(kind === 'take' ? '/api/take' : '/api/check-in', body);
  } catch (err) {
    return { ok: false, code: 'AGENT', message: (err as Error).message };
  }
}

export function postScan(text: string): void {
  void post('/api/scan', { text }).catch(() => {});
}

/**
 * The agent's events; EventSource reconnects by itself (the agent sets `retry: 1000`) and the
 * first event after each (re)connection is the full state.
 */
export function subscribe(onEvent: (e: KioskEvent) => void, onLink: (up: boolean) => void): () => void {
  const source = new EventSource('/api/events');
  source.onopen = () => onLink(true);
  source.onerror = () => onLink(false);
  source.onmessage = (m: MessageEvent<string>) => {
    try {
      onEvent(JSON.parse(m.data) as KioskEvent);
    } catch {
      // not ours
    }
  };
  return () => source.close();
}
