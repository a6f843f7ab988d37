/**
 * The console's own reads (apps/hall-server/src/server/routes/console.ts) over HTTP on a real hall:
 * who may sign in where, one window's day with 好差评 as counts only, the queue per service with
 * its longest wait, today's appointments in figures, and the credit bans with lifting by ban id.
 * Staff are refused every manager view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBan } from './support/console.js';
import { personId } from './support/people.js';
import { startTestHall, type TestHall } from './support/test-hall.js';

type Err = { error: { code: string; message: string } };
interface Setup {
  hallName: string;
  me: { username: string; name: string; role: string; employeeNo: string | null; windows: { windowId: string; post: string }[] };
  services: { code: string; name: string; targetMinutes: number; materials: number }[];
  windows: { id: string; no: string; posts: { A: { employeeNo: string; name: string } | null; B: { employeeNo: string; name: string } | null } }[];
}
interface Today {
  windowId: string;
  served: number;
  skipped: { id: string; number: string; status: string }[];
  ratings: { rated: number; notRated: number; counts: Record<string, number>; bad: number };
}
interface Ban {
  id: string;
  idNumber: string;
  name: string | null;
  phone: string;
  policyName: string;
  until: string;
  noShows: { date: string }[];
  text: string;
}

describe('console API', () => {
  let h: TestHall;
  let staff: string;
  let manager: string;
  beforeAll(async () => {
    h = await startTestHall();
    staff = await h.staffAt('W01');
    manager = await h.login('manager');
  });
  afterAll(async () => {
    await h.close();
  });

  it('tells a staff member who they are and where they may sign in', async () => {
    const r = await h.api<Setup>('GET', '/api/console/setup', undefined, await h.login('s1006'));
    expect(r.status).toBe(200);
    expect(r.body.me).toMatchObject({ username: 's1006', name: '杨文博', role: 'staff', employeeNo: '1006', windows: [{ windowId: 'W03', post: 'B' }] });
    expect(r.body.services.find((s) => s.code === 'BDC')).toMatchObject({ name: '不动产登记', targetMinutes: 40 });
    expect(r.body.windows.find((w) => w.id === 'W03')!.posts).toEqual({ A: { employeeNo: '1005', name: '陈海燕' }, B: { employeeNo: '1006', name: '杨文博' } });
    const m = await h.api<Setup>('GET', '/api/console/setup', undefined, manager);
    expect(m.body.me).toMatchObject({ role: 'manager', windows: [] });
    expect((await h.api<Err>('GET', '/api/console/setup')).body.error.code).toBe('UNAUTHORIZED');
  });

  it("gives a window's day: served, skipped tickets to re-queue, ratings as counts with no one's identity", async () => {
    const issue = async (n: number) => (await h.api<{ id: string; number: string }>('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: personId(n) }, staff)).body;
    const a = await issue(1);
    const b = await issue(2);
    await h.api('POST', '/api/windows/W01/call-next', undefined, staff);
    expect((await h.api('POST', '/api/windows/W01/finish', { caseNo: 'BDC-2026-0001' }, staff)).status).toBe(200);
    expect((await h.api('POST', '/api/ratings', { ticketId: a.id, level: 2, details: ['等候时间太长'] }, 'demo-window-w01-key')).status).toBe(201);
    await h.api('POST', '/api/windows/W01/call-next', undefined, staff);
    await h.api('POST', '/api/windows/W01/skip', undefined, staff);

    const r = await h.api<Today>('GET', '/api/console/windows/W01/today', undefined, staff);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ windowId: 'W01', served: 1, ratings: { rated: 1, bad: 1, counts: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 } } });
    expect(r.body.skipped.map((t) => t.number)).toEqual([b.number]);
    // Counts only: nothing in the answer names or identifies who rated.
    expect(JSON.stringify(r.body.ratings)).not.toMatch(/ticket|idNumber|phone|A00/);

    // Re-queued, the ticket leaves the skipped list.
    expect((await h.api('POST', `/api/tickets/${b.id}/requeue`, {}, staff)).status).toBe(200);
    expect((await h.api<Today>('GET', '/api/console/windows/W01/today', undefined, staff)).body.skipped).toEqual([]);
  });

  it("refuses a staff member another window's day, and every manager view", async () => {
    const other = await h.api<Err>('GET', '/api/console/windows/W05/today', undefined, staff);
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe('您不是5号窗口的工作人员，不能查看该窗口的记录');
    expect((await h.api('GET', '/api/console/windows/W05/today', undefined, manager)).status).toBe(200);
    expect((await h.api<Err>('GET', '/api/console/windows/W99/today', undefined, manager)).body.error.code).toBe('UNKNOWN_WINDOW');
    for (const path of ['/api/console/queues', '/api/console/appointments/summary', '/api/console/bans', '/api/stats/ratings?by=window', '/api/overtime', '/api/alerts']) {
      const r = await h.api<Err>('GET', path, undefined, staff);
      expect(r.status, path).toBe(403);
      expect(r.body.error.message, path).toBe('您的账号无权执行此操作');
    }
    const lift = await h.api<Err>('POST', '/api/console/bans/x/lift', { reason: '核实' }, staff);
    expect(lift.status).toBe(403);
  });

  it('lists the queue per service with its longest wait', async () => {
    await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, staff);
    await h.api('POST', '/api/test-clock', { advanceMinutes: 12 });
    await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, staff);
    const r = await h.api<{ serviceCode: string; waiting: number; longestWaitMinutes: number; openWindows: number }[]>('GET', '/api/console/queues', undefined, manager);
    expect(r.status).toBe(200);
    expect(r.body.find((s) => s.serviceCode === 'SB')).toMatchObject({ waiting: 2, longestWaitMinutes: 12, openWindows: 0 });
    expect(r.body.find((s) => s.serviceCode === 'BDC')).toMatchObject({ waiting: 1, openWindows: 1 });
  });

  it("counts today's appointments by status and by service", async () => {
    const slots = (await h.api<{ start: string }[]>('GET', '/api/appointments/slots?serviceCode=SB&date=2026-11-24')).body;
    for (let i = 0; i < 3; i++) {
      const r = await h.api('POST', '/api/appointments', { serviceCode: 'SB', start: slots[i]!.start, name: `预约${i}`, idNumber: personId(40 + i), phone: `1380000000${i}`, channel: 'online' });
      expect(r.status).toBe(201);
    }
    const r = await h.api<{ date: string; total: number; counts: Record<string, number>; services: { serviceCode: string; total: number }[] }>(
      'GET',
      '/api/console/appointments/summary?date=2026-11-24',
      undefined,
      manager,
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ date: '2026-11-24', total: 3, counts: { booked: 3, 'checked-in': 0, 'no-show': 0 }, services: [{ serviceCode: 'SB', total: 3 }] });
    const bad = await h.api<Err>('GET', '/api/console/appointments/summary?date=24.11.2026', undefined, manager);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('日期应为 YYYY-MM-DD');
  });

  it('lists bans in force with masked ID and phone, and lifts one by its id with a reason', async () => {
    const id = personId(77);
    await makeBan(h, id, '赵爽约', '13900000077');
    const list = await h.api<Ban[]>('GET', '/api/console/bans', undefined, manager);
    expect(list.status).toBe(200);
    const ban = list.body.find((b) => b.name === '赵爽约')!;
    expect(ban).toMatchObject({ idNumber: `${id.slice(0, 6)}********${id.slice(-4)}`, phone: '139****0077', policyName: '当月爽约限制' });
    expect(ban.noShows).toHaveLength(3);
    expect(ban.text).toContain('本月内不能再预约');
    expect(JSON.stringify(list.body)).not.toContain(id);

    const noReason = await h.api<Err>('POST', `/api/console/bans/${ban.id}/lift`, { reason: ' ' }, manager);
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('请填写解除理由');
    const lifted = await h.api<{ lifted: Ban[] }>('POST', `/api/console/bans/${ban.id}/lift`, { reason: '系统故障导致未能签到，已核实' }, manager);
    expect(lifted.status).toBe(200);
    expect(lifted.body.lifted.map((b) => b.id)).toEqual([ban.id]);
    expect((await h.api<Ban[]>('GET', '/api/console/bans', undefined, manager)).body.find((b) => b.id === ban.id)).toBeUndefined();
    // The citizen may book again; a second lift is refused in Chinese.
    expect((await h.api<Ban[]>('GET', `/api/bans?idNumber=${id}`, undefined, manager)).body).toEqual([]);
    const again = await h.api<Err>('POST', `/api/console/bans/${ban.id}/lift`, { reason: '再次解除' }, manager);
    expect(again.status).toBe(400);
    expect(again.body.error.message).toBe('该预约限制已解除或已到期，无需再解除');
    expect((await h.api<Err>('POST', '/api/console/bans/no-such-ban/lift', { reason: '核实' }, manager)).body.error.code).toBe('NOT_FOUND');
  });
});
