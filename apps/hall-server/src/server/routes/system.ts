/** Health, the OpenAPI document, and the training clock. */
import { HallError, TestClockBody, parseInstant, toIsoLocal } from '@hall/shared';
import { route, type RouteSpec } from '../route-kit.js';
import type { HallContext } from '../hall-context.js';
import { openApiDocument } from '../openapi.js';

export function systemRoutes(hall: HallContext): RouteSpec<never, never, never>[] {
  const routes = [
    route({
      method: 'GET',
      url: '/api/health',
      summary: '健康检查',
      tags: ['系统'],
      access: 'public',
      returns: '{"ok":true,"version"}',
      handler: () => ({ ok: true, version: hall.version, now: hall.queue.nowIso(), hall: hall.config.hall.name }),
    }),
    route({
      method: 'GET',
      url: '/api/openapi.json',
      summary: 'OpenAPI 3 接口文档',
      tags: ['系统'],
      access: 'public',
      returns: 'OpenAPI 3 文档',
      handler: () => openApiDocument(hall.registry, hall.version),
    }),
  ];
  const clock = hall.settableClock;
  if (clock) {
    routes.push(
      route({
        method: 'POST',
        url: '/api/test-clock',
        summary: '调整模拟时钟（仅 --fake-clock 启动时存在，供培训与测试）',
        tags: ['系统'],
        access: 'public',
        body: TestClockBody,
        returns: '{"now"}',
        handler: ({ body }) => {
          if ('advanceMinutes' in body) clock.advanceMinutes(body.advanceMinutes);
          else {
            const ms = parseInstant(body.set, hall.config.hall.utcOffsetMinutes);
            if (Number.isNaN(ms)) throw new HallError('VALIDATION_FAILED', 'set 应为 ISO 8601 时间，如 2026-11-23T09:00:00+08:00');
            clock.set(ms);
          }
          hall.queue.tick();
          hall.appointments.tick();
          return { now: toIsoLocal(clock.now(), hall.config.hall.utcOffsetMinutes) };
        },
      }),
    );
  }
  return routes;
}
