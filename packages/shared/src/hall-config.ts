/**
 * The hall configuration: services, windows, staff, hours and policies. It is validated on
 * load with Chinese messages that name the field, and `npm run hall-schema` writes its JSON
 * Schema (docs/hall-config.schema.json) from this same declaration.
 */
import { z } from 'zod';
import { parseHhmm } from './hall-time.js';
import { DEFAULT_VOICE_TEMPLATE, VoicePolicySchema } from './voice.js';
import { AppointmentPolicySchema, appointmentPolicyIssues } from './appointment-config.js';
import { RatingPolicySchema } from './ratings.js';
import { PlatformConfigSchema, platformConfigIssues } from './platform-config.js';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Zod runs refinements even after a regex failure, so they must not parse a malformed time. */
const wellFormed = ([a, b]: readonly [string, string]) => HHMM.test(a) && HHMM.test(b);
const hhmm = z.string().regex(HHMM, '时间应为 HH:MM 格式，如 09:00');
const period = z
  .tuple([hhmm, hhmm])
  .refine((p) => !wellFormed(p) || parseHhmm(p[0]) < parseHhmm(p[1]), '时段的结束时间应晚于开始时间')
  .describe('[开始, 结束]，本地时间');
const periods = z.array(period).describe('按时间先后排列、互不重叠的时段');
const dateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD 格式');

export const ServiceGuideSchema = z.object({
  conditions: z.array(z.string()).default([]).describe('办理条件'),
  materials: z.array(z.string()).default([]).describe('申请材料清单（一次性告知）'),
  timeLimit: z.string().optional().describe('承诺办结时限'),
  fees: z.string().optional().describe('收费标准'),
});

export const ServiceConfigSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '业务编码只能包含字母、数字、下划线和横线'),
  name: z.string().min(1).max(40),
  department: z.string().min(1).describe('departments 中的部门编码'),
  prefix: z.string().regex(/^[A-XZ][A-Z]?$/, '号码前缀应为1到2个大写字母，且不以Y开头（Y留给预约号，如YA001）'),
  dailyCap: z.number().int().positive().nullable().default(null).describe('每日号源上限，null 为不限'),
  ticketHours: periods.optional().describe('该业务的取号时段；缺省为大厅取号时间'),
  targetMinutes: z.number().int().positive().default(15).describe('限时办结：受理目标时长（分钟）'),
  realName: z.boolean().default(false).describe('取号须刷身份证'),
  guide: ServiceGuideSchema.default({ conditions: [], materials: [] }).describe('办事指南'),
  itemCode: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, '事项编码只能包含字母、数字和横线（至多 64 位）').optional().describe('政务服务事项编码（事项目录中的编码），好差评上报与平台事件用'),
});

export const StaffConfigSchema = z.object({
  employeeNo: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, '工号只能包含字母、数字、下划线和横线'),
  name: z.string().min(1).max(20),
  username: z.string().regex(/^[a-z0-9_.-]{2,32}$/, '用户名应为2到32位小写字母、数字或 _ . -'),
  role: z.enum(['staff', 'manager']).default('staff'),
  department: z.string().optional(),
  photo: z.string().optional().describe('工作人员照片（JPEG/PNG/WebP），窗口屏亮明身份用：相对 resources/ 的路径或绝对路径'),
  initialPassword: z
    .string()
    .min(6)
    .optional()
    .describe('首次建库时设置的初始密码，仅供演示与培训；生产环境请由管理员设置'),
});

export const WindowConfigSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, '窗口编号只能包含字母、数字、下划线和横线'),
  no: z.string().min(1).max(8).describe('叫号时播报的窗口号'),
  name: z.string().min(1).max(30),
  department: z.string(),
  services: z.array(z.string()).min(1, '每个窗口至少办理一项业务'),
  appointmentOnly: z.boolean().default(false).describe('预约专窗'),
  posts: z.object({ A: z.string().describe('A岗工号'), B: z.string().optional().describe('B岗工号') }),
});

export const DeviceConfigSchema = z.object({
  name: z.string(),
  role: z.enum(['kiosk', 'window-display', 'hall-screen']),
  windowId: z.string().optional(),
  key: z.string().min(16).optional().describe('仅供演示：固定的设备密钥；生产环境留空由系统生成'),
});

