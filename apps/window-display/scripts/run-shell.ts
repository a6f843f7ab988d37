/**
 * `npm run screen -- --server URL --page window|hall-screen [--window W03] --key KEY`: bundles the
 * screen shell and starts it in Electron. Without the Electron binary it says so and points to a
 * browser in kiosk mode, which shows the same pages.
 */
import { spawn } from 'node:child_process';
import { electronBinary, NO_ELECTRON_HELP } from '../../../scripts/electron-binary.js';
import { APP_DIR, buildShell } from './build-shell.js';

await buildShell();
const electron = electronBinary(APP_DIR);
if (!electron) {
  process.stderr.write(`${NO_ELECTRON_HELP}  2. 改用浏览器：chromium --kiosk --autoplay-policy=no-user-gesture-required "http://大厅服务器地址:8080/hall-screen?key=设备密钥"\n`);
  process.exit(1);
}
const child = spawn(electron, [APP_DIR, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
