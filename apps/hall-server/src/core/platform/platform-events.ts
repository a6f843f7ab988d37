/**
 * What the 政务服务平台 learns from one committed change. Every change the hall commits writes one
 * audit row (`events`: type, time, the records before and after); this turns such a row into the
 * platform's events by comparing each ticket, appointment and rating before and after: a ticket
 * that went from `waiting` to `called` was called, one that did not exist was issued, and so on.
 * Pure: the shell calls it inside the change's transaction and stores what it returns.
 */
import {
  RATING_LABELS,
  maskIdNumber,
  type HallConfig,
  type PlatformAppointment,
  type PlatformEventData,
  type PlatformEventKind,
  type PlatformIdentity,
  type PlatformRating,
  type PlatformRatingVoid,
  type PlatformTicket,
  type Rating,
  type RatingLevel,
} from '@hall/shared';
import type { Appointment } from '../appointments/appointment-state.js';
import type { TicketRecord } from '../hall-state.js';

/** A rating's status change as its audit row (`rating.void`) records it; `rating` is the record itself. */
export interface RatingStatusChange {
  id: string;
  status: string | null;
  rating?: Rating;
}

/** The part of an audit row the platform needs (queue, appointment and rating rows all fit). */
export interface AuditRecord {
  type: string;
  at: string;
  /** What the change was asked with; a `rating.void` row carries `{ appealId, reason }`. */
  input?: unknown;
  before: { tickets?: readonly TicketRecord[]; appointments?: readonly Appointment[]; ratingStatus?: readonly RatingStatusChange[] };
  after: { tickets?: readonly TicketRecord[]; appointments?: readonly Appointment[]; ratings?: readonly Rating[]; ratingStatus?: readonly RatingStatusChange[] };
}

export interface CapturedEvent {
  kind: PlatformEventKind;
  /** The ticket, appointment or rating it is about. */
  subject: string;
  at: string;
  data: PlatformEventData;
}

/**
 * Within one change, what ended comes before what began: a window that finishes one customer
 * and is given the next reports `finished` then `called`; a check-in reports `issued` then `called`.
 */
const ORDER: Record<PlatformEventKind, number> = {
  'appointment.requested': 0,
  'appointment.booked': 0,
  'appointment.refused': 0,
  'appointment.cancelled': 0,
  'appointment.no-show': 0,
  'appointment.checked-in': 0,
  'ticket.finished': 1,
  'ticket.skipped': 1,
  'ticket.transferred': 1,
  'ticket.cancelled': 1,
  'ticket.issued': 2,
  'ticket.requeued': 2,
  'ticket.called': 3,
  'ticket.recalled': 3,
  'ticket.started': 4,
  'rating.submitted': 5,
  'rating.not-rated': 5,
  'rating.voided': 6,
};

export function platformEventsOf(entry: AuditRecord, config: HallConfig): CapturedEvent[] {
  const out: CapturedEvent[] = [];
  const beforeTickets = new Map((entry.before.tickets ?? []).map((t) => [t.id, t]));
  const afterTickets = entry.after.tickets ?? [];
  for (const t of afterTickets) {
    for (const kind of ticketTransitions(beforeTickets.get(t.id), t)) {
      const data: PlatformEventData = { ticket: platformTicket(t, config) };
      if (kind === 'ticket.transferred') {
        const moved = afterTickets.find((x) => x.transferredFrom === t.id);
        if (moved) data.transferredTo = { ticketId: moved.id, serviceCode: moved.serviceCode, targetWindowId: moved.targetWindowId };
      }
      out.push({ kind, subject: t.id, at: entry.at, data });
    }
  }
  const beforeAppointments = new Map((entry.before.appointments ?? []).map((a) => [a.id, a]));
  for (const a of entry.after.appointments ?? []) {
    const kind = appointmentTransition(beforeAppointments.get(a.id), a);
    if (kind) out.push({ kind, subject: a.id, at: entry.at, data: { appointment: platformAppointment(a, config) } });
  }
  for (const r of entry.after.ratings ?? []) {
    out.push({ kind: r.level === null ? 'rating.not-rated' : 'rating.submitted', subject: r.id, at: r.ratedAt, data: { rating: platformRating(r, config) } });
  }
  out.push(...ratingVoids(entry, config));
  // Stable: events of the same rank keep the order of the records in the row.
  return out.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => ORDER[a.kind] - ORDER[b.kind] || i - j).map(([e]) => e);
}

/**
 * The platform events of one ticket's change. A ticket new in this change was issued (and, when
 * the same change already called it — a check-in at an idle window — called too); a transfer's
 * new ticket is announced by the original's `ticket.transferred` (`transferredTo`).
 */
export function ticketTransitions(before: TicketRecord | undefined, after: TicketRecord): PlatformEventKind[] {
  if (!before) {
    if (after.channel === 'transfer') return [];
    const rest = ticketTransitions({ ...after, status: 'waiting', recallCount: 0 }, after);
    return ['ticket.issued', ...(after.status === 'serving' ? ['ticket.called' as const] : []), ...rest];
  }
  if (before.status === after.status) {
    return after.status === 'called' && after.recallCount > before.recallCount ? ['ticket.recalled'] : [];
  }
  switch (after.status) {
    case 'called':
      return ['ticket.called'];
    case 'serving':
      return ['ticket.started'];
    case 'done':
      return ['ticket.finished'];
    case 'skipped':
      return ['ticket.skipped'];
    case 'waiting':
      return before.status === 'skipped' ? ['ticket.requeued'] : [];
    case 'transferred':
      return ['ticket.transferred'];
    case 'cancelled':
      return ['ticket.cancelled'];
  }
}

