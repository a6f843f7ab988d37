/** Domain types shared by the server and every client. Times are ISO 8601 with offset. */

export const PRIORITIES = ['appointment', 'urgent', 'green', 'normal'] as const;
/** Highest first: 预约 > 特事特办 > 绿色通道 > 普通. */
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_NAMES: Record<Priority, string> = {
  appointment: '预约',
  urgent: '特事特办',
  green: '绿色通道',
  normal: '普通',
};

/**
 * Why a ticket was given 绿色通道 at the guide desk (服务台) [HALL-RULES §2: 老、弱、病、残、孕、军烈属].
 * Recorded only in the issuing event's input (the audit log), not on the ticket.
 */
export const GREEN_REASONS = ['elderly', 'disabled', 'pregnant', 'military', 'other'] as const;
export type GreenReason = (typeof GREEN_REASONS)[number];
export const GREEN_REASON_NAMES: Record<GreenReason, string> = {
  elderly: '老年人',
  disabled: '残疾人',
  pregnant: '孕妇',
  military: '军人军属',
  other: '其他',
};

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'skipped', 'transferred', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_STATUS_NAMES: Record<TicketStatus, string> = {
  waiting: '等候中',
  called: '已呼叫',
  serving: '办理中',
  done: '已办结',
  skipped: '已过号',
  transferred: '已转移',
  cancelled: '已作废',
};

/** Statuses in which a ticket still holds a place (one per ID number at a time). */
export const ACTIVE_STATUSES: ReadonlySet<TicketStatus> = new Set(['waiting', 'called', 'serving']);

export type TicketChannel = 'kiosk' | 'staff' | 'appointment' | 'transfer';

export interface Ticket {
  id: string;
  number: string;
  serviceCode: string;
  priority: Priority;
  status: TicketStatus;
  /** Hall-local date the ticket belongs to. */
  businessDate: string;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  windowId: string | null;
  /** Staff who called it (employeeNo). */
  staffNo: string | null;
  /** Only this window may call it (a transfer to a window). */
  targetWindowId: string | null;
  /** The ticket this one was transferred from. */
  transferredFrom: string | null;
  channel: TicketChannel;
  idNumber: string | null;
  phone: string | null;
  recallCount: number;
  /** Set when a skipped ticket was put back in the queue (过号重排). */
  requeuedAt: string | null;
  caseNo: string | null;
  appointmentId: string | null;
}

/** What a ticket carries before anyone has acted on it: a new ticket's defaults. */
export const UNTOUCHED_TICKET = {
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  windowId: null,
  staffNo: null,
  targetWindowId: null,
  transferredFrom: null,
  idNumber: null,
  phone: null,
  recallCount: 0,
  requeuedAt: null,
  caseNo: null,
  appointmentId: null,
} as const satisfies Partial<Ticket>;

export type WindowStatus = 'open' | 'paused' | 'closed' | 'unstaffed';
export type WindowMode = 'normal' | 'appointment';
export type Post = 'A' | 'B';

export interface OnDuty {
  name: string;
  employeeNo: string;
  post: Post;
  since: string;
}

/** A window as every client sees it (GET /api/windows and the `window` event). */
export interface WindowView {
  id: string;
  no: string;
  name: string;
  department: string;
  services: string[];
  status: WindowStatus;
  mode: WindowMode;
  appointmentOnly: boolean;
  pause: { reason: string; since: string } | null;
  onDuty: OnDuty[];
  current: Ticket | null;
}

export interface ServiceView {
  code: string;
  name: string;
  prefix: string;
  department: string;
  waiting: number;
}

/** GET /api/services: a service with the wait of a ticket taken now. */
export interface ServiceStatus extends ServiceView {
  /** 预计等候时间 (minutes until a normal ticket taken now is called); null when no window serving it is open. */
  estimatedWaitMinutes: number | null;
  /** Tickets for it are taken with an ID card (实名取号): the kiosk asks for the card first. */
  realName: boolean;
}

/** A ticket with its place in the queue: GET /api/tickets/{id}, POST /api/tickets. */
export interface TicketStatusView extends Ticket {
  /** People before it in its queue (0 unless waiting). */
  waitingAhead: number;
  /** 预计等候时间 in minutes; null when not waiting or no window that may call it is open. */
  estimatedWaitMinutes: number | null;
  /** For a `transferred` ticket: the ticket it became (same number), so a status page can follow it. */
  transferredTo?: string | null;
}

/** A 延时服务 record: a service that ran past closing. */
export interface OvertimeRecord {
  id: string;
  businessDate: string;
  windowId: string;
  staffNo: string | null;
  ticketId: string;
  ticketNumber: string;
  serviceCode: string;
  closingAt: string;
  finishedAt: string;
  minutesPastClosing: number;
  /** Minutes beyond `hours.overtimeLimitMinutes` (0 within it); set when read, against the limit in force. */
  minutesOverLimit?: number;
}

export type AlertKind =
  | 'unstaffed'
  | 'overdue'
  | 'pause-too-long'
  | 'queue-long'
  | 'printer'
  | 'device-offline'
  | 'home-visit-overdue'
  | 'complaint-overdue'
  | 'rating-case-overdue'
  /** 延时服务 past `hours.overtimeLimitMinutes` [002 第三条]. */
  | 'overtime-limit'
  /** An out-of-hours booked slot about to start with nobody at a window of its service [000 第五条(四)]. */
  | 'appointment-unstaffed'
  /** An out-of-hours request not answered within `appointments.approval.replyWithinMinutes` [002 第五条]. */
  | 'approval-overdue'
  /** Days ahead that the holiday data does not cover and the hall has not entered. */
  | 'calendar-uncovered';
export interface Alert {
  key: string;
  kind: AlertKind;
  /** `warning`: needs attention soon (e.g. paper near its end); absent: needs action now. */
  severity?: 'warning';
  windowId?: string;
  serviceCode?: string;
  ticketId?: string;
  deviceId?: string;
  since: string;
  message: string;
}

// ---------------------------------------------------------------- devices

export type DeviceRole = 'kiosk' | 'window-display' | 'hall-screen';

/** A receipt printer's state as a kiosk reads it (ESC/POS DLE EOT) and reports it. */
export interface PrinterStatus {
  /** The printer answered at all. */
  online: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
  coverOpen: boolean;
  /** Cutter, unrecoverable or auto-recoverable error. */
  error: boolean;
}

/** GET /api/devices/status: one registered device as the hall manager sees it. */
export interface DeviceStatusView {
  id: string;
  name: string;
  role: DeviceRole;
  windowId: string | null;
  /** Last request or status report from the device since the server started; null: not heard from. */
  lastSeenAt: string | null;
  secondsSinceSeen: number | null;
  /** The last reported printer state (kiosks), or null. */
  printer: PrinterStatus | null;
  /** The device's own last words (free text), or null. */
  detail: string | null;
  /** Nothing to do. */
  ok: boolean;
  /** In Chinese: 正常, 打印纸已用完, 超过60秒未联络… */
  summary: string;
}
