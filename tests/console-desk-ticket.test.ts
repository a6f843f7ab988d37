/**
 * 服务台取号 in real Chromium at 1366×768 against a real hall server (Monday 2026-11-23 09:30):
 * two normal 社会保险 tickets wait (C001, C002); 6号窗口's staff member opens 服务台取号 from the
 * console's navigation and, with the keyboard only, issues a 绿色通道 ticket (reason 残疾人) for
 * 社会保险. The number is shown large with the service and nobody ahead; the server has it as
 * `green` (the reason in the issuing event's audit input), the window's queue puts it first and
 * says why (绿色通道优先), and call-next at 6号窗口 calls it before the earlier normal tickets
 * (HALL-RULES §2). The slip prints alone with the QR of /t/{id}. A 实名 service without an ID
 * number is refused in Chinese (and by the API), an ID that already holds a ticket gets the
 * server's sentence, and axe finds no serious or critical issue on the page in any of its states.
 * Screenshots: test-output/screenshots/console-desk-*.png.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { personId } from './support/people.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Page & { errors: string[] };
interface TicketBody {
  id: string;
  number: string;
  priority: string;
  status: string;
  channel: string;
  waitingAhead: number;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${n.target.join(' ')}`));
}

async function login(page: Page, username: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('console').waitFor();
}

describe('服务台取号 at /console/desk', () => {
  let browser: Browser;
  let h: TestHall;
  let page: TestPage;
  let green: TicketBody;
  const text = (id: string, p: Page = page) => p.getByTestId(id).first().textContent();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.getAttribute('name') ?? null);

  beforeAll(async () => {
    [browser, h] = await Promise.all([launchBrowser(), startTestHall()]);
    for (let i = 1; i <= 2; i++) expect((await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).status).toBe(201);
    page = await openPage(browser, `${h.baseUrl}/console`, 1366, 768);
  }, 60_000);

  afterAll(async () => {
    // The duplicate-ID refusal the test provokes is a 409 the browser logs.
    expect((page?.errors ?? []).filter((e) => !/status of 409/.test(e))).toEqual([]);
    await browser?.close();
    await h?.close();
  });

  it('a window staff member opens it from the navigation: every service with its people waiting, 实名 marked', async () => {
    await login(page, 's1011');
    await page.getByTestId('nav-desk').click();
    await page.getByTestId('desk-ticket').waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/desk');
    expect(await page.title()).toContain('服务台取号');
    await expect.poll(() => text('desk-waiting-SB')).toBe('2');
    expect(await text('desk-waiting-BDC')).toBe('0');
    expect(await text('desk-service-BDC')).toContain('须实名');
    expect(await text('desk-service-SB')).not.toContain('须实名');
    expect(await page.getByTestId('desk-reasons').count()).toBe(0);
    await screenshot(page, 'console-desk');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('issues a 绿色通道 ticket (残疾人) with the keyboard; the number shows large, nobody ahead, the QR of /t/{id}', async () => {
    // The service radios are one group: arrows move within it (不动产登记 → 税务办理 → 社会保险).
    await page.getByTestId('desk-service-BDC').locator('input').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('desk-service-SB').locator('input').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('desk-id');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('desk-kind-normal');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('desk-kind-green').isChecked()).toBe(true);
    await page.getByTestId('desk-reasons').waitFor();
    // Without a reason: refused, the focus goes to the reasons.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('desk-submit');
    expect(await text('desk-submit')).toBe('取绿色通道号');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('desk-error')).toBe('请选择绿色通道原因');
    expect(await focused()).toBe('desk-reason-elderly');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('desk-reason-disabled').isChecked()).toBe(true);
    await screenshot(page, 'console-desk-green-form');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('desk-submit');
    await page.keyboard.press('Enter');

    await page.getByTestId('desk-slip').waitFor();
    expect(await text('desk-number')).toBe('C003');
    expect(await text('desk-priority')).toBe('绿色通道');
    expect(await text('desk-service-name')).toBe('社会保险');
    expect(await text('desk-ahead')).toBe('还有 0 人等候');
    const fontSize = await page.getByTestId('desk-number').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(48);
    // The print button has the focus: Enter prints.
    expect(await focused()).toBe('desk-print');
    await expect.poll(() => page.getByTestId('desk-qr-img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const url = await page.getByTestId('desk-qr').getAttribute('data-url');
    expect(url).toMatch(new RegExp(`^${h.baseUrl.replace(/[.]/g, '\\.')}/t/[^/]+$`));
    // The form is reset for the next person.
    expect(await page.getByTestId('desk-kind-normal').isChecked()).toBe(true);
    expect(await page.getByTestId('desk-id').inputValue()).toBe('');
    await expect.poll(() => text('desk-waiting-SB')).toBe('3');
    await screenshot(page, 'console-desk-green-issued');
    expect(await seriousViolations(page)).toEqual([]);

    const id = decodeURIComponent(url!.split('/t/')[1]!);
    const r = await h.api<TicketBody>('GET', `/api/tickets/${id}`);
    expect(r.status).toBe(200);
    green = r.body;
    expect(green).toMatchObject({ number: 'C003', priority: 'green', status: 'waiting', channel: 'staff', waitingAhead: 0 });
    // The reason is in the audit log's input of the issue, with who issued it.
    const ev = h.hall.db.prepare("SELECT input, actor_id FROM events WHERE type = 'ticket.issue' ORDER BY id DESC LIMIT 1").get() as { input: string; actor_id: string };
    expect(JSON.parse(ev.input)).toMatchObject({ serviceCode: 'SB', priority: 'green', greenReason: 'disabled', channel: 'staff' });
    expect(ev.actor_id).toBe('s1011');
    // The status page the QR opens knows it.
    const status = await openPage(browser, url!, 390, 844);
    await expect.poll(() => status.locator('body').innerText()).toContain('C003');
    expect(status.errors).toEqual([]);
    await status.close();
  });

  it('prints the slip alone (browser print)', async () => {
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'console-desk-print');
    expect(await page.getByTestId('desk-number').isVisible()).toBe(true);
    expect(await page.getByTestId('desk-qr-img').isVisible()).toBe(true);
    for (const hidden of ['desk-submit', 'desk-print', 'nav-desk', 'desk-services']) expect(await page.getByTestId(hidden).isVisible(), hidden).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  it('the green ticket leads 6号窗口\'s queue, says why, and call-next calls it before the earlier normal tickets', async () => {
    const w6 = await h.staffAt('W06');
    const queue = (await h.api<{ ticket: { number: string; priority: string }; why: string }[]>('GET', '/api/windows/W06/queue', undefined, w6)).body;
    expect(queue.map((r) => `${r.ticket.number}:${r.ticket.priority}`)).toEqual(['C003:green', 'C001:normal', 'C002:normal']);
    expect(queue[0]!.why).toContain('绿色通道优先');
    expect(queue[1]!.why).toContain('普通号');
    const called = await h.api<{ ticket: TicketBody | null; why: string }>('POST', '/api/windows/W06/call-next', undefined, w6);
    expect(called.status).toBe(200);
    expect(called.body.ticket).toMatchObject({ id: green.id, number: 'C003', priority: 'green', status: 'called', windowId: 'W06' });
    expect(called.body.why).toContain('绿色通道优先');
    await h.api('POST', '/api/windows/W06/finish', {}, w6);
    const next = await h.api<{ ticket: TicketBody | null }>('POST', '/api/windows/W06/call-next', undefined, w6);
    expect(next.body.ticket?.number).toBe('C001');
  });

  it('a 实名 service without an ID number is refused in Chinese, at the desk and by the API', async () => {
    await page.getByTestId('desk-again').click();
    // 继续取号 puts the focus back on the chosen service.
    await expect.poll(focused).toBe('desk-service');
    await page.getByTestId('desk-service-BDC').click();
    expect(await page.getByTestId('desk-id').inputValue()).toBe('');
    expect(await page.getByTestId('desk-ticket').locator('label.field').textContent()).toContain('必填');
    await page.getByTestId('desk-submit').click();
    await expect.poll(() => text('desk-error')).toBe('“不动产登记”须实名取号，请填写身份证号码');
    expect(await focused()).toBe('desk-id');
    expect(await page.getByTestId('desk-id').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'console-desk-real-name');
    expect(await seriousViolations(page)).toEqual([]);
    const staff = await h.login('s1011');
    const r = await h.api<{ error: { message: string } }>('POST', '/api/tickets', { serviceCode: 'BDC', priority: 'green', greenReason: 'pregnant' }, staff);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('“不动产登记”须实名取号，请先刷身份证');
    // A reason belongs to a green ticket only.
    const wrong = await h.api<{ error: { message: string } }>('POST', '/api/tickets', { serviceCode: 'SB', greenReason: 'pregnant' }, staff);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('只有绿色通道号才能注明绿色通道原因');
  });

  it('checks the ID number with the shared validator, and shows the server\'s sentence for an ID already holding a ticket', async () => {
    const bad = personId(7).slice(0, 17) + (personId(7)[17] === '0' ? '1' : '0');
    await page.getByTestId('desk-id').fill(bad);
    await page.getByTestId('desk-submit').click();
    await expect.poll(() => text('desk-error')).toBe('身份证号码：身份证号码校验位不正确，请核对后重新输入');
    expect((await h.api('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: personId(5) }, KIOSK_KEY)).status).toBe(201);
    await page.getByTestId('desk-id').fill(personId(5));
    await page.getByTestId('desk-submit').click();
    await expect.poll(() => text('desk-error')).toBe('您有一个号码 A001（不动产登记）尚未办理，请等候叫号');
    await screenshot(page, 'console-desk-server-error');
    await page.getByTestId('desk-id').fill(personId(6));
    await page.getByTestId('desk-submit').click();
    await expect.poll(() => text('desk-number')).toBe('A002');
    expect(await page.getByTestId('desk-priority').count()).toBe(0);
    expect(await text('desk-ahead')).toBe('还有 1 人等候');
    expect(await page.getByTestId('desk-error').count()).toBe(0);
  });

  it('a manager has it in the navigation too', async () => {
    const manager = await openPage(browser, `${h.baseUrl}/console`, 1366, 768);
    await login(manager, 'manager');
    await manager.getByTestId('nav-desk').click();
    await manager.getByTestId('desk-ticket').waitFor();
    await expect.poll(() => manager.getByTestId('desk-waiting-BDC').textContent()).toBe('2');
    await screenshot(manager, 'console-desk-manager');
    expect(manager.errors).toEqual([]);
    await manager.close();
  });
});
