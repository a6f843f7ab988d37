/**
 * 政务服务平台对接 (HALL-RULES §3 last line, §4 case numbers): the `platform` section of the hall
 * config. Off by default. When on, every queue, appointment and rating event is kept in the
 * platform journal (read page by page with an API key), pushed to the configured webhook
 * endpoints (signed, retried with exponential backoff, exactly once per endpoint for a receiver
 * that drops a repeated `X-Hall-Event-Id`), and each rating goes to the province's 好差评 platform.
 * `PlatformConfigSchema.parse({})` is the demo hall's (disabled) setting.
 */
import { z } from 'zod';

/** Every event the platform can receive, by group. */
export const PLATFORM_EVENT_KINDS = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.started',
  'ticket.finished',
  'ticket.skipped',
  'ticket.requeued',
  'ticket.transferred',
  'ticket.cancelled',
  'appointment.requested',
  'appointment.booked',
  'appointment.refused',
  'appointment.cancelled',
  'appointment.checked-in',
  'appointment.no-show',
  'rating.submitted',
  'rating.not-rated',
  'rating.voided',
] as const;
export type PlatformEventKind = (typeof PLATFORM_EVENT_KINDS)[number];

export const PLATFORM_EVENT_KIND_NAMES: Record<PlatformEventKind, string> = {
  'ticket.issued': '取号',
  'ticket.called': '叫号',
  'ticket.recalled': '重呼',
  'ticket.started': '开始办理',
  'ticket.finished': '办结',
  'ticket.skipped': '过号',
  'ticket.requeued': '过号重排',
  'ticket.transferred': '转移',
  'ticket.cancelled': '作废',
  'appointment.requested': '预约待确认（非工作时间）',
  'appointment.booked': '预约成功',
  'appointment.refused': '预约未获确认',
  'appointment.cancelled': '取消预约',
  'appointment.checked-in': '预约签到',
  'appointment.no-show': '爽约',
  'rating.submitted': '好差评',
  'rating.not-rated': '未评价（评价器超时）',
  'rating.voided': '评价作废（申诉成立）',
};

/** `*` (everything), a group (`ticket.*`, `appointment.*`, `rating.*`) or one kind. */
export function isEventPattern(p: string): boolean {
  return p === '*' || /^(ticket|appointment|rating)\.\*$/.test(p) || (PLATFORM_EVENT_KINDS as readonly string[]).includes(p);
}

/** Does an endpoint (or a reader) that asked for `patterns` get events of this kind? */
export function matchesEventKinds(patterns: readonly string[], kind: string): boolean {
  return patterns.some((p) => p === '*' || p === kind || (p.endsWith('.*') && kind.startsWith(p.slice(0, -1))));
}

/** The config's own id for the provincial 好差评 upload in the outbox and on the status page. */
export const RATING_UPLOAD_TARGET = 'rating-upload';

const eventPattern = z
  .string()
  .refine(isEventPattern, '事件类型应为 *、ticket.*、appointment.*、rating.* 或具体类型（如 ticket.called），见 docs/platform-integration.md');
const HTTP_URL = /^https?:\/\/[^\s/?#]+\S*$/;
const URL_MESSAGE = '地址应为 http:// 或 https:// 开头的完整网址';
/** Zod runs refinements even after a regex failure: only a URL of the right shape is parsed. */
const parsesAsUrl = (s: string) => {
  try {
    return !HTTP_URL.test(s) || ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
};
const endpointUrl = z
  .string()
  .max(500)
  .regex(HTTP_URL, URL_MESSAGE)
  .refine(parsesAsUrl, URL_MESSAGE)
  .describe('接收地址（政务外网或互联网上的 HTTPS 地址；http 仅用于内网或测试）');
const secret = z.string().min(16, '签名密钥至少 16 个字符').max(256).describe('签名密钥（HMAC-SHA256），与接收方共同保管');
const identity = z
  .enum(['masked', 'full'])
  .default('masked')
  .describe('身份信息：masked 脱敏（身份证号只留前 6 位和后 4 位，姓名只留姓，手机号只留前 3 位和后 4 位，默认）；full 完整（仅限经授权需要实名信息的平台）');

export const WebhookEndpointSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, '接收方编号只能包含字母、数字、下划线和横线（至多 32 位）')
    .describe('接收方编号：状态页与投递记录用它区分接收方，不得重复；改名等于新增一个接收方'),
  name: z.string().min(1).max(40).optional().describe('接收方名称，如 省政务服务平台'),
  url: endpointUrl,
  secret,
  events: z.array(eventPattern).min(1).default(['*']).describe('推送哪些事件：["*"] 全部，或如 ["ticket.*", "appointment.checked-in"]'),
  identity,
});

