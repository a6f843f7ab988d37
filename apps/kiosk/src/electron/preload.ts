/**
 * The kiosk page's only door to the shell: one object, `window.kioskShell`, that satisfies
 * `KioskBridge`. The page talks to the agent over HTTP like any browser; this adds only the
 * version and a way to log page errors. Bundled alone as CommonJS (a sandboxed preload).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_LOG_CHANNEL, type KioskBridge } from '../bridge.js';

declare const __KIOSK_VERSION__: string;

const bridge = {
  shell: 'electron',
  version: __KIOSK_VERSION__,
  logError: (text: string) => ipcRenderer.send(BRIDGE_LOG_CHANNEL, String(text).slice(0, 2000)),
} satisfies KioskBridge;

contextBridge.exposeInMainWorld('kioskShell', bridge);
