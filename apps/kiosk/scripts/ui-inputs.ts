/** What the kiosk page is built from (Vite → dist/ui). */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UiBuild } from '../../../scripts/ui-build.js';

export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const UI_DIST_DIR = join(APP_DIR, 'dist', 'ui');

export const KIOSK_UI_BUILD: UiBuild = {
  label: '取号机界面',
  appDir: APP_DIR,
  distDir: UI_DIST_DIR,
  entry: 'index.html',
  // The page imports the UI, the wire types, the scanner's wedge detector and the shared package.
  inputs: ['src/ui', 'src/protocol.ts', 'src/scanner/wedge-detector.ts', 'index.html', 'vite.config.ts', 'package.json', '../../packages/shared/src'],
};
