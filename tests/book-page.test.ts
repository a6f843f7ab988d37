/**
 * 网上预约 (/book) on a phone (375×667) in real Chromium against a real hall server, Monday
 * 2026-11-23 09:30: choose 社会保险 → Tuesday → 10:00 → fill in → confirmation; a wrong ID is
 * refused in the page; a full slot cannot be chosen; 我的预约 cancels with the ID number.
 * Screenshots: test-output/screenshots/book-*.png.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, SCREENSHOT_DIR } from './support/browser.js';
import { startTestHall, type TestHall } from './support/test-hall.js';
import { personId as person } from './support/people.js';

type TestPage = Awaited<ReturnType<typeof openPage>>;
interface Slot {
  start: string;
  capacity: number;
  remaining: number;
}
interface Row {
  code: string;
  status: string;
  start: string;
  name: string;
}


describe('网上预约 page on a phone', () => {
  let browser: Browser;
  let h: TestHall;
  let page: TestPage;
  let staff: string;
  let code = '';
  const applicant = person(1);
  const register = async () => (await h.api<Row[]>('GET', '/api/appointments?date=2026-11-24', undefined, staff)).body;

  beforeAll(async () => {
    [browser, h] = await Promise.all([launchBrowser(), startTestHall()]);
    staff = await h.login('admin');
    // Fill Tuesday's 11:00 社会保险 slot.
    const slots = (await h.api<Slot[]>('GET', '/api/appointments/slots?serviceCode=SB&date=2026-11-24')).body;
    const eleven = slots.find((s) => s.start.startsWith('2026-11-24T11:00'))!;
    for (let i = 0; i < eleven.remaining; i++) {
      const r = await h.api('POST', '/api/appointments', { serviceCode: 'SB', start: eleven.start, name: `满员${i}`, idNumber: person(100 + i), phone: `139000000${String(i).padStart(2, '0')}`, channel: 'online' });
      expect(r.status).toBe(201);
    }
    page = await openPage(browser, `${h.baseUrl}/book`, 375, 667);
  }, 60_000);

  afterAll(async () => {
    // Chromium logs every 4xx answer; the refusals (weekend days: NOT_A_WORKING_DAY, a wrong ID: ID_MISMATCH) are expected.
    expect((page?.errors ?? []).filter((e) => !/status of 409/.test(e))).toEqual([]);
    await browser?.close();
    await h?.close();
  });

  it('is served publicly at /book', async () => {
    const res = await fetch(`${h.baseUrl}/book`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('"hallName"');
    await page.getByTestId('service-SB').waitFor();
    expect(await page.locator('h1').textContent()).toBe(h.hall.config.hall.name);
    await screenshot(page, 'book-1-services');
  });

  it('offers working days only and disables a full slot', async () => {
    await page.getByTestId('service-SB').click();
    const tuesday = page.getByTestId('day-2026-11-24');
    await tuesday.waitFor();
    expect(await tuesday.isEnabled()).toBe(true);
    for (const weekend of ['2026-11-28', '2026-11-29']) expect(await page.getByTestId(`day-${weekend}`).isDisabled()).toBe(true);
    expect(await page.locator('.day').count()).toBe(10);
    expect(await page.locator('.day').first().getAttribute('data-testid')).toBe('day-2026-11-23'); // from today: 13:00 on is 3 h ahead
    await screenshot(page, 'book-2-dates');
    await tuesday.click();
    await page.getByTestId('slot-10:00').waitFor();
    expect(await page.getByTestId('slot-11:00').isDisabled()).toBe(true);
    expect(await page.getByTestId('slot-11:00').textContent()).toContain('已约满');
    expect(await page.getByTestId('slot-10:00').textContent()).toContain('余 10 个');
    await screenshot(page, 'book-3-slots');
  });

  it('refuses a wrong ID number in the page with the reason, and books nothing', async () => {
    await page.getByTestId('slot-10:00').click();
    await page.getByTestId('input-name').fill('张三');
    const wrong = applicant.slice(0, 17) + (applicant[17] === '0' ? '1' : '0');
    await page.getByTestId('input-id').fill(wrong);
    await page.getByTestId('input-phone').fill('13800000001');
    await page.getByTestId('submit').click();
    await expect.poll(() => page.getByTestId('problem-id').textContent()).toBe('身份证号码校验位不正确，请核对后重新输入');
    await screenshot(page, 'book-4-invalid-id');
    expect((await register()).filter((r) => r.start.startsWith('2026-11-24T10:00'))).toEqual([]);
  });

  it('books 社会保险 on Tuesday 10:00 and shows the code, time, materials and check-in token', async () => {
    await page.getByTestId('input-id').fill(applicant);
    await page.getByTestId('submit').click();
    await page.getByTestId('confirmation').waitFor();
    code = (await page.getByTestId('booking-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{4,16}$/);
    expect(await page.getByTestId('booking-time').textContent()).toBe('11月24日（周二）10:00—' + (await page.getByTestId('booking-time').textContent())!.slice(-5));
    expect(await page.getByTestId('materials').textContent()).toContain('社会保障卡');
    expect(await page.getByTestId('qr-token').textContent()).toMatch(/^YY[A-Z2-7]+$/);
    // The QR code itself is drawn in the page (an image the kiosk scanner can read).
    await page.getByTestId('qr-img').waitFor();
    expect(await page.getByTestId('qr-img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThanOrEqual(200);
    await screenshot(page, 'book-5-confirmation');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'book-5-confirmation-full.png'), fullPage: true });
    expect(await register()).toContainEqual(expect.objectContaining({ code, status: 'booked', name: '张三', start: expect.stringMatching(/^2026-11-24T10:00/) }));
  });

  it('cancels from 我的预约 with the ID number typed again', async () => {
    await page.getByTestId('tab-mine').click();
    const item = page.getByTestId(`mine-${code}`);
    await item.waitFor();
    await item.getByTestId('cancel-open').click();
    await item.getByTestId('cancel-id').fill(person(2)); // someone else's ID: the server's sentence
    await item.getByTestId('cancel-confirm').click();
    await expect.poll(() => item.getByTestId('cancel-error').textContent()).toMatch(/[\u4e00-\u9fff]/);
    await screenshot(page, 'book-6-cancel-wrong-id');
    await item.getByTestId('cancel-id').fill(applicant);
    await item.getByTestId('cancel-confirm').click();
    await expect.poll(() => item.getByTestId('mine-status').textContent({ timeout: 5000 }).catch(() => null)).toBe('已取消');
    await screenshot(page, 'book-7-cancelled');
    expect(await register()).toContainEqual(expect.objectContaining({ code, status: 'cancelled' }));
    // The list survives a reload (localStorage).
    await page.reload();
    await page.getByTestId('tab-mine').click();
    expect(await page.getByTestId(`mine-${code}`).textContent()).toContain('已取消');
  });

  it('cancels, on another phone, a booking made elsewhere with its code and the ID number', async () => {
    const other = person(3);
    const made = await h.api<{ code: string }>('POST', '/api/appointments', { serviceCode: 'GJJ', start: '2026-11-25T14:00:00+08:00', name: '李四', idNumber: other, phone: '13800000003' });
    expect(made.status).toBe(201);
    const phone2 = await openPage(browser, `${h.baseUrl}/book`, 375, 667); // a fresh context: nothing stored on this phone
    try {
      await phone2.getByTestId('tab-mine').click();
      const box = phone2.getByTestId('cancel-by-code');
      await box.getByTestId('code-input').fill(made.body.code.toLowerCase());
      await box.getByTestId('code-id').fill(person(4));
      await box.getByTestId('code-cancel').click();
      await expect.poll(() => box.getByTestId('code-error').textContent()).toBe('身份证号码与预约登记的信息不符，不能取消该预约');
      await box.getByTestId('code-id').fill(other);
      await box.getByTestId('code-cancel').click();
      await expect.poll(() => box.getByTestId('code-done').textContent().catch(() => null)).toBe(`已取消11月25日（周三）14:00—15:00的预约（预约码 ${made.body.code}）`);
      await screenshot(phone2, 'book-8-cancel-by-code');
      const day = (await h.api<Row[]>('GET', '/api/appointments?date=2026-11-25', undefined, staff)).body;
      expect(day).toContainEqual(expect.objectContaining({ code: made.body.code, status: 'cancelled' }));
      expect(phone2.errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    } finally {
      await phone2.close();
    }
  });
});
