/**
 * One delivery attempt over HTTP(S): a JSON POST with the event's id, the attempt's timestamp and
 * its HMAC signature (webhook-signature.ts). Resolves on a 2xx answer; anything else — another
 * status (redirects are not followed), a refused connection, no answer within the timeout — throws
 * an Error whose message (Chinese) the status page shows.
 */
import { HEADER_EVENT_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP, signWebhook } from './webhook-signature.js';

/** One event on its way to one receiver. `id` and `body` are the same on every attempt. */
export interface OutgoingDelivery {
  /** The delivery (this event to this receiver). */
  id: string;
  eventId: string;
  kind: string;
  seq: number;
  body: string;
  /** 1 for the first attempt. */
  attempt: number;
}

export interface SignedPostOptions {
  url: string;
  secret?: string | undefined;
  /** Sent as `Authorization: Bearer <token>` (a provincial platform's access token). */
  token?: string | undefined;
  timeoutMs: number;
  /** Wall clock, for the timestamp. */
  now: () => number;
}

export async function postSigned(d: OutgoingDelivery, opts: SignedPostOptions, stop?: AbortSignal): Promise<void> {
  const timestamp = Math.floor(opts.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'hall-server',
    [HEADER_EVENT_ID]: d.eventId,
    'x-hall-event-kind': d.kind,
    'x-hall-event-seq': String(d.seq),
    'x-hall-delivery-id': d.id,
    'x-hall-attempt': String(d.attempt),
    [HEADER_TIMESTAMP]: String(timestamp),
  };
  if (opts.secret) headers[HEADER_SIGNATURE] = signWebhook(opts.secret, timestamp, d.body);
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  let res: Response;
  try {
    res = await fetch(opts.url, { method: 'POST', headers, body: d.body, redirect: 'manual', signal: stop ? AbortSignal.any([stop, timeout]) : timeout });
  } catch (e) {
    throw new Error(describeFailure(e, opts.timeoutMs, stop));
  }
  const text = await res.text().catch(() => '');
  if (res.status < 200 || res.status > 299) {
    const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    throw new Error(`接收方答复 HTTP ${res.status}${snippet ? `：${snippet}` : ''}`);
  }
}

function describeFailure(e: unknown, timeoutMs: number, stop: AbortSignal | undefined): string {
  if (stop?.aborted) return '大厅服务器停止，投递中断';
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `${timeoutMs} 毫秒内没有答复（超时）`;
  const code = err.cause?.code;
  if (code === 'ECONNREFUSED') return '无法连接接收方（连接被拒绝，ECONNREFUSED）';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `无法解析接收方域名（${code}）`;
  if (code) return `网络错误（${code}）`;
  return `投递失败：${err.cause?.message ?? err.message ?? String(e)}`;
}
