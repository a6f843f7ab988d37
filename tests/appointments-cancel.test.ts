/**
 * Cancelling a booking from another phone: all the applicant holds is the booking code (from the
 * SMS) and their ID card. POST /api/appointments/cancel {code, idNumber} on a real server, with
 * the same rules as DELETE /api/appointments/{id}: 3 h before the slot, the holder's (or agent's)
 * ID only, and the cancellation SMS.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personId as person } from './support/people.js';
import { startTestHall, type TestHall } from './support/test-hall.js';

type Err = { error: { code: string; message: string } };
interface Booked {
  id: string;
  code: string;
  status: string;
}
interface Slot {
  start: string;
  remaining: number;
}

const TUESDAY_TEN = '2026-11-24T10:00:00+08:00';

describe('cancel with booking code + ID number', () => {
  let h: TestHall;
  let manager: string;
  beforeEach(async () => {
    h = await startTestHall();
    manager = await h.login('manager');
  });
  afterEach(async () => {
    await h.close();
  });

  const book = async (n: number, extra: Record<string, unknown> = {}) => {
    const r = await h.api<Booked>('POST', '/api/appointments', { serviceCode: 'SB', start: TUESDAY_TEN, name: `群众${n}`, idNumber: person(n), phone: `1380000000${n}`, ...extra });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const remaining = async () => (await h.api<Slot[]>('GET', '/api/appointments/slots?serviceCode=SB&date=2026-11-24')).body.find((s) => s.start.startsWith('2026-11-24T10:00'))!.remaining;
  const statusOf = async (code: string) => (await h.api<{ code: string; status: string }[]>('GET', '/api/appointments?date=2026-11-24', undefined, manager)).body.find((r) => r.code === code)?.status;
  const sms = async (needle: string) => {
    const log = join(h.dir, 'sms-outbox.log');
    for (let i = 0; i < 60; i++) {
      if (existsSync(log) && readFileSync(log, 'utf8').includes(needle)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return existsSync(log) ? readFileSync(log, 'utf8') : '';
  };

  it('cancels from another phone with the code as typed (lower case, spaces) and the ID; the place is free again and an SMS confirms it', async () => {
    const booked = await book(1);
    expect(await remaining()).toBe(9);
    const typed = ` ${booked.code.toLowerCase()} `;
    const r = await h.api<{ status: string; code: string; start: string }>('POST', '/api/appointments/cancel', { code: typed, idNumber: person(1) });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'cancelled', code: booked.code, start: expect.stringMatching(/^2026-11-24T10:00/) });
    expect(await remaining()).toBe(10);
    expect(await statusOf(booked.code)).toBe('cancelled');
    expect(await sms(`您已取消`)).toContain(`您已取消11月24日（周二）10:00`);
    // Asking again changes nothing and says it is cancelled.
    const again = await h.api<{ status: string }>('POST', '/api/appointments/cancel', { code: booked.code, idNumber: person(1) });
    expect(again.body.status).toBe('cancelled');
  });

  it("the agent's ID cancels too; anyone else's is refused and the booking stays", async () => {
    const withAgent = await book(2, { agent: { name: '代理人', idNumber: person(40) } });
    const wrong = await h.api<Err>('POST', '/api/appointments/cancel', { code: withAgent.code, idNumber: person(3) });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('ID_MISMATCH');
    expect(wrong.body.error.message).toBe('身份证号码与预约登记的信息不符，不能取消该预约');
    expect(await statusOf(withAgent.code)).toBe('booked');
    const byAgent = await h.api<{ status: string }>('POST', '/api/appointments/cancel', { code: withAgent.code, idNumber: person(40) });
    expect(byAgent.body.status).toBe('cancelled');
  });

  it('refuses an unknown code, a malformed ID, and a cancellation less than 3 hours before the slot', async () => {
    const booked = await book(4);
    const unknown = await h.api<Err>('POST', '/api/appointments/cancel', { code: 'ZZZZ2222', idNumber: person(4) });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('预约码 ZZZZ2222 不存在，请核对短信或预约页面上的预约码');
    const badId = await h.api<Err>('POST', '/api/appointments/cancel', { code: booked.code, idNumber: person(4).slice(0, 17) + (person(4).endsWith('0') ? '1' : '0') });
    expect(badId.body.error.code).toBe('INVALID_ID_NUMBER');
    const noId = await h.api<Err>('POST', '/api/appointments/cancel', { code: booked.code });
    expect(noId.status).toBe(400);
    expect(noId.body.error.message).toMatch(/idNumber/);

    await h.api('POST', '/api/test-clock', { set: '2026-11-24T07:30:00+08:00' });
    const late = await h.api<Err>('POST', '/api/appointments/cancel', { code: booked.code, idNumber: person(4) });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('CANCEL_TOO_LATE');
    expect(late.body.error.message).toContain('须在预约时段开始3小时前取消');
    expect(await statusOf(booked.code)).toBe('booked');
  });
});
