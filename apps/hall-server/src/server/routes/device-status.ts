/** Device heartbeats and printer status (any device key); the manager's device list. */
import { DeviceStatusBody, HallError } from '@hall/shared';
import { route, type RouteSpec } from '../route-kit.js';
import type { HallContext } from '../hall-context.js';

export function deviceStatusRoutes(hall: HallContext): RouteSpec<never, never, never>[] {
  return [
    route({
      method: 'POST',
      url: '/api/devices/status',
      summary: '设备上报状态（心跳；取号机附打印机状态：在线、纸将尽、缺纸、开盖、故障）',
      tags: ['设备'],
      access: ['kiosk', 'window-display', 'hall-screen'],
      body: DeviceStatusBody,
      status: 204,
      returns: '无内容（204）',
      handler: ({ body, principal }) => {
        if (principal?.kind !== 'device') throw new HallError('FORBIDDEN', '设备状态须由设备用自己的设备密钥上报');
        hall.devices.report(principal, body);
        // The manager hears of a printer running out of paper now, not at the next tick.
        hall.queue.tick();
      },
    }),
    route({
      method: 'GET',
      url: '/api/devices/status',
      summary: '设备状态一览（最后联络时间、打印机状态、中文摘要）',
      tags: ['设备'],
      access: ['manager'],
      returns: '[{"id","name","role","windowId","lastSeenAt","secondsSinceSeen","printer","detail","ok","summary"}]',
      handler: () => hall.devices.list(),
    }),
  ];
}
