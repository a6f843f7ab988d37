/** Issuing tickets, a ticket's live status (people ahead, 预计等候时间), re-queueing a skipped ticket, cancelling. */
import { CancelTicketBody, HallError, IssueTicketBody, RequeueBody, type TicketStatusView } from '@hall/shared';
import { KIOSK_VOID_MINUTES, cancelTicket, issueTicket, requeue, ticketView, ticketWaitView, type TicketRecord } from '../../core/index.js';
import { IdParams, route, type RouteSpec } from '../route-kit.js';
import type { HallContext } from '../hall-context.js';

export function ticketRoutes(hall: HallContext): RouteSpec<never, never, never>[] {
  const q = hall.queue;
  const withWait = (t: TicketRecord): TicketStatusView => ticketWaitView(q.state, t, { config: hall.config, hours: q.hours, now: q.clock.now() });
  return [
    route({
      method: 'POST',
      url: '/api/tickets',
      summary: '取号（取号机或工作人员；服务台可发绿色通道号 priority=green，并以 greenReason 注明原因，原因只记入审计日志）',
      tags: ['号码'],
      access: ['kiosk', 'staff'],
      body: IssueTicketBody,
      status: 201,
      returns: 'ticket + waitingAhead + estimatedWaitMinutes (number|null)',
      handler: ({ body, principal, actor }) => {
        const isManager = principal?.kind === 'user' && (principal.role === 'manager' || principal.role === 'admin');
        if (body.priority === 'urgent' && !isManager) throw new HallError('FORBIDDEN', '特事特办号须由大厅负责人审批后发放');
        if (body.greenReason && body.priority !== 'green') throw new HallError('VALIDATION_FAILED', '只有绿色通道号才能注明绿色通道原因');
        const t = q.exec(actor, (s, c) =>
          issueTicket(s, c, {
            serviceCode: body.serviceCode,
            channel: principal?.kind === 'device' ? 'kiosk' : 'staff',
            ...(body.idNumber ? { idNumber: body.idNumber } : {}),
            ...(body.phone ? { phone: body.phone } : {}),
            ...(body.priority ? { priority: body.priority } : {}),
            ...(body.greenReason ? { greenReason: body.greenReason } : {}),
          }),
        );
        return withWait(t);
      },
    }),
    route({
      method: 'GET',
      url: '/api/tickets/:id',
      summary: '号码的实时状态（前面还有几人、预计等候几分钟、在哪个窗口）',
      tags: ['号码'],
      access: 'public',
      params: IdParams,
      returns: 'ticket + waitingAhead + estimatedWaitMinutes (number|null) + transferredTo (for a transferred ticket)',
      handler: ({ params }): TicketStatusView => {
        const t = q.state.tickets.get(params.id) ?? hall.store.ticket(params.id);
        if (!t) throw new HallError('NOT_FOUND', '找不到该号码');
        return q.state.tickets.has(t.id) ? withWait(t) : { ...ticketView(t), waitingAhead: 0, estimatedWaitMinutes: null };
      },
    }),
    route({
      method: 'POST',
      url: '/api/tickets/:id/requeue',
      summary: '过号后群众返回：重新排队（排在若干位之后）',
      tags: ['号码'],
      access: ['staff'],
      params: IdParams,
      body: RequeueBody,
      returns: 'ticket',
      handler: ({ params, body, actor }) => withWait(q.exec(actor, (s, c) => requeue(s, c, params.id, body.placesBack))),
    }),
    route({
      method: 'POST',
      url: '/api/tickets/:id/cancel',
      summary: `作废一个等候中的号码（工作人员；取号机只能作废本机${KIOSK_VOID_MINUTES}分钟内发出、仍在等候的号码，如打印失败），可附理由`,
      tags: ['号码'],
      access: ['staff', 'kiosk'],
      params: IdParams,
      body: CancelTicketBody,
      returns: 'ticket',
      handler: ({ params, body, principal, actor }) => {
        const reason = body.reason ? { reason: body.reason } : {};
        if (principal?.kind !== 'device') return ticketView(q.exec(actor, (s, c) => cancelTicket(s, c, params.id, reason)));
        // A kiosk: the event log knows which device issued the ticket.
        const t = q.state.tickets.get(params.id);
        const issuer = t ? hall.store.issuerOf(t) : null;
        const issuedBy = issuer?.kind === 'device' ? issuer.id : null;
        return ticketView(q.exec(actor, (s, c) => cancelTicket(s, c, params.id, { ...reason, kiosk: { issuedBy } })));
      },
    }),
  ];
}
