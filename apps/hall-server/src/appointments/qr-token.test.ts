import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signQrToken, verifyQrToken } from './qr-token.js';

const secret = randomBytes(32);
const claims = { appointmentId: randomUUID(), slotDate: '2026-11-24' };

describe('appointment QR token', () => {
  it('round-trips the appointment and its date, in QR alphanumeric characters only', () => {
    const token = signQrToken(claims, secret);
    expect(token).toMatch(/^[A-Z2-7]+$/);
    // 49 alphanumeric characters fit a version-3 QR at level M (capacity 61).
    expect(token.length).toBeLessThanOrEqual(61);
    expect(verifyQrToken(token, secret)).toEqual(claims);
  });

  it('carries no readable personal data', () => {
    const token = signQrToken(claims, secret);
    expect(token).not.toMatch(/\d{6,}/);
  });

  it('rejects every single-character change of a valid token', () => {
    const token = signQrToken(claims, secret);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcxyz019-_ ';
    let tried = 0;
    for (let i = 0; i < token.length; i++) {
      for (const ch of alphabet) {
        if (ch === token[i]) continue;
        const forged = token.slice(0, i) + ch + token.slice(i + 1);
        expect(verifyQrToken(forged, secret), `position ${i} → ${ch}`).toBeNull();
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(token.length * 40);
  });

  it('rejects every single-byte change, truncation and extension', () => {
    const token = signQrToken(claims, secret);
    const bytes = Buffer.from(token, 'ascii');
    for (let i = 0; i < bytes.length; i++) {
      for (let v = 0; v < 256; v++) {
        if (v === bytes[i]) continue;
        const forged = Buffer.from(bytes);
        forged[i] = v;
        expect(verifyQrToken(forged.toString('latin1'), secret)).toBeNull();
      }
    }
    expect(verifyQrToken(token.slice(0, -1), secret)).toBeNull();
    expect(verifyQrToken(`${token}A`, secret)).toBeNull();
    expect(verifyQrToken('', secret)).toBeNull();
  });

  it('rejects a token signed with another hall\'s secret', () => {
    expect(verifyQrToken(signQrToken(claims, randomBytes(32)), secret)).toBeNull();
  });
});
