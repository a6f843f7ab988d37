/** What a receiver gets from verifyWebhook: genuine deliveries pass; tampering, a wrong key or a replay do not. */
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

const SECRET = 'province-hook-secret-0001';
const NOW = Date.parse('2026-11-23T09:30:00+08:00');
const body = JSON.stringify({ id: 'e1', seq: 7, kind: 'ticket.called', data: { ticket: { number: 'A001' } } });
const signed = (b = body, ts = Math.floor(NOW / 1000), secret = SECRET) => ({
  'x-hall-event-id': 'e1',
  'x-hall-timestamp': String(ts),
  'x-hall-signature': signWebhook(secret, ts, b),
});

describe('verifyWebhook', () => {
  it('accepts a genuine delivery and tells the event id to deduplicate on', () => {
    expect(verifyWebhook(SECRET, signed(), body, { nowMs: NOW })).toEqual({ ok: true, eventId: 'e1', timestamp: Math.floor(NOW / 1000) });
    // Header names in any case, a fetch Headers object, a Buffer body.
    const h = signed();
    expect(verifyWebhook(SECRET, { 'X-Hall-Event-Id': h['x-hall-event-id'], 'X-HALL-TIMESTAMP': h['x-hall-timestamp'], 'x-Hall-Signature': h['x-hall-signature'] }, Buffer.from(body), { nowMs: NOW }).ok).toBe(true);
    expect(verifyWebhook(SECRET, new Headers(h), body, { nowMs: NOW }).ok).toBe(true);
  });

  it('refuses a tampered body, even one changed character', () => {
    const v = verifyWebhook(SECRET, signed(), body.replace('A001', 'A002'), { nowMs: NOW });
    expect(v).toEqual({ ok: false, reason: '签名不符：请求内容被改动，或密钥不对' });
  });

  it('refuses a delivery signed with another secret; accepts either key during a rotation', () => {
    expect(verifyWebhook(SECRET, signed(body, Math.floor(NOW / 1000), 'someone-elses-secret-000'), body, { nowMs: NOW }).ok).toBe(false);
    expect(verifyWebhook(['new-secret-000000000', SECRET], signed(), body, { nowMs: NOW }).ok).toBe(true);
  });

  it('refuses an old timestamp (a replayed request) and one from the future, beyond 5 minutes', () => {
    const old = verifyWebhook(SECRET, signed(body, Math.floor(NOW / 1000) - 301), body, { nowMs: NOW });
    expect(old.ok).toBe(false);
    expect(!old.ok && old.reason).toContain('相差超过 300 秒');
    expect(verifyWebhook(SECRET, signed(body, Math.floor(NOW / 1000) + 301), body, { nowMs: NOW }).ok).toBe(false);
    expect(verifyWebhook(SECRET, signed(body, Math.floor(NOW / 1000) - 299), body, { nowMs: NOW }).ok).toBe(true);
    // The timestamp is signed: moving it forward to look fresh breaks the signature.
    const h = { ...signed(body, Math.floor(NOW / 1000) - 3600), 'x-hall-timestamp': String(Math.floor(NOW / 1000)) };
    expect(verifyWebhook(SECRET, h, body, { nowMs: NOW }).ok).toBe(false);
  });

  it('refuses missing or malformed headers with a reason', () => {
    const { 'x-hall-signature': _s, ...noSig } = signed();
    expect(verifyWebhook(SECRET, noSig, body, { nowMs: NOW })).toMatchObject({ ok: false, reason: expect.stringContaining('X-Hall-Signature') });
    expect(verifyWebhook(SECRET, { ...signed(), 'x-hall-timestamp': 'yesterday' }, body, { nowMs: NOW })).toMatchObject({ ok: false, reason: 'X-Hall-Timestamp 应为 Unix 秒数' });
    expect(verifyWebhook(SECRET, { ...signed(), 'x-hall-signature': 'md5=abc' }, body, { nowMs: NOW })).toMatchObject({ ok: false });
  });

  it('signs HMAC-SHA256 over "timestamp.body", as the receiver recipe says', async () => {
    const { createHmac } = await import('node:crypto');
    expect(signWebhook(SECRET, 1795400000, body)).toBe(`sha256=${createHmac('sha256', SECRET).update(`1795400000.${body}`).digest('hex')}`);
  });
});
