/**
 * 好差评 follow-up over HTTP (issue #6 item 3, HALL-RULES §4): the ratings list with its filters,
 * 差评 cases (当场解决 / 整改 / 回访), appeals (申诉复核), statistics periods and the monthly
 * 服务之星 / 红旗窗口 entries. Schemas validate the requests and give their types.
 */
import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');
const note = (what: string, max = 300) => z.string().trim().max(max, `${what}最多 ${max} 字`);

export const StatsPeriodSchema = z.enum(['week', 'month', 'quarter'], { message: '统计周期应为 week（周）、month（月）或 quarter（季度）' });

/** GET /api/ratings (manager): all ratings, filtered. */
export const RatingListQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  period: StatsPeriodSchema.optional(),
  date: day.optional(),
  windowId: z.string().trim().min(1).max(16).optional(),
  staffNo: z.string().trim().min(1).max(20).optional(),
  department: z.string().trim().min(1).max(32).optional(),
  level: z.coerce.number().int().min(1, '评价等级应为 1—5').max(5, '评价等级应为 1—5').optional(),
  bad: z.enum(['true', 'false'], { message: 'bad 应为 true 或 false' }).optional(),
  caseNo: z.enum(['with', 'without'], { message: 'caseNo 应为 with（有办件编号）或 without（无办件编号）' }).optional(),
  status: z.enum(['valid', 'void', 'all'], { message: 'status 应为 valid、void 或 all' }).optional(),
});

/** GET /api/ratings/mine (staff): their own ratings, never who rated. */
export const MyRatingsQuery = z.strictObject({ from: day.optional(), to: day.optional() });

export const RatingCaseListQuery = z.strictObject({
  status: z.enum(['open', 'rectified', 'closed', 'overdue', 'active', 'all'], { message: 'status 应为 open、rectified、closed、overdue、active 或 all' }).optional(),
  from: day.optional(),
  to: day.optional(),
});

export const CaseNoteBody = z.strictObject({ note: note('说明') });
export const CaseCallbackBody = z.strictObject({
  outcome: z.enum(['satisfied', 'basic', 'unsatisfied'], { message: '回访结果应为 satisfied（满意）、basic（基本满意）或 unsatisfied（不满意）' }),
  method: z.enum(['phone', 'sms', 'wechat', 'visit'], { message: '回访方式应为 phone（电话）、sms（短信）、wechat（微信）或 visit（上门见面）' }),
  note: note('回访情况'),
});

export const AppealBody = z.strictObject({ ratingId: z.string().trim().min(1, '请选择要申诉的评价').max(64), reason: note('申诉理由', 500) });
export const AppealListQuery = z.strictObject({ status: z.enum(['pending', 'upheld', 'rejected', 'all'], { message: 'status 应为 pending、upheld、rejected 或 all' }).optional() });
export const AppealDecisionBody = z.strictObject({ upheld: z.boolean({ message: '请选择申诉是否成立（upheld: true 或 false）' }), reason: note('复核意见', 500) });

const part = (name: string) => z.number({ message: `${name}应为 0—15 的整数` }).int(`${name}应为 0—15 的整数`).min(0, `${name}应为 0—15 的整数`).max(15, `${name}应为 0—15 的整数`);
export const MonthParams = z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM') });
export const AwardQuery = z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM').optional() });
export const AwardEntryParams = MonthParams.extend({ staffNo: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, '工号不正确') });
/** The 评选制度's parts managers enter for a staff member and month: 职业形象, 职业素养, 职业能力 (15 each). */
export const AwardEntryBody = z.strictObject({ image: part('职业形象'), conduct: part('职业素养'), ability: part('职业能力'), note: note('备注', 200).optional() });

/** A rater as authorised roles see them: the ticket's ID number and phone, masked. */
export interface RaterView {
  idNumber: string | null;
  phone: string | null;
}
