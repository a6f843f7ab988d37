/** Read models: what clients see of tickets, windows and services. Pure functions of the state. */
import {
  maskIdNumber,
  type HallConfig,
  type ServiceStatus,
  type ServiceView,
  type Ticket,
  type TicketStatusView,
  type WindowStatus,
  type WindowView,
} from '@hall/shared';
import type { HallHours } from './hall-hours.js';
import type { HallState, TicketRecord, WindowRuntime } from './hall-state.js';
import { countAhead } from './queue-order.js';
import { estimateNewTicketWaits, estimateTicketWait } from './wait-estimate.js';

/** The wire form of a ticket. Personal data is masked unless `full` (authorised staff). */
export function ticketView(t: TicketRecord, full = false): Ticket {
  const { queueKey: _omit, ...ticket } = t;
  if (full) return ticket;
  return {
    ...ticket,
    idNumber: ticket.idNumber ? maskIdNumber(ticket.idNumber) : null,
    phone: ticket.phone ? `${ticket.phone.slice(0, 3)}****${ticket.phone.slice(-4)}` : null,
  };
}

export function windowStatus(w: WindowRuntime, hours: HallHours, now: number): WindowStatus {
  if (w.pause) return 'paused';
  if (w.onDuty.length > 0) return 'open';
  return hours.isOpenAt(now) ? 'unstaffed' : 'closed';
}

export function windowView(state: HallState, config: HallConfig, hours: HallHours, id: string, now: number): WindowView {
  const cfg = config.windows.find((w) => w.id === id)!;
  const w = state.windows.get(id)!;
  const cur = w.currentTicketId ? state.tickets.get(w.currentTicketId) : undefined;
  return {
    id: cfg.id,
    no: cfg.no,
    name: cfg.name,
    department: cfg.department,
    services: cfg.services,
    status: windowStatus(w, hours, now),
    mode: w.mode,
    appointmentOnly: cfg.appointmentOnly,
    pause: w.pause ? { reason: w.pause.reason, since: w.pause.since } : null,
    // The name as the config in force has it (a rename applied by 立即生效 shows on the screens at once).
    onDuty: w.onDuty.map((p) => {
      const name = config.staff.find((x) => x.employeeNo === p.employeeNo)?.name;
      return name && name !== p.name ? { ...p, name } : p;
    }),
    current: cur && (cur.status === 'called' || cur.status === 'serving') ? ticketView(cur) : null,
  };
}

export function windowViews(state: HallState, config: HallConfig, hours: HallHours, now: number): WindowView[] {
  return config.windows.map((w) => windowView(state, config, hours, w.id, now));
}

export function waitingCounts(state: HallState): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of state.waiting()) counts.set(t.serviceCode, (counts.get(t.serviceCode) ?? 0) + 1);
  return counts;
}

export function serviceViews(state: HallState, config: HallConfig): ServiceView[] {
  const counts = waitingCounts(state);
  return config.services.map((s) => ({ code: s.code, name: s.name, prefix: s.prefix, department: s.department, waiting: counts.get(s.code) ?? 0 }));
}

export function ticketStatusView(state: HallState, t: TicketRecord): Ticket & { waitingAhead: number } {
  return { ...ticketView(t), waitingAhead: t.status === 'waiting' ? countAhead(state.waiting(), t) : 0 };
}

/** What the wait estimate needs besides the state. */
export interface WaitInputs {
  config: HallConfig;
  hours: HallHours;
  now: number;
}

/** A ticket with its place in the queue and 预计等候时间 (the kiosk's and the status page's answer). */
export function ticketWaitView(state: HallState, t: TicketRecord, w: WaitInputs): TicketStatusView {
  const view: TicketStatusView = { ...ticketStatusView(state, t), estimatedWaitMinutes: estimateTicketWait(state, w.config, w.hours, w.now, t) };
  if (t.status === 'transferred') {
    for (const o of state.tickets.values()) if (o.transferredFrom === t.id) view.transferredTo = o.id;
  }
  return view;
}

/** The service list with the wait of a ticket taken now (GET /api/services). */
export function serviceStatusViews(state: HallState, w: WaitInputs): ServiceStatus[] {
  const waits = estimateNewTicketWaits(state, w.config, w.hours, w.now);
  const realName = new Set(w.config.services.filter((s) => s.realName).map((s) => s.code));
  return serviceViews(state, w.config).map((s) => ({ ...s, estimatedWaitMinutes: waits.get(s.code) ?? null, realName: realName.has(s.code) }));
}
