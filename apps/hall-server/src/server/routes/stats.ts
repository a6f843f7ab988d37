/** Queue statistics, the 延时服务登记表 and the live alerts, for managers. */
import { DateQuery, OvertimeQuery, datesOf, localDate } from '@hall/shared';
import { queueStats } from '../../queue/queue-stats.js';
import { overtimeTable } from '../../queue/report-files.js';
import { markOverLimit } from '../../core/index.js';
import { periodFileText, periodOf, sendTable } from './reports.js';
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
      summary: '《延时服务登记表》：某日（缺省），或含 date 的一周、一月（period=day|week|month）；超出延时服务上限的分钟数见 minutesOverLimit；可导出 CSV 或 Excel（format=csv|xlsx）',
      tags: ['统计'],
      access: ['manager'],
      query: OvertimeQuery,
      returns: '[overtime record]，或 CSV / XLSX 文件（文件名为中文，RFC 5987）',
      handler: async ({ query, reply }) => {
        const range = periodOf(hall, query.period, query.date);
        const records = markOverLimit(datesOf(range.from, range.to).flatMap((d) => hall.store.overtimeOfDay(d)), hall.config);
        if (query.format === undefined || query.format === 'json') return records;
        const when = periodFileText(range);
        return sendTable(reply, query.format, overtimeTable(records, hall.config), { ascii: `overtime-${when.ascii}`, text: `延时服务登记表-${when.text}` }, {
          sheetName: '延时服务登记表',
          title: `${hall.config.hall.name}《延时服务登记表》`,
          subtitle: [`日期：${range.label}`, `共 ${records.length} 条`, `导出时间：${hall.queue.nowIso().slice(0, 16).replace('T', ' ')}`].join('\u3000'),
          creator: hall.config.hall.name,
        });
      },
    }),
    route({
      method: 'GET',
      url: '/api/alerts',
      summary: '当前告警：空岗、超时办理、暂停过久、排队过长、延时超限、预约时段无人在岗、预约申请超时未答复、节假日数据未覆盖、设备等',
      tags: ['统计'],
      access: ['manager'],
      returns: '[alert]',
      handler: () => hall.queue.alerts(),
    }),
  ];
}
