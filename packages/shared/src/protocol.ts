/**
 * Wire schemas: every HTTP body and socket payload that arrives is parsed with one of these,
 * and the types both ends use come from them.
 */
import { z } from 'zod';
import { GREEN_REASONS, type Alert, type PrinterStatus, type ServiceView, type Ticket, type WindowView } from './domain.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const LoginBody = z.strictObject({ username: text(64), password: z.string().min(1).max(128) });
export const DeviceBody = z.strictObject({
  role: z.enum(['kiosk', 'window-display', 'hall-screen']),
  windowId: text(16).optional(),
  name: text(40).optional(),
});
export const IssueTicketBody = z.strictObject({
  serviceCode: text(32),
  idNumber: z.string().trim().max(32).optional(),
  phone: z.string().trim().regex(/^1\d{10}$/, '手机号码应为11位数字').optional(),
  priority: z.enum(['normal', 'green', 'urgent']).optional(),
  /** With `priority: "green"` only (服务台取号): the reason category, kept in the `ticket.issue` event's input. */
  greenReason: z.enum(GREEN_REASONS).optional(),
});
export const SignInBody = z.strictObject({ post: z.enum(['A', 'B']) });
export const FinishBody = z.strictObject({ caseNo: text(64).optional() });
export const TransferBody = z.union([
  z.strictObject({ serviceCode: text(32) }),
  z.strictObject({ windowId: text(16) }),
]);
export const PauseBody = z.strictObject({ reason: text(60) });
export const ModeBody = z.strictObject({ mode: z.enum(['normal', 'appointment']) });
export const RequeueBody = z.strictObject({ placesBack: z.number().int().min(0).max(100).optional() });
export const TestClockBody = z.union([
  z.strictObject({ advanceMinutes: z.number().finite().min(-525600).max(525600) }),
  z.strictObject({ set: text(40) }),
]);
export const DateQuery = z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD').optional() });

/** Socket.io `/hall` events sent by the server. Every one carries the hall's `seq`. */
export interface CallEvent {
  ticketNumber: string;
  ticketId: string;
  windowId: string;
  windowNo: string;
  windowName: string;
  serviceName: string;
  text: string;
  at: string;
  recall: boolean;
  seq: number;
}
/**
 * What one change did to the hall, in one message: the tickets and windows it changed and, when
 * the queue moved, the waiting count of every service. One message per change (not one per
 * ticket, window and count) keeps a hall with 1,000 screens within its CPU.
 */
export interface UpdateEvent {
  tickets: Ticket[];
  windows: WindowView[];
  /** The services whose waiting counts may have changed (only those; merge by `code`). */
  services?: ServiceView[];
  /** Sent when a new hall config takes effect (立即生效): `windows` and `services` are every one there is now; replace, don't merge. */
  complete?: boolean;
  at: string;
  seq: number;
}
export interface AlertEvent {
  alert: Alert;
  raised: boolean;
  seq: number;
}
/**
 * A checked-in appointment holder now has an `appointment` ticket [003 四(三)]: every window that
 * serves the service learns it at once, so that its staff switch to 预约办理 after the current
 * customer (the server switches and calls by itself when the window is free; an idle window has
 * already been sent the `call`, which follows this event).
 */
export interface AppointmentArrivedEvent {
  ticketNumber: string;
  ticketId: string;
  serviceCode: string;
  serviceName: string;
  /** The windows configured for the service (including 预约专窗), in the hall's order. */
  windowIds: string[];
  at: string;
  seq: number;
}
export interface SnapshotEvent {
  seq: number;
  at: string;
  windows: WindowView[];
  services: ServiceView[];
  recentCalls: CallEvent[];
  alerts: Alert[];
}

/** Sent first on every connection (not numbered): the hall's time and its latest seq. */
export interface HelloEvent {
  at: string;
  lastSeq: number;
}

export interface HallServerEvents {
  hello: (e: HelloEvent) => void;
  call: (e: CallEvent) => void;
  update: (e: UpdateEvent) => void;
  alert: (e: AlertEvent) => void;
  rating: (e: RatingEvent) => void;
  'appointment-arrived': (e: AppointmentArrivedEvent) => void;
  snapshot: (e: SnapshotEvent) => void;
  /** Answer to a bad client message. */
  'error-message': (e: { code: string; message: string }) => void;
}

/** Sent by a client that wants everything after `lastSeq` (also accepted in the handshake auth). */
export const ResumeBody = z.strictObject({ lastSeq: z.number().int().min(0) });
export interface HallClientEvents {
  resume: (body: unknown) => void;
}