export const RetryPolicySchema = z
  .object({
    baseMs: z.number().int().min(10).max(3_600_000).default(5_000).describe('第一次失败后等多少毫秒重试'),
    factor: z.number().min(1).max(10).default(2).describe('每再失败一次，等待时间乘以此数（指数退避）'),
    maxMs: z.number().int().min(10).max(86_400_000).default(1_800_000).describe('最长等待（毫秒）'),
    maxAttempts: z.number().int().min(1).max(1000).default(60).describe('最多尝试次数；用完记为“投递失败”，接收方改好后由管理员重新投递'),
  })
  .refine((r) => r.maxMs >= r.baseMs, { message: '最长等待不能短于首次等待', path: ['maxMs'] });

export const DeliveryPolicySchema = z.object({
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000).describe('等待接收方应答的毫秒数，超时算一次失败'),
  pollMs: z.number().int().min(20).max(60_000).default(1_000).describe('投递器检查待投递事件的间隔（毫秒）；新事件提交后立即投递，不等此间隔'),
  retry: RetryPolicySchema.prefault({}),
});

export const PlatformApiKeySchema = z.object({
  name: z.string().min(1).max(40).describe('接入方名称，如 市政务服务平台'),
  keySha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, '应为接入密钥的 SHA-256（64 位小写十六进制），如 printf %s "$KEY" | sha256sum')
    .describe('接入密钥的 SHA-256：配置里只存摘要，密钥本身交给平台，放在 Authorization: Bearer 中'),
  identity,
});

export const RatingUploadSchema = z
  .object({
    enabled: z.boolean().default(false).describe('把每条好差评上报省级好差评平台'),
    adapter: z.enum(['generic-json']).default('generic-json').describe('省级平台适配器：generic-json 为通用 JSON（HTTPS POST，签名同 webhook）'),
    province: z.string().min(1).max(20).optional().describe('省份，仅作标识'),
    url: endpointUrl.optional(),
    secret: secret.optional(),
    token: z.string().min(8).max(500).optional().describe('平台发给大厅的访问令牌，放在 Authorization: Bearer 中'),
    departmentCodes: z
      .record(z.string(), z.string().min(1).max(64))
      .default({})
      .describe('部门编码 → 好差评平台的部门（机构）编码；未列出的部门上报本配置中的部门编码'),
    detailCodes: z.record(z.string(), z.string().min(1).max(32)).default({}).describe('差评选项文字 → 平台的问题编码（每个差评选项都须对应）'),
    channelCode: z.string().min(1).max(16).optional().describe('平台规定的“窗口评价器”渠道编码；以本省平台接口规范为准'),
    onlyWithCaseNo: z.boolean().default(true).describe('只上报办结时录入了办件编号的评价（平台按办件编号关联评价）'),
  })
  .refine((u) => !u.enabled || u.url !== undefined, { message: '启用好差评上报时须填写平台地址 url', path: ['url'] });

