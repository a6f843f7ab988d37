/**
 * The appointment (预约) policy of a hall, HALL-RULES §3. Every number of the rules is a field
 * here, with 沈丘县's numbers [seed 003] as the defaults; the other seeds' variants (大竹县 2
 * working days ahead, 阳城 1–5 working days, 凤县 cancel before 15:00 the day before and the
 * yearly 失约名单) are settings of the same fields. `AppointmentPolicySchema.parse({})` is the
 * demo hall's policy.
 */
import { z } from 'zod';
import { parseHhmm } from './hall-time.js';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const hhmm = z.string().regex(HHMM, '时间应为 HH:MM 格式，如 16:30');
const wellFormed = ([a, b]: readonly [string, string]) => HHMM.test(a) && HHMM.test(b);
const period = z
  .tuple([hhmm, hhmm])
  .refine((p) => !wellFormed(p) || parseHhmm(p[0]) < parseHhmm(p[1]), '时段的结束时间应晚于开始时间')
  .describe('[开始, 结束]，本地时间');
const capacity = z.number().int().min(0).max(10_000);

export const BOOKING_CHANNELS = ['onsite', 'phone', 'online'] as const;
export type BookingChannel = (typeof BOOKING_CHANNELS)[number];
export const BOOKING_CHANNEL_NAMES: Record<BookingChannel, string> = { onsite: '现场', phone: '电话', online: '线上' };

interface LeadTimeDefaults {
  minWorkingDays: number;
  cutoff: string | null;
  minMinutes: number;
  maxWorkingDays: number;
}

/** One channel's lead time; the defaults differ per channel, so each gets its own copy. */
function leadTime(d: LeadTimeDefaults, what: string) {
  return z
    .object({
      minWorkingDays: z
        .number()
        .int()
        .min(0)
        .max(30)
        .default(d.minWorkingDays)
        .describe('至少提前几个工作日预约（0 为不按工作日限制）：办理日须不早于预约日之后的第 N 个工作日'),
      cutoff: hhmm
        .nullable()
        .default(d.cutoff)
        .describe('截止时刻：办理前第 N 个工作日的这一时刻后不再接受该日预约；null 为当天结束'),
      minMinutes: z.number().int().min(0).max(7 * 24 * 60).default(d.minMinutes).describe('至少提前多少分钟（线上预约：180 = 3 小时）'),
      maxWorkingDays: z
        .number()
        .int()
        .min(1)
        .max(60)
        .default(d.maxWorkingDays)
        .describe('最多提前几个工作日预约（超出为 BOOKING_TOO_FAR）'),
    })
    .refine((l) => l.maxWorkingDays >= l.minWorkingDays, { message: '最多提前的工作日数不能少于至少提前的工作日数', path: ['maxWorkingDays'] })
    .prefault({})
    .describe(what);
}

const sessionCapacity = capacity.nullable().default(null).describe('该时段每个时间段的容量；null 为沿用业务容量');
const needsApproval = z.boolean().default(true).describe('非工作时间预约须窗口确认（确认前为“待确认”）');

