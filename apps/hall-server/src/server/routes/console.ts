/**
 * What the staff caller and the manager's console (/console, issue #6) need beyond the contract's
 * routes: who is logged in and at which windows they may sign in, one window's day (skipped
 * tickets to re-queue, 好差评 as plain counts), the queue per service with its longest wait,
 * today's appointments in figures, and the credit bans in force with lifting by ban id (so that a
 * full ID number never travels to the screen).
 */
import { HallError, localDate, maskIdNumber } from '@hall/shared';
import { z } from 'zod';
import type { Principal } from '../../auth/accounts.js';
import { APPOINTMENT_STATUS_NAMES, banText, liftBan, type AppointmentStatus, type Ban } from '../../core/appointments/index.js';
import { ticketView } from '../../core/index.js';
import { IdParams, route, type RouteSpec } from '../route-kit.js';
import type { HallContext } from '../hall-context.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');
const DayQuery = z.strictObject({ date: day.optional() });
/** An empty reason is refused in the handler, with a sentence that says what to do. */
const LiftByIdBody = z.strictObject({ reason: z.string().trim().max(100) });

const POLICY_NAMES: Record<Ban['policy'], string> = { monthly: '当月爽约限制', yearly: '失约名单' };

/** Counts per appointment status, every status present (0 when none). */
function statusCounts(list: { status: AppointmentStatus }[]): Record<AppointmentStatus, number> {
  const out = Object.fromEntries(Object.keys(APPOINTMENT_STATUS_NAMES).map((k) => [k, 0])) as Record<AppointmentStatus, number>;
  for (const a of list) out[a.status] += 1;
  return out;
}

