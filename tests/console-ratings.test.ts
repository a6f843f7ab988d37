/**
 * 好差评 follow-up at /console in real Chromium at 1366×768 against a real hall server (Friday
 * 2026-11-27, the demo hall): W01's evaluation pad (its device key) rates four services — 非常满意
 * with a 办件编号, two 不满意 and a 非常不满意. The manager sees them all with the rater masked; 王建国,
 * the staff member rated, sees his ratings without any rater and appeals the 非常不满意; the manager
 * upholds it and /api/stats/ratings drops the −5; he reads the decision. A 差评 goes 整改 → 回访 →
 * 已办结 in the manager's 差评处理; the month's 服务之星 parts are entered; the last 差评, left
 * untouched, is overdue the Monday after its deadline and the manager sees it flagged.
 * Screenshots: test-output/screenshots/console-ratings-*.png.
 */
import type { RatingStatsRow } from '@hall/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { personId } from './support/people.js';
import { startTestHall, type TestHall } from './support/test-hall.js';

type TestPage = Page & { errors: string[] };
const PAD_W01 = 'demo-window-w01-key';
const PHONE = '13912345678';

async function login(page: Page, username: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
}

describe('好差评 follow-up in the console', () => {
  let browser: Browser;
  let h: TestHall;
  let manager: TestPage;
  let staff: TestPage;
  let managerToken: string;
  const people: string[] = [];
  const numbers: string[] = [];
  /** The rating id of each of `numbers`: the staff member's page knows his ratings by id only. */
  const ratingIds: string[] = [];
  const text = (p: Page, id: string) => p.getByTestId(id).first().textContent();
  const score1001 = async () =>
    (await h.api<RatingStatsRow[]>('GET', '/api/stats/ratings?by=staff&from=2026-11-27&to=2026-11-27', undefined, managerToken)).body.find((r) => r.key === '1001')!;

  beforeAll(async () => {
    [browser, h] = await Promise.all([launchBrowser(), startTestHall({ at: '2026-11-27T09:30:00+08:00' })]);
    managerToken = await h.login('manager');
    const desk = await h.staffAt('W01');
    const answers = [
      { level: 5 },
      { level: 2, details: ['等候时间太长'], text: '排了一个多小时' },
      { level: 1, details: ['服务态度不好'] },
      { level: 2, details: ['一次性告知不清楚'] },
    ];
    for (const [i, answer] of answers.entries()) {
      people.push(personId(40 + i));
      const t = await h.api<{ id: string; number: string }>('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: people[i], phone: PHONE }, desk);
      numbers.push(t.body.number);
      await h.api('POST', '/api/windows/W01/call-next', undefined, desk);
      await h.api('POST', '/api/windows/W01/finish', i === 0 ? { caseNo: 'BDC-2026-0777' } : {}, desk);
      const r = await h.api('POST', '/api/ratings', { ticketId: t.body.id, ...answer }, PAD_W01);
      expect(r.status).toBe(201);
    }
    const all = await h.api<{ ratings: { id: string; ticketNumber: string }[] }>('GET', '/api/ratings', undefined, managerToken);
    for (const n of numbers) ratingIds.push(all.body.ratings.find((r) => r.ticketNumber === n)!.id);
    [manager, staff] = await Promise.all([openPage(browser, `${h.baseUrl}/console`, 1366, 768), openPage(browser, `${h.baseUrl}/console`, 1366, 768)]);
    // A missing element fails the step in 10 s with its name, instead of the whole test timing out.
    for (const p of [manager, staff]) p.setDefaultTimeout(10_000);
  }, 90_000);

  afterAll(async () => {
    expect(manager?.errors ?? []).toEqual([]);
    expect(staff?.errors ?? []).toEqual([]);
    await browser?.close();
    await h?.close();
  });

  it('lists every rating for the manager with the rater masked, and filters to the 差评', async () => {
    await login(manager, 'manager');
    await manager.getByTestId('nav-ratings').click();
    await manager.getByTestId('ratings-list').waitFor();
    expect(new URL(manager.url()).pathname).toBe('/console/manager/ratings');
    await expect.poll(() => manager.locator('[data-testid^="rating-row-"]').count()).toBe(4);
    const rater = await text(manager, `rater-${numbers[2]}`);
    expect(rater).toContain(`${people[2]!.slice(0, 6)}********${people[2]!.slice(-4)}`);
    expect(rater).toContain('139****5678');
    expect(await manager.content()).not.toContain(PHONE);
    expect(await text(manager, `rating-row-${numbers[0]}`)).toContain('BDC-2026-0777');
    expect(await text(manager, `rating-row-${numbers[2]}`)).toContain('待整改');
    expect(await text(manager, 'ratings-tab-cases-badge')).toBe('3');
    await manager.getByTestId('filter-bad').check();
    await expect.poll(() => manager.locator('[data-testid^="rating-row-"]').count()).toBe(3);
    await manager.getByTestId('filter-bad').uncheck();
    await expect.poll(() => manager.locator('[data-testid^="rating-row-"]').count()).toBe(4);
    await screenshot(manager, 'console-ratings-list');
  });

  it('shows 王建国 his own ratings without the rater or what leads to one, and takes his appeal', async () => {
    await login(staff, 's1001');
    await staff.getByTestId('nav-my-ratings').click();
    await staff.getByTestId('my-ratings').waitFor();
    await expect.poll(() => staff.locator('[data-testid^="my-rating-"]').count()).toBe(4);
    // Never who rated: no ID number, no phone, not even masked, anywhere on his page.
    const html = await staff.content();
    for (const id of people) expect(html).not.toContain(id.slice(-4));
    expect(html).not.toContain('5678');
    expect(html).not.toContain('评价人（');
    // Nor what leads to the rater [004 第七条]: ticket numbers, the 办件编号, the time of day.
    for (const n of numbers) expect(html).not.toContain(n);
    expect(html).not.toContain('BDC-2026-0777');
    expect(await text(staff, `my-rating-${ratingIds[0]}`)).toContain('11月27日');
    expect(await text(staff, 'my-ratings-list')).not.toMatch(/\d\d:\d\d/);
    // Manager pages stay closed to him.
    expect(await staff.getByTestId('nav-ratings').count()).toBe(0);
    expect(await staff.getByTestId(`appeal-open-${ratingIds[0]}`).count()).toBe(0); // 非常满意: nothing to appeal
    await staff.getByTestId(`appeal-open-${ratingIds[2]}`).click();
    await staff.getByTestId('appeal-reason').fill('短');
    await staff.getByTestId('appeal-submit').click();
    expect(await text(staff, 'appeal-file-error')).toContain('至少 5 个字');
    await staff.getByTestId('appeal-reason').fill('群众办结后误按了非常不满意，当场已向其确认是误触');
    expect(await text(staff, 'appeal-file-dialog')).toContain('非常不满意');
    expect(await text(staff, 'appeal-file-dialog')).not.toContain(numbers[2]!);
    await screenshot(staff, 'console-ratings-my-appeal-dialog');
    await staff.getByTestId('appeal-submit').click();
    await expect.poll(() => text(staff, `my-appeal-status-${ratingIds[2]}`)).toBe('待复核');
    expect(await text(staff, `my-rating-${ratingIds[2]}`)).toContain('待复核');
    await screenshot(staff, 'console-ratings-my-appeals');
  });

  it('lets the manager uphold the appeal, which takes the −5 out of the scores', async () => {
    expect(await score1001()).toMatchObject({ rated: 4, score: 10 + 0 - 5 + 0, bad: 3 });
    await manager.getByTestId('ratings-tab-appeals').click();
    await manager.getByTestId(`appeal-${numbers[2]}`).waitFor();
    expect(await text(manager, `appeal-${numbers[2]}`)).toContain('群众办结后误按了非常不满意');
    await manager.getByTestId(`appeal-uphold-${numbers[2]}`).click();
    await manager.getByTestId('appeal-decide-submit').click();
    expect(await text(manager, 'appeal-decide-error')).toBe('请填写复核意见（会告知申诉人）');
    await manager.getByTestId('appeal-decision-reason').fill('调取评价器记录与录像，确属误触，申诉成立');
    await manager.getByTestId('appeal-decide-submit').click();
    await manager.getByTestId('appeals-filter-all').click();
    await expect.poll(() => text(manager, `appeal-status-${numbers[2]}`)).toBe('申诉成立');
    expect(await score1001()).toMatchObject({ rated: 3, score: 10 + 0 + 0, bad: 2, counts: { 1: 0 } });
    await screenshot(manager, 'console-ratings-appeals');
    // The list shows it voided; its 差评 case closed with the decision.
    await manager.getByTestId('ratings-tab-list').click();
    await expect.poll(() => text(manager, `rating-row-${numbers[2]}`)).toContain('已作废');
    expect(await manager.getByTestId(`rating-row-${numbers[2]}`).getAttribute('class')).toContain('void-row');
  });

  it('tells 王建国 the decision and its reason', async () => {
    await staff.reload();
    await staff.getByTestId(`my-appeal-decision-${ratingIds[2]}`).waitFor();
    expect(await text(staff, `my-appeal-decision-${ratingIds[2]}`)).toContain('调取评价器记录与录像，确属误触，申诉成立');
    expect(await text(staff, `my-appeal-decision-${ratingIds[2]}`)).toContain('该评价已作废，不计入得分');
    expect(await text(staff, `my-appeal-status-${ratingIds[2]}`)).toBe('申诉成立');
    const html = await staff.content();
    expect(html).not.toContain('5678');
    for (const n of numbers) expect(html).not.toContain(n);
    await screenshot(staff, 'console-ratings-my-appeals-decided');
  });

  it('takes a 差评 through 整改 and 回访 to closure', async () => {
    await manager.getByTestId('ratings-tab-cases').click();
    await manager.getByTestId('cases-list').waitFor();
    await expect.poll(() => manager.locator('[data-testid^="case-row-"]').count()).toBe(2); // the withdrawn one is closed
    await manager.getByTestId(`case-row-${numbers[1]}`).click();
    await manager.getByTestId(`case-${numbers[1]}`).waitFor();
    expect(await text(manager, 'case-due')).toContain('12月4日（5 个工作日）');
    await manager.getByTestId('case-rectify').click();
    await manager.getByTestId('case-note').fill('高峰时段增开 B 岗分流，并在取号机提示预计等候时间');
    await manager.getByTestId('case-submit').click();
    await expect.poll(() => text(manager, `case-row-${numbers[1]}`)).toContain('待回访');
    await manager.getByTestId('case-show-phone').click();
    await expect.poll(() => text(manager, 'case-phone')).toBe(PHONE);
    await manager.getByTestId('case-callback').click();
    await manager.getByTestId('callback-outcome-basic').check();
    await manager.getByTestId('case-note').fill('电话回访，群众认可整改措施');
    await screenshot(manager, 'console-ratings-callback-dialog');
    await manager.getByTestId('case-submit').click();
    await expect.poll(() => manager.locator('[data-testid^="case-row-"]').count()).toBe(1);
    await manager.getByTestId('cases-filter-closed').click();
    await manager.getByTestId(`case-row-${numbers[1]}`).click();
    await expect.poll(() => text(manager, 'case-timeline')).toContain('电话回访：基本满意');
    expect(await text(manager, 'case-timeline')).toContain('已办结');
    expect(await text(manager, `case-row-${numbers[1]}`)).toContain('整改回访');
    const audit = h.hall.db.prepare("SELECT type FROM events WHERE type LIKE 'rating.case.%' ORDER BY id").all() as { type: string }[];
    expect(audit.map((e) => e.type)).toEqual(['rating.case.open', 'rating.case.open', 'rating.case.open', 'rating.case.withdraw', 'rating.case.rectify', 'rating.case.contact', 'rating.case.callback']);
    await screenshot(manager, 'console-ratings-cases');
  });

  it('ranks the month’s 服务之星 with each part, and the weekly scores', async () => {
    await manager.getByTestId('ratings-tab-awards').click();
    await manager.getByTestId('stars-table').waitFor();
    await expect.poll(() => text(manager, 'stats-score-1001')).toBe('10');
    expect(await text(manager, 'stats-period')).toBe('2026年11月23日—11月29日');
    expect(await text(manager, 'star-rating-part-1001')).toBe('15'); // one 非常满意 (the void one does not count)
    await manager.getByTestId('part-image-1001').fill('14');
    await manager.getByTestId('part-conduct-1001').fill('15');
    await manager.getByTestId('part-ability-1001').fill('13');
    await manager.getByTestId('star-save-1001').click();
    await expect.poll(() => text(manager, 'star-total-1001')).toBe('57');
    expect(await text(manager, 'star-row-1001')).toContain('服务之星');
    expect(await text(manager, 'red-flag')).toContain('红旗窗口');
    const entry = h.hall.db.prepare("SELECT actor_id FROM events WHERE type = 'award.entry'").all() as { actor_id: string }[];
    expect(entry).toEqual([{ actor_id: 'manager' }]);
    await screenshot(manager, 'console-ratings-awards');
  });

  it('flags the untouched 差评 overdue the working day after its deadline', async () => {
    await manager.getByTestId('ratings-tab-cases').click();
    await manager.getByTestId('cases-filter-active').click();
    expect(await manager.getByTestId('cases-overdue-note').count()).toBe(0);
    expect(await text(manager, `case-row-${numbers[3]}`)).toContain('待整改');
    await h.api('POST', '/api/test-clock', { set: '2026-12-07T09:00:00+08:00' });
    await expect.poll(() => text(manager, 'nav-ratings'), { timeout: 10_000 }).toBe('好差评1');
    // The page re-reads by itself when the overdue alert arrives.
    await manager.getByTestId('cases-overdue-note').waitFor({ timeout: 10_000 });
    expect(await text(manager, 'cases-overdue-note')).toBe('1 件差评整改已超期');
    await expect.poll(() => text(manager, `case-row-${numbers[3]}`)).toContain('整改超期');
    await manager.getByTestId(`case-row-${numbers[3]}`).click();
    expect(await text(manager, 'case-due')).toContain('已超期');
    await screenshot(manager, 'console-ratings-overdue');
  });
});
