/**
 * 一次告知 at the kiosk (HALL-RULES §2): after a tap, the result screen lists the service's materials
 * from its 办事指南 and the ticket carries the first few. Real parts only: the hall server (SQLite
 * file, loopback, Monday 2026-11-23 09:30) on a copy of the demo hall where 综合受理 has no materials
 * and 住房公积金 a long list, the kiosk agent as its own process (`kiosk:web`'s entry point), a
 * thermal printer on a serial line (socat PTY pair, VirtualPrinter on the far end), the built page in
 * Chromium at 1080×1920 and 1920×1080, in both modes. Headless Chromium has no speech engine: the
 * elderly-mode page gets a recording `speechSynthesis` with a Chinese voice (as in kiosk-ui.test.ts).
 * A second agent, in this process, reaches the hall through a proxy that refuses every guide.
 * Screenshots: test-output/screenshots/kiosk-materials-*.png.
 */
import type { HallConfig } from '@hall/shared';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../apps/kiosk/src/agent/agent.js';
import { startAgentProcess, type AgentProcess } from '../apps/kiosk/src/agent/agent-process.js';
import { parseAgentArgs } from '../apps/kiosk/src/agent/options.js';
import { VirtualPrinter } from '../apps/kiosk/src/printer/index.js';
import type { JobResult } from '../apps/kiosk/src/protocol.js';
import { launchBrowser, openPage, screenshot } from './support/browser.js';
import { englishOnScreen, layoutProblems } from './support/kiosk-page.js';
import { openPtyPair, type PtyPair } from './support/pty-pair.js';
import { startTestHall, type TestHall } from './support/test-hall.js';

const PORTRAIT = [1080, 1920] as const;
const LANDSCAPE = [1920, 1080] as const;
/** 社会保险 in resources/halls/demo.json. */
const SB_MATERIALS = ['身份证', '社会保障卡', '参保登记表（新参保）'];
/** More than any screen shows at once. */
const LONG_LIST = Array.from({ length: 12 }, (_, i) => `第${i + 1}项材料：住房公积金提取申请表及相关证明复印件`);
const SPEECH_STUB = () => {
  const spoken: string[] = [];
  (window as unknown as { spoken: string[] }).spoken = spoken;
  const voice = { lang: 'zh-CN', name: '中文', default: true, localService: true, voiceURI: 'zh' };
  Object.defineProperty(window, 'speechSynthesis', {
    value: { getVoices: () => [voice], speak: (u: SpeechSynthesisUtterance) => spoken.push(u.text), cancel: () => {}, addEventListener: () => {} },
  });
};

/** Wholly on screen and not covered by anything else (its own centre point is its own): `true`, or what is wrong. */
const inSight = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth) return `超出屏幕：${JSON.stringify(r)}`;
    const top = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    return top !== null && el.contains(top) ? true : `被遮挡：${top?.outerHTML.slice(0, 120)}`;
  });
const shownItems = (page: Page) => page.getByTestId('material').locator('.text').allTextContents();
const screenIs = (p: Page, name: string) => expect.poll(() => p.getByTestId('kiosk').getAttribute('data-screen'), { timeout: 10_000 }).toBe(name);

