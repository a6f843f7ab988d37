/**
 * What the kiosk page is built from, and a hash of it. The build writes the hash beside its
 * output (dist/ui/.inputs-hash); `ensure-built.ts` rebuilds only when the sources moved on.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const UI_DIST_DIR = join(APP_DIR, 'dist', 'ui');
export const HASH_FILE_NAME = '.inputs-hash';
export const HASH_FILE = join(UI_DIST_DIR, HASH_FILE_NAME);

// The page imports the UI, the wire types, the scanner's wedge detector and the shared package.
const INPUTS = ['src/ui', 'src/protocol.ts', 'src/scanner/wedge-detector.ts', 'index.html', 'vite.config.ts', 'package.json', '../../packages/shared/src'];

function files(path: string): string[] {
  if (!statSync(path, { throwIfNoEntry: false })) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => (/\.test\.tsx?$/.test(name) ? [] : files(join(path, name))));
}

export function inputsHash(): string {
  const h = createHash('sha256');
  for (const file of INPUTS.flatMap((p) => files(resolve(APP_DIR, p)))) {
    h.update(relative(APP_DIR, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return h.digest('hex');
}
