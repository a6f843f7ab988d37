/**
 * The kiosk's Electron shell as plain functions, tested without Electron: which of the process's
 * arguments are the kiosk's, how the window is locked down, and where the page may go.
 * `main.ts` only applies them.
 */

/** The kiosk's own flags (the same as `kiosk:web`'s); Electron and Chromium add flags of their own. */
const KIOSK_FLAGS = new Set(['server', 'printer', 'port', 'key', 'scanner', 'id-reader', 'public-url', 'idle-seconds', 'result-seconds', 'config']);
const KIOSK_SWITCHES_ONLY = new Set(['quiet']);

/** Picks `--flag value`, `--flag=value` and the kiosk's switches out of an Electron command line. */
export function pickKioskArgs(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]!);
    if (!m) continue;
    const name = m[1]!;
    if (KIOSK_SWITCHES_ONLY.has(name) && m[2] === undefined) out.push(`--${name}`);
    if (!KIOSK_FLAGS.has(name)) continue;
    const value = m[2] ?? argv[i + 1];
    if (m[2] === undefined) i++;
    out.push(`--${name}`, value ?? '');
  }
  return out;
}

/** Only the agent's own page, at its own origin; nothing else is ever shown in the kiosk window. */
export function mayNavigate(target: string, agentOrigin: string): boolean {
  try {
    return new URL(target).origin === agentOrigin;
  } catch {
    return false;
  }
}

/** BrowserWindow options: full screen, the page sandboxed without Node, one narrow preload, no devtools in production. */
export function kioskWindowOptions(preload: string, devTools: boolean) {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#0b4ea2',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      devTools,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  } as const;
}

/** Chromium switches for an unattended touch screen: speech without a gesture, no pinch zoom, no swipe-back. */
export const KIOSK_SWITCHES: readonly [string, string?][] = [['autoplay-policy', 'no-user-gesture-required'], ['disable-pinch'], ['overscroll-history-navigation', '0']];

/** The part of Electron's WebContents the guard uses (so tests can hand in a stand-in). */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

/** No new windows; navigations and redirects only within the agent's origin; no webviews. */
export function guardContents(contents: GuardedContents, agentOrigin: string, onRefused: (url: string) => void = () => {}): void {
  contents.setWindowOpenHandler(({ url }) => {
    onRefused(url);
    return { action: 'deny' };
  });
  for (const event of ['will-navigate', 'will-redirect'] as const) {
    contents.on(event, (e, url) => {
      if (mayNavigate(url, agentOrigin)) return;
      e.preventDefault();
      onRefused(url);
    });
  }
  contents.on('will-attach-webview', (e) => e.preventDefault());
}
