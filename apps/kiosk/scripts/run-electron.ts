/**
 * `npm run kiosk -- --server URL --printer SPEC [...]`: builds what is stale, then starts the
 * kiosk in Electron with the given settings. Without the Electron binary (it is downloaded by
 * electron's install script, which some networks block) it says so and points to `kiosk:web`.
 */
import { spawn } from 'node:child_process';
import { electronBinary, NO_ELECTRON_HELP } from '../../../scripts/electron-binary.js';
import { APP_DIR, buildElectron } from './build.js';
import { ensureBuilt } from './ensure-built.js';

ensureBuilt();
await buildElectron();

const electron = electronBinary(APP_DIR);
if (!electron) {
  process.stderr.write(
    NO_ELECTRON_HELP +
      '  2. 改用浏览器：npm run kiosk:web -- --server 大厅服务器地址 --printer 打印机，再用浏览器的全屏（kiosk）模式打开它显示的地址。\n',
  );
  process.exit(1);
}

const child = spawn(electron, [APP_DIR, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
