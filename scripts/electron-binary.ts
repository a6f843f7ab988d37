/**
 * Where the `electron` package keeps its binary (its path.txt names it under dist/), found by
 * hand: requiring `electron` would start a download when the binary is missing (it cannot be
 * downloaded on every network). Null when there is none.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function electronBinary(fromDir: string): string | null {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(join(fromDir, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
  let name = 'electron';
  try {
    name = readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim() || name;
  } catch {
    if (!process.env.ELECTRON_OVERRIDE_DIST_PATH) return null;
  }
  const bin = process.env.ELECTRON_OVERRIDE_DIST_PATH ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, name) : join(pkgDir, 'dist', name);
  return existsSync(bin) ? bin : null;
}

/** What to tell someone whose install has no Electron binary, and the browser alternative. */
export const NO_ELECTRON_HELP =
  '找不到 Electron 可执行文件（安装依赖时未能下载）。可以：\n' +
  '  1. 在能访问下载源的网络中重新安装：npm rebuild electron（或设置 ELECTRON_MIRROR 镜像），或用 ELECTRON_OVERRIDE_DIST_PATH 指向已有的 Electron；\n';
