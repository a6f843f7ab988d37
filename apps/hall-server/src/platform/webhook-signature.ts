/**
 * Signed webhooks. Each delivery carries
 *
 *   X-Hall-Event-Id:  the event's id — the same on every retry; a receiver drops an id it has seen
 *   X-Hall-Timestamp: Unix seconds when this attempt was sent
 *   X-Hall-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>
 *
 * The receiver's recipe (docs/platform-integration.md): take the raw body bytes as received (before
 * any JSON parsing), recompute the HMAC over `${timestamp}.${body}` with the shared secret, compare
 * in constant time, refuse a timestamp more than 5 minutes from its own clock (a replayed old
 * request), then drop the event if its X-Hall-Event-Id was already processed. `verifyWebhook`
 * does the first three steps.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const HEADER_EVENT_ID = 'x-hall-event-id';
export const HEADER_TIMESTAMP = 'x-hall-timestamp';
export const HEADER_SIGNATURE = 'x-hall-signature';

/** `sha256=<hex>` of `${timestamp}.${body}`. */
export function signWebhook(secret: string, timestamp: number | string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export type WebhookVerdict = { ok: true; eventId: string; timestamp: number } | { ok: false; reason: string };

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}

/**
 * Checks a received webhook: signature over the raw body with `secret` (or any of several during
 * a key rotation), and a timestamp within `toleranceSeconds` of `nowMs`. The reason is in Chinese.
 */
export function verifyWebhook(
  secret: string | readonly string[],
  headers: WebhookHeaders,
  body: string | Buffer,
  opts: { toleranceSeconds?: number; nowMs?: number } = {},
): WebhookVerdict {
  const eventId = header(headers, HEADER_EVENT_ID);
  const ts = header(headers, HEADER_TIMESTAMP);
  const sig = header(headers, HEADER_SIGNATURE);
  if (!eventId || !ts || !sig) return { ok: false, reason: '缺少 X-Hall-Event-Id、X-Hall-Timestamp 或 X-Hall-Signature 请求头' };
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'X-Hall-Timestamp 应为 Unix 秒数' };
  const timestamp = Number(ts);
  const tolerance = opts.toleranceSeconds ?? 300;
  const now = Math.floor((opts.nowMs ?? Date.now()) / 1000);
  if (Math.abs(now - timestamp) > tolerance) return { ok: false, reason: `时间戳与本机时间相差超过 ${tolerance} 秒（可能是重放的旧请求，或两端时钟不准）` };
  const given = /^sha256=([0-9a-f]{64})$/.exec(sig)?.[1];
  if (!given) return { ok: false, reason: 'X-Hall-Signature 应为 sha256=<64 位十六进制>' };
  const givenBytes = Buffer.from(given, 'hex');
  for (const s of typeof secret === 'string' ? [secret] : secret) {
    const expected = Buffer.from(signWebhook(s, ts, body).slice('sha256='.length), 'hex');
    if (timingSafeEqual(expected, givenBytes)) return { ok: true, eventId, timestamp };
  }
  return { ok: false, reason: '签名不符：请求内容被改动，或密钥不对' };
}
