/**
 * 管理（大厅配置） in real Chromium at 1366×768: the system administrator adds a material to 社会保险's
 * 办事指南 and a holiday override, sees the server's message beside a bad HH:MM (and cannot save),
 * fixes it, saves, reads 已保存为第 2 版，立即生效或重启大厅服务后生效 and finds version 2 in the history;
 * the export downloads a JSON file with a Chinese name holding the change; a bad file imported is
 * refused with its Chinese message. Managers have no 管理 tab. 立即生效 (the hall runs in a HallRunner,
 * as under `npm start`): a renamed service, confirmed, is served at once; a version that removes a
 * window in use is refused with the server's Chinese reason. Screenshots: console-admin-*.png.
 */
import { readFileSync } from 'node:fs';
import type { HallConfig } from '@hall/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { ADMIN_PASSWORD, KIOSK_KEY, startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Page & { errors: string[] };

let browser: Browser;
let h: TestHall;
let page: TestPage;

beforeAll(async () => {
  [browser, h] = await Promise.all([launchBrowser(), startTestHall({ live: true })]);
  page = await openPage(browser, `${h.baseUrl}/console`, 1366, 768);
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('console').waitFor();
}, 60_000);

afterAll(async () => {
  expect(page?.errors ?? []).toEqual([]);
  await browser?.close();
  await h?.close();
});

const text = (id: string) => page.getByTestId(id).first().innerText();

