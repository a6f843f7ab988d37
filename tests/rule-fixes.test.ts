/**
 * Rule fixes over HTTP, on a real server and SQLite file under the fake clock, with the demo hall
 * changed in two places: 税务办理 (SW) takes 2 tickets a day, and 凤县's check-in rule is on
 * (`appointments.checkIn.voidOnIdMismatch`).
 * - A kiosk ticket voided because it never printed does not use up the daily cap; its number is not reused.
 * - GET /api/stats/queue of a past day agrees with GET /api/reports on issued, served and 过号
 *   (the rollover has turned the day's 过号 into `cancelled` by then).
 * - DELETE /api/appointments/{id} with `{}` or no body: staff cancel on the applicant's behalf
 *   (applicant's deadline); from the public it is refused in Chinese.
 * - A booking code presented with someone else's ID card voids the booking, and the answer says so.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '@hall/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_PATH } from '../apps/hall-server/src/server/app.js';
import { personId } from './support/people.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

type Err = { error: { code: string; message: string } };
interface Ticket {
  id: string;
  number: string;
  status: string;
}
interface Booked {
  id: string;
  code: string;
  status: string;
}
interface StatsRow {
  serviceCode: string;
  issued: number;
  served: number;
  skipped: number;
  avgWaitSeconds: number | null;
  avgServiceSeconds: number | null;
}

const MON = '2026-11-23';
const TUE = '2026-11-24';
const WED = '2026-11-25';
const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;

let h: TestHall;
let manager: string;
let staff: string;
const configDir = mkdtempSync(join(tmpdir(), 'rule-fixes-'));

async function setClock(date: string, hhmm: string) {
  expect((await h.api('POST', '/api/test-clock', { set: at(date, hhmm) })).status).toBe(200);
}
async function take(serviceCode: string, n: number) {
  return h.api<Ticket & Err>('POST', '/api/tickets', { serviceCode, idNumber: personId(n) }, KIOSK_KEY);
}
async function book(n: number, start: string, serviceCode = 'SB') {
  const r = await h.api<Booked>('POST', '/api/appointments', { serviceCode, start, name: `群众${n}`, idNumber: personId(n), phone: `1390000${String(n).padStart(4, '0')}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}
async function register(date: string) {
  return (await h.api<{ id: string; status: string }[]>('GET', `/api/appointments?date=${date}`, undefined, manager)).body;
}
const smsLog = () => {
  const log = join(h.dir, 'sms-outbox.log');
  return existsSync(log) ? readFileSync(log, 'utf8') : '';
};

beforeAll(async () => {
  const config = JSON.parse(readFileSync(DEMO_CONFIG_PATH, 'utf8')) as { services: { code: string; dailyCap: number | null }[]; appointments?: unknown };
  config.services.find((s) => s.code === 'SW')!.dailyCap = 2;
  config.appointments = { checkIn: { voidOnIdMismatch: true } };
  const configPath = join(configDir, 'hall.json');
  writeFileSync(configPath, JSON.stringify(config));
  h = await startTestHall({ configPath, at: at(MON, '08:45') });
  manager = await h.login('manager');
  staff = await h.login('s1011'); // a 社会保险 clerk, not at a window
}, 60_000);

afterAll(async () => {
  await h?.close();
  rmSync(configDir, { recursive: true, force: true });
});

describe('daily cap: a ticket counts once printed', () => {
  it('a kiosk ticket voided as 打印失败作废 gives its place back; its number is never given again', async () => {
    await setClock(MON, '09:00');
    const jammed = await take('SW', 1);
    expect(jammed.status, JSON.stringify(jammed.body)).toBe(201);
    expect(jammed.body.number).toBe('B001');
    expect((await h.api('POST', `/api/tickets/${jammed.body.id}/cancel`, { reason: '打印失败作废' }, KIOSK_KEY)).status).toBe(200);
    const second = await take('SW', 2);
    const third = await take('SW', 3);
    expect([second.status, third.status]).toEqual([201, 201]);
    expect([second.body.number, third.body.number]).toEqual(['B002', 'B003']);
    const fourth = await take('SW', 4);
    expect(fourth.status).toBe(409);
    expect(fourth.body.error).toEqual({ code: 'DAILY_CAP_REACHED', message: '“税务办理”今日2个号已全部取完，请明天再来或在线预约' });
  });
});

describe('GET /api/stats/queue of a past day agrees with GET /api/reports', () => {
  let skippedId = '';
  beforeAll(async () => {
    // Monday at 6号窗口 (社会保险 SB): C001 served, C002 called and 过号, C003 and C004 left waiting, C005 voided unprinted.
    await setClock(MON, '09:05');
    const w6 = await h.staffAt('W06');
    for (let n = 11; n <= 14; n++) expect((await take('SB', n)).status).toBe(201);
    await setClock(MON, '09:06');
    const voidMe = await take('SB', 15);
    expect((await h.api('POST', `/api/tickets/${voidMe.body.id}/cancel`, { reason: '打印失败作废' }, KIOSK_KEY)).status).toBe(200);
    const act = async (hhmm: string, action: string, expectNumber: string) => {
      await setClock(MON, hhmm);
      const r = await h.api<{ ticket: Ticket | null }>('POST', `/api/windows/W06/${action}`, action === 'finish' ? {} : undefined, w6);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.ticket?.number).toBe(expectNumber);
      return r.body.ticket!;
    };
    await act('09:15', 'call-next', 'C001');
    await act('09:16', 'start', 'C001');
    await act('09:30', 'finish', 'C001');
    await act('09:31', 'call-next', 'C002');
    skippedId = (await act('09:33', 'skip', 'C002')).id;
    // 4号窗口 serves one of the two 税务 tickets.
    await setClock(MON, '09:40');
    const w4 = await h.staffAt('W04');
    await setClock(MON, '09:41');
    expect((await h.api<{ ticket: Ticket }>('POST', '/api/windows/W04/call-next', undefined, w4)).body.ticket.number).toBe('B002');
    await setClock(MON, '09:50');
    expect((await h.api('POST', '/api/windows/W04/finish', {}, w4)).status).toBe(200);
    // Tuesday: the first ticket of the day rolls Monday over.
    await setClock(TUE, '09:00');
    expect((await take('ZH', 30)).status).toBe(201);
  }, 60_000);

  it('the 过号 ticket is cancelled by the rollover, and both answers give the same issued / served / 过号 per service', async () => {
    expect((await h.api<Ticket>('GET', `/api/tickets/${skippedId}`)).body.status).toBe('cancelled');
    const stats = await h.api<StatsRow[]>('GET', `/api/stats/queue?date=${MON}`, undefined, manager);
    expect(stats.status).toBe(200);
    const report = await h.api<Report>('GET', `/api/reports?period=day&date=${MON}&by=service`, undefined, manager);
    expect(report.status).toBe(200);
    for (const row of report.body.rows) {
      const s = stats.body.find((x) => x.serviceCode === row.key)!;
      expect({ issued: s.issued, served: s.served, skipped: s.skipped, avgWaitSeconds: s.avgWaitSeconds, avgServiceSeconds: s.avgServiceSeconds }, row.key).toEqual({
        issued: row.issued,
        served: row.served,
        skipped: row.skipped,
        avgWaitSeconds: row.avgWaitSeconds,
        avgServiceSeconds: row.avgServiceSeconds,
      });
    }
    // What the manager reads: 社会保险 gave out 4 (the voided one is not among them), served 1, 1 过号.
    expect(stats.body.find((x) => x.serviceCode === 'SB')).toMatchObject({ issued: 4, served: 1, skipped: 1, avgServiceSeconds: 14 * 60 });
    expect(stats.body.find((x) => x.serviceCode === 'SW')).toMatchObject({ issued: 2, served: 1, skipped: 0 });
  });
});

describe('DELETE /api/appointments/{id} with {} or no body', () => {
  let bookings: Booked[] = [];
  beforeAll(async () => {
    await setClock(TUE, '10:00');
    bookings = [await book(41, at(WED, '10:00')), await book(42, at(WED, '10:00')), await book(43, at(WED, '10:00')), await book(44, at(WED, '14:00'))];
  });

  it('from the public: refused in Chinese, the booking stays', async () => {
    for (const body of [{}, undefined]) {
      const r = await h.api<Err>('DELETE', `/api/appointments/${bookings[0]!.id}`, body);
      expect(r.status).toBe(400);
      expect(r.body.error).toEqual({ code: 'VALIDATION_FAILED', message: '取消预约须提供预约人的身份证号码' });
    }
    expect((await register(WED)).find((a) => a.id === bookings[0]!.id)?.status).toBe('booked');
  });

  it('from staff with {} and from a manager with no body: cancelled on the applicant’s behalf, the applicant gets the SMS', async () => {
    const byStaff = await h.api<{ status: string }>('DELETE', `/api/appointments/${bookings[0]!.id}`, {}, staff);
    expect(byStaff.status, JSON.stringify(byStaff.body)).toBe(200);
    expect(byStaff.body.status).toBe('cancelled');
    const byManager = await h.api<{ status: string }>('DELETE', `/api/appointments/${bookings[1]!.id}`, undefined, manager);
    expect(byManager.status, JSON.stringify(byManager.body)).toBe(200);
    const reg = await register(WED);
    expect(reg.filter((a) => a.status === 'cancelled').map((a) => a.id).sort()).toEqual([bookings[0]!.id, bookings[1]!.id].sort());
    await expect.poll(() => smsLog().includes(`您已取消`) && smsLog().includes(bookings[1]!.code), { timeout: 15_000 }).toBe(true);
  });

  it('from staff, too late for the applicant’s cancellation: refused in Chinese (the hall’s own cancellation needs a reason)', async () => {
    await setClock(WED, '11:30');
    const r = await h.api<Err>('DELETE', `/api/appointments/${bookings[3]!.id}`, {}, staff);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CANCEL_TOO_LATE');
    expect(r.body.error.message).toContain('须在预约时段开始3小时前取消');
    expect((await register(WED)).find((a) => a.id === bookings[3]!.id)?.status).toBe('booked');
  });
});

describe('check-in with someone else’s ID card, checkIn.voidOnIdMismatch on', () => {
  it('the booking is voided, the answer says so in Chinese, the applicant is told; the holder can no longer check in with it', async () => {
    const mine = await book(51, at('2026-11-26', '10:00'));
    await setClock('2026-11-26', '09:45');
    const r = await h.api<Err>('POST', '/api/appointments/check-in', { code: mine.code, idNumber: personId(52) }, KIOSK_KEY);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('ID_MISMATCH');
    expect(r.body.error.message).toContain(`的预约（预约码${mine.code}）已作废`);
    expect((await register('2026-11-26')).find((a) => a.id === mine.id)?.status).toBe('cancelled');
    await expect.poll(() => smsLog().includes('签到时出示的身份证与预约登记信息不一致，按规定预约号已作废'), { timeout: 15_000 }).toBe(true);
    const holder = await h.api<Err>('POST', '/api/appointments/check-in', { code: mine.code, idNumber: personId(51) }, KIOSK_KEY);
    expect(holder.status).toBe(400);
    expect(holder.body.error.message).toContain('的预约已取消，不能签到');
  });
});
