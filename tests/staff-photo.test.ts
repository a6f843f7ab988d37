/** 亮明身份上岗: the window screen shows the photo of the staff member on duty when the hall config has one. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_PATH } from '../apps/hall-server/src/server/app.js';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { startTestHall, type TestHall } from './support/test-hall.js';

describe('staff photo on the window screen', () => {
  let browser: Browser;
  let h: TestHall;
  const dir = mkdtempSync(join(tmpdir(), 'photo-'));
  const photoPath = join(dir, '1001.png');

  beforeAll(async () => {
    browser = await launchBrowser();
    // A "photo": a 160×200 PNG drawn by the browser itself.
    const painter = await browser.newPage({ viewport: { width: 160, height: 200 } });
    await painter.setContent('<body style="margin:0;background:#3a7bd5"><div style="margin:50px auto;width:60px;height:60px;border-radius:30px;background:#f2c9a0"></div></body>');
    writeFileSync(photoPath, await painter.screenshot());
    await painter.close();
    const config = JSON.parse(readFileSync(DEMO_CONFIG_PATH, 'utf8')) as { staff: { employeeNo: string; photo?: string }[] };
    config.staff.find((s) => s.employeeNo === '1001')!.photo = photoPath;
    config.staff.find((s) => s.employeeNo === '1002')!.photo = join(dir, 'missing.png');
    writeFileSync(join(dir, 'hall.json'), JSON.stringify(config));
    h = await startTestHall({ configPath: join(dir, 'hall.json') });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the photo of the staff member signed in, and an initial for one without', async () => {
    await h.staffAt('W01'); // 1001, with a photo
    await h.staffAt('W03'); // no photo configured
    const page = await openPage(browser, `${h.baseUrl}/window/W01?key=demo-window-w01-key`, 1280, 800);
    const img = page.getByTestId('staff-photo');
    await img.waitFor();
    await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBe(160);
    expect(await img.getAttribute('alt')).toContain('的照片');
    await screenshot(page, 'window-staff-photo-1280x800');
    const other = await openPage(browser, `${h.baseUrl}/window/W03?key=demo-window-w03-key`, 1280, 800);
    await other.getByTestId('staff').waitFor();
    expect(await other.getByTestId('staff-photo').count()).toBe(0);
    expect((await other.locator('.staff-photo').textContent())!.length).toBe(1);
    // Only configured files are served; a configured file that is missing says so.
    expect((await fetch(`${h.baseUrl}/display/staff-photo/1003`)).status).toBe(404);
    const missing = await fetch(`${h.baseUrl}/display/staff-photo/1002`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('照片文件不存在');
    expect(page.errors).toEqual([]);
  });
});