/**
 * A rating that went from valid to void (an upheld appeal) is reported once, with the rating as
 * `rating.submitted` reported it and the decision's time and reason. A row without the rating
 * record (written before it was kept there) reports nothing: there is nothing to identify it by.
 */
export function ratingVoids(entry: AuditRecord, config: HallConfig): CapturedEvent[] {
  const before = new Map((entry.before.ratingStatus ?? []).map((s) => [s.id, s.status]));
  const why = (entry.input ?? {}) as { appealId?: unknown; reason?: unknown };
  const out: CapturedEvent[] = [];
  for (const s of entry.after.ratingStatus ?? []) {
    if (s.status !== 'void' || before.get(s.id) === 'void' || !s.rating) continue;
    const voided: PlatformRatingVoid = {
      at: entry.at,
      basis: 'appeal-upheld',
      appealId: typeof why.appealId === 'string' ? why.appealId : null,
      reason: typeof why.reason === 'string' ? why.reason : '',
    };
    out.push({ kind: 'rating.voided', subject: s.id, at: entry.at, data: { rating: platformRating(s.rating, config), voided } });
  }
  return out;
}

export function appointmentTransition(before: Appointment | undefined, after: Appointment): PlatformEventKind | null {
  if (before && before.status === after.status) return null;
  switch (after.status) {
    case 'pending-approval':
      return 'appointment.requested';
    case 'booked':
      return 'appointment.booked';
    case 'refused':
      return 'appointment.refused';
    case 'cancelled':
      return 'appointment.cancelled';
    case 'checked-in':
      return 'appointment.checked-in';
    case 'no-show':
      return 'appointment.no-show';
  }
}

function serviceFacts(serviceCode: string, config: HallConfig) {
  const s = config.services.find((x) => x.code === serviceCode);
  return { serviceName: s?.name ?? serviceCode, itemCode: s?.itemCode ?? null, department: s?.department ?? '' };
}

const windowNo = (id: string | null, config: HallConfig) => (id ? (config.windows.find((w) => w.id === id)?.no ?? null) : null);

export function platformTicket(t: TicketRecord, config: HallConfig): PlatformTicket {
  return {
    id: t.id,
    number: t.number,
    serviceCode: t.serviceCode,
    ...serviceFacts(t.serviceCode, config),
    priority: t.priority,
    status: t.status,
    channel: t.channel,
    issuedAt: t.issuedAt,
    calledAt: t.calledAt,
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
    windowId: t.windowId,
    windowNo: windowNo(t.windowId, config),
    staffNo: t.staffNo,
    caseNo: t.caseNo,
    appointmentId: t.appointmentId,
    transferredFrom: t.transferredFrom,
    recallCount: t.recallCount,
    idNumber: t.idNumber,
    phone: t.phone,
  };
}

export function platformAppointment(a: Appointment, config: HallConfig): PlatformAppointment {
  return {
    id: a.id,
    code: a.code,
    serviceCode: a.serviceCode,
    ...serviceFacts(a.serviceCode, config),
    date: a.date,
    start: a.start,
    end: a.end,
    session: a.session,
    channel: a.channel,
    status: a.status,
    createdAt: a.createdAt,
    applicant: { name: a.name, idNumber: a.idNumber, phone: a.phone },
    agent: a.agent ? { name: a.agent.name, idNumber: a.agent.idNumber } : null,
    cancellation: a.cancellation ? { by: a.cancellation.by, at: a.cancellation.at, reason: a.cancellation.reason } : null,
    checkIn: a.checkIn ? { at: a.checkIn.at, via: a.checkIn.via } : null,
    noShowAt: a.noShowAt,
  };
}

export function platformRating(r: Rating, config: HallConfig): PlatformRating {
  return {
    id: r.id,
    ticketId: r.ticketId,
    ticketNumber: r.ticketNumber,
    serviceCode: r.serviceCode,
    ...serviceFacts(r.serviceCode, config),
    department: r.department,
    windowId: r.windowId,
    windowNo: windowNo(r.windowId, config),
    staffNo: r.staffNo,
    caseNo: r.caseNo,
    level: r.level,
    levelName: r.level === null ? null : RATING_LABELS[r.level as RatingLevel],
    details: [...r.details],
    text: r.text,
    finishedAt: r.finishedAt,
    ratedAt: r.ratedAt,
  };
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: the family name stays (one character; compound names show one too). */
export function maskName(name: string): string {
  const chars = Array.from(name);
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

export function maskPhone(phone: string): string {
  return phone.length < 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/**
 * What one receiver may see: with `masked` (the default) ID numbers keep their first 6 and last
 * 4 characters, names their first, phones their first 3 and last 4; `full` passes them unchanged.
 */
export function forReceiver(data: PlatformEventData, identity: PlatformIdentity): PlatformEventData {
  if (identity === 'full') return data;
  if ('ticket' in data) {
    const t = data.ticket;
    return { ...data, ticket: { ...t, idNumber: t.idNumber === null ? null : maskIdNumber(t.idNumber), phone: t.phone === null ? null : maskPhone(t.phone) } };
  }
  if ('appointment' in data) {
    const a = data.appointment;
    return {
      appointment: {
        ...a,
        applicant: { name: maskName(a.applicant.name), idNumber: maskIdNumber(a.applicant.idNumber), phone: maskPhone(a.applicant.phone) },
        agent: a.agent ? { name: maskName(a.agent.name), idNumber: maskIdNumber(a.agent.idNumber) } : null,
      },
    };
  }
  return data;
}