export const AppointmentPolicySchema = z
  .object({
    enabled: z.boolean().default(true).describe('是否开放预约'),
    slotMinutes: z.number().int().min(15).max(240).default(60).describe('每个预约时间段的分钟数，默认每个工作小时一段 [003 一(二)]'),
    defaultCapacity: capacity.default(10).describe('每项业务每个时间段可预约的人数（未单独配置时）'),
    services: z
      .record(
        z.string(),
        z.object({
          bookable: z.boolean().default(true).describe('该业务可预约'),
          online: z.boolean().default(true).describe('该业务可线上预约'),
          capacity: capacity.optional().describe('该业务每个时间段的容量'),
          slotCapacity: z.record(hhmm, capacity).default({}).describe('按时间段开始时刻单独设置的容量，如 {"09:00": 5}'),
        }),
      )
      .default({})
      .describe('按业务编码的预约设置；未列出的业务按默认值开放预约'),
    leadTime: z
      .object({
        onsite: leadTime({ minWorkingDays: 1, cutoff: '16:30', minMinutes: 0, maxWorkingDays: 7 }, '现场预约（窗口录入）'),
        phone: leadTime({ minWorkingDays: 1, cutoff: '16:30', minMinutes: 0, maxWorkingDays: 7 }, '电话预约（窗口录入）'),
        online: leadTime({ minWorkingDays: 0, cutoff: null, minMinutes: 180, maxWorkingDays: 7 }, '线上预约（网页、手机、自助终端）'),
      })
      .prefault({})
      .describe('提前预约的要求 [003 四]：现场/电话至少提前1个工作日、前一工作日16:30截止；线上至少提前3小时'),
    limits: z
      .object({
        perSlot: z.number().int().min(1).max(10).default(1).describe('同一证件同一时间段最多预约几次'),
        perDay: z.number().int().min(1).max(20).default(2).describe('同一证件同一天最多预约几次'),
      })
      .prefault({})
      .describe('每人预约限制 [003 四(二)]'),
    sessions: z
      .object({
        flexible: z
          .object({
            enabled: z.boolean().default(false),
            minutesBefore: z.number().int().min(0).max(120).default(60).describe('上班前多少分钟起可预约'),
            minutesAfter: z.number().int().min(0).max(120).default(60).describe('下班后多少分钟内可预约'),
            needsApproval,
            capacity: sessionCapacity,
          })
          .prefault({})
          .describe('预约+早晚弹性办：工作日上班前、下班后的预约时段'),
        lunch: z
          .object({ enabled: z.boolean().default(false), needsApproval, capacity: sessionCapacity })
          .prefault({})
          .describe('预约+午间不间断办：工作日午休时段可预约'),
        weekend: z
          .object({
            enabled: z.boolean().default(false),
            days: z
              .array(z.literal([0, 6]))
              .min(1)
              .default([6, 0])
              .describe('哪些休息日开放：6=周六，0=周日；法定节假日一律不开放'),
            periods: z
              .array(period)
              .min(1)
              .default([
                ['09:00', '11:30'],
                ['15:00', '17:00'],
              ])
              .describe('周末预约时段 [002 第三条]'),
            needsApproval,
            capacity: sessionCapacity,
          })
          .prefault({})
          .describe('预约+周末办：周六、周日的预约时段（法定节假日不安排）'),
      })
      .prefault({})
      .describe('工作时间以外的预约时段，均默认关闭 [003 三]'),
    approval: z
      .object({ replyWithinMinutes: z.number().int().min(1).max(24 * 60).default(60).describe('窗口应在多少分钟内答复待确认的预约 [002 第五条]') })
      .prefault({}),
    staffArrivalMinutesBefore: z
      .number()
      .int()
      .min(0)
      .max(240)
      .default(15)
      .describe('工作时间以外的预约时段开始前多少分钟，办理该业务的窗口须有人在岗，否则告警 [000 预约服务制度 第五条(四)]'),
    cancellation: z
      .object({
        applicant: z
          .discriminatedUnion('rule', [
            z.object({
              rule: z.literal('hours-before'),
              minutesBefore: z.number().int().min(0).max(7 * 24 * 60).default(180).describe('时段开始前多少分钟截止取消 [003]'),
            }),
            z.object({
              rule: z.literal('day-before'),
              at: hhmm.default('15:00').describe('预约日前一天几点前可取消 [004 第十条]'),
            }),
          ])
          .prefault({ rule: 'hours-before' })
          .describe('申请人取消的截止规则'),
        hallMinWorkingDays: z
          .number()
          .min(0)
          .max(10)
          .default(0.5)
          .describe('大厅取消预约须至少提前多少个工作日（0.5 = 半个工作日）并说明理由 [003 四(三)]'),
      })
      .prefault({}),
    checkIn: z
      .object({
        opensMinutesBefore: z.number().int().min(0).max(240).default(30).describe('时段开始前多少分钟起可签到'),
        closesMinutesAfter: z
          .number()
          .int()
          .min(1)
          .max(240)
          .default(30)
          .describe('时段开始后多少分钟内须签到，逾时记爽约 [003, 002]'),
        voidOnIdMismatch: z
          .boolean()
          .default(false)
          .describe(
            '签到时出示的身份证与预约登记的申请人、代理人均不一致：true 预约号作废（通知申请人，不计爽约）[004 第七条]；false 拒绝签到、保留预约，本人仍可签到',
          ),
      })
      .prefault({}),
    credit: z
      .object({
        monthly: z
          .object({
            enabled: z.boolean().default(true),
            noShows: z.number().int().min(1).max(31).default(3).describe('当月爽约几次后当月不能预约，次月清零'),
          })
          .prefault({})
          .describe('按月信用 [003 四(四)]'),
        yearly: z
          .object({
            enabled: z.boolean().default(false),
            noShows: z.number().int().min(1).max(50).default(3).describe('多少个月内爽约几次列入失约名单'),
            withinMonths: z.number().int().min(1).max(24).default(12),
            banMonths: z.number().int().min(1).max(24).default(6).describe('列入失约名单后多少个月不能预约，期满自动移出'),
          })
          .prefault({})
          .describe('按年信用 [000 第六条, 004 第十条]'),
      })
      .prefault({})
      .describe('爽约信用管理'),
    reminderAt: hhmm.nullable().default('10:00').describe('预约日前一天几点发送提醒短信；null 为不提醒'),
    codeLength: z.number().int().min(6).max(12).default(8).describe('预约码长度'),
  })
  .describe('预约服务（HALL-RULES §3）');

export type AppointmentPolicy = z.infer<typeof AppointmentPolicySchema>;
export type AppointmentPolicyInput = z.input<typeof AppointmentPolicySchema>;
export type LeadTimePolicy = AppointmentPolicy['leadTime'][BookingChannel];
export type ApplicantCancelRule = AppointmentPolicy['cancellation']['applicant'];

/** The defaults: seed 003 (沈丘县) numbers, optional sessions off, monthly credit on. */
export const DEFAULT_APPOINTMENT_POLICY: AppointmentPolicy = AppointmentPolicySchema.parse({});

export interface PolicyIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Cross-field rules the schema cannot see alone: services named in `services` must exist, and the
 * weekend periods must be in order without overlapping. Paths are relative to the policy object.
 */
export function appointmentPolicyIssues(policy: AppointmentPolicy, serviceCodes: readonly string[]): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const known = new Set(serviceCodes);
  for (const code of Object.keys(policy.services)) {
    if (!known.has(code)) issues.push({ path: ['services', code], message: `业务 ${code} 未在 services 中定义` });
  }
  const p = policy.sessions.weekend.periods;
  for (let k = 1; k < p.length; k++) {
    if (parseHhmm(p[k]![0]) < parseHhmm(p[k - 1]![1])) {
      issues.push({ path: ['sessions', 'weekend', 'periods', k], message: '周末预约时段应按先后排列且互不重叠' });
    }
  }
  if (new Set(policy.sessions.weekend.days).size !== policy.sessions.weekend.days.length) {
    issues.push({ path: ['sessions', 'weekend', 'days'], message: '周末开放的日子不能重复' });
  }
  return issues;
}
