/**
 * Builds the hall's web pages (Vite) unless dist/ is already built from the current sources.
 * Run by `npm start` (prestart) and by vitest as a globalSetup. `--force` always builds.
 */
import { ensureBuilt, runEnsureBuilt } from '../../../scripts/ui-build.js';
import { PAGES_BUILD } from './ui-inputs.js';

/** vitest globalSetup: the browser tests need the built pages. */
export default function setup(): void {
  ensureBuilt(PAGES_BUILD);
}

runEnsureBuilt(PAGES_BUILD, import.meta.url);
