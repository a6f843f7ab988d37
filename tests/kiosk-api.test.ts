/**
 * What the kiosk gets from the hall (issue #4), on a real server (SQLite file, loopback HTTP),
 * Monday 09:30: 预计等候时间 in the service list and in every ticket answer, and voiding a
 * ticket the kiosk issued but could not print — its own, still waiting, within 5 minutes.
 */
import type { ServiceStatus, TicketStatusView } from '@hall/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personId } from './support/people.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

interface Err {
  error: { code: string; message: string };
}

describe('the kiosk and the hall server', () => {
  let h: TestHall;
  let admin: string;
  let otherKiosk: string;
  const services = async (): Promise<Record<string, ServiceStatus>> => Object.fromEntries((await h.api<ServiceStatus[]>('GET', '/api/services')).body.map((s) => [s.code, s]));
  const issue = async (serviceCode: string, key = KIOSK_KEY, more: Record<string, unknown> = {}) => {
    const r = await h.api<TicketStatusView>('POST', '/api/tickets', { serviceCode, ...more }, key);
    expect(r.status).toBe(201);
    return r.body;
  };
  const advance = (minutes: number) => h.api('POST', '/api/test-clock', { advanceMinutes: minutes });

  beforeAll(async () => {
    h = await startTestHall();
    admin = await h.login('admin');
    otherKiosk = (await h.api<{ key: string }>('POST', '/api/devices', { role: 'kiosk', name: '二楼取号机' }, admin)).body.key;
  });
  afterAll(() => h?.close());

  describe('预计等候时间', () => {
    it('is null for every service while no window is open', async () => {
      const list = await services();
      expect(Object.values(list).every((s) => s.estimatedWaitMinutes === null)).toBe(true);
      // The kiosk asks for the ID card first where a ticket needs one (实名取号).
      expect(Object.entries(list).filter(([, s]) => s.realName).map(([code]) => code).sort()).toEqual(['BDC', 'HZ']);
      const t = await issue('SB');
      expect(t).toMatchObject({ number: 'C001', waitingAhead: 0, estimatedWaitMinutes: null });
    });

    it('appears when a window opens, and grows with the people ahead', async () => {
      await h.staffAt('W06'); // 社会保险 (W11 also serves it, but nobody is there)
      expect((await services()).SB).toMatchObject({ waiting: 1, estimatedWaitMinutes: 15 });
      const second = await issue('SB');
      expect(second).toMatchObject({ number: 'C002', waitingAhead: 1, estimatedWaitMinutes: 15 });
      const third = await issue('SB');
      expect(third).toMatchObject({ waitingAhead: 2, estimatedWaitMinutes: 30 });
      // The status page's answer, for everyone who scans the QR.
      expect((await h.api<TicketStatusView>('GET', `/api/tickets/${third.id}`)).body).toMatchObject({ waitingAhead: 2, estimatedWaitMinutes: 30 });
      // A second window for 社会保险 halves it.
      await h.staffAt('W11');
      expect((await h.api<TicketStatusView>('GET', `/api/tickets/${third.id}`)).body).toMatchObject({ waitingAhead: 2, estimatedWaitMinutes: 15 });
      expect((await services()).SB!.estimatedWaitMinutes).toBe(15);
      expect((await services()).HZ!.estimatedWaitMinutes).toBeNull(); // 户政: no window open
    });

    it('learns from the day: quick handlings shorten it', async () => {
      const staff = await h.login('s1011'); // W06's A post
      for (let i = 0; i < 3; i++) {
        await h.api('POST', '/api/windows/W06/call-next', undefined, staff);
        await advance(4);
        await h.api('POST', '/api/windows/W06/finish', {}, staff);
      }
      const t = await issue('SB');
      expect(t.waitingAhead).toBe(0);
      for (let i = 0; i < 3; i++) await issue('SB');
      // Four waiting, two windows, about 6 minutes each now instead of the 15-minute target.
      const sb = (await services()).SB!;
      expect(sb.waiting).toBe(4);
      expect(sb.estimatedWaitMinutes).toBeLessThanOrEqual(14);
      expect(sb.estimatedWaitMinutes).toBeGreaterThanOrEqual(8);
    });

    it('is in the OpenAPI document of both answers', async () => {
      const doc = JSON.stringify((await h.api('GET', '/api/openapi.json')).body);
      expect(doc).toContain('estimatedWaitMinutes');
    });
  });

  describe('voiding a ticket the printer did not print', () => {
    it('the issuing kiosk voids its own waiting ticket, with the reason in the event log', async () => {
      const t = await issue('ZH');
      const r = await h.api<TicketStatusView>('POST', `/api/tickets/${t.id}/cancel`, { reason: '打印失败作废' }, KIOSK_KEY);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ id: t.id, number: t.number, status: 'cancelled' });
      expect((await h.api<TicketStatusView>('GET', `/api/tickets/${t.id}`)).body.status).toBe('cancelled');
      const row = h.hall.db.prepare("SELECT actor_kind, input FROM events WHERE type = 'ticket.cancel' AND subject = ?").get(t.id) as { actor_kind: string; input: string };
      expect(row.actor_kind).toBe('device');
      expect(JSON.parse(row.input)).toEqual({ reason: '打印失败作废', by: 'kiosk' });
      // Asking again (the first answer was lost on the way) gives the same answer.
      expect((await h.api('POST', `/api/tickets/${t.id}/cancel`, { reason: '打印失败作废' }, KIOSK_KEY)).status).toBe(200);
    });

    it('without a body too', async () => {
      const t = await issue('ZH');
      expect((await h.api<TicketStatusView>('POST', `/api/tickets/${t.id}/cancel`, undefined, KIOSK_KEY)).body.status).toBe('cancelled');
    });

    it('another kiosk may not: FORBIDDEN with a Chinese reason, and the ticket still waits', async () => {
      const t = await issue('ZH');
      const r = await h.api<Err>('POST', `/api/tickets/${t.id}/cancel`, { reason: '打印失败作废' }, otherKiosk);
      expect(r.status).toBe(403);
      expect(r.body.error).toEqual({ code: 'FORBIDDEN', message: `${t.number} 不是本取号机发出的号码，取号机不能作废，请到服务台办理` });
      expect((await h.api<TicketStatusView>('GET', `/api/tickets/${t.id}`)).body.status).toBe('waiting');
    });

    it('not after 5 minutes', async () => {
      const t = await issue('ZH');
      await advance(5.1);
      const r = await h.api<Err>('POST', `/api/tickets/${t.id}/cancel`, {}, KIOSK_KEY);
      expect(r.status).toBe(403);
      expect(r.body.error.message).toBe(`${t.number} 发出已超过5分钟，取号机不能再作废，请到服务台办理`);
    });

    it('not once called', async () => {
      const staff = await h.staffAt('W09');
      const t = await issue('HZ', KIOSK_KEY, { idNumber: personId(1) });
      expect((await h.api<{ ticket: { id: string } }>('POST', '/api/windows/W09/call-next', undefined, staff)).body.ticket.id).toBe(t.id);
      const r = await h.api<Err>('POST', `/api/tickets/${t.id}/cancel`, {}, KIOSK_KEY);
      expect(r.status).toBe(403);
      expect(r.body.error.message).toBe(`${t.number} 已被叫号或已处理，取号机不能作废，请到服务台办理`);
    });

    it('not a ticket staff issued, and no screen may void anything', async () => {
      const staffTicket = (await h.api<TicketStatusView>('POST', '/api/tickets', { serviceCode: 'ZH' }, admin)).body;
      expect((await h.api<Err>('POST', `/api/tickets/${staffTicket.id}/cancel`, {}, KIOSK_KEY)).body.error.code).toBe('FORBIDDEN');
      const t = await issue('ZH');
      const screen = await h.api<Err>('POST', `/api/tickets/${t.id}/cancel`, {}, 'demo-window-w06-key');
      expect(screen.status).toBe(403);
      expect(screen.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it('a wrong reason is refused in Chinese', async () => {
      const t = await issue('ZH');
      const r = await h.api<Err>('POST', `/api/tickets/${t.id}/cancel`, { reason: '长'.repeat(61) }, KIOSK_KEY);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.message).toContain('reason');
    });

    it('staff still void any waiting ticket, with a reason', async () => {
      const t = await issue('ZH');
      await advance(30);
      const staff = await h.login('s1021');
      const r = await h.api<TicketStatusView>('POST', `/api/tickets/${t.id}/cancel`, { reason: '群众放弃办理' }, staff);
      expect(r.body.status).toBe('cancelled');
    });
  });
});

describe('after a restart', () => {
  it('the kiosk can still void the ticket it issued just before (the issuer is read from the event log)', async () => {
    const first = await startTestHall({ keepDir: true });
    const t = (await first.api<TicketStatusView>('POST', '/api/tickets', { serviceCode: 'ZH' }, KIOSK_KEY)).body;
    await first.close();
    const again = await startTestHall({ dir: first.dir });
    try {
      const r = await again.api<TicketStatusView>('POST', `/api/tickets/${t.id}/cancel`, { reason: '打印失败作废' }, KIOSK_KEY);
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('cancelled');
    } finally {
      await again.close();
      const { rmSync } = await import('node:fs');
      rmSync(first.dir, { recursive: true, force: true });
    }
  });
});
