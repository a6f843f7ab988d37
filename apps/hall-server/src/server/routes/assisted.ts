/**
 * Assisted services (HALL-RULES §5, issue #7 items 1–4): 帮办代办 with its ledger and notice,
 * 上门服务, 特事特办 (its `urgent` ticket issued in the approval's transaction), 投诉. Staff
 * register and act; managers assign, approve and decide (the engine says why when a role may not).
 */
import {
  AcceptVisitBody,
  AssignBody,
  AssistedListQuery,
  AssistedReasonBody,
  COMPLAINT_CHANNEL_NAMES,
  COMPLAINT_STATUS_NAMES,
  ComplaintBody,
  FeedbackBody,
  HOME_VISIT_CATEGORY_NAMES,
  HOME_VISIT_STATUS_NAMES,
  HallError,
  HandBackBody,
  HomeVisitBody,
  InformBody,
  NoteBody,
  NoticeQuery,
  PROXY_MODE_NAMES,
  PROXY_STATUS_NAMES,
  ProxyLedgerQuery,
  ProxyMaterialsBody,
  ProxyRegisterBody,
  ProxyStepBody,
  ReassignBody,
  URGENT_SCOPE_NAMES,
  URGENT_STATUS_NAMES,
  UrgentCaseBody,
  UrgentTicketBody,
  VisitOutcomeBody,
  maskIdNumber,
  validDate,
} from '@hall/shared';
import { attachmentHeader, dateRangeText, tableCsv, tableXlsx } from '../../appointments/register-export.js';
import type { AssistedService } from '../../assisted/assisted-service.js';
import { ledgerTable, noticeHtml } from '../../assisted/proxy-ledger.js';
import {
  acceptHomeVisit,
  approveUrgentCase,
  assignAgent,
  cancelProxy,
  closeComplaint,
  closeUrgentCase,
  completeProxy,
  declineHomeVisit,
  feedbackOverdue,
  handBack,
  informComplainant,
  nextUrgentTicket,
  proxyNotice,
  reassignAgent,
  receiveMaterials,
  recordFeedback,
  recordStep,
  recordVisitOutcome,
  registerComplaint,
  registerHomeVisit,
  registerProxy,
  replyOverdue,
  startProxy,
  type AssistedCase,
  type Complaint,
  type HomeVisitRequest,
  type ProxyRequest,
  type UrgentCase,
} from '../../core/assisted/index.js';
import { ticketView } from '../../core/index.js';
import type { Principal } from '../../auth/accounts.js';
import type { HallContext } from '../hall-context.js';
import { IdParams, route, type RouteSpec } from '../route-kit.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_LEDGER_DAYS = 366;

const isManager = (p: Principal | null) => p?.kind === 'user' && (p.role === 'manager' || p.role === 'admin');
const maskPhone = (p: string) => (p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : '****');

