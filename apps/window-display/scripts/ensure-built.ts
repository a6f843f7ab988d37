/**
 * Builds the window screen and hall screen (Vite) unless dist/ is already built from the current
 * sources. Run by `npm start` (prestart) and by vitest as a globalSetup, so a fresh clone serves
 * and tests the real pages without a separate step. `--force` always builds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_DIR, DIST_DIR, HASH_FILE, inputsHash } from './ui-inputs.js';

export function isBuilt(): boolean {
  return existsSync(join(DIST_DIR, 'window.html')) && existsSync(HASH_FILE) && readFileSync(HASH_FILE, 'utf8').trim() === inputsHash();
}

export function ensureBuilt(force = false): 'fresh' | 'built' {
  if (!force && isBuilt()) return 'fresh';
  const vite = join(dirname(createRequire(join(APP_DIR, 'package.json')).resolve('vite/package.json')), 'bin/vite.js');
  const started = Date.now();
  // Build beside dist/ and swap it in whole: a server or test using dist/ meanwhile (another
  // process's run) never sees it half written.
  const tmp = join(APP_DIR, 'node_modules', `.ui-build-${process.pid}`);
  // NODE_ENV=production: vitest sets "test", which would ship React's development build.
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', tmp], { cwd: APP_DIR, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error(`窗口屏/综合屏界面构建失败（vite build 退出码 ${r.status ?? r.signal}）`);
  const old = join(APP_DIR, 'node_modules', `.ui-old-${process.pid}`);
  try {
    renameSync(DIST_DIR, old);
  } catch {
    // no dist/ yet, or another process is swapping its build in
  }
  try {
    renameSync(tmp, DIST_DIR);
  } catch {
    // another process put an equally fresh build in place first
  }
  rmSync(tmp, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
  process.stdout.write(`窗口屏/综合屏界面已构建：${DIST_DIR}（${((Date.now() - started) / 1000).toFixed(1)} s）\n`);
  return 'built';
}

/** vitest globalSetup: the browser tests need the built pages. */
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
