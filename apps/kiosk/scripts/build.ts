/**
 * `npm run build -w apps/kiosk`: everything the installer (electron-builder.yml) packages —
 * dist/ui (the page, Vite), dist/electron/main.js (the Electron main with the agent, ESM) and
 * dist/electron/preload.cjs (the sandboxed preload, CommonJS). @hall/shared ships TypeScript
 * source, so it is bundled in; the kiosk's npm dependencies stay external (node_modules).
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-built.js';

export const APP_DIR = resolve(fileURLToPath(import.meta.url), '../..');
export const ELECTRON_OUT = join(APP_DIR, 'dist', 'electron');

export async function buildElectron(outDir = ELECTRON_OUT): Promise<void> {
  const pkg = JSON.parse(readFileSync(join(APP_DIR, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
  const external = ['electron', ...Object.keys(pkg.dependencies).filter((d) => d !== '@hall/shared')];
  await build({
    entryPoints: [join(APP_DIR, 'src/electron/main.ts')],
    outfile: join(outDir, 'main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external,
    logLevel: 'warning',
  });
  await build({
    entryPoints: [join(APP_DIR, 'src/electron/preload.ts')],
    outfile: join(outDir, 'preload.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
    define: { __KIOSK_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'warning',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureBuilt(process.argv.includes('--force'));
    await buildElectron();
    process.stdout.write(`取号机外壳已构建：${ELECTRON_OUT}\n`);
  } catch (e) {
    process.stderr.write(`取号机构建失败：${(e as Error).message}\n`);
    process.exit(1);
  }
}
