/**
 * Building a React app of this repository with Vite only when its sources changed: the build
 * stamps its output with a hash of what it was built from (`stampInputs`, a Vite plugin), and
 * `ensureBuilt` rebuilds when the hash no longer matches. Used by the hall's pages
 * (apps/window-display) and the kiosk (apps/kiosk), by `npm start`, and by vitest's globalSetup,
 * so a fresh clone serves and tests the real pages without a separate step.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface UiBuild {
  /** In messages, e.g. 窗口屏/综合屏界面. */
  label: string;
  appDir: string;
  /** Where Vite writes (the app's build.outDir). */
  distDir: string;
  /** A file that exists once built, relative to distDir. */
  entry: string;
  /** What the build is made of, relative to appDir (directories are read whole, tests left out). */
  inputs: string[];
}

/**
 * Rollup's `onwarn` for both apps: drops its notice that a dependency's comment (zod's
 * `@__PURE__` notes) sits where it cannot be read — noise in every `npm start`, nothing to fix here.
 */
export function quietDependencyNotes(warning: { code?: string; id?: string }, warn: (w: never) => void): void {
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
  warn(warning as never);
}

export const HASH_FILE_NAME = '.inputs-hash';

function files(path: string): string[] {
  if (!statSync(path, { throwIfNoEntry: false })) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => (/\.test\.tsx?$/.test(name) ? [] : files(join(path, name))));
}

export function inputsHash(b: UiBuild): string {
  const h = createHash('sha256');
  for (const file of b.inputs.flatMap((p) => files(resolve(b.appDir, p)))) {
    h.update(relative(b.appDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return h.digest('hex');
}

export function isBuilt(b: UiBuild): boolean {
  const hashFile = join(b.distDir, HASH_FILE_NAME);
  return existsSync(join(b.distDir, b.entry)) && existsSync(hashFile) && readFileSync(hashFile, 'utf8').trim() === inputsHash(b);
}

/**
 * The Vite plugin that writes the hash beside the output. Typed by its shape, not by `vite`'s
 * Plugin: each app builds with its own Vite (7), the root resolves another (vitest's).
 */
export interface StampPlugin {
  name: string;
  apply: 'build';
  configResolved(config: { root: string; build: { outDir: string } }): void;
  buildStart(): void;
  closeBundle(): void;
}

export function stampInputs(b: UiBuild): StampPlugin {
  let hash = '';
  let outDir = '';
  return {
    name: 'hall-stamp-inputs',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    buildStart() {
      hash = inputsHash(b);
    },
    closeBundle() {
      writeFileSync(join(outDir, HASH_FILE_NAME), `${hash}\n`);
    },
  };
}

/** The app's own Vite (7), not the root's (which vitest brings). */
function viteBin(appDir: string): string {
  return join(dirname(createRequire(join(appDir, 'package.json')).resolve('vite/package.json')), 'bin/vite.js');
}

export function ensureBuilt(b: UiBuild, force = false): 'fresh' | 'built' {
  if (!force && isBuilt(b)) return 'fresh';
  const started = Date.now();
  // Build beside the output and swap it in whole: a server or test using it meanwhile (another
  // process's run) never sees it half written.
  const tmp = join(b.appDir, 'node_modules', `.ui-build-${process.pid}`);
  // NODE_ENV=production: vitest sets "test", which would ship React's development build.
  const r = spawnSync(process.execPath, [viteBin(b.appDir), 'build', '--logLevel', 'warn', '--outDir', tmp], { cwd: b.appDir, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error(`${b.label}构建失败（vite build 退出码 ${r.status ?? r.signal}）`);
  mkdirSync(dirname(b.distDir), { recursive: true });
  const old = join(b.appDir, 'node_modules', `.ui-old-${process.pid}`);
  try {
    renameSync(b.distDir, old);
  } catch {
    // not built yet, or another process is swapping its build in
  }
  try {
    renameSync(tmp, b.distDir);
  } catch {
    // another process put an equally fresh build in place first
  }
  rmSync(tmp, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
  process.stdout.write(`${b.label}已构建：${b.distDir}（${((Date.now() - started) / 1000).toFixed(1)} s）\n`);
  return 'built';
}

/** `tsx apps/x/scripts/ensure-built.ts [--force]`: builds when stale; exits 1 with the reason on failure. */
export function runEnsureBuilt(b: UiBuild, moduleUrl: string): void {
  if (!process.argv[1] || resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  try {
    ensureBuilt(b, process.argv.includes('--force'));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
}
