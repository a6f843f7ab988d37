/** Helpers of the console tests: a credit ban made the way real ones are, by three no-shows. */
import { expect } from 'vitest';
import type { TestHall } from './test-hall.js';

/**
 * Books `idNumber` online for 10:00 on three working days after the hall's Monday 2026-11-23
 * morning, then moves the clock to Thursday 11:00: the sweep records three no-shows in November,
 * and the monthly policy (3 a month, seed 003) bans the ID until 1 December.
 */
export async function makeBan(h: TestHall, idNumber: string, name: string, phone = '13900000000'): Promise<void> {
  for (const date of ['2026-11-24', '2026-11-25', '2026-11-26']) {
    const r = await h.api<{ error?: unknown }>('POST', '/api/appointments', { serviceCode: 'SB', start: `${date}T10:00:00+08:00`, name, idNumber, phone, channel: 'online' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  await h.api('POST', '/api/test-clock', { set: '2026-11-26T11:00:00+08:00' });
  const again = await h.api<{ error: { code: string } }>('POST', '/api/appointments', { serviceCode: 'SB', start: '2026-11-27T10:00:00+08:00', name, idNumber, phone, channel: 'online' });
  expect(again.body.error.code).toBe('BOOKING_BANNED');
}
