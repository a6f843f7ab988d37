/**
 * 立即生效: runs the hall and builds it again from the newest stored config without a restart.
 *
 * Design. The whole composition (QueueService, AppointmentService, RatingService, AssistedService,
 * routes, pages, the socket hub) is built from one config by buildHall, and many parts keep what
 * they were built with. Reconfiguring each in place would touch every service; instead the runner
 * owns the listening socket and the hall behind it, and a reload builds a complete new hall on the
 * same database and swaps it in. Everything that must survive is in SQLite (tickets, windows,
 * counters, broadcasts and their seq, sessions, device keys, bookings, outboxes); what lives only
 * in memory is carried over (the settable clock at the same instant, raised alerts, devices' last
 * contact — HallOptions.previous).
 *
 * The HTTP server is the runner's, not the hall's: each hall's Fastify app and socket.io hub sit
 * on an http.Server that never listens, and the runner hands each request, upgrade and client
 * error to the current one. So the port is never closed (no refused connection, no race for the
 * port), keep-alive connections go on with the new hall, and the apply request itself is answered
 * after the swap with the version now in force.
 *
 * A reload, one at a time:
 *   1. new requests and upgrades are held (queued, not refused) and the old hall's requests in
 *      flight finish (the apply request itself excepted);
 *   2. the old hall's background work stops (ticks, SMS and platform delivery), so from here
 *      nothing writes but the hall being built — the new hall loads a state nobody changes after;
 *   3. the new config must fit the live day (core/config-fit.ts), else 409 and nothing changed;
 *   4. the new hall is built from the newest stored version (never from the --config file);
 *      a build that fails leaves the old hall running (its background work resumes);
 *   5. swap, the held requests go to the new hall, an `update` with every window and service
 *      (numbered, so replays carry it) tells the screens, and the old hall closes: its sockets are
 *      disconnected and the clients reconnect with their lastSeq and get what they missed, in
 *      order, from the new hub (the broadcasts are in SQLite).
 */
import { HallError, parseHallConfig, type HallConfig } from '@hall/shared';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { changedSections, configFitProblems, SECTION_NAMES, type Actor } from '../core/index.js';
import { EventLog } from '../storage/event-log.js';
import { buildHall, type Hall, type HallOptions } from './app.js';
import type { AppliedConfig } from './hall-context.js';

/** How long a reload waits for the old hall's requests in flight before it gives up. */
const DRAIN_MS = 10_000;

type Held = { kind: 'request'; req: IncomingMessage; res: ServerResponse } | { kind: 'upgrade'; req: IncomingMessage; socket: Duplex; head: Buffer };

export class HallRunner {
  private current: Hall;
  private readonly server: Server;
  private reloading: Promise<unknown> | null = null;
  private held: Held[] = [];
  private closed = false;

