/**
 * What the window-display build is made from, and a hash of it. The build writes the hash beside
 * its output (dist/.inputs-hash); `ensure-built.ts` rebuilds only when the sources moved on.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST_DIR = join(APP_DIR, 'dist');
export const HASH_FILE_NAME = '.inputs-hash';
export const HASH_FILE = join(DIST_DIR, HASH_FILE_NAME);

const INPUTS = ['src', 'window.html', 'hall-screen.html', 'book.html', 'ticket.html', 'console.html', 'vite.config.ts', 'package.json', '../../packages/shared/src'];

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
