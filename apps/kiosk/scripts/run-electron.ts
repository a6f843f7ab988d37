/**
 * `npm run kiosk -- --server URL --printer SPEC [...]`: builds what is stale, then starts the
 * kiosk in Electron with the given settings. Without the Electron binary (it is downloaded by
 * electron's install script, which some networks block) it says so and points to `kiosk:web`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { APP_DIR, buildElectron } from './build.js';
import { ensureBuilt } from './ensure-built.js';

ensureBuilt();
await buildElectron();

/**
 * Where the `electron` package keeps its binary (its path.txt names it under dist/). Found by hand:
 * requiring `electron` would start a download when the binary is missing.
 */
function electronBinary(): string | null {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(join(APP_DIR, 'package.json')).resolve('electron/package.json'));
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

const electron = electronBinary();
if (!electron) {
  process.stderr.write(
    '找不到 Electron 可执行文件（安装依赖时未能下载）。可以：\n' +
      '  1. 在能访问下载源的网络中重新安装：npm rebuild electron（或设置 ELECTRON_MIRROR 镜像），或用 ELECTRON_OVERRIDE_DIST_PATH 指向已有的 Electron；\n' +
      '  2. 改用浏览器：npm run kiosk:web -- --server 大厅服务器地址 --printer 打印机，再用浏览器的全屏（kiosk）模式打开它显示的地址。\n',
  );
  process.exit(1);
}

const child = spawn(electron, [APP_DIR, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