/** The names of events that count in the hall's seq and are replayed on reconnect. */
export type BroadcastName = 'call' | 'update' | 'alert' | 'rating' | 'appointment-arrived';

// ---------------------------------------------------------------- appointments

const idText = z.string().trim().min(15).max(32);
export const SlotsQuery = z.strictObject({
  serviceCode: text(32),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD'),
});
export const BookBody = z.strictObject({
  serviceCode: text(32),
  start: text(40),
  name: text(30),
  idNumber: idText,
  phone: z.string().trim().regex(/^1\d{10}$/, '手机号码应为11位数字'),
  channel: z.enum(['online', 'onsite', 'phone']).default('online'),
  agent: z.strictObject({ name: text(30), idNumber: idText }).optional(),
});
/**
 * The applicant cancels with their ID; staff cancel for the hall with a reason. `{}` (or no body):
 * staff cancel on the applicant's behalf (the applicant phoned or came to the desk) — the
 * applicant's deadline applies; from the public it is refused (the ID number is needed).
 */
export const CancelAppointmentBody = z.union([z.strictObject({ idNumber: idText }), z.strictObject({ reason: text(100) }), z.strictObject({})]);
/** The applicant cancels from any phone with the booking code and their ID number. */
export const CancelByCodeBody = z.strictObject({ code: z.string().trim().min(4).max(16), idNumber: idText });
export const CheckInBody = z.union([
  z.strictObject({ qrToken: z.string().trim().min(10).max(120) }),
  z.strictObject({ code: z.string().trim().min(4).max(16), idNumber: idText }),
  z.strictObject({ idNumber: idText }),
]);
export const ReasonBody = z.strictObject({ reason: text(100) });
export const LiftBanBody = z.strictObject({ idNumber: idText, reason: text(100) });
/** 《预约登记表》: one day (`date`) or a range (`from` … `to`, inclusive); as JSON, CSV or XLSX. */
export const RegisterQuery = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD').optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '开始日期应为 YYYY-MM-DD').optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '结束日期应为 YYYY-MM-DD').optional(),
  serviceCode: text(32).optional(),
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
});

// ---------------------------------------------------------------- ratings (好差评)

const ratingTicketId = z.string().trim().min(1).max(64);
/** From the window's evaluation pad: a level with, for a 差评, details or text; or "not rated" when it timed out. */
export const RatingBody = z.union([
  z.strictObject({
    ticketId: ratingTicketId,
    level: z.number().int().min(1, '评价等级应为 1—5').max(5, '评价等级应为 1—5'),
    details: z.array(z.string().trim().min(1).max(20)).max(12).optional(),
    text: z.string().trim().max(300, '文字意见最多 300 字').optional(),
  }),
  z.strictObject({ ticketId: ratingTicketId, notRated: z.literal(true) }),
]);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');
export const RatingStatsQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  by: z.enum(['staff', 'window', 'department']).optional(),
  /** Instead of from/to: the week (Monday–Sunday), month or quarter containing `date` (default today). */
  period: z.enum(['week', 'month', 'quarter']).optional(),
  date: day.optional(),
});
/**
 * Sent when a pad records an answer, so the console sees a 差评 at once and a second pad closes.
 * Who rated is for authorised roles only [004 第七条]: ticketId, ticketNumber and `at` reach only
 * managers, admins and the display of the window rated; every other client gets the same `seq`
 * without them (server/realtime.ts).
 */
export interface RatingEvent {
  ticketId?: string;
  ticketNumber?: string;
  windowId: string;
  /** null: not rated. */
  level: number | null;
  bad: boolean;
  at?: string;
  seq: number;
}

// ---------------------------------------------------------------- kiosk: voiding a ticket, device status

/** POST /api/tickets/{id}/cancel: why (e.g. 打印失败作废), recorded in the event log. */
export const CancelTicketBody = z.strictObject({ reason: text(60).optional() });
/** A receipt printer's DLE EOT status as the kiosk reads it. */
export const PrinterStatusBody = z.strictObject({
  online: z.boolean(),
  paperNearEnd: z.boolean(),
  paperOut: z.boolean(),
  coverOpen: z.boolean(),
  error: z.boolean(),
}) satisfies z.ZodType<PrinterStatus>;
/** POST /api/devices/status: a device's heartbeat, with its printer's state when it has one. */
export const DeviceStatusBody = z.strictObject({
  printer: PrinterStatusBody.optional(),
  detail: z.string().trim().max(200).optional(),
});
