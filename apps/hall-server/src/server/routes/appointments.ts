/** 预约: slots, booking (online, 现场, 电话), cancellation, check-in, approvals, the register, bans. */
import { BookBody, CancelAppointmentBody, CheckInBody, HallError, LiftBanBody, ReasonBody, RegisterQuery, SlotsQuery, maskIdNumber } from '@hall/shared';
import {
  APPOINTMENT_STATUS_NAMES,
  activeBans,
  approveRequest,
  book,
  bookingRegister,
  cancelByApplicant,
  cancelByHall,
  liftBan,
  pendingApprovals,
  refuseRequest,
  slots,
  type Appointment,
} from '../../core/appointments/index.js';
import { ticketStatusView } from '../../core/index.js';
import { IdParams, route, type RouteSpec } from '../route-kit.js';
import type { HallContext } from '../hall-context.js';

const STAFF_ROLES = new Set(['staff', 'manager', 'admin']);

/** What the applicant (and the public API) sees of a booking: no full ID number. */
function publicView(a: Appointment, qrToken?: string) {
  return {
    id: a.id,
    code: a.code,
    ...(qrToken ? { qrToken } : {}),
    status: a.status,
    statusName: APPOINTMENT_STATUS_NAMES[a.status],
    serviceCode: a.serviceCode,
    date: a.date,
    start: a.start,
    end: a.end,
    session: a.session,
    channel: a.channel,
    name: a.name,
    idNumber: maskIdNumber(a.idNumber),
    phone: `${a.phone.slice(0, 3)}****${a.phone.slice(-4)}`,
  };
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function appointmentRoutes(hall: HallContext): RouteSpec<never, never, never>[] {
  const svc = hall.appointments;
  const materials = (code: string) => hall.config.services.find((s) => s.code === code)?.guide.materials ?? [];
  return [
    route({
      method: 'GET',
      url: '/api/appointments/slots',
      summary: '某业务某日的可预约时段及余量',
      tags: ['预约'],
      access: 'public',
      query: SlotsQuery,
      returns: '[{"start","end","capacity","remaining"}]',
      handler: ({ query, actor }) => slots(svc.state, svc.context(actor), query.serviceCode, query.date),
    }),
    route({
      method: 'POST',
      url: '/api/appointments',
      summary: '预约（线上由群众提交；现场、电话由工作人员录入）',
      tags: ['预约'],
      access: 'public',
      body: BookBody,
      status: 201,
      returns: '{"id","code","qrToken","status","materials",…}',
      handler: ({ body, principal, actor }) => {
        const isStaff = principal?.kind === 'user' && STAFF_ROLES.has(principal.role);
        if (body.channel !== 'online' && !isStaff) throw new HallError('FORBIDDEN', '现场、电话预约须由工作人员录入');
        const a = svc.exec(actor, (s, c) => book(s, c, { ...body, ...(body.agent ? { agent: body.agent } : {}) }));
        return { ...publicView(a, svc.qrToken(a)), materials: materials(a.serviceCode) };
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/appointments/:id',
      summary: '取消预约：群众凭身份证号（开始前3小时以前）；工作人员代大厅取消须说明原因',
      tags: ['预约'],
      access: 'public',
      params: IdParams,
      body: CancelAppointmentBody,
      returns: '{"status":"cancelled"}',
      handler: ({ params, body, principal, actor }) => {
        const isStaff = principal?.kind === 'user' && STAFF_ROLES.has(principal.role);
        const a =
          'reason' in body
            ? (() => {
                if (!isStaff) throw new HallError('FORBIDDEN', '大厅取消预约须由工作人员操作');
                return svc.exec(actor, (s, c) => cancelByHall(s, c, { appointmentId: params.id, reason: body.reason }));
              })()
            : svc.exec(actor, (s, c) => cancelByApplicant(s, c, { appointmentId: params.id, idNumber: body.idNumber }));
        return { id: a.id, status: a.status };
      },
    }),
    route({
      method: 'POST',
      url: '/api/appointments/check-in',
      summary: '预约签到（二维码、预约码+身份证、或身份证），生成预约优先号',
      tags: ['预约'],
      access: ['kiosk', 'staff'],
      body: CheckInBody,
      status: 201,
      returns: 'ticket（priority appointment）',
      handler: ({ body, actor }) => ticketStatusView(hall.queue.state, svc.checkIn(actor, body)),
    }),
    route({
      method: 'GET',
      url: '/api/appointments',
      summary: '预约登记表（某日），可导出 CSV',
      tags: ['预约'],
      access: ['staff'],
      query: RegisterQuery,
      returns: '[appointment] 或 CSV',
      handler: ({ query, reply }) => {
        const rows = bookingRegister(svc.state, query.date, query.serviceCode);
        if (query.format !== 'csv') return rows.map((a) => ({ ...publicView(a), enteredBy: a.enteredBy?.name ?? null }));
        const service = (code: string) => hall.config.services.find((s) => s.code === code)?.name ?? code;
        const head = ['预约码', '业务', '日期', '时段', '姓名', '身份证号', '手机号', '渠道', '录入人', '状态'];
        const lines = rows.map((a) =>
          [a.code, service(a.serviceCode), a.date, `${a.start.slice(11, 16)}-${a.end.slice(11, 16)}`, a.name, maskIdNumber(a.idNumber), a.phone, a.channel, a.enteredBy?.name ?? '', APPOINTMENT_STATUS_NAMES[a.status]]
            .map(csvCell)
            .join(','),
        );
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="register-${query.date}.csv"`);
        return `\uFEFF${[head.join(','), ...lines].join('\r\n')}\r\n`;
      },
    }),
    route({
      method: 'GET',
      url: '/api/appointments/pending',
      summary: '待窗口确认的非工作时间预约',
      tags: ['预约'],
      access: ['staff'],
      returns: '[pending approval]',
      handler: ({ actor }) => pendingApprovals(svc.state, svc.context(actor)),
    }),
    route({
      method: 'POST',
      url: '/api/appointments/:id/approve',
      summary: '窗口确认非工作时间预约',
      tags: ['预约'],
      access: ['staff'],
      params: IdParams,
      returns: 'appointment',
      handler: ({ params, actor }) => publicView(svc.exec(actor, (s, c) => approveRequest(s, c, params.id))),
    }),
    route({
      method: 'POST',
      url: '/api/appointments/:id/refuse',
      summary: '窗口拒绝非工作时间预约（须说明原因）',
      tags: ['预约'],
      access: ['staff'],
      params: IdParams,
      body: ReasonBody,
      returns: 'appointment',
      handler: ({ params, body, actor }) => publicView(svc.exec(actor, (s, c) => refuseRequest(s, c, params.id, body.reason))),
    }),
    route({
      method: 'POST',
      url: '/api/bans/lift',
      summary: '解除失信预约限制（须说明原因，留痕）',
      tags: ['预约'],
      access: ['manager'],
      body: LiftBanBody,
      returns: '[ban]',
      handler: ({ body, actor }) => svc.exec(actor, (s, c) => liftBan(s, c, body)),
    }),
    route({
      method: 'GET',
      url: '/api/bans',
      summary: '某身份证号当前的预约限制',
      tags: ['预约'],
      access: ['manager'],
      query: LiftBanBody.pick({ idNumber: true }),
      returns: '[ban]',
      handler: ({ query, actor }) => activeBans(svc.state, svc.context(actor), query.idNumber),
    }),
  ];
}
