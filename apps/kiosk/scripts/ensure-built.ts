/**
 * Builds the kiosk page (Vite → dist/ui) unless it is already built from the current sources.
 * Run before `npm run kiosk:web` (prekiosk:web) and by vitest as a globalSetup. `--force` always builds.
 */
import { ensureBuilt as ensureUiBuilt, runEnsureBuilt } from '../../../scripts/ui-build.js';
import { KIOSK_UI_BUILD } from './ui-inputs.js';

export function ensureBuilt(force = false): 'fresh' | 'built' {
  return ensureUiBuilt(KIOSK_UI_BUILD, force);
}

/** vitest globalSetup: the kiosk browser tests need the built page. */
export default function setup(): void {
  ensureBuilt();
}

runEnsureBuilt(KIOSK_UI_BUILD, import.meta.url);
