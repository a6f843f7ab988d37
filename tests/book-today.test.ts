/**
 * 网上预约 the same day [003 四: 线上预约至少提前3小时] on a phone (375×667) in real Chromium against a
 * real hall server: Monday 2026-11-23 09:00, the demo hall's online policy (same day, 3 h ahead).
 * Today is offered; 09:00–11:00 show 已截止 with the rule in Chinese; 13:00 is booked. A form left
 * open past its slot's deadline is refused in Chinese. Late in the day, today shows 已截止, not gone.
 * Screenshots: test-output/screenshots/book-today-*.png.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { personId as person } from './support/people.js';
import { startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Awaited<ReturnType<typeof openPage>>;
interface Row {
  code: string;
  status: string;
  start: string;
}

const TODAY = '2026-11-23';

describe('/book offers today when the online lead time allows it', () => {
  let browser: Browser;
  let h: TestHall;
  let page: TestPage;
  let staff: string;
  const register = async () => (await h.api<Row[]>('GET', `/api/appointments?date=${TODAY}`, undefined, staff)).body;
  const setClock = async (hhmm: string) => expect((await h.api('POST', '/api/test-clock', { set: `${TODAY}T${hhmm}:00+08:00` })).status).toBe(200);
  const fill = async (n: number) => {
    await page.getByTestId('input-name').fill(`群众${n}`);
    await page.getByTestId('input-id').fill(person(n));
    await page.getByTestId('input-phone').fill(`1380000000${n}`);
  };

  beforeAll(async () => {
    [browser, h] = await Promise.all([launchBrowser(), startTestHall({ at: `${TODAY}T09:00:00+08:00` })]);
    staff = await h.login('admin');
    page = await openPage(browser, `${h.baseUrl}/book`, 375, 667);
  }, 60_000);

  afterAll(async () => {
    // Chromium logs every 4xx answer; the refusal of the form left open too long (BOOKING_TOO_LATE) is a 409, expected.
    expect((page?.errors ?? []).filter((e) => !/status of 409/.test(e))).toEqual([]);
    await browser?.close();
    await h?.close();
  });

  it('at 09:00 today is the first day offered, with the places that can still be booked', async () => {
    await page.getByTestId('service-SB').click();
    const today = page.getByTestId(`day-${TODAY}`);
    await today.waitFor();
    expect(await page.locator('.day').first().getAttribute('data-testid')).toBe(`day-${TODAY}`);
    expect(await today.isEnabled()).toBe(true);
    // 13:00, 14:00, 15:00, 16:00: 4 slots of 10 places are 3 hours ahead or more.
    expect(await today.textContent()).toContain('余 40');
    await screenshot(page, 'book-today-1-dates');
  });

  it('slots less than 3 hours ahead show 已截止 and the rule in Chinese; 13:00 is booked', async () => {
    await page.getByTestId(`day-${TODAY}`).click();
    await page.getByTestId('slot-13:00').waitFor();
    for (const early of ['09:00', '10:00', '11:00']) {
      const b = page.getByTestId(`slot-${early}`);
      expect(await b.isDisabled(), early).toBe(true);
      expect(await b.textContent(), early).toContain('已截止');
    }
    expect(await page.getByTestId('slot-note').textContent()).toBe('线上预约须至少提前3小时；11月23日（周一）11:00–12:00的预约已于11月23日（周一）08:00截止，请选择更晚的时段');
    expect(await page.getByTestId('slot-13:00').isEnabled()).toBe(true);
    await screenshot(page, 'book-today-2-slots');
    await page.getByTestId('slot-13:00').click();
    await fill(1);
    await page.getByTestId('submit').click();
    await page.getByTestId('confirmation').waitFor();
    expect(await page.getByTestId('booking-time').textContent()).toBe('11月23日（周一）13:00—14:00');
    const code = (await page.getByTestId('booking-code').textContent())!.trim();
    expect(await register()).toContainEqual(expect.objectContaining({ code, status: 'booked', start: expect.stringMatching(/T13:00/) }));
    await screenshot(page, 'book-today-3-booked');
  });

  it('a form left open until its slot is less than 3 hours ahead is refused in Chinese, and nothing is booked', async () => {
    await page.getByText('再预约一项').click();
    await page.getByTestId('service-SB').click();
    await page.getByTestId(`day-${TODAY}`).click();
    await page.getByTestId('slot-14:00').click();
    await fill(2);
    await setClock('11:01');
    await page.getByTestId('submit').click();
    await expect
      .poll(() => page.getByTestId('submit-error').textContent({ timeout: 5000 }).catch(() => null))
      .toBe('线上预约须至少提前3小时；11月23日（周一）14:00–15:00的预约已于11月23日（周一）11:00截止，请选择更晚的时段');
    await screenshot(page, 'book-today-4-too-late');
    expect((await register()).filter((r) => r.start.includes('T14:00'))).toEqual([]);
  });

  it('after the last slot’s deadline today is still listed, as 已截止, and the next working day is offered', async () => {
    await setClock('13:30');
    await page.reload();
    await page.getByTestId('service-SB').click();
    const today = page.getByTestId(`day-${TODAY}`);
    await today.waitFor();
    expect(await today.isDisabled()).toBe(true);
    expect(await today.textContent()).toContain('已截止');
    expect(await today.getAttribute('title')).toContain('线上预约须至少提前3小时');
    expect(await page.getByTestId('day-2026-11-24').isEnabled()).toBe(true);
    await screenshot(page, 'book-today-5-closed');
  });
});
