/** What /api/assisted/* answers, as the console reads it (the server's records plus display names). */
import type { Ticket } from '@hall/shared';

export interface ActorRef {
  kind: string;
  id: string;
  name: string | null;
  employeeNo: string | null;
}
export interface StaffRef {
  employeeNo: string;
  name: string;
}
export interface HistoryEntry {
  at: string;
  by: ActorRef;
  action: string;
  note: string | null;
}
interface CaseBase {
  id: string;
  no: string;
  date: string;
  receivedAt: string;
  createdBy: ActorRef;
  history: HistoryEntry[];
  statusName: string;
}

export interface ProxyView extends CaseBase {
  mode: 'help' | 'proxy';
  modeName: string;
  status: 'registered' | 'assigned' | 'in-progress' | 'completed' | 'handed-back' | 'cancelled';
  applicant: { name: string; idNumber: string; phone: string };
  organisation: string | null;
  services: string[];
  authorization: { services: string[]; actions: string[]; validFrom: string; validTo: string; signedAt: string } | null;
  materials: { name: string; received: boolean; receivedAt: string | null }[];
  note: string | null;
  agent: StaffRef | null;
  assignedAt: string | null;
  approvals: { kind: 'reassign' | 'cancel'; at: string; by: ActorRef; reason: string; from: StaffRef | null; to: StaffRef | null }[];
  steps: { at: string; by: ActorRef; serviceCode: string; action: string; note: string | null }[];
  completion: { at: string; by: ActorRef; note: string | null } | null;
  handBack: { at: string; by: ActorRef; items: string[]; to: { name: string; idNumber: string | null; relation: string | null }; note: string | null } | null;
  cancellation: { at: string; by: ActorRef; reason: string } | null;
}


export interface HomeVisitView extends CaseBase {
  category: string;
  categoryName: string;
  status: 'pending' | 'accepted' | 'declined' | 'done' | 'not-done';
  applicant: { name: string; phone: string; idNumber: string | null };
  organisation: string | null;
  address: string;
  services: string[];
  note: string | null;
  replyBy: string;
  replyOverdue: boolean;
  answeredAt: string | null;
  visit: { at: string; place: string; staff: StaffRef[]; materials: string[]; note: string | null } | null;
  decline: { at: string; reason: string } | null;
  outcome: { at: string; done: boolean; note: string } | null;
}

export interface UrgentView extends CaseBase {
  scope: string;
  scopeName: string;
  status: 'open' | 'done';
  reason: string;
  applicant: { name: string; idNumber: string | null; phone: string | null };
  serviceCode: string;
  approvedBy: ActorRef;
  tickets: { id: string; number: string; serviceCode: string; issuedAt: string }[];
  liveTickets: (Ticket | null)[];
  done: { at: string; note: string | null } | null;
}

export interface ComplaintView extends CaseBase {
  channel: string;
  channelName: string;
  status: 'registered' | 'fed-back' | 'informed' | 'closed';
  windowId: string | null;
  staff: StaffRef | null;
  content: string;
  complainant: { name: string | null; phone: string | null } | null;
  feedbackDue: string;
  feedbackOverdue: boolean;
  feedback: { at: string; by: ActorRef; content: string } | null;
  informed: { at: string; how: string; satisfied: boolean | null; note: string | null } | null;
  closure: { at: string; note: string | null } | null;
}
