/**
 * 帮办代办与投诉 in the console, real Chromium at 1366×768 against a real hall server (Monday
 * 2026-11-23 09:30): a 代办 registered by a clerk with its authorisation and a missing material,
 * the material handed over later, assigned by the manager, started by the agent, a step outside
 * the authorised services refused on the page in the server's words, then done, completed and
 * handed back; its 《代办受理通知书》 printed; the 《帮办服务登记台帐》 downloaded as Excel and CSV
 * and read back. 上门服务 accepted with one staff member is refused, with two accepted. 特事特办
 * approved by the manager shows its urgent ticket, which a window then calls before an earlier
 * normal ticket. A 投诉 goes past its 2-working-day deadline under the fake clock: the list marks
 * it overdue and the manager's alert list names it, then it is fed back, told and closed.
 * Screenshots: test-output/screenshots/console-assisted-*.png.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { personId } from './support/people.js';
import { KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Page & { errors: string[] };
const W = 1366;
const H = 768;
const APPLICANT_ID = personId(11);
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

let browser: Browser;
let h: TestHall;
/** Window staff: the clerk, then the agent, then the window lead. */
let staff: TestPage;
let mgr: TestPage;

async function login(page: Page, username: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('console').waitFor();
}
async function relogin(page: Page, username: string) {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-page').waitFor();
  await login(page, username);
}
const text = (page: Page, id: string) => page.getByTestId(id).first().innerText();
/** No Latin words on the page (ID numbers, ticket numbers, 登记号 and times are fine). */
async function noEnglish(page: Page) {
  const body = await page.locator('body').innerText();
  // File formats keep their names (as on the 统计报表 page), and a downloaded file its extension.
  expect((body.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !['CSV', 'Excel', 'csv', 'xlsx'].includes(w))).toEqual([]);
}

beforeAll(async () => {
  [browser, h] = await Promise.all([launchBrowser(), startTestHall()]);
  staff = await openPage(browser, `${h.baseUrl}/console`, W, H);
  mgr = await openPage(browser, `${h.baseUrl}/console`, W, H);
  await login(staff, 's1003');
  await login(mgr, 'manager');
}, 60_000);

afterAll(async () => {
  // Chromium logs the refusals the test provokes on purpose (400 one staff on a visit, 403 a step outside the authorisation).
  for (const p of [staff, mgr]) expect((p?.errors ?? []).filter((e) => !/status of (400|403)/.test(e))).toEqual([]);
  await browser?.close();
  await h?.close();
});

