/** Queue statistics, the 延时服务登记表 and the live alerts, for managers. */
import { DateQuery, localDate } from '@hall/shared';
import { queueStats } from '../../queue/queue-stats.js';
import { route, type RouteSpec } from '../route-kit.js';
import type { HallContext } from '../hall-context.js';

export function statsRoutes(hall: HallContext): RouteSpec<never, never, never>[] {
  const today = () => localDate(hall.queue.clock.now(), hall.config.hall.utcOffsetMinutes);
  return [
    route({
      method: 'GET',
      url: '/api/stats/queue',
      summary: '某日各业务的取号、办结、过号数与平均等候、办理时长',
      tags: ['统计'],
      access: ['manager'],
      query: DateQuery,
      returns: '[{"serviceCode","serviceName","issued","served","skipped","avgWaitSeconds","avgServiceSeconds"}]',
      handler: ({ query }) => queueStats(hall.config, hall.store.ticketsOfDay(query.date ?? today())),
    }),
    route({
      method: 'GET',
      url: '/api/overtime',
      summary: '延时服务登记表（某日）',
      tags: ['统计'],
      access: ['manager'],
      query: DateQuery,
      returns: '[overtime record]',
      handler: ({ query }) => hall.store.overtimeOfDay(query.date ?? today()),
    }),
    route({
      method: 'GET',
      url: '/api/alerts',
      summary: '当前告警：空岗、超时办理、暂停过久、排队过长',
      tags: ['统计'],
      access: ['manager'],
      returns: '[alert]',
      handler: () => hall.queue.alerts(),
    }),
  ];
}
