/**
 * The composition root: opens the database, loads the hall config, builds the queue service,
 * accounts and realtime hub, and registers each feature's routes. Tests build it too (on a
 * temporary database and port 0); main.ts hands it to a HallRunner (hall-runner.ts), which
 * listens and builds it again from the newest stored config when an admin applies one (立即生效).
 */
import { HallError, isHallError, parseHallConfig, type HallConfig } from '@hall/shared';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Accounts } from '../auth/accounts.js';
import { DeviceStatusBoard } from '../devices/device-status.js';
import { AppointmentService } from '../appointments/appointment-service.js';
import { chineseHolidayData, hallCalendar } from '../calendar/holiday-data.js';
import { Outbox, startDispatcher } from '../notifications/outbox.js';
import { LogFileSender, type SmsSender } from '../notifications/sms-sender.js';
import { AppointmentStore } from '../storage/appointment-store.js';
import { RatingService } from '../ratings/rating-service.js';
import { RatingStore } from '../storage/rating-store.js';
import { appointmentRoutes } from './routes/appointments.js';
import { HallHours, SettableClock, calendarAlert, systemClock, type Actor, type Clock } from '../core/index.js';
import { QueueService } from '../queue/queue-service.js';
import { openDatabase, type Db } from '../storage/database.js';
import { QueueStore } from '../storage/queue-store.js';
import type { AppliedConfig, HallContext } from './hall-context.js';

export type { AppliedConfig } from './hall-context.js';
import { attachRealtime, type Realtime } from './realtime.js';
import { defineRoutes, type RouteRegistry } from './route-kit.js';
import { authRoutes } from './routes/auth.js';
import { deviceStatusRoutes } from './routes/device-status.js';
import { pagesPlugin } from './routes/pages.js'; // screens' web pages (issue #5)
import { ratingRoutes } from './routes/ratings.js';
import { serviceRoutes } from './routes/services.js';
import { statsRoutes } from './routes/stats.js';
import { systemRoutes } from './routes/system.js';
import { ticketRoutes } from './routes/tickets.js';
import { windowRoutes } from './routes/windows.js';
import { consoleRoutes } from './routes/console.js'; // staff caller and manager console (issue #6)
import { reportRoutes } from './routes/reports.js'; // 统计报表 (issue #6 item 4)
import { platformPlugin, type PlatformLifecycle } from './routes/platform.js'; // 政务服务平台对接 (issue #7 item 5)
import { assistedRoutes } from './routes/assisted.js'; // 帮办代办, 上门服务, 特事特办, 投诉 (issue #7 items 1–4)
import { AssistedService } from '../assisted/assisted-service.js';
import { AssistedStore } from '../storage/assisted-store.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const DEMO_CONFIG_PATH = resolve(REPO_ROOT, 'resources/halls/demo.json');

export interface HallOptions {
  dbPath: string;
  /** A hall config file; without it the stored config is used, or the demo hall on a new database. */
  configPath?: string;
  adminPassword?: string;
  /** Instant for a settable clock (enables /api/test-clock); or a ready clock for tests. */
  clock?: Clock;
  fakeClockAt?: number;
  logger?: boolean;
  /** Tick interval for time-driven changes (空岗, alerts, day rollover, no-shows). */
  tickMs?: number;
  /** Where SMS go; by default a log file beside the database. */
  smsSender?: SmsSender;
  /**
   * The hall this one replaces (立即生效, hall-runner.ts): its settable clock (same instant), the
   * alerts already raised (not raised again) and what devices last said carry over.
   */
  previous?: Hall;
  /** Applies the newest stored config now; set by the HallRunner (POST /api/admin/config/apply). */
  applyConfig?: (actor: Actor) => Promise<AppliedConfig>;
}

export interface Hall extends HallContext {
  app: FastifyInstance;
  realtime: Realtime;
  generatedAdminPassword: string | null;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** HTTP requests being handled right now. */
  inflight(): number;
  /** Stops the background work (ticks, SMS and platform delivery) so that another hall may take over the database; `resume` restarts it. */
  pause(): Promise<void>;
  resume(): void;
}

export function loadConfigFile(path: string): HallConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`无法读取大厅配置 ${path}：${(e as Error).message}`);
  }
  return parseHallConfig(raw, `大厅配置 ${path}`);
}

/**
 * The config in force and its stored version: the newest stored version, unless a config file
 * says otherwise — the demo hall on a new database, or a `--config` file that changed since it
 * was last loaded from that path (or was never loaded), which is stored as a new version. A file
 * that has not changed does not undo what an admin saved in the console after it was loaded.
 */
