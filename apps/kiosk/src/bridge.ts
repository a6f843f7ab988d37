/**
 * The one object the Electron preload puts on `window.kioskShell` (absent in a plain browser),
 * and its IPC channel. No imports: the sandboxed preload bundles this file alone.
 */
export interface KioskBridge {
  shell: 'electron';
  version: string;
  /** Records a page error in the kiosk's log (nobody reads a kiosk's console). */
  logError(text: string): void;
}

export const BRIDGE_LOG_CHANNEL = 'kiosk:log-error';