describe('取号机 shows the materials to have ready (一次告知)', () => {
  let dir: string;
  let h: TestHall;
  let browser: Browser;
  let line: PtyPair;
  let printer: VirtualPrinter;
  let agent: AgentProcess;
  let page: Awaited<ReturnType<typeof openPage>>;
  /** Font size of a listed material in the standard mode, to compare the elderly mode with. */
  let plainItemPx = 0;

  const shot = async (p: Page, name: string, shown: string[]) => {
    await screenshot(p, `kiosk-materials-${name}`); // first: a failing layout is there to see
    expect(await englishOnScreen(p, shown)).toEqual([]);
    expect(await layoutProblems(p)).toEqual([]);
  };
  /** Taps a service, waits for its result screen and its ticket; back home by the button afterwards. */
  const take = async (p: Page, code: string) => {
    await p.getByTestId(`service-${code}`).click();
    await screenIs(p, 'result');
    const number = (await p.getByTestId('result-number').textContent())!;
    const paper = await printer.waitForTicket(10_000);
    expect(paper.bigLines).toEqual([number]);
    return { number, paper };
  };
  const home = async (p: Page) => {
    await p.getByTestId('back-home').click({ timeout: 2_000 }).catch(() => {}); // it may have gone home by itself
    await screenIs(p, 'home');
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-materials-'));
    const config = JSON.parse(readFileSync('resources/halls/demo.json', 'utf8')) as HallConfig;
    for (const s of config.services) {
      if (s.code === 'ZH') s.guide.materials = [];
      if (s.code === 'GJJ') s.guide.materials = LONG_LIST;
    }
    writeFileSync(join(dir, 'hall.json'), JSON.stringify(config));
    [browser, h, line] = await Promise.all([launchBrowser(), startTestHall({ configPath: join(dir, 'hall.json') }), openPtyPair()]);
    printer = await VirtualPrinter.onSerial(line.b);
    agent = await startAgentProcess(['--server', h.baseUrl, '--printer', `serial:${line.a}`, '--port', '0', '--scanner', 'none', '--idle-seconds', '10', '--result-seconds', '10']);
    page = await openPage(browser, agent.url, ...PORTRAIT);
    await page.getByTestId('service-SB').waitFor();
  }, 90_000);

  afterAll(async () => {
    expect(page?.errors ?? []).toEqual([]);
    await browser?.close();
    await agent?.stop();
    await printer?.close();
    await line?.close();
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the guide’s materials on the result screen, and the ticket carries them', async () => {
    expect(h.hall.config.services.find((s) => s.code === 'SB')!.guide.materials).toEqual(SB_MATERIALS);
    const { number, paper } = await take(page, 'SB');
    expect(await page.getByTestId('materials').locator('h3').textContent()).toBe('请备齐以下材料（共 3 项）');
    expect(await shownItems(page)).toEqual(SB_MATERIALS);
    expect(await inSight(page, 'take-away')).toBe(true);
    expect(await page.getByTestId('materials-more').count()).toBe(0); // three fit
    plainItemPx = await page.getByTestId('material').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const at = paper.lines.indexOf('请备齐以下材料：');
    expect(at).toBeGreaterThan(0);
    expect(paper.lines.slice(at + 1, at + 4)).toEqual(['1. 身份证', '2. 社会保障卡', '3. 参保登记表（新参保）']);
    expect(paper.lines.some((l) => l.startsWith('另有'))).toBe(false);
    await shot(page, 'result-portrait', [number]);
    await home(page);
  });

  it('shows no list for a service whose guide has no materials', async () => {
    const { number, paper } = await take(page, 'ZH');
    expect(await page.getByTestId('result-service').textContent()).toBe('综合受理');
    expect(await page.getByTestId('materials').count()).toBe(0);
    expect(await page.getByTestId('screen-result').textContent()).not.toContain('材料');
    expect(await inSight(page, 'take-away')).toBe(true);
    expect(paper.lines).not.toContain('请备齐以下材料：');
    await shot(page, 'none-portrait', [number]);
    await home(page);
  });

  it('scrolls a long list inside its box, the take-away prompt and the button staying in sight, and still goes home by itself', async () => {
    const { number, paper } = await take(page, 'GJJ');
    expect(await shownItems(page)).toEqual(LONG_LIST);
    const list = page.getByTestId('materials').locator('ol');
    expect(await list.evaluate((e) => e.scrollHeight > e.clientHeight + 10)).toBe(true);
    expect(await page.getByTestId('materials-more').textContent()).toBe('↕ 上下滑动查看全部材料');
    for (const id of ['take-away', 'back-home', 'materials-more']) expect(await inSight(page, id), id).toBe(true);
    await shot(page, 'long-portrait', [number]);
    // The wheel (a finger's swipe) scrolls the list to its end: the last item shows, the scroll hint goes.
    await list.hover();
    await page.mouse.wheel(0, 5_000);
    await expect.poll(() => list.evaluate((e) => e.scrollTop + e.clientHeight >= e.scrollHeight - 2)).toBe(true);
    expect(await inSight(page, 'take-away')).toBe(true);
    await expect.poll(() => page.getByTestId('materials-more').count()).toBe(0);
    const last = await page.getByTestId('material').last().evaluate((e) => {
      const r = e.getBoundingClientRect();
      const box = e.parentElement!.getBoundingClientRect();
      return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    });
    expect(last).toBe(true);
    // Paper: the first three, then where the rest is.
    const items = paper.lines.filter((l) => /^\d+\. /.test(l));
    expect(items.map((l) => l.slice(0, 9))).toEqual(['1. 第1项材料：', '2. 第2项材料：', '3. 第3项材料：']);
    expect(paper.lines[paper.lines.indexOf(items[2]!) + 2]).toBe('另有 9 项，详见办事指南'); // after the third's wrapped end
    // Nobody touches it: home after the result time (10 s), list or not.
    await expect.poll(() => page.getByTestId('kiosk').getAttribute('data-screen'), { timeout: 25_000, interval: 250 }).toBe('home');
  });

  it('in the elderly mode: larger type, and the list is spoken after the number', async () => {
    const elder = await browser.newPage({ viewport: { width: PORTRAIT[0], height: PORTRAIT[1] } });
    const errors: string[] = [];
    elder.on('pageerror', (e) => errors.push(String(e)));
    await elder.addInitScript(SPEECH_STUB);
    await elder.goto(agent.url);
    await elder.getByTestId('elder-toggle').click();
    const { number } = await take(elder, 'SB');
    expect(await shownItems(elder)).toEqual(SB_MATERIALS);
    expect(await elder.getByTestId('material').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThan(plainItemPx * 1.25);
    const spokenNumber = [...number].map((c) => '零一二三四五六七八九'[Number(c)] ?? c).join('');
    const ahead = await elder.getByTestId('result-ahead').textContent();
    const spoken = () => elder.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
    await expect.poll(spoken).toContain('请备齐以下材料：身份证；社会保障卡；参保登记表（新参保）');
    const said = await spoken();
    expect(said.indexOf('请备齐以下材料：身份证；社会保障卡；参保登记表（新参保）')).toBe(said.indexOf(`您的号码是${spokenNumber}，前面还有${ahead}人。请取走您的号票`) + 1);
    expect(await inSight(elder, 'take-away')).toBe(true);
    await shot(elder, 'result-elder-portrait', [number]);
    await home(elder);
    const long = await take(elder, 'GJJ');
    for (const id of ['take-away', 'back-home', 'materials-more']) expect(await inSight(elder, id), id).toBe(true);
    await shot(elder, 'long-elder-portrait', [long.number]);
    await home(elder);
    expect(errors).toEqual([]);
    await elder.close();
  });

  it('fits in landscape (1920×1080), in both modes', async () => {
    const wide = await openPage(browser, agent.url, ...LANDSCAPE);
    await wide.getByTestId('service-SB').waitFor();
    for (const mode of ['', '-elder']) {
      if (mode) await wide.getByTestId('elder-toggle').click();
      const sb = await take(wide, 'SB');
      expect(await shownItems(wide)).toEqual(SB_MATERIALS);
      await shot(wide, `result${mode}-landscape`, [sb.number]);
      expect(await inSight(wide, 'take-away')).toBe(true);
      await home(wide);
      const gjj = await take(wide, 'GJJ');
      await shot(wide, `long${mode}-landscape`, [gjj.number]);
      for (const id of ['take-away', 'back-home', 'materials-more']) expect(await inSight(wide, id), `${id}${mode}`).toBe(true);
      await home(wide);
      const zh = await take(wide, 'ZH');
      expect(await wide.getByTestId('materials').count()).toBe(0);
      await shot(wide, `none${mode}-landscape`, [zh.number]);
      await home(wide);
    }
    expect(wide.errors).toEqual([]);
    await wide.close();
  });
});

