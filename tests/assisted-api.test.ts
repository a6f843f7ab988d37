/**
 * Assisted services over HTTP on a real server (real SQLite file, loopback port, socket.io):
 * a 代办 from registration to hand-back with its refusals (scope, validity, roles, reassignment
 * without approval), the 《帮办服务登记台帐》 downloaded and parsed back, the 《代办受理通知书》,
 * 特事特办 issuing an `urgent` ticket that is called first and never alerts 限时办结, 上门服务 with
 * one staff refused, and an overdue 投诉 raising a manager alert on the socket once the clock
 * passes its 2-working-day deadline. Records survive a restart.
 */
import type { AlertEvent, Ticket } from '@hall/shared';
import ExcelJS from 'exceljs';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { personId } from './support/people.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

type Err = { error: { code: string; message: string } };
interface Proxy {
  id: string;
  no: string;
  status: string;
  statusName: string;
  agent: { employeeNo: string; name: string } | null;
  applicant: { idNumber: string };
  approvals: { kind: string; reason: string; by: { employeeNo: string } }[];
  handBack: { items: string[]; to: { name: string } } | null;
}

const APPLICANT = { name: '王大爷', idNumber: personId(1), phone: '13800000001' };
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

/** Registered 代办 of 不动产登记 on Monday 23 November 2026, authorised to submit and collect until Tuesday 24. */
const PROXY = {
  mode: 'proxy',
  applicant: APPLICANT,
  services: ['BDC'],
  authorization: { services: ['BDC'], actions: ['submit', 'collect'], validFrom: '2026-11-23', validTo: '2026-11-24', signedAt: '2026-11-23T09:20:00+08:00' },
  materials: [
    { name: '身份证复印件', received: true },
    { name: '不动产权证书', received: true },
  ],
};