export const PlatformConfigSchema = z
  .object({
    enabled: z.boolean().default(false).describe('是否启用政务服务平台对接（事件记录、webhook 推送、分页读取、好差评上报）'),
    webhooks: z.array(WebhookEndpointSchema).max(20).default([]).describe('webhook 接收方'),
    delivery: DeliveryPolicySchema.prefault({}).describe('投递：超时、重试退避'),
    api: z
      .object({
        keys: z.array(PlatformApiKeySchema).max(20).default([]).describe('可调用 GET /api/platform/events 的接入密钥'),
        maxPageSize: z.number().int().min(1).max(1000).default(500).describe('一页最多多少条事件'),
      })
      .prefault({}),
    ratingUpload: RatingUploadSchema.prefault({}),
    journalRetentionDays: z
      .number({ message: '事件日志保留天数应为整数' })
      .int('事件日志保留天数应为整数')
      .min(7, '事件日志至少保留 7 天（平台断线较久时仍须能补读）')
      .max(3650, '事件日志至多保留 3650 天（10 年）')
      .default(90)
      .describe('事件日志保留天数：超过此天数、且已投递给每个已配置的接收方（或已放弃投递）的事件及其投递记录被清理；分页读取更早的游标会被拒绝（CURSOR_EXPIRED）'),
  })
  .superRefine((p, ctx) => {
    const ids = new Set<string>();
    p.webhooks.forEach((w, i) => {
      if (ids.has(w.id)) ctx.addIssue({ code: 'custom', path: ['webhooks', i, 'id'], message: `接收方编号 ${w.id} 重复` });
      if (w.id === RATING_UPLOAD_TARGET) ctx.addIssue({ code: 'custom', path: ['webhooks', i, 'id'], message: `接收方编号 ${RATING_UPLOAD_TARGET} 留给好差评上报` });
      ids.add(w.id);
    });
    const keys = new Set<string>();
    const names = new Set<string>();
    p.api.keys.forEach((k, i) => {
      if (keys.has(k.keySha256)) ctx.addIssue({ code: 'custom', path: ['api', 'keys', i, 'keySha256'], message: '接入密钥重复' });
      if (names.has(k.name)) ctx.addIssue({ code: 'custom', path: ['api', 'keys', i, 'name'], message: `接入方名称 ${k.name} 重复` });
      keys.add(k.keySha256);
      names.add(k.name);
    });
  });

export type PlatformConfig = z.infer<typeof PlatformConfigSchema>;
export type WebhookEndpointConfig = z.infer<typeof WebhookEndpointSchema>;
export type RatingUploadConfig = z.infer<typeof RatingUploadSchema>;
export type DeliveryPolicy = z.infer<typeof DeliveryPolicySchema>;
export type PlatformIdentity = WebhookEndpointConfig['identity'];

/**
 * Rules that need the rest of the hall config: department codes and 差评 options named in the
 * upload mapping must exist, and an enabled upload needs a code for every 差评 option and a
 * 事项编码 for every service (the platform files ratings by them).
 */
export function platformConfigIssues(
  p: PlatformConfig,
  hall: { departments: readonly string[]; badDetails: readonly string[]; services: readonly { code: string; itemCode?: string | undefined }[] },
): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const u = p.ratingUpload;
  for (const d of Object.keys(u.departmentCodes)) {
    if (!hall.departments.includes(d)) out.push({ path: ['ratingUpload', 'departmentCodes', d], message: `部门 ${d} 未在 departments 中定义` });
  }
  for (const d of Object.keys(u.detailCodes)) {
    if (!hall.badDetails.includes(d)) out.push({ path: ['ratingUpload', 'detailCodes', d], message: `“${d}”不是 ratings.badDetails 中的差评选项` });
  }
  if (p.enabled && u.enabled) {
    const unmapped = hall.badDetails.filter((d) => u.detailCodes[d] === undefined);
    if (unmapped.length > 0) out.push({ path: ['ratingUpload', 'detailCodes'], message: `差评选项${unmapped.map((d) => `“${d}”`).join('、')}没有对应的平台问题编码` });
    const noItem = hall.services.filter((s) => !s.itemCode).map((s) => s.code);
    if (noItem.length > 0) out.push({ path: ['ratingUpload', 'enabled'], message: `启用好差评上报时每项业务须配置事项编码 itemCode，以下业务没有：${noItem.join('、')}` });
  }
  return out;
}
