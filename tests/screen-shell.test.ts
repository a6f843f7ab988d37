/**
 * The screen shell (Electron main for window screens and the hall screen) without Electron: its
 * settings, the page it opens, the navigation lock, the window's lockdown, that its bundle needs
 * nothing but Electron and Node, and that its installer config is valid for electron-builder.
 * (The Electron binary cannot be downloaded on this machine, so the window itself is not opened.)
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildShell } from '../apps/window-display/scripts/build-shell.js';
import { mayNavigate, offlinePage, pageUrl, readShellConfig, windowOptions, type ScreenShellConfig } from '../apps/window-display/src/shell/shell-config.js';
import { electronBuilderErrors } from './support/electron-builder-schema.js';

const noFile = () => {
  throw new Error('ENOENT');
};
const read = (argv: string[], env: Record<string, string> = {}, file?: string): ScreenShellConfig => readShellConfig(argv, env, file === undefined ? noFile : () => file);
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('应被拒绝');
};

describe('screen shell settings', () => {
  it('opens a window screen or the hall screen of the configured server, with its key', () => {
    const w = read(['--server', 'http://10.0.0.2:8080', '--page', 'window', '--window', 'W03', '--key', 'demo-window-w03-key']);
    expect(pageUrl(w)).toBe('http://10.0.0.2:8080/window/W03?key=demo-window-w03-key');
    const led = read(['--server=http://hall.local:8080', '--key=demo-hall-screen-key', '--layout=led']);
    expect(pageUrl(led)).toBe('http://hall.local:8080/hall-screen?layout=led&key=demo-hall-screen-key');
  });

  it('takes flags over the JSON file over the environment, and ignores Chromium’s own flags', () => {
    const env = { HALL_SERVER: 'http://env:1', HALL_DEVICE_KEY: 'env-key-123', HALL_PAGE: 'window', HALL_WINDOW: 'W01' };
    const file = JSON.stringify({ server: 'http://file:2', window: 'W05' });
    const c = read(['--no-sandbox', '--config', '/etc/hall/screen.json', '--window', 'W07'], env, file);
    expect(c.server.origin).toBe('http://file:2');
    expect(c.page).toEqual({ kind: 'window', windowId: 'W07' });
    expect(c.key).toBe('env-key-123');
  });

  it('says in Chinese what is missing or wrong', () => {
    expect(refusal(() => read([]))).toContain('缺少大厅服务器地址');
    expect(refusal(() => read(['--server', 'ftp://x', '--key', 'k12345678']))).toContain('http://');
    expect(refusal(() => read(['--server', 'not a url', '--key', 'k12345678']))).toContain('地址无效');
    expect(refusal(() => read(['--server', 'http://x', '--page', 'window', '--key', 'k12345678']))).toContain('--window W03');
    expect(refusal(() => read(['--server', 'http://x', '--page', 'kiosk', '--key', 'k12345678']))).toContain('只能是 window');
    expect(refusal(() => read(['--server', 'http://x']))).toContain('设备密钥');
    expect(refusal(() => read(['--server']))).toContain('缺少取值');
    expect(refusal(() => read(['--config', 'x.json']))).toContain('无法读取显示屏配置文件');
  });

  it('allows navigation only within the hall server', () => {
    const c = read(['--server', 'http://10.0.0.2:8080', '--key', 'k12345678']);
    expect(mayNavigate('http://10.0.0.2:8080/hall-screen', c)).toBe(true);
    expect(mayNavigate('http://10.0.0.2:9090/', c)).toBe(false);
    expect(mayNavigate('https://example.com/', c)).toBe(false);
    expect(mayNavigate('file:///etc/passwd', c)).toBe(false);
    expect(mayNavigate('javascript:alert(1)', c)).toBe(false);
  });

  it('locks the window down: kiosk, context isolation, sandbox, no Node, devtools only when asked', () => {
    const o = windowOptions(false);
    expect(o).toMatchObject({ kiosk: true, fullscreen: true, webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false } });
    expect(decodeURIComponent(offlinePage(read(['--server', 'http://10.0.0.2:8080', '--key', 'k12345678']), 'ERR_CONNECTION_REFUSED', 5))).toContain('每 5 秒自动重试');
  });
});

describe('screen shell packaging', () => {
  it('bundles into one file that needs only electron and Node’s own modules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shell-'));
    try {
      const out = join(dir, 'main.cjs');
      await buildShell(out);
      const code = readFileSync(out, 'utf8');
      const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!));
      const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
      expect([...required].filter((m) => m !== 'electron' && !builtins.has(m))).toEqual([]);
      expect(required.has('electron')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has a valid electron-builder config packaging dist-shell of apps/window-display', () => {
    const config = parse(readFileSync(new URL('../electron-builder.screens.yml', import.meta.url), 'utf8'));
    expect(electronBuilderErrors(config)).toEqual([]);
    expect(config.directories.app).toBe('apps/window-display');
    const pkg = JSON.parse(readFileSync(new URL('../apps/window-display/package.json', import.meta.url), 'utf8'));
    expect(pkg.main).toBe('dist-shell/main.cjs');
    expect(config.files).toContain('dist-shell/**/*');
    expect(electronBuilderErrors({ ...config, electronVersion: 45 })).not.toEqual([]);
  });
});
