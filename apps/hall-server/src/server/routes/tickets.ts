/** Issuing tickets, a ticket's live status, re-queueing a skipped ticket, cancelling. */
import { HallError, IssueTicketBody, RequeueBody } from '@hall/shared';
import { cancelTicket, issueTicket, requeue, ticketStatusView, ticketView } from '../../core/index.js';
import { IdParams, route, type RouteSpec } from '../route-kit.js';
import type { HallContext } from '../hall-context.js';

export function ticketRoutes(hall: HallContext): RouteSpec<never, never, never>[] {
  const q = hall.queue;
  return [
    route({
      method: 'POST',
      url: '/api/tickets',
      summary: '取号（取号机或工作人员）',
      tags: ['号码'],
      access: ['kiosk', 'staff'],
      body: IssueTicketBody,
      status: 201,
      returns: 'ticket',
      handler: ({ body, principal, actor }) => {
        const isManager = principal?.kind === 'user' && (principal.role === 'manager' || principal.role === 'admin');
        if (body.priority === 'urgent' && !isManager) throw new HallError('FORBIDDEN', '特事特办号须由大厅负责人审批后发放');
        const t = q.exec(actor, (s, c) =>
          issueTicket(s, c, {
            serviceCode: body.serviceCode,
            channel: principal?.kind === 'device' ? 'kiosk' : 'staff',
            ...(body.idNumber ? { idNumber: body.idNumber } : {}),
            ...(body.phone ? { phone: body.phone } : {}),
            ...(body.priority ? { priority: body.priority } : {}),
          }),
        );
        return ticketStatusView(q.state, t);
      },
    }),
    route({
      method: 'GET',
      url: '/api/tickets/:id',
      summary: '号码的实时状态（前面还有几人、在哪个窗口）',
      tags: ['号码'],
      access: 'public',
      params: IdParams,
      returns: 'ticket + waitingAhead',
      handler: ({ params }) => {
        const t = q.state.tickets.get(params.id) ?? hall.store.ticket(params.id);
        if (!t) throw new HallError('NOT_FOUND', '找不到该号码');
        return q.state.tickets.has(t.id) ? ticketStatusView(q.state, t) : { ...ticketView(t), waitingAhead: 0 };
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
      handler: ({ params, body, actor }) => ticketStatusView(q.state, q.exec(actor, (s, c) => requeue(s, c, params.id, body.placesBack))),
    }),
    route({
      method: 'POST',
      url: '/api/tickets/:id/cancel',
      summary: '作废一个等候中的号码',
      tags: ['号码'],
      access: ['staff'],
      params: IdParams,
      returns: 'ticket',
      handler: ({ params, actor }) => ticketView(q.exec(actor, (s, c) => cancelTicket(s, c, params.id))),
    }),
  ];
}