export function assistedRoutes(hall: HallContext, svc: AssistedService): RouteSpec<never, never, never>[] {
  const now = () => hall.queue.clock.now();

  const proxyView = (r: ProxyRequest) => ({
    ...r,
    applicant: { ...r.applicant, idNumber: maskIdNumber(r.applicant.idNumber) },
    handBack: r.handBack ? { ...r.handBack, to: { ...r.handBack.to, idNumber: r.handBack.to.idNumber ? maskIdNumber(r.handBack.to.idNumber) : null } } : null,
    modeName: PROXY_MODE_NAMES[r.mode],
    statusName: PROXY_STATUS_NAMES[r.status],
  });
  const visitView = (r: HomeVisitRequest) => ({
    ...r,
    applicant: { ...r.applicant, idNumber: r.applicant.idNumber ? maskIdNumber(r.applicant.idNumber) : null },
    categoryName: HOME_VISIT_CATEGORY_NAMES[r.category],
    statusName: HOME_VISIT_STATUS_NAMES[r.status],
    replyOverdue: replyOverdue(r, now()),
  });
  const urgentView = (c: UrgentCase) => ({
    ...c,
    applicant: { ...c.applicant, idNumber: c.applicant.idNumber ? maskIdNumber(c.applicant.idNumber) : null },
    scopeName: URGENT_SCOPE_NAMES[c.scope],
    statusName: URGENT_STATUS_NAMES[c.status],
    // Each linked ticket as the queue holds it now (or as stored, once it left memory).
    liveTickets: c.tickets.map((t) => {
      const live = hall.queue.state.tickets.get(t.id) ?? hall.store.ticket(t.id);
      return live ? ticketView(live) : null;
    }),
  });
  /** Who complained is for managers only; staff (possibly the one complained about) see that there is a contact. */
  const complaintView = (c: Complaint, principal: Principal | null) => ({
    ...c,
    complainant: c.complainant && !isManager(principal) ? { name: c.complainant.name ? `${c.complainant.name.slice(0, 1)}**` : null, phone: c.complainant.phone ? maskPhone(c.complainant.phone) : null } : c.complainant,
    channelName: COMPLAINT_CHANNEL_NAMES[c.channel],
    statusName: COMPLAINT_STATUS_NAMES[c.status],
    feedbackOverdue: feedbackOverdue(c, now()),
  });
  const one = <K extends AssistedCase['kind']>(kind: K, id: string) => svc.get(kind, id) as Extract<AssistedCase, { kind: K }>;
  const openOnly = (q: { open?: 'true' | 'false' | undefined }) => q.open === 'true';

  return [
    // ------------------------------------------------------------ 帮办代办
    route({
      method: 'POST',
      url: '/api/assisted/proxy',
      summary: '帮办代办登记（代办须附委托书：授权事项、权限、有效期限、签署时间，以及交接的材料）',
      tags: ['帮办代办'],
      access: ['staff'],
      body: ProxyRegisterBody,
      status: 201,
      returns: 'proxy request',
      handler: ({ body, actor }) => proxyView(svc.exec(actor, (s, c) => registerProxy(s, c, body))),
    }),
    route({
      method: 'GET',
      url: '/api/assisted/proxy',
      summary: '《帮办服务登记台帐》：起止日期（from、to，默认今天）的登记，可导出 CSV 或 Excel（format=csv|xlsx）',
      tags: ['帮办代办'],
      access: ['staff'],
      query: ProxyLedgerQuery,
      returns: '[proxy request]，或 CSV / XLSX 文件',
      handler: async ({ query, reply }) => {
        const today = hall.queue.nowIso().slice(0, 10);
        const from = query.from ?? query.to ?? today;
        const to = query.to ?? query.from ?? today;
        for (const d of [from, to]) if (!validDate(d)) throw new HallError('VALIDATION_FAILED', `日期 ${d} 不存在，请核对`);
        if (to < from) throw new HallError('VALIDATION_FAILED', `结束日期 ${to} 不能早于开始日期 ${from}`);
        if ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 > MAX_LEDGER_DAYS) throw new HallError('VALIDATION_FAILED', `一次最多导出 ${MAX_LEDGER_DAYS} 天的台帐，请缩小日期范围`);
        const rows = svc.between('proxy', from, to) as ProxyRequest[];
        if (query.format === undefined || query.format === 'json') return rows.map(proxyView);
        const table = ledgerTable(rows, hall.config);
        const range = from === to ? from : `${from}_${to}`;
        const name = `帮办服务登记台帐-${from === to ? from : `${from}至${to}`}`;
        if (query.format === 'csv') {
          reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachmentHeader(`assisted-ledger-${range}.csv`, `${name}.csv`));
          return tableCsv(table);
        }
        const file = await tableXlsx(table, {
          sheetName: '帮办服务登记台帐',
          title: `${hall.config.hall.name}《帮办服务登记台帐》`,
          subtitle: [`日期：${dateRangeText(from, to)}`, `共 ${rows.length} 条`, `导出时间：${hall.queue.nowIso().slice(0, 16).replace('T', ' ')}`].join('\u3000'),
          creator: hall.config.hall.name,
        });
        reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader(`assisted-ledger-${range}.xlsx`, `${name}.xlsx`));
        return file;
      },
    }),
    route({
      method: 'GET',
      url: '/api/assisted/proxy/:id',
      summary: '一条帮办代办登记（id 或登记号）',
      tags: ['帮办代办'],
      access: ['staff'],
      params: IdParams,
      returns: 'proxy request',
      handler: ({ params }) => proxyView(one('proxy', params.id)),
    }),
    route({
      method: 'GET',
      url: '/api/assisted/proxy/:id/notice',
      summary: '《代办受理通知书》（帮办：《帮办受理通知书》）：JSON，或可打印的网页（format=html）',
      tags: ['帮办代办'],
      access: ['staff'],
      params: IdParams,
      query: NoticeQuery,
      returns: 'notice（JSON）或 HTML',
      handler: ({ params, query, actor, reply }) => {
        const notice = proxyNotice(svc.context(actor), one('proxy', params.id));
        if (query.format !== 'html') return notice;
        reply.header('content-type', 'text/html; charset=utf-8');
        return noticeHtml(notice);
      },
    }),
    route({
      method: 'POST',
      url: '/api/assisted/proxy/:id/materials',
      summary: '材料交接：申请人补交的材料（登记时材料清单中的名称）',
      tags: ['帮办代办'],
      access: ['staff'],
      params: IdParams,
      body: ProxyMaterialsBody,
      returns: 'proxy request',
      handler: ({ params, body, actor }) => proxyView(svc.exec(actor, (s, c) => receiveMaterials(s, c, params.id, body.received))),
    }),
    route({
      method: 'POST',
      url: '/api/assisted/proxy/:id/assign',
      summary: '部门负责人分派帮办代办人员',
      tags: ['帮办代办'],
      access: ['manager'],
      params: IdParams,
      body: AssignBody,
      returns: 'proxy request',
      handler: ({ params, body, actor }) => proxyView(svc.exec(actor, (s, c) => assignAgent(s, c, params.id, body.agentNo))),
    }),
    route({
      method: 'POST',
      url: '/api/assisted/proxy/:id/reassign',
      summary: '改派（须经部门负责人批准：由负责人操作并说明原因，留痕）',
      tags: ['帮办代办'],
      access: ['staff'],
      params: IdParams,
      body: ReassignBody,
      returns: 'proxy request',
      handler: ({ params, body, actor }) => proxyView(svc.exec(actor, (s, c) => reassignAgent(s, c, params.id, body.agentNo, body.reason))),
    }),
    route({
      method: 'POST',
      url: '/api/assisted/proxy/:id/start',
      summary: '开始办理（代办：材料交接齐全、委托书在有效期内）',
      tags: ['帮办代办'],
      access: ['staff'],
      params: IdParams,
      returns: 'proxy request',
      handler: ({ params, actor }) => proxyView(svc.exec(actor, (s, c) => startProxy(s, c, params.id))),
    }),
    route({
      method: 'POST',
      url: '/api/assisted/proxy/:id/steps',
      summary: '记录一项办理情况（代办：超出授权事项、权限或有效期限的一律拒绝）',
      tags: ['帮办代办'],
      access: ['staff'],
      params: IdParams,
      body: ProxyStepBody,
      returns: 'proxy request',
      handler: ({ params, body, actor }) => proxyView(svc.exec(actor, (s, c) => recordStep(s, c, params.id, body))),
    }),
    route({
      method: 'POST',
      url: '/api/assisted/proxy/:id/complete',
      summary: '办结',
      tags: ['帮办代办'],
      access: ['staff'],
      params: IdParams,
      body: NoteBody,
      returns: 'proxy request',
      handler: ({ params, body, actor }) => proxyView(svc.exec(actor, (s, c) => completeProxy(s, c, params.id, body.note))),
    }),
    route({
      method: 'POST',
      url: '/api/assisted/proxy/:id/hand-back',
      summary: '交还办理结果及材料（交还了什么、交给谁）',
      tags: ['帮办代办'],
      access: ['staff'],
      params: IdParams,
      body: HandBackBody,
      returns: 'proxy request',
      handler: ({ params, body, actor }) => proxyView(svc.exec(actor, (s, c) => handBack(s, c, params.id, body))),
    }),
    route({
      method: 'POST',
      url: '/api/assisted/proxy/:id/cancel',
      summary: '取消（不得无故取消：须部门负责人操作并说明原因）',
      tags: ['帮办代办'],
      access: ['staff'],
      params: IdParams,
      body: AssistedReasonBody,
      returns: 'proxy request',
      handler: ({ params, body, actor }) => proxyView(svc.exec(actor, (s, c) => cancelProxy(s, c, params.id, body.reason))),
    }),

    // ------------------------------------------------------------ 上门服务
    route({
      method: 'POST',
      url: '/api/assisted/home-visits',
      summary: '上门服务申请登记（老、病、残、孕、军烈属或企业）；当日答复期限随之确定',
      tags: ['上门服务'],
      access: ['staff'],
      body: HomeVisitBody,
      status: 201,
      returns: 'home visit request（replyBy）',
      handler: ({ body, actor }) => visitView(svc.exec(actor, (s, c) => registerHomeVisit(s, c, body))),
    }),
    route({
      method: 'GET',
      url: '/api/assisted/home-visits',
      summary: '上门服务申请（open=true：待答复和待上门的）',
      tags: ['上门服务'],
      access: ['staff'],
      query: AssistedListQuery,
      returns: '[home visit request]',
      handler: ({ query }) => (svc.list('home-visit', openOnly(query)) as HomeVisitRequest[]).map(visitView),
    }),
    route({
      method: 'GET',
      url: '/api/assisted/home-visits/:id',
      summary: '一条上门服务申请',
      tags: ['上门服务'],
      access: ['staff'],
      params: IdParams,
      returns: 'home visit request',
      handler: ({ params }) => visitView(one('home-visit', params.id)),
    }),
    route({
      method: 'POST',
      url: '/api/assisted/home-visits/:id/accept',
      summary: '同意上门：约定时间、地点，两名以上工作人员，告知所需材料',
      tags: ['上门服务'],
      access: ['staff'],
      params: IdParams,
      body: AcceptVisitBody,
      returns: 'home visit request',
      handler: ({ params, body, actor }) => visitView(svc.exec(actor, (s, c) => acceptHomeVisit(s, c, params.id, body))),
    }),
    route({
      method: 'POST',
      url: '/api/assisted/home-visits/:id/decline',
      summary: '暂不上门（报经大厅同意：负责人操作，说明理由）',
      tags: ['上门服务'],
      access: ['manager'],
      params: IdParams,
      body: AssistedReasonBody,
      returns: 'home visit request',
      handler: ({ params, body, actor }) => visitView(svc.exec(actor, (s, c) => declineHomeVisit(s, c, params.id, body.reason))),
    }),
    route({
      method: 'POST',
      url: '/api/assisted/home-visits/:id/outcome',
      summary: '上门服务结果（办成 / 未办成，附说明）',
      tags: ['上门服务'],
      access: ['staff'],
      params: IdParams,
      body: VisitOutcomeBody,
      returns: 'home visit request',
      handler: ({ params, body, actor }) => visitView(svc.exec(actor, (s, c) => recordVisitOutcome(s, c, params.id, body.done, body.note))),
    }),

    // ------------------------------------------------------------ 特事特办
    route({
      method: 'POST',
      url: '/api/assisted/urgent',
      summary: '特事特办审批（负责人）：同时发出特事特办优先号（priority urgent）',
      tags: ['特事特办'],
      access: ['manager'],
      body: UrgentCaseBody,
      status: 201,
      returns: '{"case","ticket"}',
      handler: ({ body, actor }) => {
        const r = svc.issueUrgent(actor, (s, c) => approveUrgentCase(s, c, body));
        return { case: urgentView(r.case), ticket: ticketView(r.ticket) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/assisted/urgent',
      summary: '特事特办事项（open=true：跟踪办理中的），附各号码的当前状态',
      tags: ['特事特办'],
      access: ['staff'],
      query: AssistedListQuery,
      returns: '[urgent case]',
      handler: ({ query }) => (svc.list('urgent', openOnly(query)) as UrgentCase[]).map(urgentView),
    }),
    route({
      method: 'GET',
      url: '/api/assisted/urgent/:id',
      summary: '一件特事特办事项',
      tags: ['特事特办'],
      access: ['staff'],
      params: IdParams,
      returns: 'urgent case',
      handler: ({ params }) => urgentView(one('urgent', params.id)),
    }),
    route({
      method: 'POST',
      url: '/api/assisted/urgent/:id/tickets',
      summary: '为特事特办事项加发一个特事特办号（负责人）',
      tags: ['特事特办'],
      access: ['manager'],
      params: IdParams,
      body: UrgentTicketBody,
      status: 201,
      returns: '{"case","ticket"}',
      handler: ({ params, body, actor }) => {
        const r = svc.issueUrgent(actor, (s, c) => nextUrgentTicket(s, c, params.id, body.serviceCode));
        return { case: urgentView(r.case), ticket: ticketView(r.ticket) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/assisted/urgent/:id/done',
      summary: '特事特办办结',
      tags: ['特事特办'],
      access: ['staff'],
      params: IdParams,
      body: NoteBody,
      returns: 'urgent case',
      handler: ({ params, body, actor }) => urgentView(svc.exec(actor, (s, c) => closeUrgentCase(s, c, params.id, body.note))),
    }),

    // ------------------------------------------------------------ 投诉
    route({
      method: 'POST',
      url: '/api/assisted/complaints',
      summary: '投诉登记（窗口或工作人员；投诉人联系方式可不填，即匿名）；窗口反馈期限为2个工作日',
      tags: ['投诉'],
      access: ['staff'],
      body: ComplaintBody,
      status: 201,
      returns: 'complaint（feedbackDue）',
      handler: ({ body, actor, principal }) => complaintView(svc.exec(actor, (s, c) => registerComplaint(s, c, body)), principal),
    }),
    route({
      method: 'GET',
      url: '/api/assisted/complaints',
      summary: '投诉（open=true：未办结的）；投诉人联系方式仅负责人可见',
      tags: ['投诉'],
      access: ['staff'],
      query: AssistedListQuery,
      returns: '[complaint]',
      handler: ({ query, principal }) => (svc.list('complaint', openOnly(query)) as Complaint[]).map((c) => complaintView(c, principal)),
    }),
    route({
      method: 'GET',
      url: '/api/assisted/complaints/:id',
      summary: '一件投诉',
      tags: ['投诉'],
      access: ['staff'],
      params: IdParams,
      returns: 'complaint',
      handler: ({ params, principal }) => complaintView(one('complaint', params.id), principal),
    }),
    route({
      method: 'POST',
      url: '/api/assisted/complaints/:id/feedback',
      summary: '窗口负责人反馈处理情况（2个工作日内）',
      tags: ['投诉'],
      access: ['staff'],
      params: IdParams,
      body: FeedbackBody,
      returns: 'complaint',
      handler: ({ params, body, actor, principal }) => complaintView(svc.exec(actor, (s, c) => recordFeedback(s, c, params.id, body.content)), principal),
    }),
    route({
      method: 'POST',
      url: '/api/assisted/complaints/:id/inform',
      summary: '将处理结果告知投诉人（负责人；记录是否满意）',
      tags: ['投诉'],
      access: ['manager'],
      params: IdParams,
      body: InformBody,
      returns: 'complaint',
      handler: ({ params, body, actor, principal }) => complaintView(svc.exec(actor, (s, c) => informComplainant(s, c, params.id, body)), principal),
    }),
    route({
      method: 'POST',
      url: '/api/assisted/complaints/:id/close',
      summary: '投诉办结（负责人）',
      tags: ['投诉'],
      access: ['manager'],
      params: IdParams,
      body: NoteBody,
      returns: 'complaint',
      handler: ({ params, body, actor, principal }) => complaintView(svc.exec(actor, (s, c) => closeComplaint(s, c, params.id, body.note)), principal),
    }),
  ];
}
