/**
 * Assisted services, HALL-RULES §5: 帮办代办 [000, 002, 004], 上门服务 [001 第二章, 003],
 * 特事特办 [001 第五章] and 投诉 [004 投诉监督]. The names the screens show, and the schemas of
 * every HTTP body and query of `/api/assisted/*` (validators and types for both ends).
 */
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).optional();
const idText = z.string().trim().min(15).max(32);
const phone = z.string().trim().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '联系电话应为11位手机号码或带区号的固定电话');
const date = (what: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${what}应为 YYYY-MM-DD`);
const serviceCodes = z.array(text(32)).min(1, '请至少选择一项业务').max(20);
const staffNo = text(16);

// ---------------------------------------------------------------- names

/** 帮办: staff walk the applicant through the windows; 代办: the agent does it for them. */
export type ProxyMode = 'help' | 'proxy';
export const PROXY_MODE_NAMES: Record<ProxyMode, string> = { help: '帮办', proxy: '代办' };

export type ProxyStatus = 'registered' | 'assigned' | 'in-progress' | 'completed' | 'handed-back' | 'cancelled';
export const PROXY_STATUS_NAMES: Record<ProxyStatus, string> = {
  registered: '已登记',
  assigned: '已分派',
  'in-progress': '办理中',
  completed: '已办结',
  'handed-back': '已交还',
  cancelled: '已取消',
};

/** What an agent does for the applicant at a window; a 代办 authorisation names the ones allowed. */
export type ProxyAction = 'consult' | 'submit' | 'supplement' | 'sign' | 'pay' | 'collect';
export const PROXY_ACTION_NAMES: Record<ProxyAction, string> = {
  consult: '咨询',
  submit: '递交申请材料',
  supplement: '补正材料',
  sign: '签字确认',
  pay: '缴纳费用',
  collect: '领取办理结果',
};
const proxyAction = z.enum(['consult', 'submit', 'supplement', 'sign', 'pay', 'collect']);

/** Who may ask for 上门服务 [001 第二章 二, 003 三(四)]. */
export type HomeVisitCategory = 'elderly' | 'sick' | 'disabled' | 'pregnant' | 'military' | 'enterprise';
export const HOME_VISIT_CATEGORY_NAMES: Record<HomeVisitCategory, string> = {
  elderly: '老年人',
  sick: '患病',
  disabled: '残疾人',
  pregnant: '孕妇',
  military: '军烈属',
  enterprise: '企业',
};
export type HomeVisitStatus = 'pending' | 'accepted' | 'declined' | 'done' | 'not-done';
export const HOME_VISIT_STATUS_NAMES: Record<HomeVisitStatus, string> = {
  pending: '待答复',
  accepted: '已同意上门',
  declined: '暂不上门',
  done: '已上门办理',
  'not-done': '上门未办成',
};

/** 特事特办的范围 [001 第五章 一]. */
export type UrgentScope = 'urgent-need' | 'key-project';
export const URGENT_SCOPE_NAMES: Record<UrgentScope, string> = { 'urgent-need': '有正当理由急需办理', 'key-project': '县级以上重点项目或工程' };
export type UrgentStatus = 'open' | 'done';
export const URGENT_STATUS_NAMES: Record<UrgentStatus, string> = { open: '跟踪办理中', done: '已办结' };

/** 投诉形式 [004 投诉监督 一]: patrol = found by the hall's own inspection, counted as a complaint. */
export type ComplaintChannel = 'onsite' | 'phone' | 'letter' | 'wechat' | 'patrol';
export const COMPLAINT_CHANNEL_NAMES: Record<ComplaintChannel, string> = {
  onsite: '现场投诉',
  phone: '电话投诉',
  letter: '信函投诉',
  wechat: '微信投诉',
  patrol: '巡查发现',
};
export type ComplaintStatus = 'registered' | 'fed-back' | 'informed' | 'closed';
export const COMPLAINT_STATUS_NAMES: Record<ComplaintStatus, string> = {
  registered: '待窗口反馈',
  'fed-back': '窗口已反馈',
  informed: '已告知投诉人',
  closed: '已办结',
};

// ---------------------------------------------------------------- 帮办代办

export const ProxyRegisterBody = z.strictObject({
  mode: z.enum(['help', 'proxy']),
  applicant: z.strictObject({ name: text(40), idNumber: idText, phone }),
  /** An enterprise applicant's name (the person above acts for it). */
  organisation: optText(60),
  services: serviceCodes,
  /** 代办 only: the signed authorisation (委托书). */
  authorization: z
    .strictObject({
      services: serviceCodes,
      actions: z.array(proxyAction).min(1, '请至少授权一项办理事项').max(6),
      validFrom: date('委托有效期开始日期'),
      validTo: date('委托有效期结束日期'),
      signedAt: text(40),
    })
    .optional(),
  /** 代办 only: the materials handed over; `received: false` for one still missing. */
  materials: z.array(z.strictObject({ name: text(60), received: z.boolean() })).max(40).optional(),
  note: optText(200),
});
export type ProxyRegisterInput = z.infer<typeof ProxyRegisterBody>;

export const ProxyMaterialsBody = z.strictObject({ received: z.array(text(60)).min(1).max(40) });
export const AssignBody = z.strictObject({ agentNo: staffNo });
export const ReassignBody = z.strictObject({ agentNo: staffNo, reason: text(200) });
export const ProxyStepBody = z.strictObject({ serviceCode: text(32), action: proxyAction, note: optText(200) });
export const NoteBody = z.strictObject({ note: optText(300) });
export const HandBackBody = z.strictObject({
  items: z.array(text(80)).min(1, '请列出交还的材料或结果').max(40),
  to: z.strictObject({ name: text(40), idNumber: z.string().trim().max(32).optional(), relation: optText(20) }),
  note: optText(200),
});
export const AssistedReasonBody = z.strictObject({ reason: text(200) });

/** The ledger 《帮办服务登记台帐》: registrations between two dates, as JSON, CSV or XLSX. */
export const ProxyLedgerQuery = z.strictObject({
  from: date('开始日期').optional(),
  to: date('结束日期').optional(),
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
});
export const NoticeQuery = z.strictObject({ format: z.enum(['json', 'html']).optional() });

// ---------------------------------------------------------------- 上门服务

export const HomeVisitBody = z.strictObject({
  category: z.enum(['elderly', 'sick', 'disabled', 'pregnant', 'military', 'enterprise']),
  applicant: z.strictObject({ name: text(40), phone, idNumber: z.string().trim().max(32).optional() }),
  organisation: optText(60),
  address: text(120),
  services: serviceCodes,
  note: optText(200),
});
export const AcceptVisitBody = z.strictObject({
  at: text(40),
  place: text(120),
  staffNos: z.array(staffNo).min(1).max(10),
  materials: z.array(text(60)).max(40),
  note: optText(200),
});
export const VisitOutcomeBody = z.strictObject({ done: z.boolean(), note: text(300) });

// ---------------------------------------------------------------- 特事特办

export const UrgentCaseBody = z.strictObject({
  scope: z.enum(['urgent-need', 'key-project']),
  reason: text(200),
  applicant: z.strictObject({ name: text(40), idNumber: z.string().trim().max(32).optional(), phone: phone.optional() }),
  serviceCode: text(32),
});
export const UrgentTicketBody = z.strictObject({ serviceCode: text(32) });

// ---------------------------------------------------------------- 投诉

export const ComplaintBody = z.strictObject({
  channel: z.enum(['onsite', 'phone', 'letter', 'wechat', 'patrol']),
  windowId: optText(16),
  staffNo: optText(16),
  content: text(1000),
  /** Absent: an anonymous complaint. */
  complainant: z.strictObject({ name: optText(40), phone: phone.optional() }).optional(),
});
export const FeedbackBody = z.strictObject({ content: text(1000) });
export const InformBody = z.strictObject({
  how: z.enum(['phone', 'sms', 'letter', 'onsite', 'wechat']),
  satisfied: z.boolean().optional(),
  note: optText(300),
});
export const INFORM_HOW_NAMES = { phone: '电话', sms: '短信', letter: '信函', onsite: '当面', wechat: '微信' } as const;

export const AssistedListQuery = z.strictObject({ open: z.enum(['true', 'false']).optional() });

/** 《代办受理通知书》 (帮办: 《帮办受理通知书》) as the server gives it and the console prints it. */
export interface ProxyNotice {
  title: string;
  hallName: string;
  no: string;
  mode: string;
  receivedAt: string;
  applicant: { name: string; idNumber: string; phone: string; organisation: string | null };
  services: string[];
  authorization: { services: string[]; actions: string[]; validFrom: string; validTo: string; signedAt: string } | null;
  materials: { name: string; received: boolean }[];
  missing: string[];
  agent: { name: string; employeeNo: string } | null;
  status: string;
  /** The notice's fixed sentences, in order. */
  terms: string[];
}
