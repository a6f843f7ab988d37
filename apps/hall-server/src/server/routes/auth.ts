/** Login, logout, who am I, and device registration. */
import { DeviceBody, HallError, LoginBody } from '@hall/shared';
import { route, type RouteSpec } from '../route-kit.js';
import type { HallContext } from '../hall-context.js';

export function authRoutes(hall: HallContext): RouteSpec<never, never, never>[] {
  return [
    route({
      method: 'POST',
      url: '/api/auth/login',
      summary: '登录',
      tags: ['账号'],
      access: 'public',
      body: LoginBody,
      returns: '{"token","role","name","employeeNo"}',
      handler: ({ body }) => hall.accounts.login(body.username, body.password),
    }),
    route({
      method: 'POST',
      url: '/api/auth/logout',
      summary: '退出登录',
      tags: ['账号'],
      access: ['staff', 'manager'],
      returns: '{"ok":true}',
      handler: ({ raw }) => {
        const token = /^Bearer\s+(.+)$/i.exec(raw.headers.authorization ?? '')?.[1];
        if (token) hall.accounts.logout(token);
        return { ok: true };
      },
    }),
    route({
      method: 'GET',
      url: '/api/auth/me',
      summary: '当前登录的账号或设备',
      tags: ['账号'],
      access: ['staff', 'manager', 'kiosk', 'window-display', 'hall-screen'],
      returns: '账号或设备信息',
      handler: ({ principal }) => principal,
    }),
    route({
      method: 'POST',
      url: '/api/devices',
      summary: '登记设备（取号机、窗口屏、综合屏），返回设备密钥（只显示这一次）',
      tags: ['账号'],
      access: ['admin'],
      body: DeviceBody,
      status: 201,
      returns: '{"id","key"}',
      handler: ({ body }) => {
        if (body.role === 'window-display') {
          if (!body.windowId) throw new HallError('VALIDATION_FAILED', '窗口屏须指定 windowId');
          if (!hall.config.windows.some((w) => w.id === body.windowId)) throw new HallError('UNKNOWN_WINDOW', `没有编号为 ${body.windowId} 的窗口`);
        }
        const name = body.name ?? (body.role === 'kiosk' ? '取号机' : body.role === 'hall-screen' ? '综合屏' : `窗口屏 ${body.windowId}`);
        return hall.accounts.registerDevice(body.role, body.role === 'window-display' ? body.windowId! : null, name);
      },
    }),
  ];
}
