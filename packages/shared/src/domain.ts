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
}

export type AlertKind = 'unstaffed' | 'overdue' | 'pause-too-long' | 'queue-long';
export interface Alert {
  key: string;
  kind: AlertKind;
  windowId?: string;
  serviceCode?: string;
  ticketId?: string;
  since: string;
  message: string;
}
