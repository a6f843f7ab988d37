/**
 * The screen shell (Electron) for a window screen or the hall screen, as plain functions that
 * are tested without Electron: what to open, how the window is locked down, and which
 * navigations are allowed. `main.ts` only applies them.
 *
 *   hall-screen-shell --server http://10.0.0.2:8080 --page hall-screen --key KEY [--layout led]
 *   hall-screen-shell --server http://10.0.0.2:8080 --page window --window W03 --key KEY
 *
 * The same settings may come from a JSON file (`--config screen.json`) or the environment
 * (HALL_SERVER, HALL_PAGE, HALL_WINDOW, HALL_DEVICE_KEY, HALL_LAYOUT), so an installer can
 * write them once.
 */

export type ScreenPage = { kind: 'window'; windowId: string } | { kind: 'hall-screen'; layout: 'full' | 'led' };

export interface ScreenShellConfig {
  server: URL;
  page: ScreenPage;
  key: string;
}

export class ShellConfigError extends Error {}

type Raw = Partial<Record<'server' | 'page' | 'window' | 'key' | 'layout', string>>;

/** Flags win over the file, the file over the environment. */
export function readShellConfig(argv: readonly string[], env: Record<string, string | undefined>, readFile: (path: string) => string): ScreenShellConfig {
  const flags = parseFlags(argv);
  let file: Raw = {};
  if (flags.config) {
    try {
      file = JSON.parse(readFile(flags.config)) as Raw;
    } catch (e) {
      throw new ShellConfigError(`无法读取显示屏配置文件 ${flags.config}：${(e as Error).message}`);
    }
  }
  const fromEnv: Raw = { server: env.HALL_SERVER, page: env.HALL_PAGE, window: env.HALL_WINDOW, key: env.HALL_DEVICE_KEY, layout: env.HALL_LAYOUT };
  const pick = (k: keyof Raw) => flags[k] ?? file[k] ?? fromEnv[k];
  return validate({ server: pick('server'), page: pick('page'), window: pick('window'), key: pick('key'), layout: pick('layout') });
}

function parseFlags(argv: readonly string[]): Raw & { config?: string } {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(server|page|window|key|layout|config)(?:=(.*))?$/.exec(argv[i]!);
    if (!m) continue; // Electron and Chromium add flags of their own
    const value = m[2] ?? argv[i + 1];
    if (m[2] === undefined) i++;
    if (value === undefined || value.startsWith('--')) throw new ShellConfigError(`参数 --${m[1]} 缺少取值`);
    out[m[1]!] = value;
  }
  return out;
}

function validate(raw: Raw): ScreenShellConfig {
  if (!raw.server) throw new ShellConfigError('缺少大厅服务器地址：--server http://服务器地址:8080');
  let server: URL;
  try {
    server = new URL(raw.server);
  } catch {
    throw new ShellConfigError(`大厅服务器地址无效：${raw.server}（应形如 http://10.0.0.2:8080）`);
  }
  if (server.protocol !== 'http:' && server.protocol !== 'https:') throw new ShellConfigError(`大厅服务器地址须以 http:// 或 https:// 开头：${raw.server}`);
  if (!raw.key || raw.key.length < 8) throw new ShellConfigError('缺少设备密钥：--key 设备密钥（由管理员登记设备时生成）');
  const page = raw.page ?? 'hall-screen';
  if (page === 'window') {
    if (!raw.window || !/^[A-Za-z0-9_-]{1,16}$/.test(raw.window)) throw new ShellConfigError('窗口屏须指定窗口编号：--window W03');
    return { server, key: raw.key, page: { kind: 'window', windowId: raw.window } };
  }
  if (page !== 'hall-screen') throw new ShellConfigError(`--page 只能是 window（窗口屏）或 hall-screen（大厅综合屏），不是 ${page}`);
  if (raw.layout && raw.layout !== 'led' && raw.layout !== 'full') throw new ShellConfigError(`--layout 只能是 full 或 led，不是 ${raw.layout}`);
  return { server, key: raw.key, page: { kind: 'hall-screen', layout: raw.layout === 'led' ? 'led' : 'full' } };
}

/** The page to open; the key goes in once (the page keeps it and removes it from the address). */
export function pageUrl(c: ScreenShellConfig): string {
  const u = new URL(c.page.kind === 'window' ? `/window/${encodeURIComponent(c.page.windowId)}` : '/hall-screen', c.server);
  if (c.page.kind === 'hall-screen' && c.page.layout === 'led') u.searchParams.set('layout', 'led');
  u.searchParams.set('key', c.key);
  return u.href;
}

/** Only the hall server's own pages; everything else (links, redirects, injected pages) is refused. */
export function mayNavigate(target: string, c: ScreenShellConfig): boolean {
  try {
    return new URL(target).origin === c.server.origin;
  } catch {
    return false;
  }
}

/** BrowserWindow options: full-screen kiosk, no Node in the page, sandboxed, no devtools. */
export function windowOptions(devTools: boolean) {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#06224a',
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools,
      spellcheck: false,
    },
  } as const;
}

/** Chromium switches for an unattended screen: sound without a touch (voice calling), no pinch zoom. */
export const SCREEN_SWITCHES: readonly [string, string?][] = [['autoplay-policy', 'no-user-gesture-required'], ['disable-pinch'], ['overscroll-history-navigation', '0']];

/** Shown while the hall server cannot be reached at start; the shell retries by itself. */
export function offlinePage(c: ScreenShellConfig, reason: string, retrySeconds: number): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><body style="margin:0;height:100vh;display:flex;flex-direction:column;justify-content:center;align-items:center;background:#06224a;color:#fff;font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif"><h1 style="font-size:6vmin">正在连接大厅服务器……</h1><p style="font-size:3vmin">${esc(c.server.origin)}：${esc(reason)}</p><p style="font-size:3vmin">每 ${retrySeconds} 秒自动重试，无需操作</p></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
