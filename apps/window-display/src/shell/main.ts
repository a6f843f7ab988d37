/**
 * Electron main process of a window screen or the hall screen: a relay that opens the hall
 * server's page full-screen and keeps it there. Everything it decides is in shell-config.ts.
 * The page needs no Node API, so there is no preload: the renderer is an ordinary sandboxed page.
 */
import { app, BrowserWindow, powerSaveBlocker } from 'electron';
import { readFileSync } from 'node:fs';
import { SCREEN_SWITCHES, ShellConfigError, type ScreenShellConfig, mayNavigate, offlinePage, pageUrl, readShellConfig, windowOptions } from './shell-config.js';

const RETRY_SECONDS = 5;

for (const [name, value] of SCREEN_SWITCHES) app.commandLine.appendSwitch(name, value);

function configOrExit(): ScreenShellConfig {
  try {
    return readShellConfig(process.argv.slice(1), process.env, (p) => readFileSync(p, 'utf8'));
  } catch (e) {
    process.stderr.write(`${e instanceof ShellConfigError ? e.message : String(e)}\n`);
    return process.exit(2);
  }
}
const c = configOrExit();

if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url, c) && !url.startsWith('data:text/html')) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.whenReady().then(() => {
  powerSaveBlocker.start('prevent-display-sleep');
  const win = new BrowserWindow(windowOptions(!app.isPackaged));
  const open = () => void win.loadURL(pageUrl(c)).catch(() => undefined);
  win.webContents.on('did-fail-load', (_e, _code, description, url, isMainFrame) => {
    if (!isMainFrame || url.startsWith('data:')) return;
    void win.loadURL(offlinePage(c, description, RETRY_SECONDS));
    setTimeout(open, RETRY_SECONDS * 1000);
  });
  // A crashed or hung page comes back by itself; the page then catches up from the server.
  win.webContents.on('render-process-gone', () => setTimeout(open, 1000));
  win.on('unresponsive', () => win.webContents.reload());
  win.once('ready-to-show', () => win.show());
  open();
});

app.on('window-all-closed', () => app.quit());
