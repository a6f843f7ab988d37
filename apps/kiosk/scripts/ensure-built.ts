/**
 * Builds the kiosk page (Vite → dist/ui) unless it is already built from the current sources.
 * Run before `npm run kiosk:web` (prekiosk:web) and by vitest as a globalSetup, so the tests and
 * the kiosk always serve a fresh build. `--force` always builds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_DIR, HASH_FILE, inputsHash, UI_DIST_DIR } from './ui-inputs.js';

export function isBuilt(): boolean {
  return existsSync(join(UI_DIST_DIR, 'index.html')) && existsSync(HASH_FILE) && readFileSync(HASH_FILE, 'utf8').trim() === inputsHash();
}

/** This app's own Vite (7), not the root's. */
export function viteBin(): string {
  return join(dirname(createRequire(join(APP_DIR, 'package.json')).resolve('vite/package.json')), 'bin/vite.js');
}

export function ensureBuilt(force = false): 'fresh' | 'built' {
  if (!force && isBuilt()) return 'fresh';
  const started = Date.now();
  // Build beside dist/ui and swap it in whole: an agent serving dist/ui meanwhile never sees it half written.
  const tmp = join(APP_DIR, 'node_modules', `.kiosk-ui-build-${process.pid}`);
  // NODE_ENV=production: vitest sets "test", which would ship React's development build.
  const r = spawnSync(process.execPath, [viteBin(), 'build', '--logLevel', 'warn', '--outDir', tmp], { cwd: APP_DIR, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error(`取号机界面构建失败（vite build 退出码 ${r.status ?? r.signal}）`);
  mkdirSync(dirname(UI_DIST_DIR), { recursive: true });
  const old = join(APP_DIR, 'node_modules', `.kiosk-ui-old-${process.pid}`);
  try {
    renameSync(UI_DIST_DIR, old);
  } catch {
    // no dist/ui yet, or another process is swapping its build in
  }
  try {
    renameSync(tmp, UI_DIST_DIR);
  } catch {
    // another process put an equally fresh build in place first
  }
  rmSync(tmp, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
  process.stdout.write(`取号机界面已构建：${UI_DIST_DIR}（${((Date.now() - started) / 1000).toFixed(1)} s）\n`);
  return 'built';
}

/** vitest globalSetup: the kiosk browser tests need the built page. */
export default function setup(): void {
  ensureBuilt();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureBuilt(process.argv.includes('--force'));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
}
