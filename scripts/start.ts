/**
 * `npm start`: the demo hall with every UI. The hall server (apps/hall-server/src/main.ts, all its
 * flags pass through) serves the screens, /book, /t/{id} and /console; a kiosk agent with the
 * `preview` printer (tickets shown on screen and logged, no printer needed) serves the 取号机 page
 * at http://127.0.0.1:8090/. `--kiosk-port N` moves it, `--no-kiosk` leaves it out (a hall whose
 * kiosks run `npm run kiosk:web` on their own machines).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { startAgent, type RunningAgent } from '../apps/kiosk/src/agent/agent.js';
import { parseAgentArgs } from '../apps/kiosk/src/agent/options.js';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const take = (flag: string): string | undefined => {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
};
const noKiosk = args.includes('--no-kiosk');
if (noKiosk) args.splice(args.indexOf('--no-kiosk'), 1);
const kioskPort = take('--kiosk-port') ?? '8090';
const portIndex = args.indexOf('--port');
const hallPort = (portIndex >= 0 ? args[portIndex + 1] : undefined) ?? process.env.HALL_PORT ?? '8080';

const hall = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'apps/hall-server/src/main.ts'), ...args], { stdio: 'inherit', cwd: ROOT });
let agent: RunningAgent | null = null;
hall.on('exit', (code, signal) => {
  void agent?.close();
  process.exit(code ?? (signal ? 1 : 0));
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    void agent?.close();
    hall.kill(sig);
  });
}

async function hallReady(url: string): Promise<boolean> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

if (!noKiosk) {
  const server = `http://127.0.0.1:${hallPort}`;
  if (await hallReady(server)) {
    try {
      const config = parseAgentArgs(['--server', server, '--printer', 'preview', '--port', kioskPort, '--quiet'], {});
      agent = await startAgent(config);
      console.log(`取号机（演示：预览打印，号票显示在屏幕上）：${agent.url}/`);
    } catch (e) {
      console.error(`演示取号机未能启动（大厅服务器照常运行）：${(e as Error).message}`);
    }
  }
}
