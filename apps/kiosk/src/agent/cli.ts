/**
 * `npm run kiosk:web -- --server URL --printer SPEC --port N [...]`: the kiosk's Node side with
 * its page at http://127.0.0.1:N/, for a browser in kiosk mode. (`npm run kiosk` runs the same
 * inside Electron.) Logs are JSON lines on stdout; the ready line is `取号机已启动：URL`.
 */
import { startAgent } from './agent.js';
import { parseAgentArgs, USAGE, UsageError } from './options.js';

async function main() {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const config = parseAgentArgs(process.argv.slice(2));
  const log = config.quiet
    ? () => {}
    : (message: string, data?: Record<string, unknown>) => console.log(JSON.stringify({ time: new Date().toISOString(), message, ...data }));
  // A kiosk keeps serving: an unexpected error is logged, never the end of the process.
  process.on('uncaughtException', (err) => log('未处理的错误', { error: String(err) }));
  process.on('unhandledRejection', (err) => log('未处理的错误', { error: String(err) }));
  if (config.usingDemoKey) log(`未指定设备密钥，使用示范密钥 ${config.deviceKey}（正式使用请用 --key 或 HALL_KIOSK_KEY）`);
  const agent = await startAgent(config, { log });
  console.log(`取号机已启动：${agent.url}（大厅服务器 ${config.server}，打印机 ${config.printer}，扫码器 ${config.scanner}，身份证阅读器 ${config.idReader}）`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await agent.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError ? `${err.message}\n\n${USAGE}` : `取号机无法启动：${(err as Error).message}`);
  process.exit(2);
});
