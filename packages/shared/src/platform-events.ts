/**
 * What the 政务服务平台 receives: one envelope per event, the same in a webhook body and in a page
 * of GET /api/platform/events, and the wire schemas of the platform routes.
 */
import { z } from 'zod';
import type { PlatformEventKind } from './platform-config.js';
import type { Priority, TicketChannel, TicketStatus } from './domain.js';

/** A queue ticket as the platform sees it. `idNumber`/`phone` are masked unless the receiver is set to full identity. */
export interface PlatformTicket {
  id: string;
  number: string;
  serviceCode: string;
  serviceName: string;
  /** 事项编码 from the service config, or null. */
  itemCode: string | null;
  /** Department code of the service. */
  department: string;
  priority: Priority;
  status: TicketStatus;
  channel: TicketChannel;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  windowId: string | null;
  windowNo: string | null;
  /** 工号 of the staff member who called it. */
  staffNo: string | null;
  /** 办件编号 entered at 办结. */
  caseNo: string | null;
  appointmentId: string | null;
  transferredFrom: string | null;
  recallCount: number;
  idNumber: string | null;
  phone: string | null;
}

export interface PlatformAppointment {
  id: string;
  /** 预约码. */
  code: string;
  serviceCode: string;
  serviceName: string;
  itemCode: string | null;
  department: string;
  date: string;
  start: string;
  end: string;
  /** regular 工作时间, flexible 早晚弹性办, lunch 午间不间断办, weekend 周末办. */
  session: string;
  /** online 线上, onsite 现场, phone 电话. */
  channel: string;
  status: string;
  createdAt: string;
  applicant: { name: string; idNumber: string; phone: string };
  agent: { name: string; idNumber: string } | null;
  cancellation: { by: 'applicant' | 'hall'; at: string; reason: string | null } | null;
  checkIn: { at: string; via: string } | null;
  noShowAt: string | null;
}

/** A 好差评 answer; who rated is never part of it. `level` null: the pad timed out (not rated). */
export interface PlatformRating {
  id: string;
  ticketId: string;
  ticketNumber: string;
  serviceCode: string;
  serviceName: string;
  itemCode: string | null;
  department: string;
  windowId: string;
  windowNo: string | null;
  staffNo: string | null;
  caseNo: string | null;
  level: number | null;
  levelName: string | null;
  details: string[];
  text: string | null;
  finishedAt: string;
  ratedAt: string;
}

/**
 * `rating.voided`: a manager upheld the rated staff member's appeal (申诉复核), so the rating no
 * longer counts anywhere [004 第五条]. The rating is the one `rating.submitted` reported (same `id`).
 */
export interface PlatformRatingVoid {
  /** Hall-local time of the decision. */
  at: string;
  /** 申诉成立: the only way a rating is voided today. */
  basis: 'appeal-upheld';
  appealId: string | null;
  /** The manager's 复核意见 (told to the staff member too). */
  reason: string;
}

export type PlatformEventData =
  | { ticket: PlatformTicket; transferredTo?: { ticketId: string; serviceCode: string; targetWindowId: string | null } }
  | { appointment: PlatformAppointment }
  | { rating: PlatformRating; voided?: PlatformRatingVoid };

export interface PlatformEvent {
  /** Stable id of the event: the same on every retry and for every receiver. Drop a repeat. */
  id: string;
  /** Position in the hall's journal: increases by one per event, no gaps, the order things happened. */
  seq: number;
  kind: PlatformEventKind;
  /** Hall-local time of the change, ISO 8601 with offset. */
  at: string;
  hall: { code: string | null; name: string };
  data: PlatformEventData;
}

/** GET /api/platform/events */
export const PlatformEventsQuery = z.strictObject({
  after: z
    .string()
    .regex(/^(0|[1-9]\d{0,14})$/, '游标 after 应为上一页返回的 next（从头读取时为 0 或不填）')
    .optional(),
  limit: z.string().regex(/^[1-9]\d{0,3}$/, 'limit 应为 1 到 1000 之间的整数').optional(),
  kinds: z.string().trim().min(1).max(400).optional(),
});

export interface PlatformEventsPage {
  events: PlatformEvent[];
  /** Pass as `after` to read on; equal to the `after` sent when nothing new has happened. */
  next: string;
  /** More events are already there: read again at once. */
  hasMore: boolean;
}

/** POST /api/platform/webhooks/retry-failed: put deliveries that ran out of attempts back in the queue. */
export const RetryFailedBody = z.strictObject({ target: z.string().trim().min(1).max(32).optional() });

/** GET /api/platform/webhooks: one receiver (a webhook endpoint or the 好差评 upload). */
export interface DeliveryTargetStatus {
  id: string;
  kind: 'webhook' | 'rating-upload';
  name: string | null;
  url: string | null;
  events: string[];
  identity: 'masked' | 'full' | null;
  /** false: deliveries left over from a receiver no longer in the config (not sent). */
  configured: boolean;
  /** Not yet delivered (including those waiting for a retry). */
  pending: number;
  /** Pending after at least one failed attempt. */
  retrying: number;
  /** Ran out of attempts; listed until a manager sends them again. */
  failed: number;
  delivered: number;
  /** Not to be sent any more: a 好差评 upload whose rating was voided before it went up. */
  cancelled: number;
  oldestPendingAt: string | null;
  nextAttemptAt: string | null;
  lastDeliveredAt: string | null;
  lastError: DeliveryError | null;
}

export interface DeliveryError {
  at: string;
  message: string;
  eventId: string;
  kind: string;
  attempts: number;
  /** The delivery it happened to is still not delivered. */
  unresolved: boolean;
}

export interface PlatformDeliveryStatus {
  enabled: boolean;
  /** Events in the journal and the last seq. */
  journal: { events: number; lastSeq: number };
  targets: DeliveryTargetStatus[];
  totals: { pending: number; retrying: number; failed: number; delivered: number };
  lastError: (DeliveryError & { target: string }) | null;
}
