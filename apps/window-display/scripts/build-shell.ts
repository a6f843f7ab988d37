/**
 * Bundles the screen shell's Electron main process (src/shell/main.ts) into dist-shell/main.cjs:
 * one CommonJS file needing only `electron` and Node's own modules, which is what
 * electron-builder.screens.yml packages.
 */
import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR = resolve(fileURLToPath(import.meta.url), '../..');
export const SHELL_OUT = join(APP_DIR, 'dist-shell', 'main.cjs');

export async function buildShell(outfile = SHELL_OUT): Promise<void> {
  await build({
    entryPoints: [join(APP_DIR, 'src/shell/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    logLevel: 'warning',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildShell();
  process.stdout.write(`显示屏外壳已构建：${SHELL_OUT}\n`);
}
