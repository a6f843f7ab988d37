/** The service list (事项) with people waiting and 预计等候时间, and the 办事指南 for 一次性告知. */
import { HallError } from '@hall/shared';
import { serviceStatusViews } from '../../core/index.js';
import { IdParams, route, type RouteSpec } from '../route-kit.js';
import type { HallContext } from '../hall-context.js';

export function serviceRoutes(hall: HallContext): RouteSpec<never, never, never>[] {
  return [
    route({
      method: 'GET',
      url: '/api/services',
      summary: '业务列表、等候人数、现在取号的预计等候时间（分钟，无窗口开放时为 null）及是否须刷身份证取号',
      tags: ['业务'],
      access: 'public',
      returns: '[{"code","name","prefix","department","waiting","estimatedWaitMinutes","realName"}]',
      handler: () => serviceStatusViews(hall.queue.state, { config: hall.config, hours: hall.queue.hours, now: hall.queue.clock.now() }),
    }),
    route({
      method: 'GET',
      url: '/api/services/:id/guide',
      summary: '办事指南（办理条件、材料清单、时限、收费）',
      tags: ['业务'],
      access: 'public',
      params: IdParams,
      returns: '{"code","name","guide"}',
      handler: ({ params }) => {
        const s = hall.config.services.find((x) => x.code === params.id);
        if (!s) throw new HallError('UNKNOWN_SERVICE', `没有编码为 ${params.id} 的业务`);
        return { code: s.code, name: s.name, department: s.department, targetMinutes: s.targetMinutes, guide: s.guide };
      },
    }),
  ];
}
