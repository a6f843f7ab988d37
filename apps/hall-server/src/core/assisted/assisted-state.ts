/**
 * Assisted services (HALL-RULES §5): the records, the state the engine reads and the change set its
 * transitions return. Like the appointment engine: transitions never mutate the state; the shell
 * commits the changes (one SQLite transaction, with the audit row) and then `applyAssistedChanges`
 * levels the state.
 */
import type {
  ComplaintChannel,
  ComplaintStatus,
  HallConfig,
  HomeVisitCategory,
  HomeVisitStatus,
  ProxyAction,
  ProxyMode,
  ProxyStatus,
  UrgentScope,
  UrgentStatus,
} from '@hall/shared';
import type { ActorRef } from '../appointments/appointment-state.js';
import type { HallHours } from '../hall-hours.js';
import type { Actor } from '../hall-state.js';

export type { ActorRef };

/** A member of staff as records keep them: 工号 and name (from the hall config). */
export interface StaffRef {
  employeeNo: string;
  name: string;
}

/** What every record has: id, 登记号, when it arrived (and its hall-local date), who entered it, and its trail. */
interface CaseBase {
  id: string;
  /** 登记号: kind prefix + date + 3-digit daily counter, e.g. DB20261123001. */
  no: string;
  /** Hall-local date the record arrived on (YYYY-MM-DD). */
  date: string;
  receivedAt: string;
  createdBy: ActorRef;
  /** Every step, in order: the record's own audit trail (the event log has the before/after too). */
  history: HistoryEntry[];
}

export interface HistoryEntry {
  at: string;
  by: ActorRef;
  action: string;
  note: string | null;
}

// ---------------------------------------------------------------- 帮办代办

export interface ProxyAuthorization {
  /** The services the applicant authorised (委托事项). */
  services: string[];
  /** What the agent may do for them (委托权限). */
  actions: ProxyAction[];
  /** Validity period (有效期限), hall-local dates, both inclusive. */
  validFrom: string;
  validTo: string;
  /** When the applicant signed the authorisation (ISO 8601 with the hall's offset). */
  signedAt: string;
}

export interface ProxyMaterial {
  name: string;
  received: boolean;
  receivedAt: string | null;
}

/** A manager's approval on the record (改派, 取消): who, when, why. */
export interface Approval {
  kind: 'reassign' | 'cancel';
  at: string;
  by: ActorRef;
  reason: string;
  from: StaffRef | null;
  to: StaffRef | null;
}

export interface ProxyStep {
  at: string;
  by: ActorRef;
  serviceCode: string;
  action: ProxyAction;
  note: string | null;
}

export interface ProxyRequest extends CaseBase {
  kind: 'proxy';
  mode: ProxyMode;
  status: ProxyStatus;
  applicant: { name: string; idNumber: string; phone: string };
  organisation: string | null;
  services: string[];
  /** 代办 only (null for 帮办). */
  authorization: ProxyAuthorization | null;
  /** 代办: the materials handed over (材料交接). */
  materials: ProxyMaterial[];
  note: string | null;
  agent: StaffRef | null;
  /** When the current agent was assigned. */
  assignedAt: string | null;
  approvals: Approval[];
  steps: ProxyStep[];
  completion: { at: string; by: ActorRef; note: string | null } | null;
  handBack: { at: string; by: ActorRef; items: string[]; to: { name: string; idNumber: string | null; relation: string | null }; note: string | null } | null;
  cancellation: { at: string; by: ActorRef; reason: string } | null;
}

// ---------------------------------------------------------------- 上门服务

export interface HomeVisitRequest extends CaseBase {
  kind: 'home-visit';
  category: HomeVisitCategory;
  status: HomeVisitStatus;
  applicant: { name: string; phone: string; idNumber: string | null };
  organisation: string | null;
  address: string;
  services: string[];
  note: string | null;
  /** The same-day answer is due by this instant (see `replyDeadline`). */
  replyBy: string;
  answeredAt: string | null;
  visit: { at: string; place: string; staff: StaffRef[]; materials: string[]; note: string | null; by: ActorRef } | null;
  decline: { at: string; by: ActorRef; reason: string } | null;
  outcome: { at: string; by: ActorRef; done: boolean; note: string } | null;
}

