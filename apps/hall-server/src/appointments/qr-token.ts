/**
 * The appointment QR token: ASCII, signed, small, and free of personal data.
 *
 *   "YY" + base32( version(1) | appointment uuid(16) | slot day number(2) | HMAC-SHA256[0..10) )
 *
 * 29 bytes → 47 base32 characters from the QR alphanumeric set (A–Z, 2–7), which fits a
 * version-3 QR code at error-correction level M; well inside the kiosk scanner's reach and the
 * contract's "QR version ≤ 8". Any changed character fails: the decoder accepts only the
 * canonical encoding, and the 80-bit MAC covers every other byte.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PREFIX = 'YY';
const VERSION = 1;
const MAC_BYTES = 10;
const BODY_BYTES = 1 + 16 + 2;
const EPOCH_DAY = Date.UTC(2020, 0, 1) / 86_400_000;

export interface QrClaims {
  appointmentId: string;
  /** YYYY-MM-DD of the booked slot, so a stale code is refused before any lookup. */
  slotDate: string;
}

export function signQrToken(claims: QrClaims, secret: Buffer): string {
  const body = Buffer.alloc(BODY_BYTES);
  body[0] = VERSION;
  uuidBytes(claims.appointmentId).copy(body, 1);
  body.writeUInt16BE(dayNumber(claims.slotDate), 17);
  return PREFIX + base32(Buffer.concat([body, mac(body, secret)]));
}

/** The claims of a genuine token, or null for anything else (wrong length, alphabet, MAC, version). */
export function verifyQrToken(token: string, secret: Buffer): QrClaims | null {
  if (typeof token !== 'string' || !token.startsWith(PREFIX)) return null;
  const bytes = unbase32(token.slice(PREFIX.length));
  if (!bytes || bytes.length !== BODY_BYTES + MAC_BYTES) return null;
  const body = bytes.subarray(0, BODY_BYTES);
  if (!timingSafeEqual(bytes.subarray(BODY_BYTES), mac(body, secret)) || body[0] !== VERSION) return null;
  const hex = body.subarray(1, 17).toString('hex');
  return {
    appointmentId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    slotDate: new Date((EPOCH_DAY + body.readUInt16BE(17)) * 86_400_000).toISOString().slice(0, 10),
  };
}

function mac(body: Buffer, secret: Buffer): Buffer {
  return createHmac('sha256', secret).update(body).digest().subarray(0, MAC_BYTES);
}

function uuidBytes(id: string): Buffer {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a uuid: ${id}`);
  return Buffer.from(hex, 'hex');
}

function dayNumber(date: string): number {
  const n = Date.parse(`${date}T00:00:00Z`) / 86_400_000 - EPOCH_DAY;
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new Error(`date out of range: ${date}`);
  return n;
}

function base32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes canonical base32 only: a string that re-encodes differently (stray low bits) is refused. */
function unbase32(text: string): Buffer | null {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  const buf = Buffer.from(out);
  return base32(buf) === text ? buf : null;
}