describe('帮办代办与投诉 pages', () => {
  let proxyUrl = '';

  it('a clerk registers a 代办 with its authorisation and materials, one missing; then receives it', async () => {
    await staff.getByTestId('nav-assisted').click();
    await staff.getByTestId('proxy-home').waitFor();
    expect(new URL(staff.url()).pathname).toBe('/console/assisted/proxy');
    expect(await text(staff, 'proxy-ledger')).toContain('该期间没有帮办代办登记');
    await staff.getByTestId('proxy-name').fill('王大爷');
    await staff.getByTestId('proxy-id').fill(APPLICANT_ID);
    await staff.getByTestId('proxy-phone').fill('13800000001');
    await staff.getByTestId('proxy-services-BDC').check();
    await staff.getByTestId('auth-services-BDC').check();
    await staff.getByTestId('auth-actions-submit').check();
    await staff.getByTestId('auth-actions-collect').check();
    expect(await staff.getByTestId('auth-from').inputValue()).toBe('2026-11-23');
    await staff.getByTestId('auth-to').fill('2026-11-24');
    await staff.getByTestId('auth-signed').fill('2026-11-23 09:20');
    await staff.getByTestId('materials-received').fill('身份证复印件\n不动产权证书');
    await staff.getByTestId('materials-missing').fill('户口簿');
    await screenshot(staff, 'console-assisted-proxy-register');
    await noEnglish(staff);
    await staff.getByTestId('proxy-submit').click();

    await staff.getByTestId('proxy-detail').waitFor();
    proxyUrl = staff.url();
    expect(await text(staff, 'proxy-status')).toBe('已登记');
    const facts = await text(staff, 'proxy-facts');
    expect(facts).toContain(masked(APPLICANT_ID));
    expect(facts).not.toContain(APPLICANT_ID);
    expect(facts).toContain('2026-11-23 至 2026-11-24');
    expect(facts).toContain('递交申请材料、领取办理结果');
    expect(await text(staff, 'proxy-materials')).toMatch(/✘ 户口簿\s+尚未交来/);
    // Staff do not assign: the page says who does.
    expect(await staff.getByTestId('act-assign').count()).toBe(0);
    expect(await text(staff, 'proxy-actions')).toContain('等待部门负责人分派代办人员');

    await staff.getByTestId('materials-got-户口簿').check();
    await staff.getByTestId('act-materials-submit').click();
    await expect.poll(() => staff.getByTestId('act-materials').count()).toBe(0);
    expect(await text(staff, 'proxy-materials')).not.toContain('尚未交来');
    expect(await text(staff, 'proxy-trail')).toContain('材料交接');
  });

  it('the manager assigns 王建国; he starts, a step for 税务 is refused as outside the authorisation, 不动产 is recorded', async () => {
    await mgr.goto(proxyUrl);
    await mgr.getByTestId('proxy-detail').waitFor();
    await mgr.getByTestId('assign-agent').selectOption('1001');
    await mgr.getByTestId('act-assign-submit').click();
    await expect.poll(() => text(mgr, 'proxy-status')).toBe('已分派');
    expect(await text(mgr, 'proxy-facts')).toContain('王建国（工号1001）');
    // Managers may 改派 and 取消, with a reason.
    await mgr.getByTestId('act-reassign').waitFor();
    await mgr.getByTestId('act-cancel').waitFor();
    await screenshot(mgr, 'console-assisted-proxy-manager');

    await relogin(staff, 's1001');
    await staff.goto(proxyUrl);
    await staff.getByTestId('act-start-submit').click();
    await expect.poll(() => text(staff, 'proxy-status')).toBe('办理中');
    await staff.getByTestId('step-service').selectOption('SW');
    await staff.getByTestId('step-action').selectOption('submit');
    await staff.getByTestId('act-step-submit').click();
    await expect.poll(() => text(staff, 'act-step-error')).toBe('委托书未授权代办“税务办理”（授权事项：不动产登记），不能代为办理');
    await screenshot(staff, 'console-assisted-proxy-refused');
    await noEnglish(staff);
    expect(await text(staff, 'proxy-trail')).not.toContain('税务办理');

    await staff.getByTestId('step-service').selectOption('BDC');
    await staff.getByTestId('step-note').fill('已递交1号窗口');
    await staff.getByTestId('act-step-submit').click();
    await expect.poll(() => text(staff, 'proxy-trail')).toContain('不动产登记：递交申请材料');
    expect(await staff.getByTestId('act-step-error').count()).toBe(0);
  });

  it('he completes it and hands the results back; the notice prints; the ledger downloads as Excel and CSV', async () => {
    await staff.getByTestId('complete-note').fill('登簿完成');
    await staff.getByTestId('act-complete-submit').click();
    await expect.poll(() => text(staff, 'proxy-status')).toBe('已办结');
    await staff.getByTestId('hand-back-items').fill('不动产权证书（新）\n身份证复印件');
    await staff.getByTestId('act-hand-back-submit').click();
    await expect.poll(() => text(staff, 'proxy-status')).toBe('已交还');
    expect(await text(staff, 'proxy-facts')).toContain('不动产权证书（新）、身份证复印件 → 王大爷');
    expect(await text(staff, 'proxy-actions')).toContain('已交还办理结果，本件已结束');
    await screenshot(staff, 'console-assisted-proxy-done');

    await staff.getByTestId('proxy-notice').click();
    await staff.getByTestId('notice-sheet').waitFor();
    const sheet = await text(staff, 'notice-sheet');
    expect(sheet).toContain('《代办受理通知书》');
    expect(sheet).toContain('递交申请材料、领取办理结果');
    expect(await text(staff, 'notice-validity')).toBe('2026-11-23 至 2026-11-24');
    expect(sheet).toContain('王建国（工号1001）');
    expect(sheet).not.toContain(APPLICANT_ID);
    await staff.evaluate(() => {
      window.print = () => {
        (window as unknown as { printed: number }).printed = ((window as unknown as { printed?: number }).printed ?? 0) + 1;
      };
    });
    await staff.getByTestId('notice-print').click();
    expect(await staff.evaluate(() => (window as unknown as { printed?: number }).printed)).toBe(1);
    await screenshot(staff, 'console-assisted-proxy-notice');
    await noEnglish(staff);

    await staff.getByTestId('notice-back').click();
    await staff.getByTestId('proxy-back').click();
    await staff.getByTestId('proxy-row-DB20261123001').waitFor();
    expect(await text(staff, 'proxy-status-DB20261123001')).toBe('已交还');
    const [xlsx] = await Promise.all([staff.waitForEvent('download'), staff.getByTestId('ledger-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe('帮办服务登记台帐-2026-11-23.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await xlsx.path()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('帮办服务登记台帐')!;
    const cells = (row: number) => (ws.getRow(row).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
    const headers = cells(3);
    const row = cells(4);
    const col = (name: string) => row[headers.indexOf(name)];
    expect(col('登记号')).toBe('DB20261123001');
    expect(col('类型')).toBe('代办');
    expect(col('申请人')).toBe('王大爷');
    expect(col('帮办代办人员')).toBe('王建国（1001）');
    expect(col('状态')).toBe('已交还');
    expect(col('交还内容')).toBe('不动产权证书（新）、身份证复印件');
    expect(cells(5).join('')).toBe('');
    expect(await text(staff, 'ledger-downloaded')).toBe('已下载：帮办服务登记台帐-2026-11-23.xlsx');

    const [csv] = await Promise.all([staff.waitForEvent('download'), staff.getByTestId('ledger-csv').click()]);
    expect(csv.suggestedFilename()).toBe('帮办服务登记台帐-2026-11-23.csv');
    const lines = readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.split(',')).toEqual(headers);
    expect(lines[1]!.split(',')[headers.indexOf('状态')]).toBe('已交还');
    await screenshot(staff, 'console-assisted-proxy-ledger');
    await noEnglish(staff);
  });

  it('上门服务: registered with its same-day deadline; one staff member is refused, two are accepted', async () => {
    await staff.getByTestId('as-tab-home-visits').click();
    await staff.getByTestId('visit-home').waitFor();
    await staff.getByTestId('visit-category').selectOption('elderly');
    await staff.getByTestId('visit-name').fill('李奶奶');
    await staff.getByTestId('visit-phone').fill('13900000002');
    await staff.getByTestId('visit-address').fill('城关镇幸福路8号');
    await staff.getByTestId('visit-services-SB').check();
    await staff.getByTestId('visit-submit').click();
    await staff.getByTestId('visit-detail').waitFor();
    expect(await text(staff, 'visit-status')).toBe('待答复');
    expect(await text(staff, 'visit-deadline')).toBe('2026-11-23 17:00');

    await staff.getByTestId('accept-at').fill('2026-11-24 10:00');
    await staff.getByTestId('accept-staff-1011').check();
    await staff.getByTestId('accept-materials').fill('身份证\n社保卡');
    await staff.getByTestId('act-accept-submit').click();
    await expect.poll(() => text(staff, 'act-accept-error')).toBe('上门服务须由2名以上工作人员共同前往（现为1人），并出示相关证件');
    expect(await text(staff, 'visit-status')).toBe('待答复');
    await screenshot(staff, 'console-assisted-visit-refused');
    await staff.getByTestId('accept-staff-1012').check();
    await staff.getByTestId('act-accept-submit').click();
    await expect.poll(() => text(staff, 'visit-status')).toBe('已同意上门');
    const facts = await text(staff, 'visit-facts');
    expect(facts).toContain('2026-11-24 10:00');
    expect(facts).toContain('徐子涵（1011）、孙宇航（1012）');
    expect(facts).toContain('身份证、社保卡');
    await staff.getByTestId('visit-back').click();
    await staff.getByTestId('visit-row-SM20261123001').waitFor();
    expect(await text(staff, 'visit-row-SM20261123001')).toContain('已同意上门');
    await screenshot(staff, 'console-assisted-visit-list');
    await noEnglish(staff);
  });

  it('特事特办: the manager approves and sees the urgent ticket; a window calls it before an earlier normal ticket', async () => {
    const normal = await h.api<{ number: string }>('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: personId(12) }, KIOSK_KEY);
    expect(normal.status).toBe(201);
    await mgr.getByTestId('nav-assisted').click();
    await mgr.getByTestId('as-tab-urgent').click();
    await mgr.getByTestId('urgent-home').waitFor();
    await mgr.getByTestId('urgent-name').fill('赵先生');
    await mgr.getByTestId('urgent-service').selectOption('BDC');
    await mgr.getByTestId('urgent-id').fill(personId(13));
    await mgr.getByTestId('urgent-reason').fill('申请人明日出国就医，急需办理');
    await mgr.getByTestId('urgent-submit').click();
    await mgr.getByTestId('urgent-issued').waitFor();
    const number = await text(mgr, 'urgent-issued-number');
    expect(number).not.toBe(normal.body.number);
    await expect.poll(() => text(mgr, `urgent-ticket-status-${number}`)).toBe('等候中');
    await screenshot(mgr, 'console-assisted-urgent');
    await noEnglish(mgr);

    const w1 = await h.staffAt('W01');
    const called = await h.api<{ ticket: { number: string } }>('POST', '/api/windows/W01/call-next', undefined, w1);
    expect(called.body.ticket.number).toBe(number);
    await expect.poll(() => text(mgr, `urgent-ticket-status-${number}`)).toBe('已呼叫（1号窗口）');
    await h.api('POST', '/api/windows/W01/finish', {}, w1);
    await mgr.getByTestId('urgent-done-TB20261123001-submit').click();
    await expect.poll(() => mgr.getByTestId('urgent-TB20261123001').count()).toBe(0);
    expect(await text(mgr, 'urgent-list')).toContain('没有跟踪办理中的特事特办事项');
    await mgr.getByTestId('urgent-open-only').uncheck();
    await expect.poll(() => text(mgr, 'urgent-status-TB20261123001')).toBe('已办结');
    expect(await text(mgr, `urgent-ticket-status-${number}`)).toBe('已办结（1号窗口）');
  });

  it('投诉: past its 2-working-day deadline it is marked overdue and alerts the manager; fed back, told and closed', async () => {
    await staff.getByTestId('as-tab-complaints').click();
    await staff.getByTestId('complaint-home').waitFor();
    await staff.getByTestId('complaint-channel').selectOption('phone');
    await staff.getByTestId('complaint-window').selectOption('W01');
    await staff.getByTestId('complaint-staff').selectOption('1001');
    await staff.getByTestId('complaint-content').fill('态度生硬，未一次性告知所需材料');
    await staff.getByTestId('complaint-name').fill('钱女士');
    await staff.getByTestId('complaint-phone').fill('13700000003');
    await staff.getByTestId('complaint-submit').click();
    await staff.getByTestId('complaint-detail').waitFor();
    const complaintUrl = staff.url();
    expect(await text(staff, 'complaint-deadline')).toBe('2026-11-25 17:00');
    // The staff member complained about sees that there is a contact, not who it is.
    expect(await text(staff, 'complaint-facts')).toContain('钱**');
    expect(await text(staff, 'complaint-facts')).not.toContain('钱女士');
    await staff.getByTestId('complaint-back').click();
    await staff.getByTestId('complaint-row-TS20261123001').waitFor();
    expect(await text(staff, 'complaint-deadline-TS20261123001')).toBe('2026-11-25 17:00');
    expect(await staff.getByTestId('complaint-deadline-TS20261123001-overdue').count()).toBe(0);

    // Wednesday 17:01: the window lead has not fed back within 2 working days.
    expect((await h.api('POST', '/api/test-clock', { set: '2026-11-25T17:01:00+08:00' })).status).toBe(200);
    await expect.poll(() => staff.getByTestId('complaint-deadline-TS20261123001-overdue').count(), { timeout: 10_000 }).toBe(1);
    expect(await text(staff, 'complaint-deadline-TS20261123001-overdue')).toBe('已超时');
    expect(await staff.getByTestId('complaint-row-TS20261123001').getAttribute('class')).toContain('bad-row');
    await screenshot(staff, 'console-assisted-complaint-overdue');
    await noEnglish(staff);

    await mgr.getByTestId('nav-live').click();
    await mgr.getByTestId('alert-complaint-overdue').waitFor();
    const alert = await text(mgr, 'alert-complaint-overdue');
    expect(alert).toContain('投诉反馈超期');
    expect(alert).toContain('投诉 TS20261123001（1号窗口（不动产登记） 王建国）未在11月25日（周三）17:00前反馈处理情况');
    expect(await text(mgr, 'nav-assisted-badge')).toBe('1');
    await screenshot(mgr, 'console-assisted-alert');

    await staff.goto(complaintUrl);
    await staff.getByTestId('feedback-content').fill('已约谈当事人并致歉，纳入月度考核');
    await staff.getByTestId('act-feedback-submit').click();
    await expect.poll(() => text(staff, 'complaint-status')).toBe('窗口已反馈');
    expect(await text(staff, 'complaint-trail')).toContain('窗口反馈处理情况（已超过反馈期限）');
    expect(await text(staff, 'complaint-actions')).toContain('由大厅负责人告知投诉人并办结');
    await expect.poll(() => mgr.getByTestId('alert-complaint-overdue').getAttribute('class'), { timeout: 10_000 }).toBe('cleared');

    await mgr.goto(complaintUrl);
    await mgr.getByTestId('complaint-detail').waitFor();
    expect(await text(mgr, 'complaint-facts')).toContain('钱女士');
    await mgr.getByTestId('inform-how').selectOption('phone');
    await mgr.getByTestId('inform-satisfied').selectOption('yes');
    await mgr.getByTestId('act-inform-submit').click();
    await expect.poll(() => text(mgr, 'complaint-status')).toBe('已告知投诉人');
    await mgr.getByTestId('close-note').fill('纳入月度考核');
    await mgr.getByTestId('act-close-submit').click();
    await expect.poll(() => text(mgr, 'complaint-status')).toBe('已办结');
    expect(await text(mgr, 'complaint-facts')).toContain('电话，满意');
    await screenshot(mgr, 'console-assisted-complaint-closed');
    await noEnglish(mgr);
    await mgr.getByTestId('complaint-back').click();
    await expect.poll(() => text(mgr, 'complaint-list')).toContain('没有投诉');
  });
});