// ---------------------------------------------------------------- 特事特办

export interface UrgentTicketRef {
  id: string;
  number: string;
  serviceCode: string;
  issuedAt: string;
}

export interface UrgentCase extends CaseBase {
  kind: 'urgent';
  scope: UrgentScope;
  status: UrgentStatus;
  reason: string;
  applicant: { name: string; idNumber: string | null; phone: string | null };
  serviceCode: string;
  approvedBy: ActorRef;
  /** Its `urgent` tickets, in issue order. */
  tickets: UrgentTicketRef[];
  done: { at: string; by: ActorRef; note: string | null } | null;
}

// ---------------------------------------------------------------- 投诉

export interface Complaint extends CaseBase {
  kind: 'complaint';
  channel: ComplaintChannel;
  status: ComplaintStatus;
  /** The window and/or staff member complained about (at least one). */
  windowId: string | null;
  staff: StaffRef | null;
  content: string;
  /** null: anonymous. */
  complainant: { name: string | null; phone: string | null } | null;
  /** The window lead's feedback is due by this instant: 2 working days [004]. */
  feedbackDue: string;
  feedback: { at: string; by: ActorRef; content: string } | null;
  informed: { at: string; by: ActorRef; how: string; satisfied: boolean | null; note: string | null } | null;
  closure: { at: string; by: ActorRef; note: string | null } | null;
}

export type AssistedCase = ProxyRequest | HomeVisitRequest | UrgentCase | Complaint;
export type AssistedKind = AssistedCase['kind'];

export const KIND_NAMES: Record<AssistedKind, string> = { proxy: '帮办代办', 'home-visit': '上门服务', urgent: '特事特办', complaint: '投诉' };
/** 登记号 prefixes: 帮(代)办, 上门, 特办, 投诉. */
export const KIND_PREFIX: Record<AssistedKind, string> = { proxy: 'DB', 'home-visit': 'SM', urgent: 'TB', complaint: 'TS' };

/** Still needs someone to act (the store keeps these in memory whatever their age). */
export function isOpen(c: AssistedCase): boolean {
  switch (c.kind) {
    case 'proxy':
      return c.status !== 'handed-back' && c.status !== 'cancelled';
    case 'home-visit':
      return c.status === 'pending' || c.status === 'accepted';
    case 'urgent':
      return c.status === 'open';
    case 'complaint':
      return c.status !== 'closed';
  }
}

// ---------------------------------------------------------------- state, context, changes

export interface AssistedContext {
  /** Epoch ms. */
  now: number;
  config: HallConfig;
  /** Opening periods of working days (the hall calendar: holidays, 调休, overrides). */
  hours: HallHours;
  actor: Actor;
  newId: () => string;
}

export interface AssistedLogEntry {
  type: string;
  actor: Actor;
  at: string;
  subject: string;
  input: unknown;
  before: { assisted: AssistedCase[] };
  after: { assisted: AssistedCase[] };
}

export interface AssistedChanges {
  /** New or changed records, whole. */
  cases: AssistedCase[];
  /** The audit entry; null when nothing changed. */
  log: AssistedLogEntry | null;
}

export interface AssistedOutcome<T> {
  value: T;
  changes: AssistedChanges;
}

export class AssistedState {
  readonly cases = new Map<string, AssistedCase>();
  readonly byNo = new Map<string, string>();

  static of(cases: Iterable<AssistedCase> = []): AssistedState {
    const s = new AssistedState();
    for (const c of cases) s.put(c);
    return s;
  }

  put(c: AssistedCase): void {
    this.cases.set(c.id, c);
    this.byNo.set(c.no, c.id);
  }
}

export function applyAssistedChanges(state: AssistedState, changes: AssistedChanges): void {
  for (const c of changes.cases) state.put(c);
}