export const HallConfigSchema = z
  .object({
    hall: z.object({
      name: z.string().min(1),
      code: z.string().optional().describe('政务服务平台的大厅编码'),
      utcOffsetMinutes: z.number().int().default(480),
    }),
    hours: z.object({
      weekly: z
        .partialRecord(z.enum(['0', '1', '2', '3', '4', '5', '6']), periods)
        .describe('每周各天的开放时段，键 0=周日 … 6=周六；缺省的日子不开放'),
      ticketCutoffMinutes: z.number().int().min(0).default(30).describe('下班前多少分钟停止取号'),
      issueOpensMinutesBefore: z.number().int().min(0).default(30).describe('上班前多少分钟开始取号'),
      issueDuringLunch: z.boolean().default(true).describe('午休时段是否可以取号'),
      overtimeLimitMinutes: z.number().int().min(0).default(60).describe('延时服务一般不超过的分钟数'),
    }),
    calendar: z
      .object({
        source: z.enum(['chinese-days', 'weekly']).default('chinese-days').describe('法定节假日与调休数据来源'),
        overrides: z
          .array(z.object({ date: dateStr, working: z.boolean(), note: z.string().default('') }))
          .default([]),
        enteredYears: z
          .array(z.number().int().min(2000).max(2100))
          .default([])
          .describe('已在 overrides 中录入全部法定节假日和调休的年份：数据包未覆盖这些年份时，按每周办公时间加 overrides 确定是否上班'),
        guardDays: z
          .number()
          .int()
          .min(1)
          .max(366)
          .default(60)
          .describe('今后多少天内有节假日数据未覆盖、也未录入的日子时向管理员告警'),
      })
      .prefault({}),
    queue: z
      .object({
        numberDigits: z.number().int().min(2).max(5).default(3),
        starvationGuard: z
          .object({ maxPriorityInRow: z.number().int().min(1).nullable().default(3) })
          .default({ maxPriorityInRow: 3 })
          .describe('连续叫多少个优先号后须叫一个普通号；null 为不限'),
        requeueOffset: z.number().int().min(0).default(3).describe('过号重排时排到第几位之后'),
        voiceTemplate: z.string().default(DEFAULT_VOICE_TEMPLATE),
        greenChannelMinAge: z.number().int().min(1).nullable().default(70).describe('刷证取号时自动走绿色通道的年龄'),
        pauseLimitMinutes: z.number().int().min(1).default(15).describe('离岗超过多少分钟须由B岗顶岗'),
        queueAlertThreshold: z.number().int().min(1).default(30).describe('某业务等候人数超过此数时告警'),
        appointmentMode: z
          .object({
            autoSwitch: z.boolean().default(true).describe('预约人签到后，窗口办完当前业务自动切换到预约办理模式'),
            autoCall: z.boolean().default(true).describe('切换后立即呼叫预约人'),
          })
          .default({ autoSwitch: true, autoCall: true }),
      })
      .default({
        numberDigits: 3,
        starvationGuard: { maxPriorityInRow: 3 },
        requeueOffset: 3,
        voiceTemplate: DEFAULT_VOICE_TEMPLATE,
        greenChannelMinAge: 70,
        pauseLimitMinutes: 15,
        queueAlertThreshold: 30,
        appointmentMode: { autoSwitch: true, autoCall: true },
      }),
    departments: z.array(z.object({ code: z.string(), name: z.string() })).min(1),
    services: z.array(ServiceConfigSchema).min(1),
    windows: z.array(WindowConfigSchema).min(1),
    staff: z.array(StaffConfigSchema).min(1),
    devices: z.array(DeviceConfigSchema).default([]),
    appointments: AppointmentPolicySchema.prefault({}).describe('预约政策（时段、提前量、限额、取消、签到、信用）；缺省为沈丘县（seed 003）的规定'),
    voice: VoicePolicySchema.prefault({}),
    ratings: RatingPolicySchema.prefault({}).describe('好差评：计分、差评选项、评价器超时；缺省为凤县（seed 004）的规定'),
    platform: PlatformConfigSchema.prefault({}).describe('政务服务平台对接：webhook 推送、分页读取、好差评上报；缺省不启用'),
  })
  .superRefine((cfg, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const depts = new Set(cfg.departments.map((d) => d.code));
    const services = new Set<string>();
    const prefixes = new Map<string, string>();
    cfg.services.forEach((s, i) => {
      if (services.has(s.code)) issue(['services', i, 'code'], `业务编码 ${s.code} 重复`);
      services.add(s.code);
      if (!depts.has(s.department)) issue(['services', i, 'department'], `部门 ${s.department} 未在 departments 中定义`);
      const other = prefixes.get(s.prefix);
      if (other) issue(['services', i, 'prefix'], `号码前缀 ${s.prefix} 已被业务 ${other} 使用`);
      prefixes.set(s.prefix, s.code);
    });
    const staff = new Set<string>();
    const usernames = new Set<string>(['admin']);
    cfg.staff.forEach((s, i) => {
      if (staff.has(s.employeeNo)) issue(['staff', i, 'employeeNo'], `工号 ${s.employeeNo} 重复`);
      staff.add(s.employeeNo);
      if (usernames.has(s.username)) issue(['staff', i, 'username'], `用户名 ${s.username} 重复或为保留名`);
      usernames.add(s.username);
    });
    const windowIds = new Set<string>();
    cfg.windows.forEach((w, i) => {
      if (windowIds.has(w.id)) issue(['windows', i, 'id'], `窗口编号 ${w.id} 重复`);
      windowIds.add(w.id);
      if (!depts.has(w.department)) issue(['windows', i, 'department'], `部门 ${w.department} 未在 departments 中定义`);
      w.services.forEach((code, j) => {
        if (!services.has(code)) issue(['windows', i, 'services', j], `业务 ${code} 未在 services 中定义`);
      });
      if (!staff.has(w.posts.A)) issue(['windows', i, 'posts', 'A'], `A岗工号 ${w.posts.A} 未在 staff 中定义`);
      if (w.posts.B !== undefined && !staff.has(w.posts.B)) issue(['windows', i, 'posts', 'B'], `B岗工号 ${w.posts.B} 未在 staff 中定义`);
    });
    cfg.devices.forEach((d, i) => {
      if (d.role === 'window-display' && (!d.windowId || !windowIds.has(d.windowId))) {
        issue(['devices', i, 'windowId'], '窗口屏设备须指定已定义的窗口');
      }
    });
    for (const i of appointmentPolicyIssues(cfg.appointments, cfg.services.map((s) => s.code))) issue(['appointments', ...i.path], i.message);
    for (const i of platformConfigIssues(cfg.platform, { departments: [...depts], badDetails: cfg.ratings.badDetails, services: cfg.services })) issue(['platform', ...i.path], i.message);
    for (const [day, list] of Object.entries(cfg.hours.weekly)) {
      if (!list.every(wellFormed)) continue; // already reported as a bad HH:MM
      const sorted = list.map(([a, b]) => [parseHhmm(a), parseHhmm(b)] as const);
      for (let k = 1; k < sorted.length; k++) {
        if (sorted[k]![0] < sorted[k - 1]![1]) issue(['hours', 'weekly', day, k], '开放时段应按先后排列且互不重叠');
      }
    }
  });

