/**
 * 服务之星 and 红旗窗口 [004 “服务之星”和“红旗窗口”评选制度, HALL-RULES §4]. Each month every
 * window staff member gets a composite score: the 好差评 part computed from the month's valid
 * ratings (非常满意 15, 满意 10, 基本满意 5, 不满意 / 非常不满意 0, summed and capped at 30) plus
 * three parts a manager enters (职业形象, 职业素养, 职业能力, 15 each). The top three are the month's
 * 服务之星; the department whose staff have the best average composite is the 红旗窗口.
 *
 * Ties are ordered by the 好差评 part, then by the number of ratings, then by 工号, so the ranking is
 * always the same list; the rank number itself is shared by equal totals (1, 1, 3).
 */
import type { HallConfig, Rating, RatingLevel } from '@hall/shared';

/** Points per rating for the 好差评 part (条款四.1) and its cap. */
export const AWARD_RATING_POINTS: Record<RatingLevel, number> = { 5: 15, 4: 10, 3: 5, 2: 0, 1: 0 };
export const AWARD_RATING_CAP = 30;
export const STARS_PER_MONTH = 3;

/** The parts managers enter (条款四.2–4), each out of 15. */
export const AWARD_PARTS = {
  image: { name: '职业形象', max: 15, hint: '亮明身份上岗、仪容仪表整洁、讲究卫生、言谈举止文明' },
  conduct: { name: '职业素养', max: 15, hint: '公开服务内容与流程 3、遵守制度不迟到早退 5、谦和有礼微笑服务 4、团结协作勤俭节约 3' },
  ability: { name: '职业能力', max: 15, hint: '沟通与业务能力 3、表现突出争先创优 3、尽职完成工作量 5、延时错时预约代办等主动服务 4' },
} as const;
export type AwardPart = keyof typeof AWARD_PARTS;
export const AWARD_PART_KEYS = Object.keys(AWARD_PARTS) as AwardPart[];

/** A manager's entry for one staff member and month. */
export interface AwardEntry {
  month: string;
  staffNo: string;
  image: number;
  conduct: number;
  ability: number;
  note: string | null;
  at: string;
  by: string;
  byName: string;
}

export interface StarRow {
  staffNo: string;
  name: string;
  department: string;
  departmentName: string;
  counts: Record<RatingLevel, number>;
  rated: number;
  ratingPart: number;
  image: number | null;
  conduct: number | null;
  ability: number | null;
  /** Whether a manager has entered the other parts this month. */
  entered: boolean;
  total: number;
  rank: number;
  star: boolean;
}

export interface DepartmentRow {
  department: string;
  name: string;
  staff: number;
  /** Average composite of the department's window staff, two decimals. */
  average: number;
  rank: number;
  redFlag: boolean;
}

export function ratingPart(counts: Record<RatingLevel, number>): number {
  const sum = (Object.keys(AWARD_RATING_POINTS) as unknown as RatingLevel[]).reduce((s, l) => s + AWARD_RATING_POINTS[l] * (counts[l] ?? 0), 0);
  return Math.min(AWARD_RATING_CAP, sum);
}

/** A staff member's department: their own, else that of a window where they hold a post. */
export function staffDepartment(config: HallConfig, employeeNo: string): string {
  const s = config.staff.find((x) => x.employeeNo === employeeNo);
  if (s?.department) return s.department;
  const w = config.windows.find((x) => x.posts.A === employeeNo) ?? config.windows.find((x) => x.posts.B === employeeNo);
  return w?.department ?? '';
}

function ranked<T extends { rank: number }>(rows: T[], score: (r: T) => number): T[] {
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && score(prev) === score(r) ? prev.rank : i + 1;
  });
  return rows;
}

/** 服务之星 ranking of the month: every window staff member, with each part. `ratings`: the month's valid ratings. */
export function serviceStars(config: HallConfig, ratings: readonly Rating[], entries: readonly AwardEntry[]): StarRow[] {
  const deptName = (code: string) => config.departments.find((d) => d.code === code)?.name ?? (code || '未分部门');
  const rows = config.staff
    .filter((s) => s.role === 'staff')
    .map((s): StarRow => {
      const counts: Record<RatingLevel, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
      for (const r of ratings) if (r.staffNo === s.employeeNo && r.level !== null) counts[r.level]++;
      const e = entries.find((x) => x.staffNo === s.employeeNo) ?? null;
      const part = ratingPart(counts);
      const department = staffDepartment(config, s.employeeNo);
      return {
        staffNo: s.employeeNo,
        name: s.name,
        department,
        departmentName: deptName(department),
        counts,
        rated: counts[1] + counts[2] + counts[3] + counts[4] + counts[5],
        ratingPart: part,
        image: e?.image ?? null,
        conduct: e?.conduct ?? null,
        ability: e?.ability ?? null,
        entered: e !== null,
        total: part + (e ? e.image + e.conduct + e.ability : 0),
        rank: 0,
        star: false,
      };
    })
    .sort((a, b) => b.total - a.total || b.ratingPart - a.ratingPart || b.rated - a.rated || a.staffNo.localeCompare(b.staffNo));
  ranked(rows, (r) => r.total);
  rows.forEach((r, i) => (r.star = i < STARS_PER_MONTH && r.total > 0));
  return rows;
}

/** 红旗窗口 ranking: departments by the average composite of all their window staff. */
export function redFlagRanking(config: HallConfig, stars: readonly StarRow[]): DepartmentRow[] {
  const byDept = new Map<string, StarRow[]>();
  for (const r of stars) byDept.set(r.department, [...(byDept.get(r.department) ?? []), r]);
  const rows = [...byDept.entries()]
    .map(([code, list]): DepartmentRow => ({
      department: code,
      name: config.departments.find((d) => d.code === code)?.name ?? (code || '未分部门'),
      staff: list.length,
      average: Math.round((list.reduce((s, r) => s + r.total, 0) / list.length) * 100) / 100,
      rank: 0,
      redFlag: false,
    }))
    .sort((a, b) => b.average - a.average || a.department.localeCompare(b.department));
  ranked(rows, (r) => r.average);
  if (rows[0] && rows[0].average > 0) rows[0].redFlag = true;
  return rows;
}
