/**
 * 政务服务平台对接 (issue #7 item 5): the feature as one Fastify plugin. It starts the platform
 * service (journal capture + delivery to webhook endpoints and the provincial 好差评 platform) and
 * declares its routes. Platform API keys (`platform.api.keys`, stored as SHA-256) are recognised
 * only inside this plugin: a key opens the paged event feed and nothing else, and cannot connect
 * to the hall's socket.
 */
import { PlatformEventsQuery, RetryFailedBody } from '@hall/shared';
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../auth/accounts.js';
import { secretHash } from '../../auth/passwords.js';
import { PlatformService } from '../../platform/platform-service.js';
import { defineRoutes, route } from '../route-kit.js';
import type { HallContext } from '../hall-context.js';

export interface PlatformPluginOptions {
  hall: HallContext;
  /** Wall clock for deliveries (tests). */
  now?: () => number;
  /** Receives the service's start/stop, so that the hall can pause delivery while another hall takes over (立即生效). */
  onService?: (service: PlatformLifecycle) => void;
}

export interface PlatformLifecycle {
  start(): void;
  stop(): Promise<void>;
}

export async function platformPlugin(app: FastifyInstance, opts: PlatformPluginOptions): Promise<void> {
  const { hall } = opts;
  const p = hall.config.platform;
  const platform = new PlatformService(hall.config, hall.db, {
    ...(opts.now ? { now: opts.now } : {}),
    hallNow: () => hall.queue.clock.now(), // the journal's retention runs on the hall's time (a test clock in tests)
    onError: (err) => app.log.error({ err }, '政务服务平台投递出错'),
  });
  platform.start();
  opts.onService?.(platform);
  app.addHook('onClose', async () => platform.stop());

  const keys = new Map(p.enabled ? p.api.keys.map((k) => [k.keySha256, k]) : []);
  app.addHook('onRequest', async (request) => {
    if (request.principal || keys.size === 0) return;
    const header = request.headers.authorization;
    const m = typeof header === 'string' ? /^Bearer\s+(\S{16,200})$/i.exec(header) : null;
    const key = m ? keys.get(secretHash(m[1]!)) : undefined;
    if (key) request.principal = { kind: 'platform', role: 'platform', name: key.name };
  });
  // Managers read masked; a key reads as its config says.
  const identityOf = (principal: Principal | null) => (principal?.kind === 'platform' ? (p.api.keys.find((k) => k.name === principal.name)?.identity ?? 'masked') : 'masked');

  defineRoutes(app, hall.registry, [
    route({
      method: 'GET',
      url: '/api/platform/events',
      summary: '政务服务平台分页读取事件（取号、叫号、办结、过号、转移、作废，预约、取消、签到、爽约，好差评），按发生顺序，after 为上一页的 next',
      tags: ['政务服务平台'],
      access: ['platform', 'manager'],
      query: PlatformEventsQuery,
      returns: '{"events":[{"id","seq","kind","at","hall","data"}],"next","hasMore"}',
      handler: ({ query, principal }) => platform.page(query, identityOf(principal)),
    }),
    route({
      method: 'GET',
      url: '/api/platform/webhooks',
      summary: '政务服务平台推送状态：各接收方待投递、重试中、投递失败、已投递数与最近一次错误',
      tags: ['政务服务平台'],
      access: ['manager'],
      returns: '{"enabled","journal","targets":[{"id","kind","pending","retrying","failed","delivered","lastError"}],"totals","lastError"}',
      handler: () => platform.status(),
    }),
    route({
      method: 'POST',
      url: '/api/platform/webhooks/retry-failed',
      summary: '重新投递已用完重试次数的事件（某接收方或全部）',
      tags: ['政务服务平台'],
      access: ['manager'],
      body: RetryFailedBody,
      returns: '{"requeued"}',
      handler: ({ body }) => ({ requeued: platform.retryFailed(body.target) }),
    }),
  ]);
}
