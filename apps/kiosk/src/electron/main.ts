/**
 * `npm run kiosk`: the Electron main process of the kiosk. A relay: it starts the agent in this
 * process (the same one `kiosk:web` runs), opens one full-screen window on the agent's page and
 * keeps it there. What it decides is in window-policy.ts; the settings are `kiosk:web`'s flags
 * (or `--config kiosk.json`).
 */
import { app, BrowserWindow, ipcMain, powerSaveBlocker, session } from 'electron';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAgent, type RunningAgent } from '../agent/agent.js';
import { parseAgentArgs, USAGE, UsageError, type AgentConfig } from '../agent/options.js';
import { BRIDGE_LOG_CHANNEL } from '../bridge.js';
import { guardContents, KIOSK_SWITCHES, kioskWindowOptions, mayNavigate, pickKioskArgs } from './window-policy.js';

const HERE = dirname(fileURLToPath(import.meta.url)); // dist/electron
for (const [name, value] of KIOSK_SWITCHES) app.commandLine.appendSwitch(name, value);

function configOrExit(): AgentConfig {
  try {
    return parseAgentArgs(pickKioskArgs(process.argv.slice(1)));
  } catch (err) {
    process.stderr.write(`${err instanceof UsageError ? `${err.message}\n\n${USAGE}` : String(err)}\n`);
    return process.exit(2);
  }
}
const config = configOrExit();

// One log file the caretaker can find: %APPDATA%/<app>/logs/kiosk.log or ~/.config/<app>/logs/kiosk.log.
const logDir = join(app.getPath('userData'), 'logs');
const log = (message: string, data?: Record<string, unknown>) => {
  const line = JSON.stringify({ time: new Date().toISOString(), message, ...data });
  if (!config.quiet) process.stdout.write(`${line}\n`);
  try {
    mkdirSync(logDir, { recursive: true });
    appendFileSync(join(logDir, 'kiosk.log'), `${line}\n`);
  } catch {
    // a full disk must not stop the kiosk
  }
};
process.on('uncaughtException', (err) => log('未处理的错误', { error: String(err) }));
process.on('unhandledRejection', (err) => log('未处理的错误', { error: String(err) }));

if (!app.requestSingleInstanceLock()) app.quit();

let agent: RunningAgent | null = null;

app.whenReady().then(async () => {
  powerSaveBlocker.start('prevent-display-sleep');
  // The page needs no camera, microphone, location or notifications.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, done) => done(false));
  try {
    agent = await startAgent(config, { uiDir: join(HERE, '../ui'), log });
  } catch (err) {
    log('取号机无法启动', { error: (err as Error).message });
    app.exit(1);
    return;
  }
  const origin = new URL(agent.url).origin;
  log(`取号机已启动：${agent.url}`);
  app.on('web-contents-created', (_e, contents) => guardContents(contents, origin, (url) => log('已阻止离开取号页面', { url })));
  ipcMain.on(BRIDGE_LOG_CHANNEL, (e, text: unknown) => {
    if (mayNavigate(e.senderFrame?.url ?? '', origin)) log('页面错误', { text: String(text).slice(0, 2000) });
  });

  const win = new BrowserWindow(kioskWindowOptions(join(HERE, 'preload.cjs'), !app.isPackaged));
  guardContents(win.webContents, origin, (url) => log('已阻止离开取号页面', { url }));
  const open = () => void win.loadURL(agent!.url).catch(() => undefined);
  // A crashed or hung page comes back by itself; it reads the state from the agent again.
  win.webContents.on('render-process-gone', () => setTimeout(open, 1000));
  win.on('unresponsive', () => win.webContents.reload());
  win.once('ready-to-show', () => win.show());
  open();
});

app.on('before-quit', () => void agent?.close());
app.on('window-all-closed', () => app.quit());