function resolveConfig(db: Db, configPath: string | undefined): { config: HallConfig; version: number } {
  const stored = db.prepare('SELECT version, json FROM hall_config ORDER BY version DESC LIMIT 1').get() as { version: number; json: string } | undefined;
  if (stored && !configPath) return { config: parseHallConfig(JSON.parse(stored.json), '数据库中的大厅配置'), version: stored.version };
  const path = configPath ?? DEMO_CONFIG_PATH;
  const config = loadConfigFile(path);
  const json = JSON.stringify(config);
  if (stored) {
    const fromFile = db.prepare('SELECT json FROM hall_config WHERE source = ? ORDER BY version DESC LIMIT 1').get(path) as { json: string } | undefined;
    if (stored.json === json) return { config, version: stored.version };
    if (fromFile?.json === json) return { config: parseHallConfig(JSON.parse(stored.json), '数据库中的大厅配置'), version: stored.version };
  }
  const version = Number(db.prepare('INSERT INTO hall_config (json, source, loaded_at) VALUES (?, ?, ?)').run(json, path, new Date().toISOString()).lastInsertRowid);
  return { config, version };
}

export async function buildHall(opts: HallOptions): Promise<Hall> {
  const version = (JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const db = openDatabase(opts.dbPath);
  try {
    return await composeHall(opts, version, db);
  } catch (e) {
    db.close(); // a hall that could not be built leaves no handle open (立即生效 keeps the old one)
    throw e;
  }
}

async function composeHall(opts: HallOptions, version: string, db: Db): Promise<Hall> {
  const { config, version: configVersion } = resolveConfig(db, opts.configPath);
  const previousClock = opts.previous?.settableClock ?? null;
  const settableClock = opts.fakeClockAt !== undefined ? new SettableClock(opts.fakeClockAt) : (previousClock ?? (opts.clock instanceof SettableClock ? opts.clock : null));
  const clock: Clock = settableClock ?? opts.clock ?? systemClock;
  const calendar = hallCalendar(config.calendar.source, config.calendar.overrides, config.calendar.enteredYears);
  const hours = new HallHours(config, calendar);
  const store = new QueueStore(db);
  const queue = new QueueService(config, hours, clock, store);
  const outbox = new Outbox(db, () => clock.now());
  const holidays = config.calendar.source === 'chinese-days' ? chineseHolidayData() : null;
  const appointments = new AppointmentService(config, hours, calendar, holidays, clock, db, new AppointmentStore(db, outbox), queue);
  const ratings = new RatingService(config, queue, store, new RatingStore(db));
  const sms = opts.smsSender ?? new LogFileSender(resolve(dirname(opts.dbPath), 'sms-outbox.log'));
  let dispatcher = startDispatcher(outbox, sms);
  // Sessions and keys live on the wall clock: a simulated hall day must not expire or extend logins.
  const accounts = new Accounts(db, () => Date.now());
  const generatedAdminPassword = await accounts.seed(config, opts.adminPassword);
  accounts.syncStaff(config);
  const devices = new DeviceStatusBoard(db, clock, hours, config.hall.utcOffsetMinutes);
  if (opts.previous) {
    devices.adopt(opts.previous.devices);
    queue.adoptAlerts(opts.previous.queue.alerts());
  }
  queue.addAlertSource((now) => devices.alerts(now));
  queue.addAlertSource((now) => appointments.alerts(now)); // out-of-hours slots without staff, requests past their reply deadline
  queue.addAlertSource((now) => {
    const a = calendarAlert(calendar, config, now); // holiday data running out
    return a ? [a] : [];
  });
  const assisted = new AssistedService(config, hours, clock, db, new AssistedStore(db), queue); // its overdue alerts join the queue's
  const registry: RouteRegistry = [];

  const app = Fastify({
    logger: opts.logger ? { level: 'info', redact: ['req.headers.authorization'] } : false,
    bodyLimit: 64 * 1024,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: 200 },
    // Errors met before routing (bad percent-escapes, over-long path parameters) and malformed
    // HTTP that never becomes a request would otherwise get Fastify's English bodies.
    frameworkErrors: (err, _request, reply) => {
      const e =
        err.code === 'FST_ERR_BAD_URL'
          ? new HallError('VALIDATION_FAILED', '请求地址不正确（含无效的百分号编码）')
          : err.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? new HallError('VALIDATION_FAILED', '路径参数过长（上限 200 个字符）')
            : new HallError('INTERNAL');
      return (reply as FastifyReply).code(e.status).send(e.toBody());
    },
    clientErrorHandler: (err, socket) => {
      if ((err as { code?: string }).code === 'ECONNRESET' || socket.destroyed) return;
      const code = (err as { code?: string }).code;
      const [status, e] =
        code === 'HPE_HEADER_OVERFLOW'
          ? [431, new HallError('PAYLOAD_TOO_LARGE', '请求头过大（地址、登录凭据或其他请求头过长）')]
          : code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, new HallError('VALIDATION_FAILED', '请求超时：请求未在规定时间内发送完毕')]
            : [400, new HallError('VALIDATION_FAILED', '请求格式不正确（不是有效的 HTTP 请求）')];
      const body = JSON.stringify(e.toBody());
      if (socket.writable) {
        socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      }
      socket.destroy(err);
    },
  });
  app.decorateRequest('principal', null);
  // Requests being handled (a reload waits for them): the response's `close` comes once, answered or aborted.
  let inflight = 0;
  app.addHook('onRequest', async (_request, reply) => {
    inflight++;
    reply.raw.once('close', () => inflight--);
  });
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const m = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    request.principal = m ? accounts.resolve(m[1]!) : null;
    devices.noteRequest(request.principal);
  });
  app.setErrorHandler((err, request, reply) => {
    if (isHallError(err)) {
      if (err.status >= 500) request.log.error({ err, details: err.details }, err.message);
      return reply.code(err.status).send(err.toBody());
    }
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    const answer = (e: HallError) => reply.code(e.status).send(e.toBody());
    if (status === 413) return answer(new HallError('PAYLOAD_TOO_LARGE', '请求内容过大（上限 64 KB）'));
    if (status === 415) return answer(new HallError('UNSUPPORTED_MEDIA_TYPE'));
    if (status >= 400 && status < 500) {
      const code = (err as { code?: string }).code ?? '';
      const message = code.includes('JSON') || err instanceof SyntaxError ? '请求内容不是有效的 JSON' : '请求格式不正确';
      return answer(new HallError('VALIDATION_FAILED', message));
    }
    request.log.error({ err }, 'unexpected error');
    return answer(new HallError('INTERNAL'));
  });
  app.setNotFoundHandler((request, reply) => {
    const e = new HallError('NOT_FOUND', `没有这个接口：${request.method} ${request.url.split('?')[0]}`);
    return reply.code(404).send(e.toBody());
  });

  const ctx: HallContext = { version, config, configVersion, db, queue, store, accounts, devices, appointments, ratings, outbox, registry, settableClock, applyConfig: opts.applyConfig ?? null };
  for (const routes of [systemRoutes(ctx), authRoutes(ctx), serviceRoutes(ctx), windowRoutes(ctx), ticketRoutes(ctx), appointmentRoutes(ctx), statsRoutes(ctx), ratingRoutes(ratings), deviceStatusRoutes(ctx)]) {
    defineRoutes(app, registry, routes);
  }
  defineRoutes(app, registry, consoleRoutes(ctx)); // the console's own reads (issue #6)
  defineRoutes(app, registry, reportRoutes(ctx)); // 统计报表 (issue #6 item 4)
  defineRoutes(app, registry, assistedRoutes(ctx, assisted)); // 帮办代办, 上门服务, 特事特办, 投诉 (issue #7 items 1–4)
  defineRoutes(app, registry, (await import('./routes/admin.js')).adminRoutes(ctx)); // 管理（大厅配置） (issue #6 item 5)
  let platform: PlatformLifecycle | null = null;
  await app.register(platformPlugin, { hall: ctx, onService: (p) => (platform = p) }); // 政务服务平台: event journal, signed webhooks, paged reads, 好差评 upload (issue #7)
  // Web pages of the window screens and the hall screen (issue #5): /window/{id}, /hall-screen.
  await app.register(pagesPlugin, { config });

  const realtime = attachRealtime(app.server, accounts, queue, store);
  const tick = () => {
    queue.tick();
    appointments.tick();
  };
  tick();
  const calendarGuard = queue.alerts().find((a) => a.kind === 'calendar-uncovered');
  if (calendarGuard) app.log.warn({ alert: calendarGuard.key }, calendarGuard.message);
  const startTimer = () => {
    const t = setInterval(() => {
      try {
        tick();
      } catch (err) {
        app.log.error({ err }, 'tick failed');
      }
    }, opts.tickMs ?? 1000);
    t.unref();
    return t;
  };
  let timer: NodeJS.Timeout | null = startTimer();

  let closed = false;
  return {
    ...ctx,
    app,
    realtime,
    generatedAdminPassword,
    async listen(port: number, host = '127.0.0.1') {
      return app.listen({ port, host });
    },
    inflight: () => inflight,
    async pause() {
      if (!timer) return;
      clearInterval(timer);
      timer = null;
      await Promise.all([dispatcher.stop(), (platform as PlatformLifecycle | null)?.stop()]);
    },
    resume() {
      if (timer || closed) return;
      timer = startTimer();
      dispatcher = startDispatcher(outbox, sms);
      (platform as PlatformLifecycle | null)?.start();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      await dispatcher.stop();
      realtime.nsp.disconnectSockets(true);
      realtime.io.engine.close();
      await app.close();
      db.close();
    },
  };
}