async function download(h: TestHall, path: string, token: string) {
  const res = await fetch(h.baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

describe('assisted services API', () => {
  let h: TestHall | undefined;
  let h2: TestHall | undefined;
  let kept: string | undefined;
  afterEach(async () => {
    await h2?.close();
    await h?.close();
    h = h2 = undefined;
    if (kept) rmSync(kept, { recursive: true, force: true });
    kept = undefined;
  });

  const setClock = (t: TestHall, iso: string) => t.api('POST', '/api/test-clock', { set: iso });

  it('a 代办 from registration to hand-back, with its refusals; the ledger and the notice; it survives a restart', async () => {
    h = await startTestHall({ keepDir: true });
    kept = h.dir;
    const clerk = await h.login('s1003');
    const manager = await h.login('manager');
    const agent = await h.login('s1001');
    const other = await h.login('s1002');

    const reg = await h.api<Proxy>('POST', '/api/assisted/proxy', PROXY, clerk);
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ no: 'DB20261123001', status: 'registered', statusName: '已登记', agent: null });
    expect(reg.body.applicant.idNumber).toBe(masked(APPLICANT.idNumber));
    const id = reg.body.id;

    // Roles: staff do not assign; the manager does.
    const staffAssign = await h.api<Err>('POST', `/api/assisted/proxy/${id}/assign`, { agentNo: '1001' }, clerk);
    expect(staffAssign.status).toBe(403);
    expect(staffAssign.body.error.code).toBe('FORBIDDEN');
    expect((await h.api<Proxy>('POST', `/api/assisted/proxy/${id}/assign`, { agentNo: '1001' }, manager)).body.agent).toEqual({ employeeNo: '1001', name: '王建国' });

    // Only the agent acts.
    const notAgent = await h.api<Err>('POST', `/api/assisted/proxy/${id}/start`, undefined, other);
    expect(notAgent.status).toBe(403);
    expect(notAgent.body.error.message).toMatch(/由王建国（工号1001）代办/);
    expect((await h.api<Proxy>('POST', `/api/assisted/proxy/${id}/start`, undefined, agent)).body.status).toBe('in-progress');

    // Outside the authorised scope: another service, an action not granted.
    const svc = await h.api<Err>('POST', `/api/assisted/proxy/${id}/steps`, { serviceCode: 'SW', action: 'submit' }, agent);
    expect(svc.status).toBe(403);
    expect(svc.body.error).toEqual({ code: 'OUT_OF_SCOPE', message: '委托书未授权代办“税务办理”（授权事项：不动产登记），不能代为办理' });
    const act = await h.api<Err>('POST', `/api/assisted/proxy/${id}/steps`, { serviceCode: 'BDC', action: 'pay' }, agent);
    expect(act.body.error.code).toBe('OUT_OF_SCOPE');
    expect((await h.api('POST', `/api/assisted/proxy/${id}/steps`, { serviceCode: 'BDC', action: 'submit', note: '已递交1号窗口' }, agent)).status).toBe(200);

    // Reassignment: the agent cannot hand it on; the manager does, with a reason, recorded.
    const self = await h.api<Err>('POST', `/api/assisted/proxy/${id}/reassign`, { agentNo: '1002', reason: '外出' }, agent);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('APPROVAL_REQUIRED');
    expect(self.body.error.message).toMatch(/须报部门负责人批准/);
    const cancel = await h.api<Err>('POST', `/api/assisted/proxy/${id}/cancel`, { reason: '不办了' }, agent);
    expect(cancel.body.error.code).toBe('APPROVAL_REQUIRED');
    const moved = (await h.api<Proxy>('POST', `/api/assisted/proxy/${id}/reassign`, { agentNo: '1002', reason: '王建国外出培训' }, manager)).body;
    expect(moved.agent?.employeeNo).toBe('1002');
    expect(moved.approvals).toEqual([expect.objectContaining({ kind: 'reassign', reason: '王建国外出培训', by: expect.objectContaining({ employeeNo: '9001' }) })]);

    // The day after the authorisation expired: refused.
    await setClock(h, '2026-11-25T09:30:00+08:00');
    const late = await h.api<Err>('POST', `/api/assisted/proxy/${id}/steps`, { serviceCode: 'BDC', action: 'collect' }, other);
    expect(late.status).toBe(403);
    expect(late.body.error).toEqual({ code: 'AUTHORIZATION_EXPIRED', message: '委托书有效期至2026-11-24，已过期，不能再代为领取办理结果；请申请人重新签署委托书' });

    expect((await h.api<Proxy>('POST', `/api/assisted/proxy/${id}/complete`, { note: '登簿完成' }, other)).body.status).toBe('completed');
    const back = await h.api<Proxy>('POST', `/api/assisted/proxy/${id}/hand-back`, { items: ['不动产权证书（新）', '身份证复印件'], to: { name: '王大爷' } }, other);
    expect(back.body).toMatchObject({ status: 'handed-back', handBack: { items: ['不动产权证书（新）', '身份证复印件'], to: { name: '王大爷' } } });

    // A 帮办 the same day as the 代办 (for the ledger).
    const help = await h.api<Proxy>('POST', '/api/assisted/proxy', { mode: 'help', applicant: { ...APPLICANT, name: '李阿姨', idNumber: personId(2) }, services: ['SB', 'YB'] }, clerk);
    expect(help.status).toBe(201);

    // 《帮办服务登记台帐》: JSON, CSV and XLSX hold the same rows.
    const json = await h.api<Proxy[]>('GET', '/api/assisted/proxy?from=2026-11-23&to=2026-11-25', undefined, clerk);
    expect(json.body.map((r) => r.no)).toEqual(['DB20261123001', 'DB20261125001']);
    const x = await download(h, '/api/assisted/proxy?from=2026-11-23&to=2026-11-25&format=xlsx', manager);
    expect(x.status).toBe(200);
    expect(x.type).toMatch(/spreadsheetml/);
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(x.disposition)![1]!)).toBe('帮办服务登记台帐-2026-11-23至2026-11-25.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('帮办服务登记台帐')!;
    expect(String(ws.getCell('A1').value)).toMatch(/《帮办服务登记台帐》$/);
    const cells = (row: number) => (ws.getRow(row).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
    const headers = cells(3);
    expect(headers.slice(0, 7)).toEqual(['登记号', '登记时间', '类型', '申请人', '身份证号', '联系电话', '办理事项']);
    const col = (name: string) => headers.indexOf(name);
    const first = cells(4);
    expect(first[col('登记号')]).toBe('DB20261123001');
    expect(first[col('类型')]).toBe('代办');
    expect(first[col('身份证号')]).toBe(masked(APPLICANT.idNumber));
    expect(first[col('委托有效期')]).toBe('2026-11-23 至 2026-11-24');
    expect(first[col('帮办代办人员')]).toBe('李丽华（1002）');
    expect(first[col('状态')]).toBe('已交还');
    expect(first[col('交还内容')]).toBe('不动产权证书（新）、身份证复印件');
    expect(first[col('领取人')]).toBe('王大爷');
    expect(cells(5)[col('类型')]).toBe('帮办');
    expect(cells(5)[col('办理事项')]).toBe('社会保险、医疗保障');
    const csv = await download(h, '/api/assisted/proxy?from=2026-11-23&to=2026-11-25&format=csv', manager);
    const lines = csv.body.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.split(',')).toEqual(headers);
    expect(lines[1]!.split(',')[col('状态')]).toBe('已交还');

    // 《代办受理通知书》: JSON for the console, and a printable page.
    const notice = await h.api<{ title: string; no: string; authorization: { actions: string[] } }>('GET', `/api/assisted/proxy/${id}/notice`, undefined, clerk);
    expect(notice.body).toMatchObject({ title: '代办受理通知书', no: 'DB20261123001', authorization: { actions: ['递交申请材料', '领取办理结果'] } });
    const page = await download(h, `/api/assisted/proxy/${id}/notice?format=html`, clerk);
    expect(page.type).toMatch(/^text\/html/);
    const html = page.body.toString('utf8');
    expect(html).toContain('《代办受理通知书》');
    expect(html).toContain('2026-11-23 至 2026-11-24');
    expect(html).not.toContain(APPLICANT.idNumber);
    expect((await h.api<Err>('GET', '/api/assisted/proxy/no-such/notice', undefined, clerk)).status).toBe(404);
    expect((await h.api<Err>('GET', `/api/assisted/proxy/${id}`)).status).toBe(401);
    expect((await h.api<Err>('GET', `/api/assisted/proxy/${id}`, undefined, KIOSK_KEY)).status).toBe(403);

    // After a restart the record, its 登记号 counter and the ledger are still there.
    await h.close();
    h = undefined;
    h2 = await startTestHall({ dir: kept, at: '2026-11-25T10:00:00+08:00' });
    const m2 = await h2.login('manager');
    expect((await h2.api<Proxy>('GET', `/api/assisted/proxy/${id}`, undefined, m2)).body.status).toBe('handed-back');
    expect((await h2.api<Proxy>('GET', '/api/assisted/proxy/DB20261123001', undefined, m2)).body.id).toBe(id);
    expect((await h2.api<Proxy>('POST', '/api/assisted/proxy', { mode: 'help', applicant: APPLICANT, services: ['HZ'] }, m2)).body.no).toBe('DB20261125002');
  });

  it('特事特办: a manager approves, the ticket is `urgent`, called first, and never alerts 限时办结; staff cannot approve', async () => {
    h = await startTestHall();
    const manager = await h.login('manager');
    const staff = await h.staffAt('W01');
    const body = { scope: 'urgent-need', reason: '申请人明日出国就医，急需办理', applicant: { name: '赵先生', idNumber: personId(3) }, serviceCode: 'BDC' };
    const refused = await h.api<Err>('POST', '/api/assisted/urgent', body, staff);
    expect(refused.status).toBe(403);

    const normal = (await h.api<Ticket>('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: personId(4) }, KIOSK_KEY)).body;
    const green = (await h.api<Ticket>('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: '110101193001010018' }, KIOSK_KEY)).body;
    expect(green.priority).toBe('green');
    const r = await h.api<{ case: { id: string; no: string; tickets: { id: string }[]; liveTickets: Ticket[] }; ticket: Ticket }>('POST', '/api/assisted/urgent', body, manager);
    expect(r.status).toBe(201);
    expect(r.body.ticket.priority).toBe('urgent');
    expect(r.body.case.tickets.map((t) => t.id)).toEqual([r.body.ticket.id]);
    expect(normal.priority).toBe('normal');

    const s = h.socket(manager);
    const alerts: AlertEvent[] = [];
    s.on('alert', (e: AlertEvent) => alerts.push(e));
    await new Promise((res) => s.once('snapshot', res));
    const called = await h.api<{ ticket: Ticket }>('POST', '/api/windows/W01/call-next', undefined, staff);
    expect(called.body.ticket.id).toBe(r.body.ticket.id);
    await h.api('POST', '/api/test-clock', { advanceMinutes: 90 }); // 不动产登记 allows 40 minutes
    await new Promise((res) => setTimeout(res, 100));
    expect(alerts.filter((a) => a.alert.kind === 'overdue')).toEqual([]);
    const one = await h.api<{ status: string; liveTickets: Ticket[] }>('GET', `/api/assisted/urgent/${r.body.case.id}`, undefined, staff);
    expect(one.body.liveTickets[0]!.status).toBe('called');
    await h.api('POST', '/api/windows/W01/finish', {}, staff);
    expect((await h.api<{ status: string }>('POST', `/api/assisted/urgent/${r.body.case.id}/done`, { note: '已办结' }, staff)).body.status).toBe('done');
    expect((await h.api<{ ticket: Ticket }>('POST', '/api/windows/W01/call-next', undefined, staff)).body.ticket.id).toBe(green.id);
  });

  it('上门服务: one staff is refused, two are accepted; declining is for managers', async () => {
    h = await startTestHall();
    const clerk = await h.login('s1011');
    const manager = await h.login('manager');
    const r = await h.api<{ id: string; replyBy: string; replyOverdue: boolean }>(
      'POST',
      '/api/assisted/home-visits',
      { category: 'elderly', applicant: { name: '李奶奶', phone: '13900000002' }, address: '城关镇幸福路8号', services: ['SB'] },
      clerk,
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ replyBy: '2026-11-23T17:00:00.000+08:00', replyOverdue: false });
    const visit = { at: '2026-11-24T10:00:00+08:00', place: '城关镇幸福路8号', materials: ['身份证'] };
    const one = await h.api<Err>('POST', `/api/assisted/home-visits/${r.body.id}/accept`, { ...visit, staffNos: ['1011'] }, clerk);
    expect(one.status).toBe(400);
    expect(one.body.error.message).toBe('上门服务须由2名以上工作人员共同前往（现为1人），并出示相关证件');
    expect((await h.api<Err>('POST', `/api/assisted/home-visits/${r.body.id}/decline`, { reason: '人手不足' }, clerk)).status).toBe(403);
    expect((await h.api<{ status: string }>('POST', `/api/assisted/home-visits/${r.body.id}/accept`, { ...visit, staffNos: ['1011', '1012'] }, clerk)).body.status).toBe('accepted');
    expect((await h.api<{ status: string }[]>('GET', '/api/assisted/home-visits?open=true', undefined, manager)).body.map((x) => x.status)).toEqual(['accepted']);
    const missing = await h.api<Err>('POST', '/api/assisted/home-visits', { applicant: { name: '李奶奶', phone: '13900000002' }, address: 'x', services: ['SB'] }, clerk);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/category/);
  });

  it('投诉: overdue feedback raises a manager alert on the socket once the clock passes the 2-working-day deadline', async () => {
    h = await startTestHall({ at: '2026-11-27T10:00:00+08:00' }); // a Friday
    const clerk = await h.login('s1011');
    const manager = await h.login('manager');
    const lead = await h.login('s1001');
    const c = await h.api<{ id: string; no: string; feedbackDue: string; complainant: unknown }>(
      'POST',
      '/api/assisted/complaints',
      { channel: 'phone', windowId: 'W01', staffNo: '1001', content: '态度生硬，未一次性告知', complainant: { name: '钱女士', phone: '13700000003' } },
      clerk,
    );
    expect(c.status).toBe(201);
    expect(c.body.feedbackDue).toBe('2026-12-01T17:00:00.000+08:00'); // Friday → Monday, Tuesday
    // The staff member complained about sees that there is a contact, not who it is.
    const seen = await h.api<{ complainant: { name: string; phone: string } }>('GET', `/api/assisted/complaints/${c.body.id}`, undefined, lead);
    expect(seen.body.complainant).toEqual({ name: '钱**', phone: '137****0003' });
    expect((await h.api<{ complainant: { name: string } }>('GET', `/api/assisted/complaints/${c.body.id}`, undefined, manager)).body.complainant.name).toBe('钱女士');

    const s = h.socket(manager);
    const alerts: AlertEvent[] = [];
    s.on('alert', (e: AlertEvent) => alerts.push(e));
    await new Promise((res) => s.once('snapshot', res));
    await setClock(h, '2026-12-01T16:59:00+08:00');
    await new Promise((res) => setTimeout(res, 100));
    expect(alerts.filter((a) => a.alert.kind === 'complaint-overdue')).toEqual([]);
    await setClock(h, '2026-12-01T17:01:00+08:00');
    await expect.poll(() => alerts.filter((a) => a.alert.kind === 'complaint-overdue' && a.raised)).toHaveLength(1);
    const raised = alerts.find((a) => a.alert.kind === 'complaint-overdue')!;
    expect(raised.alert).toMatchObject({ key: `complaint:${c.body.id}`, windowId: 'W01', since: '2026-12-01T17:00:00.000+08:00' });
    expect(raised.alert.message).toContain(c.body.no);
    expect(raised.alert.message).not.toContain('钱');
    expect((await h.api<{ kind: string }[]>('GET', '/api/alerts', undefined, manager)).body.map((a) => a.kind)).toContain('complaint-overdue');

    // Feedback clears it; informing and closing are for managers.
    expect((await h.api<{ feedbackOverdue: boolean }>('GET', `/api/assisted/complaints/${c.body.id}`, undefined, manager)).body.feedbackOverdue).toBe(true);
    await h.api('POST', `/api/assisted/complaints/${c.body.id}/feedback`, { content: '已约谈当事人并致歉' }, lead);
    await h.api('POST', '/api/test-clock', { advanceMinutes: 1 });
    await expect.poll(() => alerts.filter((a) => a.alert.kind === 'complaint-overdue' && !a.raised)).toHaveLength(1);
    expect((await h.api<Err>('POST', `/api/assisted/complaints/${c.body.id}/inform`, { how: 'phone' }, lead)).status).toBe(403);
    expect((await h.api<{ status: string }>('POST', `/api/assisted/complaints/${c.body.id}/inform`, { how: 'phone', satisfied: true }, manager)).body.status).toBe('informed');
    expect((await h.api<{ status: string }>('POST', `/api/assisted/complaints/${c.body.id}/close`, { note: '纳入月度考核' }, manager)).body.status).toBe('closed');
    expect((await h.api<unknown[]>('GET', '/api/assisted/complaints?open=true', undefined, manager)).body).toEqual([]);
  });
});
