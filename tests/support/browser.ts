/**
 * UI tests in a real browser: the system's Chromium driven by playwright-core, screenshots under
 * test-output/screenshots/, and a loopback TCP proxy that can cut a page off from the hall server
 * (or freeze the link silently) while the server itself stays up.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOT_DIR = resolve('test-output/screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`找不到 Chromium：${CHROMIUM}（apt-get install chromium fonts-noto-cjk，或设置 CHROMIUM_PATH）`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A page of the given size that records its own errors (a test should expect none). Failed socket connections while a test cuts the link are expected, not errors. */
export async function openPage(browser: Browser, url: string, width: number, height: number): Promise<Page & { errors: string[] }> {
  const page = Object.assign(await browser.newPage({ viewport: { width, height } }), { errors: [] as string[] });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('WebSocket connection to')) page.errors.push(m.text());
  });
  await page.goto(url);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * Starts waiting, inside the page, for the element to show the text (or, with `null`, to exist);
 * `seen()` then gives the page's Date.now() when it did (same machine, same clock as the test's).
 */
export async function watchText(page: Page, selector: string, text: string | null): Promise<{ seen(): Promise<number> }> {
  const slot = `w${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    ([sel, want, name]) => {
      const w = window as unknown as Record<string, Promise<number>>;
      w[name] = new Promise<number>((done) => {
        const check = () => {
          const el = document.querySelector(sel);
          if (!el || (want !== null && el.textContent?.trim() !== want)) return;
          observer.disconnect();
          done(Date.now());
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        check();
      });
    },
    [selector, text, slot] as const,
  );
  return { seen: () => page.evaluate((name) => (window as unknown as Record<string, Promise<number>>)[name]!, slot) };
}

type Mode = 'open' | 'refused' | 'frozen';

/** 127.0.0.1:port → 127.0.0.1:target. `cut()` drops every link and refuses new ones; `freeze()` keeps them open but silent. */
export class TcpProxy {
  private mode: Mode = 'open';
  private readonly sockets = new Set<Socket>();
  private constructor(
    private readonly server: Server,
    public target: number,
  ) {}

  static async start(target: number): Promise<TcpProxy> {
    const server = createServer();
    const proxy = new TcpProxy(server, target);
    server.on('connection', (client) => proxy.accept(client));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return proxy;
  }

  get url(): string {
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('proxy not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  cut(): void {
    this.mode = 'refused';
    this.dropAll();
  }

  freeze(): void {
    this.mode = 'frozen';
    for (const s of this.sockets) {
      s.unpipe();
      s.pause();
    }
  }

  /** Back to forwarding; links that were frozen are closed (their data is gone). */
  restore(): void {
    if (this.mode === 'frozen') this.dropAll();
    this.mode = 'open';
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  private accept(client: Socket): void {
    if (this.mode === 'refused') return void client.destroy();
    this.track(client);
    if (this.mode === 'frozen') return void client.pause();
    const upstream = connect(this.target, '127.0.0.1');
    this.track(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) {
      s.on('error', drop);
      s.on('close', drop);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }

  private track(s: Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => s.destroy());
  }

  private dropAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
}
