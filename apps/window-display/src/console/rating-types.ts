/** What the 好差评 follow-up routes answer (issue #6 item 3), as the console reads them. */
export type RatingsTab = 'list' | 'cases' | 'appeals' | 'awards';

export interface RatingRow {
  id: string;
  ticketId: string;
  ticketNumber: string;
  serviceName: string;
  windowId: string;
  windowName: string;
  staffNo: string | null;
  staffName: string | null;
  department: string;
  departmentName: string;
  caseNo: string | null;
  level: number;
  levelName: string;
  score: number | null;
  details: string[];
  text: string | null;
  ratedAt: string;
  businessDate: string;
  status: 'valid' | 'void';
}

/** Managers only: the rater is there, masked. */
export interface ManagerRatingRow extends RatingRow {
  rater: { idNumber: string | null; phone: string | null };
  case: { id: string; status: string; statusName: string; overdue: boolean } | null;
  appeal: { id: string; status: string; statusName: string } | null;
}

export interface CaseStep {
  note: string;
  at: string;
  by: string;
  byName: string;
}

export interface CaseRow {
  id: string;
  ratingId: string;
  ticketNumber: string;
  serviceName: string;
  windowId: string;
  windowName: string;
  staffNo: string | null;
  staffName: string | null;
  level: number;
  levelName: string;
  details: string[];
  text: string | null;
  businessDate: string;
  openedAt: string;
  dueDate: string;
  status: 'open' | 'rectified' | 'closed';
  statusName: string;
  resolution: string | null;
  resolutionName: string | null;
  settlement: CaseStep | null;
  rectification: CaseStep | null;
  callback: (CaseStep & { outcome: string; method: string }) | null;
  callbackName: string | null;
  closedAt: string | null;
  overdue: boolean;
  late: boolean;
  rater?: { idNumber: string | null; phone: string | null };
}

export interface AppealRow {
  id: string;
  ratingId: string;
  ticketNumber: string;
  windowName: string;
  staffNo: string;
  staffName: string;
  level: number;
  levelName: string;
  reason: string;
  filedAt: string;
  status: 'pending' | 'upheld' | 'rejected';
  statusName: string;
  decision: { upheld: boolean; reason: string; at: string; byName: string } | null;
  rating: RatingRow | null;
}

/**
 * GET /api/ratings/mine: what the staff member rated sees [004 第七条] — the day, not the time;
 * no ticket id or number, no 办件编号. Appeals go by `id`.
 */
export interface MyRatingRow {
  id: string;
  serviceName: string;
  windowId: string;
  windowName: string;
  level: number;
  levelName: string;
  score: number | null;
  details: string[];
  text: string | null;
  businessDate: string;
  status: 'valid' | 'void';
  appealable: boolean;
  appeal: MyAppealRow | null;
}

/** GET /api/rating-appeals as staff see their own: by the rating's id, without its ticket number. */
export type MyAppealRow = Omit<AppealRow, 'ticketNumber' | 'rating'> & { rating: Omit<MyRatingRow, 'appealable' | 'appeal'> | null };

export interface StarRow {
  staffNo: string;
  name: string;
  department: string;
  departmentName: string;
  counts: Record<string, number>;
  rated: number;
  ratingPart: number;
  image: number | null;
  conduct: number | null;
  ability: number | null;
  entered: boolean;
  total: number;
  rank: number;
  star: boolean;
}

export interface Awards {
  month: string;
  parts: Record<'image' | 'conduct' | 'ability', { name: string; max: number; hint: string }>;
  stars: StarRow[];
  departments: { department: string; name: string; staff: number; average: number; rank: number; redFlag: boolean }[];
  entries: { staffNo: string; note: string | null; at: string; byName: string }[];
}

export const LEVEL_CLASS: Record<number, string> = { 5: 'lv5', 4: 'lv4', 3: 'lv3', 2: 'lv2', 1: 'lv1' };

/** "11月27日 10:05" from a hall-local ISO instant. */
export const whenText = (iso: string | null | undefined): string => (iso ? `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日 ${iso.slice(11, 16)}` : '—');
export const dateText = (date: string): string => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
