/**
 * The Electron shell's decisions, without Electron (its binary cannot be installed here): the
 * guard is handed a stand-in for WebContents that records the handlers main.ts would install.
 */
import { describe, expect, it } from 'vitest';
import { guardContents, kioskWindowOptions, mayNavigate, pickKioskArgs, type GuardedContents } from './window-policy.js';

const ORIGIN = 'http://127.0.0.1:8090';

function standIn() {
  const handlers = new Map<string, (e: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  const contents: GuardedContents = {
    setWindowOpenHandler: (h) => void (openHandler = h),
    on: (event: string, listener: (e: { preventDefault(): void }, url?: string) => void) => handlers.set(event, listener),
  } as GuardedContents;
  const fire = (event: string, url?: string) => {
    let prevented = false;
    handlers.get(event)!({ preventDefault: () => void (prevented = true) }, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler!({ url }) };
}

describe('kiosk Electron shell policy', () => {
  it('locks the window down: sandboxed page, no Node, isolated preload, full screen, no devtools in production', () => {
    const o = kioskWindowOptions('/app/dist/electron/preload.cjs', false);
    expect(o).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    expect(o.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
    });
  });

  it('lets the page go only to the agent’s own origin', () => {
    expect(mayNavigate(`${ORIGIN}/`, ORIGIN)).toBe(true);
    expect(mayNavigate(`${ORIGIN}/?x=1#y`, ORIGIN)).toBe(true);
    expect(mayNavigate('http://127.0.0.1:8091/', ORIGIN)).toBe(false);
    expect(mayNavigate('http://10.0.0.2:8080/t/abc', ORIGIN)).toBe(false);
    expect(mayNavigate('file:///etc/passwd', ORIGIN)).toBe(false);
    expect(mayNavigate('javascript:alert(1)', ORIGIN)).toBe(false);
    expect(mayNavigate('not a url', ORIGIN)).toBe(false);
  });

  it('refuses new windows, foreign navigations and redirects, and webviews', () => {
    const refused: string[] = [];
    const c = standIn();
    guardContents(c.contents, ORIGIN, (u) => refused.push(u));
    expect(c.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(c.open(`${ORIGIN}/popup`)).toEqual({ action: 'deny' });
    expect(c.fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(c.fire('will-redirect', 'http://10.0.0.2/')).toBe(true);
    expect(c.fire('will-navigate', `${ORIGIN}/`)).toBe(false);
    expect(c.fire('will-attach-webview')).toBe(true);
    expect(refused).toEqual(['https://example.com/', `${ORIGIN}/popup`, 'https://example.com/', 'http://10.0.0.2/']);
  });

  it('takes the kiosk’s flags from an Electron command line and leaves Chromium’s', () => {
    const argv = ['apps/kiosk', '--no-sandbox', '--server', 'http://10.0.0.2:8080', '--printer=serial:COM3', '--enable-logging', '--quiet', '--port', '0'];
    expect(pickKioskArgs(argv)).toEqual(['--server', 'http://10.0.0.2:8080', '--printer', 'serial:COM3', '--quiet', '--port', '0']);
  });
});
