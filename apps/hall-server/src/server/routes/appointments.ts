/** 预约: slots, booking (online, 现场, 电话), cancellation, check-in, approvals, the register, bans. */
import { BookBody, CancelAppointmentBody, CancelByCodeBody, CheckInBody, HallError, LiftBanBody, ReasonBody, RegisterQuery, SlotsQuery, maskIdNumber } from '@hall/shared';
import { attachmentHeader, registerCsv, registerTable, registerXlsx } from '../../appointments/register-export.js';
import {
  APPOINTMENT_STATUS_NAMES,
  activeBans,
  approveRequest,
  book,
  cancelByApplicant,
  cancelByCode,
  cancelByHall,
  liftBan,
  pendingApprovals,
  refuseRequest,
  slots,
  type Appointment,
} from '../../core/appointments/index.js';
import { ticketWaitView } from '../../core/index.js';
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

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DAY_MS = 86_400_000;
const MAX_REGISTER_DAYS = 366;

/** A real calendar date (the schema checked the shape only). */
function isDate(s: string): boolean {
  const ms = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
}

/** The register's dates: `date` alone, or `from` (… `to`, by default the same day). */
function registerRange(q: { date?: string | undefined; from?: string | undefined; to?: string | undefined }): { from: string; to: string } {
  if (q.date !== undefined && (q.from !== undefined || q.to !== undefined)) {
    throw new HallError('VALIDATION_FAILED', '请只提供 date（某一天），或只提供 from 和 to（起止日期），不要同时提供');
  }
  const from = q.date ?? q.from;
  if (from === undefined) throw new HallError('VALIDATION_FAILED', '请提供日期：date=YYYY-MM-DD（某一天），或 from=YYYY-MM-DD&to=YYYY-MM-DD（起止日期）');
  const to = q.date ?? q.to ?? from;
  for (const d of [from, to]) if (!isDate(d)) throw new HallError('VALIDATION_FAILED', `日期 ${d} 不存在，请核对`);
  if (to < from) throw new HallError('VALIDATION_FAILED', `结束日期 ${to} 不能早于开始日期 ${from}`);
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_REGISTER_DAYS) {
    throw new HallError('VALIDATION_FAILED', `一次最多导出 ${MAX_REGISTER_DAYS} 天的预约登记，请缩小日期范围`);
  }
  return { from, to };
}

export function appointmentRoutes(hall: HallContext): RouteSpec<never, never, never>[] {
  const svc = hall.appointments;
  const materials = (code: string) => hall.config.services.find((s) => s.code === code)?.guide.materials ?? [];
  return [
    route({
      method: 'GET',
      url: '/api/appointments/slots',
      summary: '某业务某日的可预约时段及余量；onlineRefusal 为此刻线上预约该时段会被拒绝的原因（提前量、最远日期），可预约时为 null',
      tags: ['预约'],
      access: 'public',
      query: SlotsQuery,
      returns: '[{"start","end","capacity","remaining","session","needsApproval","onlineRefusal"}]',
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
      summary:
        '取消预约：群众凭身份证号（开始前3小时以前）；工作人员代群众取消（群众来电或到窗口）可不带请求体，按群众取消的时限；大厅取消须说明原因（reason，至少提前半个工作日，并通知申请人）',
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
            : // No ID number: staff cancel on the applicant's behalf; the engine refuses it from the public.
              svc.exec(actor, (s, c) => cancelByApplicant(s, c, { appointmentId: params.id, ...('idNumber' in body ? { idNumber: body.idNumber } : {}) }));
        return { id: a.id, status: a.status };
      },
    }),
    route({
      method: 'POST',
      url: '/api/appointments/cancel',
      summary: '群众凭预约码和身份证号取消预约（任何手机均可；须在取消时限前，默认时段开始前3小时）',
      tags: ['预约'],
      access: 'public',
      body: CancelByCodeBody,
      returns: '{"status":"cancelled","code","serviceCode","start","end"}',
      handler: ({ body, actor }) => {
        const a = svc.exec(actor, (s, c) => cancelByCode(s, c, body));
        return { id: a.id, code: a.code, status: a.status, statusName: APPOINTMENT_STATUS_NAMES[a.status], serviceCode: a.serviceCode, start: a.start, end: a.end };
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
      handler: ({ body, actor }) => ticketWaitView(hall.queue.state, svc.checkIn(actor, body), { config: hall.config, hours: hall.queue.hours, now: hall.queue.clock.now() }),
    }),
    route({
      method: 'GET',
      url: '/api/appointments',
      summary: '《预约登记表》：某日（date）或起止日期（from、to），可导出 CSV 或 Excel（format=csv|xlsx）',
      tags: ['预约'],
      access: ['staff'],
      query: RegisterQuery,
      returns: '[appointment]，或 CSV / XLSX 文件（文件名为中文，RFC 5987）',
      handler: async ({ query, reply }) => {
        const { from, to } = registerRange(query);
        const service = query.serviceCode === undefined ? null : hall.config.services.find((s) => s.code === query.serviceCode);
        if (service === undefined) throw new HallError('UNKNOWN_SERVICE', `没有编码为 ${query.serviceCode} 的业务`);
        const rows = svc.register(from, to, service?.code);
        if (query.format === undefined || query.format === 'json') {
          return rows.map((a) => ({ ...publicView(a), enteredBy: a.enteredBy?.name ?? null }));
        }
        const table = registerTable(rows, hall.config);
        const range = from === to ? from : `${from}_${to}`;
        const name = `预约登记表-${from === to ? from : `${from}至${to}`}${service ? `-${service.name}` : ''}`;
        if (query.format === 'csv') {
          reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachmentHeader(`register-${range}.csv`, `${name}.csv`));
          return registerCsv(table);
        }
        const exportedAt = hall.queue.nowIso().slice(0, 16).replace('T', ' ');
        const file = await registerXlsx(table, { hallName: hall.config.hall.name, fromDate: from, toDate: to, serviceName: service?.name ?? null, exportedAt });
        reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader(`register-${range}.xlsx`, `${name}.xlsx`));
        return file;
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
