/** What the hall's web pages (window screen, hall screen, /book, /t, /console) are built from. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UiBuild } from '../../../scripts/ui-build.js';

export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_DIR = join(APP_DIR, 'dist');

export const PAGES_BUILD: UiBuild = {
  label: '窗口屏/综合屏界面',
  appDir: APP_DIR,
  distDir: DIST_DIR,
  entry: 'window.html',
  inputs: ['src', 'window.html', 'hall-screen.html', 'book.html', 'ticket.html', 'console.html', 'vite.config.ts', 'package.json', '../../packages/shared/src'],
};