  private constructor(
    hall: Hall,
    private readonly opts: HallOptions,
  ) {
    this.current = hall;
    // The hall's Fastify server decides its timeouts; the listening server takes them over.
    const inner = hall.app.server;
    this.server = createServer({ requestTimeout: inner.requestTimeout });
    this.server.keepAliveTimeout = inner.keepAliveTimeout;
    this.server.headersTimeout = inner.headersTimeout;
    this.server.timeout = inner.timeout;
    this.server.on('request', (req, res) => this.dispatch({ kind: 'request', req, res }));
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.dispatch({ kind: 'upgrade', req, socket, head }));
    this.server.on('clientError', (err, socket) => {
      this.current.app.server.emit('clientError', err, socket);
    });
  }

  /** Builds the hall (`opts` as for buildHall) and listens. */
  static async start(opts: Omit<HallOptions, 'applyConfig' | 'previous'>, port: number, host = '127.0.0.1'): Promise<{ runner: HallRunner; address: string }> {
    let runner: HallRunner | null = null;
    const applyConfig = (actor: Actor) => runner!.reload(actor);
    const hall = await buildHall({ ...opts, applyConfig });
    await hall.app.ready();
    runner = new HallRunner(hall, { ...opts, applyConfig });
    const address = await runner.listen(port, host);
    return { runner, address };
  }

  /** The hall now in force. */
  get hall(): Hall {
    return this.current;
  }

  private listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const a = this.server.address();
        if (a === null || typeof a === 'string') return resolve(String(a));
        // Listening on every interface: the address to print is the loopback one (as Fastify prints it).
        const ip = a.address === '0.0.0.0' ? '127.0.0.1' : a.address === '::' ? '::1' : a.address;
        const url = `http://${ip.includes(':') ? `[${ip}]` : ip}:${a.port}`;
        this.current.app.log.info(`Server listening at ${url}`);
        resolve(url);
      });
    });
  }

  private dispatch(h: Held): void {
    if (this.reloading) {
      this.held.push(h);
      return;
    }
    const inner = this.current.app.server;
    if (h.kind === 'request') inner.emit('request', h.req, h.res);
    else inner.emit('upgrade', h.req, h.socket, h.head);
  }

  private release(): void {
    const held = this.held;
    this.held = [];
    for (const h of held) this.dispatch(h);
  }

  /**
   * 立即生效: the newest stored config takes over. Refused (HallError, nothing changed) when a
   * reload is already running, the config does not fit the live day, or it cannot be built.
   * `fromRequest`: called while handling a request (the apply), which the drain does not wait for.
   */
  async reload(actor: Actor, fromRequest = true): Promise<AppliedConfig> {
    if (this.reloading || this.closed) throw new HallError('INVALID_STATE', '正在应用另一版大厅配置，请稍候再试');
    const started = performance.now();
    let finish!: () => void;
    this.reloading = new Promise<void>((r) => (finish = r));
    const old = this.current;
    try {
      // 1. Hold new requests; let the old hall finish its own (this apply request is one of them).
      const deadline = Date.now() + DRAIN_MS;
      while (old.inflight() > (fromRequest ? 1 : 0)) {
        if (Date.now() > deadline) throw new HallError('INVALID_STATE', '仍有请求在处理中，未能应用新配置，请稍候再试');
        await new Promise((r) => setTimeout(r, 5));
      }
      // 2. Nothing else writes from here on.
      await old.pause();
      let next: Hall;
      try {
        const stored = newestStored(old);
        if (stored.config === null) {
          throw new HallError('CONFIG_NOT_APPLICABLE', `第 ${stored.version} 版无法启用：${stored.error}。仍在运行第 ${old.configVersion} 版`, { version: stored.version, inForceVersion: old.configVersion });
        }
        // 3. Does the new config fit the day?
        if (stored.version === old.configVersion) {
          throw new HallError('INVALID_STATE', `第 ${stored.version} 版已在运行，没有待生效的新版本`);
        }
        const problems = configFitProblems(old.config, stored.config, {
          businessDate: old.queue.state.businessDate,
          tickets: old.queue.state.tickets.values(),
          windows: old.queue.state.windows.values(),
          appointments: old.appointments.state.appointments.values(),
        });
        if (problems.length > 0) {
          throw new HallError(
            'CONFIG_NOT_APPLICABLE',
            `第 ${stored.version} 版不能立即生效：${problems[0]!.message}${problems.length > 1 ? `（另有 ${problems.length - 1} 处）` : ''}。仍在运行第 ${old.configVersion} 版`,
            { version: stored.version, inForceVersion: old.configVersion, problems },
          );
        }
        // 4. Build it (from the database: never the --config file, which would store itself again;
        // the admin account exists, so --admin-password is not applied again either).
        const { configPath: _file, fakeClockAt: _at, adminPassword: _pw, ...base } = this.opts;
        let built: Hall | null = null;
        try {
          built = await buildHall({ ...base, previous: old });
          await built.app.ready();
          next = built;
        } catch (e) {
          await built?.close().catch(() => undefined);
          throw new HallError('CONFIG_NOT_APPLICABLE', `第 ${stored.version} 版无法启用：${(e as Error).message}。仍在运行第 ${old.configVersion} 版`, { version: stored.version, inForceVersion: old.configVersion });
        }
      } catch (e) {
        old.resume();
        throw e;
      }
      // 5. Swap.
      this.current = next;
      const changed = changedSections(old.config, next.config);
      EventLog.of(next.db).append({
        type: 'config.applied',
        actor,
        at: new Date().toISOString(),
        subject: `hall-config:${next.configVersion}`,
        input: { changed, sections: changed.map((k) => SECTION_NAMES[k]) },
        before: { version: old.configVersion },
        after: { version: next.configVersion, changed },
      });
      next.queue.announceConfig();
      void this.retire(old);
      return {
        version: next.configVersion,
        previousVersion: old.configVersion,
        changed,
        sections: changed.map((k) => SECTION_NAMES[k]),
        message: `第 ${next.configVersion} 版已生效`,
        tookMs: Math.round(performance.now() - started),
      };
    } finally {
      this.reloading = null;
      finish();
      this.release();
    }
  }

  /** Closes a replaced hall once its last request (the apply answer) has gone out. */
  private async retire(old: Hall): Promise<void> {
    const deadline = Date.now() + DRAIN_MS;
    while (old.inflight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    try {
      await old.close();
    } catch (err) {
      this.current.app.log.error({ err }, '旧的大厅实例未能正常关闭');
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.reloading;
    await this.current.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** The newest stored version, parsed (a row written around the API, e.g. by hand, may not be a valid config). */
function newestStored(hall: Hall): { version: number; config: HallConfig; error?: never } | { version: number; config: null; error: string } {
  const row = hall.db.prepare('SELECT version, json FROM hall_config ORDER BY version DESC LIMIT 1').get() as { version: number; json: string };
  try {
    return { version: row.version, config: parseHallConfig(JSON.parse(row.json), `第 ${row.version} 版大厅配置`) };
  } catch (e) {
    return { version: row.version, config: null, error: (e as Error).message };
  }
}
