/** 预约 end to end over HTTP: book, the SMS outbox, check-in at the kiosk, and a full slot under load. */
import type { Ticket } from '@hall/shared';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personId as person } from './support/people.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

type Err = { error: { code: string; message: string } };
interface Booked {
  id: string;
  code: string;
  qrToken: string;
  status: string;
  start: string;
  materials: string[];
}
interface Slot {
  start: string;
  end: string;
  capacity: number;
  remaining: number;
}


describe('appointments API', () => {
  let h: TestHall;
  beforeEach(async () => {
    h = await startTestHall();
  });
  afterEach(async () => {
    await h.close();
  });

  it('books online, sends the confirmation with the materials list, and checks in by QR at the kiosk', async () => {
    const slots = (await h.api<Slot[]>('GET', '/api/appointments/slots?serviceCode=SB&date=2026-11-24')).body;
    const ten = slots.find((s) => s.start.startsWith('2026-11-24T10:00'))!;
    expect(ten).toMatchObject({ capacity: 10, remaining: 10 });
    const booked = await h.api<Booked>('POST', '/api/appointments', { serviceCode: 'SB', start: ten.start, name: '张三', idNumber: person(1), phone: '13800000001', channel: 'online' });
    expect(booked.status).toBe(201);
    expect(booked.body.status).toBe('booked');
    expect(booked.body.qrToken).toMatch(/^YY[A-Z2-7]+$/);
    expect(booked.body.materials).toContain('社会保障卡');
    const after = (await h.api<Slot[]>('GET', '/api/appointments/slots?serviceCode=SB&date=2026-11-24')).body;
    expect(after.find((s) => s.start === ten.start)!.remaining).toBe(9);

    // The confirmation SMS goes out through the outbox (the demo sender writes a log file).
    const log = join(h.dir, 'sms-outbox.log');
    for (let i = 0; i < 50 && !existsSync(log); i++) await new Promise((r) => setTimeout(r, 100));
    const sms = readFileSync(log, 'utf8');
    expect(sms).toContain('13800000001');
    expect(sms).toContain(booked.body.code);

    // Tuesday 09:45: the applicant scans the QR at the kiosk; W06 is idle, so the holder is called at once.
    await h.api('POST', '/api/test-clock', { set: '2026-11-24T09:45:00+08:00' });
    const staff = await h.staffAt('W06');
    const ticket = await h.api<Ticket>('POST', '/api/appointments/check-in', { qrToken: booked.body.qrToken }, KIOSK_KEY);
    expect(ticket.status).toBe(201);
    expect(ticket.body).toMatchObject({ number: 'YC001', priority: 'appointment', serviceCode: 'SB', appointmentId: booked.body.id });
    expect(ticket.body).toHaveProperty('estimatedWaitMinutes'); // printed on the kiosk's ticket
    const w6 = (await h.api<{ mode: string; current: Ticket | null }>('GET', '/api/windows/W06')).body;
    expect(w6.mode).toBe('appointment');
    expect(w6.current?.number).toBe('YC001');
    const twice = await h.api<Err>('POST', '/api/appointments/check-in', { qrToken: booked.body.qrToken }, KIOSK_KEY);
    expect(twice.status).toBeGreaterThanOrEqual(400);
    expect(twice.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    const register = await h.api<{ code: string; status: string }[]>('GET', '/api/appointments?date=2026-11-24', undefined, staff);
    expect(register.body).toEqual([expect.objectContaining({ code: booked.body.code, status: 'checked-in' })]);
  });

  it('refuses a forged QR code, a wrong ID, and 现场 bookings from the public', async () => {
    const start = '2026-11-24T14:00:00+08:00';
    const booked = (await h.api<Booked>('POST', '/api/appointments', { serviceCode: 'GJJ', start, name: '李四', idNumber: person(2), phone: '13800000002' })).body;
    await h.api('POST', '/api/test-clock', { set: '2026-11-24T13:50:00+08:00' });
    const forged = booked.qrToken.slice(0, -1) + (booked.qrToken.endsWith('A') ? 'B' : 'A');
    const bad = await h.api<Err>('POST', '/api/appointments/check-in', { qrToken: forged }, KIOSK_KEY);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const wrongId = await h.api<Err>('POST', '/api/appointments/check-in', { code: booked.code, idNumber: person(3) }, KIOSK_KEY);
    expect(wrongId.body.error.code).toBe('ID_MISMATCH');
    const onsite = await h.api<Err>('POST', '/api/appointments', { serviceCode: 'GJJ', start: '2026-11-25T10:00:00+08:00', name: '王五', idNumber: person(4), phone: '13800000004', channel: 'onsite' });
    expect(onsite.status).toBe(403);
  });

  it('500 simultaneous bookings for a slot with 10 places left: exactly 10 accepted', async () => {
    const start = '2026-11-25T15:00:00+08:00';
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        h.api<Booked | Err>('POST', '/api/appointments', { serviceCode: 'ZH', start, name: `群众${i}`, idNumber: person(100 + i), phone: `139${String(i).padStart(8, '0')}` }),
      ),
    );
    const accepted = answers.filter((a) => a.status === 201);
    expect(accepted).toHaveLength(10);
    const refused = answers.filter((a) => a.status !== 201).map((a) => (a.body as Err).error.code);
    expect(new Set(refused)).toEqual(new Set(['SLOT_FULL']));
    const slot = (await h.api<Slot[]>('GET', '/api/appointments/slots?serviceCode=ZH&date=2026-11-25')).body.find((s) => s.start.startsWith('2026-11-25T15:00'))!;
    expect(slot.remaining).toBe(0);
    expect(new Set(accepted.map((a) => (a.body as Booked).code)).size).toBe(10);
  });
});