describe('管理（大厅配置） page', () => {
  it('adds a material to 社会保险’s 办事指南', async () => {
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-services').waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/admin/services');
    expect(await text('admin-version')).toBe('编辑基于第 1 版 · 运行中第 1 版');
    expect(await text('admin-check')).toBe('没有未保存的改动');
    await page.getByTestId('service-pick-SB').click();
    expect(await page.getByTestId('service-name').inputValue()).toBe('社会保险');
    await page.getByTestId('materials-new').fill('社会保障卡原件');
    await page.getByTestId('materials-add').click();
    expect(await page.getByTestId('materials-3').inputValue()).toBe('社会保障卡原件');
    expect(await page.getByTestId('materials').locator('legend').innerText()).toBe('申请材料（4 项）');
    await expect.poll(() => text('admin-check')).toBe('草稿已通过检查，改动：业务');
    await screenshot(page, 'console-admin-services');
  });

  it('adds a holiday override (2026-12-31 休息, 年终盘点)', async () => {
    await page.getByTestId('admin-tab-calendar').click();
    await page.getByTestId('admin-calendar').waitFor();
    await page.getByTestId('override-add').click();
    await page.getByTestId('override-0-date').fill('2026-12-31');
    await page.getByTestId('override-0-working').selectOption('rest');
    await page.getByTestId('override-0-note').fill('年终盘点');
    await expect.poll(() => text('admin-check')).toBe('草稿已通过检查，改动：节假日调整、业务');
  });

  it('a bad HH:MM in 办公时间 shows the server’s message beside the field, and 保存 stays off until it is fixed', async () => {
    await page.getByTestId('admin-tab-hours').click();
    await page.getByTestId('hours-1-0-start').fill('9:00');
    await expect.poll(() => text('admin-check')).toBe('草稿有 1 处错误');
    expect(await text('issue-hours.weekly.1.0.0')).toBe('时间应为 HH:MM 格式，如 09:00');
    expect(await page.getByTestId('hours-1-0-start').getAttribute('aria-invalid')).toBe('true');
    expect(await text('admin-issues')).toContain('hours.weekly.1.0.0：时间应为 HH:MM 格式，如 09:00');
    expect(await page.getByTestId('admin-save').isDisabled()).toBe(true);
    expect(await page.getByTestId('admin-tab-hours').innerText()).toBe('办公时间1');
    await screenshot(page, 'console-admin-hours-error');
    await page.getByTestId('hours-1-0-start').fill('09:00');
    await expect.poll(() => text('admin-check')).toBe('草稿已通过检查，改动：节假日调整、业务');
    expect(await page.getByTestId('issue-hours.weekly.1.0.0').count()).toBe(0);
  });

  it('saves as version 2 (takes effect with 立即生效 or a restart) and shows it in the history', async () => {
    await page.getByTestId('admin-save').click();
    await expect.poll(() => text('admin-notice')).toBe('已保存为第 2 版，立即生效或重启大厅服务后生效');
    expect(await text('admin-version')).toBe('编辑基于第 2 版 · 运行中第 1 版');
    expect(await text('admin-pending')).toBe('第 2 版已保存，尚未生效');
    expect(await page.getByTestId('admin-apply').isEnabled()).toBe(true);
    expect(await text('admin-check')).toBe('没有未保存的改动');
    const stored = await h.api<{ config: HallConfig }>('GET', '/api/admin/config', undefined, await h.login('admin'));
    expect(stored.body.config.services.find((s) => s.code === 'SB')!.guide.materials.at(-1)).toBe('社会保障卡原件');
    expect(stored.body.config.calendar.overrides).toEqual([{ date: '2026-12-31', working: false, note: '年终盘点' }]);

    await page.getByTestId('admin-tab-versions').click();
    await page.getByTestId('version-2').waitFor();
    const row2 = (await page.getByTestId('version-2').locator('td').allInnerTexts()).map((s) => s.trim());
    expect(row2[0]).toBe('第 2 版');
    expect(row2.slice(2)).toEqual(['控制台（admin）', 'admin', '节假日调整、业务', '待生效']);
    expect((await page.getByTestId('version-1').locator('td').allInnerTexts()).at(-1)!.trim()).toBe('运行中');
    await screenshot(page, 'console-admin-versions');
  });

  it('exports a JSON file with a Chinese name holding the change and no demo passwords', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('admin-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^大厅配置-.+-第2版-\d{4}-\d{2}-\d{2}\.json$/);
    const body = readFileSync(await download.path(), 'utf8');
    expect(body).not.toContain('initialPassword');
    const cfg = JSON.parse(body) as HallConfig;
    expect(cfg.calendar.overrides[0]?.note).toBe('年终盘点');
    expect(await text('admin-notice')).toBe(`已导出：${download.suggestedFilename()}`);
  });

  it('importing a file that is not a valid config is refused with the path and Chinese message, nothing stored', async () => {
    const bad = { hall: { name: '测试大厅' } };
    await page.getByTestId('admin-import-file').setInputFiles({ name: '坏配置.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await expect.poll(() => text('admin-error')).toMatch(/^导入 坏配置\.json 失败：大厅配置有 \d+ 处错误，未保存。hours：缺少此项$/);
    await page.getByTestId('admin-import-file').setInputFiles({ name: 'not-json.json', mimeType: 'application/json', buffer: Buffer.from('{ hall: ') });
    await expect.poll(() => text('admin-error')).toBe('文件 not-json.json 不是有效的 JSON，未导入');
    const versions = await h.api<{ versions: unknown[] }>('GET', '/api/admin/config/versions', undefined, await h.login('admin'));
    expect(versions.body.versions).toHaveLength(2);
    // The refusal is the one failed request the page saw (the browser logs every 4xx).
    expect(page.errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    page.errors.length = 0;
  });

  it('a manager has no 管理 tab, and the address refuses them', async () => {
    const m = await openPage(browser, `${h.baseUrl}/console`, 1366, 768);
    await m.getByTestId('login-username').fill('manager');
    await m.getByTestId('login-password').fill('demo1234');
    await m.getByTestId('login-submit').click();
    await m.getByTestId('manager-live').waitFor();
    expect(await m.getByTestId('nav-admin').count()).toBe(0);
    await m.goto(`${h.baseUrl}/console/admin/services`);
    await m.getByTestId('refused').waitFor();
    expect(await m.getByTestId('refused').innerText()).toContain('管理（大厅配置）仅限系统管理员使用');
    expect(m.errors).toEqual([]);
    await m.close();
  });

  it('renames 社会保险, saves, and 立即生效 after a confirm: the new name is served without a restart', async () => {
    await page.getByTestId('admin-tab-services').click();
    await page.getByTestId('service-pick-SB').click();
    await page.getByTestId('service-name').fill('社会保险（社保卡）');
    await expect.poll(() => text('admin-check')).toBe('草稿已通过检查，改动：业务');
    expect(await page.getByTestId('admin-apply').isDisabled()).toBe(true); // unsaved edits first
    await page.getByTestId('admin-save').click();
    await expect.poll(() => text('admin-notice')).toBe('已保存为第 3 版，立即生效或重启大厅服务后生效');
    expect(await text('admin-pending')).toBe('第 3 版已保存，尚未生效');

    await page.getByTestId('admin-apply').click();
    expect(await text('admin-apply-confirm-box')).toContain('让第 3 版立即生效？');
    expect(await text('admin-apply-confirm-box')).toContain('几秒内自动重新连接');
    await screenshot(page, 'console-admin-apply-confirm');
    const services = async () => (await h.api<{ code: string; name: string }[]>('GET', '/api/services')).body.find((s) => s.code === 'SB')!.name;
    expect(await services()).toBe('社会保险');
    await page.getByTestId('admin-apply-confirm').click();
    await expect.poll(() => text('admin-notice'), { timeout: 20_000 }).toBe('第 3 版已生效');
    expect(await text('admin-version')).toBe('编辑基于第 3 版 · 运行中第 3 版');
    expect(await page.getByTestId('admin-pending').count()).toBe(0);
    expect(await page.getByTestId('admin-apply-confirm-box').count()).toBe(0);
    expect(await services()).toBe('社会保险（社保卡）');
    await page.getByTestId('admin-tab-versions').click();
    await page.getByTestId('version-3').waitFor();
    expect((await page.getByTestId('version-3').locator('td').allInnerTexts()).at(-1)!.trim()).toBe('运行中');
    // The console's own socket was closed with the old hall: it comes back by itself within seconds.
    await expect.poll(() => text('connection'), { timeout: 20_000 }).toBe('● 实时');
    await screenshot(page, 'console-admin-applied');
  });

  it('a version that removes the window serving a ticket is refused with the server’s Chinese reason', async () => {
    const staff = await h.staffAt('W06');
    expect((await h.api('POST', '/api/tickets', { serviceCode: 'SB' }, KIOSK_KEY)).status).toBe(201);
    expect((await h.api('POST', '/api/windows/W06/call-next', undefined, staff)).status).toBe(200);
    const admin = await h.login('admin');
    const { config } = (await h.api<{ config: HallConfig }>('GET', '/api/admin/config', undefined, admin)).body;
    config.windows = config.windows.filter((w) => w.id !== 'W06');
    config.devices = config.devices.filter((d) => d.windowId !== 'W06');
    expect((await h.api('PUT', '/api/admin/config', config, admin)).status).toBe(200);

    await page.reload();
    await page.getByTestId('admin-pending').waitFor();
    expect(await text('admin-pending')).toBe('第 4 版已保存，尚未生效');
    await page.getByTestId('admin-apply').click();
    await page.getByTestId('admin-apply-confirm').click();
    await expect.poll(() => text('admin-error'), { timeout: 20_000 }).toMatch(/^第 4 版不能立即生效：6号窗口（W06）正在办理 C\d{3}，不能删除；请先办结或转移该号码（另有 1 处）。仍在运行第 3 版$/);
    expect(await text('admin-version')).toBe('编辑基于第 4 版 · 运行中第 3 版');
    expect(await text('admin-pending')).toBe('第 4 版已保存，尚未生效');
    await screenshot(page, 'console-admin-apply-refused');
    expect(page.errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
    page.errors.length = 0;
  });
});