export type HallConfig = z.infer<typeof HallConfigSchema>;
export type HallConfigInput = z.input<typeof HallConfigSchema>;
export type ServiceConfig = z.infer<typeof ServiceConfigSchema>;
export type WindowConfig = z.infer<typeof WindowConfigSchema>;
export type StaffConfig = z.infer<typeof StaffConfigSchema>;

/** Readable, numbered Chinese lines for a config that failed validation. */
export function describeConfigIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(根)'}：${translateIssue(i)}`);
}

/** Parses a hall config, throwing an Error whose message lists every problem in Chinese. */
export function parseHallConfig(input: unknown, source = '大厅配置'): HallConfig {
  const result = HallConfigSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    throw new Error(`${source} 有误：\n  ${describeConfigIssues(result.error).join('\n  ')}`);
  }
  return result.data;
}

/** Zod's English messages for the common issue kinds, in Chinese; custom messages pass through. */
export function translateIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return isMissing(issue) ? '缺少此项' : `类型不正确，应为${typeName(issue.expected)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `至少需要 ${String(issue.minimum)} 项`
        : issue.origin === 'string'
          ? `长度至少为 ${String(issue.minimum)}`
          : issue.inclusive === false
            ? `应大于 ${String(issue.minimum)}`
            : `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `最多 ${String(issue.maximum)} 项`
        : issue.origin === 'string'
          ? `长度不能超过 ${String(issue.maximum)}`
          : issue.inclusive === false
            ? `应小于 ${String(issue.maximum)}`
            : `不能大于 ${String(issue.maximum)}`;
    case 'invalid_value':
      return `取值应为 ${issue.values.map((v) => JSON.stringify(v)).join(' / ')} 之一`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_format':
      return issue.message && !/^Invalid/.test(issue.message) ? issue.message : '格式不正确';
    case 'invalid_union':
      return '内容不符合任何一种允许的格式';
    default:
      return issue.message && !/^(Invalid|Expected|Too)/.test(issue.message) ? issue.message : '内容不正确';
  }
}

/**
 * Zod drops `input` from issues unless parsed with `reportInput: true`; without it, its own
 * message still says what was received ("…, received undefined").
 */
function isMissing(issue: z.core.$ZodIssueInvalidType): boolean {
  return 'input' in issue ? issue.input === undefined : /received undefined$/.test(issue.message);
}

function typeName(t: string): string {
  const names: Record<string, string> = {
    string: '文字',
    number: '数字',
    int: '整数',
    boolean: '是/否（true/false）',
    array: '列表',
    object: '对象',
  };
  return names[t] ?? t;
}
