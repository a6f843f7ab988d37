/**
 * A hall whose server is switched off from Thursday evening to Monday morning: Friday's booking that
 * nobody checked in for is still recorded as a no-show when the server comes back (credit rules
 * depend on it), and the applicant is told.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { personId } from './support/people.js';
import { startTestHall, type TestHall } from './support/test-hall.js';

describe('no-shows of days the server was off', () => {
  let h: TestHall | null = null;
  let dir = '';
  afterEach(async () => {
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('are recorded at the next start, with the SMS', async () => {
    h = await startTestHall({ at: '2026-11-19T10:00:00+08:00', keepDir: true }); // Thursday
    const booked = await h.api<{ id: string; code: string }>('POST', '/api/appointments', {
      serviceCode: 'SB',
      start: '2026-11-20T10:00:00+08:00',
      name: '赵六',
      idNumber: personId(7),
      phone: '13800000007',
      channel: 'online',
    });
    expect(booked.status).toBe(201);
    dir = h.dir;
    await h.close();
    // Monday morning: the server starts again on the same database.
    h = await startTestHall({ dir, at: '2026-11-23T08:30:00+08:00' });
    const manager = await h.login('manager');
    const register = await h.api<{ code: string; status: string }[]>('GET', '/api/appointments?date=2026-11-20', undefined, manager);
    expect(register.status).toBe(200);
    expect(register.body.find((r) => r.code === booked.body.code)?.status).toBe('no-show');
    await expect.poll(() => readFileSync(join(dir, 'sms-outbox.log'), 'utf8'), { timeout: 10_000 }).toMatch(/13800000007[\s\S]*(爽约|未签到)/);
  });
});