describe('a guide the hall will not give', () => {
  let h: TestHall;
  let proxy: Server;
  let printer: VirtualPrinter;
  let agent: Awaited<ReturnType<typeof startAgent>>;
  const logs: string[] = [];

  beforeAll(async () => {
    h = await startTestHall();
    const upstream = new URL(h.baseUrl);
    // Forwards everything to the hall but its 办事指南, which answers 503.
    proxy = createServer((req, res) => {
      if (/^\/api\/services\/[^/]+\/guide/.test(req.url ?? '')) {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'UNAVAILABLE', message: '服务暂不可用' } }));
        return;
      }
      const up = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
    });
    await new Promise<void>((res) => proxy.listen(0, '127.0.0.1', () => res()));
    printer = await VirtualPrinter.onTcp(0);
    const config = parseAgentArgs(['--server', `http://127.0.0.1:${(proxy.address() as { port: number }).port}`, '--printer', `tcp://127.0.0.1:${printer.port}`, '--port', '0', '--scanner', 'none'], {});
    agent = await startAgent(config, { log: (m) => logs.push(m) });
  });
  afterAll(async () => {
    await agent?.close();
    await printer?.close();
    await new Promise<void>((res) => (proxy ? proxy.close(() => res()) : res()));
    await h?.close();
  });

  it('still issues and prints the ticket, without a list', async () => {
    const r = await fetch(`${agent.url}/api/take`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceCode: 'SB', requestId: 'no-guide-0001' }) });
    const result = (await r.json()) as JobResult;
    expect(result).toMatchObject({ ok: true, ticket: { serviceCode: 'SB', materials: [] } });
    const paper = await printer.waitForTicket(10_000);
    expect(paper.bigLines).toEqual([result.ok ? result.ticket.number : '']);
    expect(paper.lines).not.toContain('请备齐以下材料：');
    expect(logs).toContain('办事指南读取失败，取号页不显示材料清单');
  });
});
