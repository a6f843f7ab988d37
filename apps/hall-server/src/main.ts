/**
 * `npm start`: the hall server on its embedded SQLite database. Flags (env): --port (HALL_PORT),
 * --db (HALL_DB), --config (HALL_CONFIG), --admin-password (HALL_ADMIN_PASSWORD),
 * --fake-clock ISO8601, --host (HALL_HOST). Tests and drills only: HALL_SMS_FAULT (see
 * notifications/sms-fault.ts) makes the demo SMS sender fail or the process die mid-send.
 * The hall runs in a HallRunner, so that a config saved in 管理 can take effect without a restart.
 */
import { parseInstant } from '@hall/shared';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeSmsFault, faultySender, parseSmsFault, type SmsFault } from './notifications/sms-fault.js';
import { LogFileSender, smsLogPath } from './notifications/sms-sender.js';
import { REPO_ROOT } from './server/app.js';
import { HallRunner } from './server/hall-runner.js';

function fail(message: string): never {
  process.stderr.write(`启动失败：${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        config: { type: 'string' },
        'admin-password': { type: 'string' },
        'fake-clock': { type: 'string' },
        quiet: { type: 'boolean' },
      },
      allowPositionals: false,
    }));
  } catch (e) {
    fail(`${(e as Error).message}\n可用参数：--port N --db PATH --config FILE --admin-password P --fake-clock ISO8601 --host ADDR`);
  }
  const env = process.env;
  const port = Number(values.port ?? env.HALL_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`端口号不正确：${values.port ?? env.HALL_PORT}`);
  const dbPath = resolve(values.db ?? env.HALL_DB ?? resolve(REPO_ROOT, 'data/hall.sqlite'));
  mkdirSync(dirname(dbPath), { recursive: true });
  let fakeClockAt: number | undefined;
  if (values['fake-clock'] !== undefined) {
    fakeClockAt = parseInstant(values['fake-clock']);
    if (Number.isNaN(fakeClockAt)) fail(`--fake-clock 应为 ISO 8601 时间，如 2026-11-23T09:00:00+08:00，收到：${values['fake-clock']}`);
  }
  let smsFault: SmsFault | null = null;
  if (env.HALL_SMS_FAULT) {
    try {
      smsFault = parseSmsFault(env.HALL_SMS_FAULT);
    } catch (e) {
      fail((e as Error).message);
    }
  }
  const configPath = values.config ?? env.HALL_CONFIG;
  const host = values.host ?? env.HALL_HOST ?? '0.0.0.0';
  let runner, address;
  try {
    ({ runner, address } = await HallRunner.start(
      {
        dbPath,
        ...(configPath ? { configPath: resolve(configPath) } : {}),
        ...((values['admin-password'] ?? env.HALL_ADMIN_PASSWORD) ? { adminPassword: values['admin-password'] ?? env.HALL_ADMIN_PASSWORD } : {}),
        ...(fakeClockAt !== undefined ? { fakeClockAt } : {}),
        ...(smsFault ? { smsSender: faultySender(new LogFileSender(smsLogPath(dbPath)), smsFault) } : {}),
        logger: !values.quiet,
      },
      port,
      host,
    ));
  } catch (e) {
    fail((e as Error).message);
  }
  const hall = runner.hall;
  const lines = [`${hall.config.hall.name} 大厅服务器已启动：${address}`, `数据库：${dbPath}`];
  if (hall.generatedAdminPassword) lines.push(`管理员账号 admin 的初始密码（只显示这一次）：${hall.generatedAdminPassword}`);
  if (smsFault) lines.push(`短信故障模拟（HALL_SMS_FAULT，仅供测试）：${describeSmsFault(smsFault)}`);
  const platform = hall.config.platform;
  if (platform.enabled) lines.push(`政务服务平台对接已启用：${platform.webhooks.length} 个 webhook 接收方，${platform.api.keys.length} 个接入密钥，好差评上报${platform.ratingUpload.enabled ? '已启用' : '未启用'}`);
  const calendarGuard = hall.queue.alerts().find((a) => a.kind === 'calendar-uncovered');
  if (calendarGuard) lines.push(`注意（节假日数据）：${calendarGuard.message}`);
  if (hall.settableClock) lines.push(`模拟时钟已启用，当前时间 ${hall.queue.nowIso()}（POST /api/test-clock 可调整）`);
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = async () => {
    await runner.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