export function consoleRoutes(hall: HallContext): RouteSpec<never, never, never>[] {
  const q = hall.queue;
  const offset = hall.config.hall.utcOffsetMinutes;
  const today = () => localDate(q.clock.now(), offset);
  const serviceName = (code: string) => hall.config.services.find((s) => s.code === code)?.name ?? code;
  const staffName = (no: string | undefined) => (no ? (hall.config.staff.find((s) => s.employeeNo === no)?.name ?? null) : null);
  const knownWindow = (id: string) => {
    const w = hall.config.windows.find((x) => x.id === id);
    if (!w) throw new HallError('UNKNOWN_WINDOW', `没有编号为 ${id} 的窗口`);
    return w;
  };
  const isManager = (p: Principal | null) => p?.kind === 'user' && (p.role === 'manager' || p.role === 'admin');
  /** Staff see their own windows' day only (assigned there, or on duty there now). */
  const mayReadWindow = (p: Principal | null, windowId: string) => {
    if (isManager(p)) return;
    const no = p?.kind === 'user' ? p.employeeNo : null;
    const cfg = knownWindow(windowId);
    const onDuty = q.state.windows.get(windowId)?.onDuty.some((d) => d.employeeNo === no) ?? false;
    if (no && (cfg.posts.A === no || cfg.posts.B === no || onDuty)) return;
    throw new HallError('FORBIDDEN', `您不是${cfg.no}号窗口的工作人员，不能查看该窗口的记录`);
  };

  const banView = (b: Ban) => {
    const appointments = hall.appointments.state.appointments;
    const noShows = b.noShowIds.map((id) => hall.appointments.state.noShows.get(id)).filter((r) => r !== undefined);
    const last = noShows.map((r) => appointments.get(r.appointmentId)).find((a) => a !== undefined);
    return {
      id: b.id,
      idNumber: maskIdNumber(b.idNumber),
      name: last?.name ?? null,
      phone: `${b.phone.slice(0, 3)}****${b.phone.slice(-4)}`,
      policy: b.policy,
      policyName: POLICY_NAMES[b.policy],
      from: b.from,
      until: b.until,
      noShows: noShows.map((r) => ({ date: r.date, serviceCode: r.serviceCode, serviceName: serviceName(r.serviceCode) })),
      text: banText(hall.appointments.context({ kind: 'system', id: 'system' }), b),
    };
  };
  const activeBans = () => {
    const now = q.clock.now();
    return [...hall.appointments.state.bans.values()].filter((b) => b.lifted === null && Date.parse(b.until) > now).sort((x, y) => y.from.localeCompare(x.from));
  };

  return [
    route({
      method: 'GET',
      url: '/api/console/setup',
      summary: '控制台启动信息：当前账号、可签到的窗口（A岗/B岗）、各业务的限时办结目标与材料数、各窗口的岗位安排',
      tags: ['控制台'],
      access: ['staff'],
      returns: '{"hallName","departments":[{"code","name"}],"me":{"username","name","role","employeeNo","windows":[{"windowId","post"}]},"services":[…],"windows":[…]}',
      handler: ({ principal }) => {
        const p = principal?.kind === 'user' ? principal : null;
        const no = p?.employeeNo ?? null;
        const post = (no: string | undefined) => (no ? { employeeNo: no, name: staffName(no) } : null);
        return {
          hallName: hall.config.hall.name,
          departments: hall.config.departments.map((d) => ({ code: d.code, name: d.name })),
          me: {
            username: p?.username ?? '',
            name: p?.name ?? '',
            role: p?.role ?? 'staff',
            employeeNo: no,
            windows: no
              ? hall.config.windows.flatMap((w) => (['A', 'B'] as const).filter((k) => w.posts[k] === no).map((k) => ({ windowId: w.id, post: k })))
              : [],
          },
          services: hall.config.services.map((s) => ({
            code: s.code,
            name: s.name,
            prefix: s.prefix,
            department: s.department,
            targetMinutes: s.targetMinutes,
            materials: s.guide.materials.length,
          })),
          windows: hall.config.windows.map((w) => ({ id: w.id, no: w.no, name: w.name, department: w.department, services: w.services, appointmentOnly: w.appointmentOnly, posts: { A: post(w.posts.A), B: post(w.posts.B) } })),
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/console/windows/:id/today',
      summary: '窗口今日：已办结数、可重新排队的过号号码、好差评（只有数量，不含评价人）',
      tags: ['控制台'],
      access: ['staff'],
      params: IdParams,
      returns: '{"windowId","date","served","skipped":[ticket],"ratings":{"rated","notRated","counts":{"1".."5"},"bad"}}',
      handler: ({ params, principal }) => {
        knownWindow(params.id);
        mayReadWindow(principal, params.id);
        const date = today();
        const mine = hall.store.ticketsOfDay(date).filter((t) => t.windowId === params.id);
        const row = hall.ratings.stats(date, date, 'window').find((r) => r.key === params.id);
        return {
          windowId: params.id,
          date,
          served: mine.filter((t) => t.status === 'done').length,
          skipped: mine
            .map((t) => q.state.tickets.get(t.id) ?? t)
            .filter((t) => t.status === 'skipped' && t.windowId === params.id)
            .sort((x, y) => (y.calledAt ?? '').localeCompare(x.calledAt ?? ''))
            .map((t) => ticketView(t)),
          ratings: {
            rated: row?.rated ?? 0,
            notRated: row?.notRated ?? 0,
            counts: row?.counts ?? { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
            bad: row?.bad ?? 0,
          },
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/console/queues',
      summary: '各业务排队：等候人数、最早取号时间（最长等候）、可办理的开放窗口数',
      tags: ['控制台'],
      access: ['manager'],
      returns: '[{"serviceCode","serviceName","waiting","oldestIssuedAt","longestWaitMinutes","openWindows"}]',
      handler: () => {
        const now = q.clock.now();
        const waiting = [...q.state.waiting()];
        return hall.config.services.map((s) => {
          const mine = waiting.filter((t) => t.serviceCode === s.code);
          const oldest = mine.reduce<string | null>((min, t) => (min === null || t.issuedAt < min ? t.issuedAt : min), null);
          const openWindows = hall.config.windows.filter((w) => {
            const rt = q.state.windows.get(w.id);
            return w.services.includes(s.code) && rt !== undefined && rt.onDuty.length > 0 && rt.pause === null;
          }).length;
          return {
            serviceCode: s.code,
            serviceName: s.name,
            waiting: mine.length,
            oldestIssuedAt: oldest,
            longestWaitMinutes: oldest === null ? 0 : Math.max(0, Math.floor((now - Date.parse(oldest)) / 60_000)),
            openWindows,
          };
        });
      },
    }),
    route({
      method: 'GET',
      url: '/api/console/appointments/summary',
      summary: '某日（默认今日）预约概况：按状态计数（已预约、已签到、爽约、已取消、待确认、未获确认），并按业务分列',
      tags: ['控制台'],
      access: ['manager'],
      query: DayQuery,
      returns: '{"date","total","counts":{status:n},"statusNames":{status:name},"services":[{"serviceCode","serviceName","total","counts"}]}',
      handler: ({ query }) => {
        const date = query.date ?? today();
        const rows = hall.appointments.register(date, date);
        return {
          date,
          total: rows.length,
          counts: statusCounts(rows),
          statusNames: APPOINTMENT_STATUS_NAMES,
          services: hall.config.services
            .map((s) => {
              const mine = rows.filter((a) => a.serviceCode === s.code);
              return { serviceCode: s.code, serviceName: s.name, total: mine.length, counts: statusCounts(mine) };
            })
            .filter((s) => s.total > 0),
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/console/bans',
      summary: '当前生效的失信预约限制（身份证号、手机号已脱敏）',
      tags: ['控制台'],
      access: ['manager'],
      returns: '[{"id","idNumber","name","phone","policy","policyName","from","until","noShows":[{"date","serviceCode","serviceName"}],"text"}]',
      handler: () => activeBans().map(banView),
    }),
    route({
      method: 'POST',
      url: '/api/console/bans/:id/lift',
      summary: '按限制编号解除失信预约限制（须说明理由，留痕；同一证件的其他限制一并解除）',
      tags: ['控制台'],
      access: ['manager'],
      params: IdParams,
      body: LiftByIdBody,
      returns: '{"lifted":[ban]}',
      handler: ({ params, body, actor }) => {
        if (!body.reason) throw new HallError('VALIDATION_FAILED', '请填写解除理由（记入操作日志）');
        const ban = hall.appointments.state.bans.get(params.id);
        if (!ban) throw new HallError('NOT_FOUND', '找不到该预约限制，可能已被解除或已到期');
        if (ban.lifted !== null || Date.parse(ban.until) <= q.clock.now()) throw new HallError('VALIDATION_FAILED', '该预约限制已解除或已到期，无需再解除');
        const lifted = hall.appointments.exec(actor, (s, c) => liftBan(s, c, { idNumber: ban.idNumber, reason: body.reason }));
        return { lifted: lifted.map(banView) };
      },
    }),
  ];
}
