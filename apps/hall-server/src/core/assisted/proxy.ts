/**
 * 帮办代办 [000 代办服务制度, 002 帮办代办服务制度, 004 帮办代办工作制度], HALL-RULES §5.
 * 帮办: staff walk the applicant through the windows. 代办: the applicant hands over complete
 * materials and signs an authorisation (scope: services and actions; validity period); the agent
 * does the case and hands the results back. registered → assigned → in-progress → completed →
 * handed-back. Not cancelled at will: only a manager, with a reason [002 第二条(三)]; another
 * agent only with the department head's approval (a manager's 改派, recorded). Anything outside
 * the authorised scope or period is refused.
 *
 * Each transition is pure: `(state, ctx, input) → { value, changes }`.
 */
import {
  HallError,
  ID_PROBLEM_MESSAGES,
  PROXY_ACTION_NAMES,
  PROXY_MODE_NAMES,
  PROXY_STATUS_NAMES,
  checkIdNumber,
  localParts,
  maskIdNumber,
  validDate,
  type ProxyAction,
  type ProxyNotice,
  type ProxyRegisterInput,
  type ProxyStatus,
} from '@hall/shared';
import {
  assertManager,
  assertStaff,
  instant,
  isManager,
  isoOf,
  optional,
  required,
  runAssisted,
  serviceList,
  serviceName,
  staffRef,
  type AssistedDraft,
} from './assisted-draft.js';
import type { AssistedContext, AssistedOutcome, AssistedState, ProxyAuthorization, ProxyRequest } from './assisted-state.js';

const ACTIONS = new Set(Object.keys(PROXY_ACTION_NAMES));

function residentId(raw: string, today: string, who: string): string {
  const check = checkIdNumber(raw, today);
  if (!check.valid) throw new HallError('INVALID_ID_NUMBER', `${who}${ID_PROBLEM_MESSAGES[check.problem]}`);
  return check.normalized;
}

function statusText(r: ProxyRequest): string {
  return `“${PROXY_STATUS_NAMES[r.status]}”`;
}

function assertStatus(r: ProxyRequest, allowed: readonly ProxyStatus[], what: string): void {
  if (!allowed.includes(r.status)) throw new HallError('INVALID_STATE', `登记号 ${r.no} 当前为${statusText(r)}，不能${what}`);
}

/** The agent acts; a manager may act for the record too. Anyone else is told who holds it. */
function assertAgent(d: AssistedDraft, r: ProxyRequest, what: string): void {
  assertStaff(d.ctx, what);
  if (isManager(d.ctx)) return;
  if (r.agent && r.agent.employeeNo === d.ctx.actor.employeeNo) return;
  if (!r.agent) throw new HallError('INVALID_STATE', `登记号 ${r.no} 尚未分派${PROXY_MODE_NAMES[r.mode]}人员，请先由部门负责人分派`);
  throw new HallError(
    'FORBIDDEN',
    `登记号 ${r.no} 由${r.agent.name}（工号${r.agent.employeeNo}）${PROXY_MODE_NAMES[r.mode]}，其他人员不能代为操作；确需更换须经部门负责人批准改派`,
  );
}

/** The authorisation covers today: not before its first day, not after its last. */
function assertValidToday(d: AssistedDraft, a: ProxyAuthorization, what: string): void {
  const today = d.today;
  if (today < a.validFrom) {
    throw new HallError('AUTHORIZATION_EXPIRED', `委托书有效期自${a.validFrom}起，今天（${today}）尚未生效，不能${what}`);
  }
  if (today > a.validTo) {
    throw new HallError('AUTHORIZATION_EXPIRED', `委托书有效期至${a.validTo}，已过期，不能再${what}；请申请人重新签署委托书`);
  }
}

// ---------------------------------------------------------------- registration

export function registerProxy(state: AssistedState, ctx: AssistedContext, input: ProxyRegisterInput): AssistedOutcome<ProxyRequest> {
  const redacted = { ...input, applicant: { ...input.applicant, idNumber: '(已提供)' } };
  return runAssisted(state, ctx, 'assisted.proxy.register', input.mode, redacted, (d) => {
    assertStaff(ctx, '帮办代办登记');
    const mode = input.mode;
    if (mode !== 'help' && mode !== 'proxy') throw new HallError('VALIDATION_FAILED', '类型应为 help（帮办）或 proxy（代办）');
    const today = d.today;
    const applicant = {
      name: required(input.applicant.name, '申请人姓名', 40),
      idNumber: residentId(input.applicant.idNumber, today, '申请人'),
      phone: required(input.applicant.phone, '申请人联系电话', 20),
    };
    const services = serviceList(ctx, input.services);
    let authorization: ProxyAuthorization | null = null;
    let materials: ProxyRequest['materials'] = [];
    if (mode === 'help') {
      if (input.authorization) throw new HallError('VALIDATION_FAILED', '帮办由申请人本人随同办理，无需委托书；如需代为办理，请选择“代办”');
    } else {
      const a = input.authorization;
      if (!a) throw new HallError('VALIDATION_FAILED', '代办须由申请人签署委托书：请填写授权事项、授权权限和有效期限');
      const scope = serviceList(ctx, a.services);
      const outside = services.filter((s) => !scope.includes(s));
      if (outside.length > 0) {
        throw new HallError('OUT_OF_SCOPE', `委托书未授权代办“${outside.map((s) => serviceName(ctx, s)).join('、')}”，代办事项须在授权范围内`);
      }
      const actions = [...new Set(a.actions)];
      for (const x of actions) if (!ACTIONS.has(x)) throw new HallError('VALIDATION_FAILED', `未知的授权权限“${x}”`);
      for (const [v, what] of [[a.validFrom, '委托有效期开始日期'], [a.validTo, '委托有效期结束日期']] as const) {
        if (!validDate(v)) throw new HallError('VALIDATION_FAILED', `${what} ${v} 不存在，请核对`);
      }
      if (a.validTo < a.validFrom) throw new HallError('VALIDATION_FAILED', `委托有效期结束日期 ${a.validTo} 不能早于开始日期 ${a.validFrom}`);
      if (a.validTo < today) throw new HallError('AUTHORIZATION_EXPIRED', `委托书有效期至${a.validTo}，已过期，请申请人重新签署委托书`);
      const signedMs = instant(ctx, a.signedAt, '委托书签署时间');
      if (signedMs > ctx.now + 60_000) throw new HallError('VALIDATION_FAILED', '委托书签署时间不能晚于现在');
      authorization = { services: scope, actions, validFrom: a.validFrom, validTo: a.validTo, signedAt: isoOf(ctx, signedMs) };
      const list = input.materials ?? [];
      if (list.length === 0) throw new HallError('VALIDATION_FAILED', '代办须办理材料交接：请列出申请人交来的材料');
      const names = new Set<string>();
      materials = list.map((m) => {
        const name = required(m.name, '材料名称', 60);
        if (names.has(name)) throw new HallError('VALIDATION_FAILED', `材料“${name}”重复`);
        names.add(name);
        return { name, received: m.received, receivedAt: m.received ? d.nowIso : null };
      });
    }
    const r: ProxyRequest = {
      kind: 'proxy',
      id: ctx.newId(),
      no: d.nextNo('proxy'),
      date: today,
      receivedAt: d.nowIso,
      createdBy: d.actorRef,
      history: [{ at: d.nowIso, by: d.actorRef, action: `登记${PROXY_MODE_NAMES[mode]}`, note: null }],
      mode,
      status: 'registered',
      applicant,
      organisation: optional(input.organisation),
      services,
      authorization,
      materials,
      note: optional(input.note),
      agent: null,
      assignedAt: null,
      approvals: [],
      steps: [],
      completion: null,
      handBack: null,
      cancellation: null,
    };
    d.put(r);
    return r;
  });
}

/** 材料交接: materials the applicant brought later (一次性告知 of the missing ones, then received). */
export function receiveMaterials(state: AssistedState, ctx: AssistedContext, id: string, names: readonly string[]): AssistedOutcome<ProxyRequest> {
  return runAssisted(state, ctx, 'assisted.proxy.materials', id, { received: names }, (d) => {
    assertStaff(ctx, '材料交接');
    const r = d.find('proxy', id);
    assertStatus(r, ['registered', 'assigned', 'in-progress'], '再办理材料交接');
    const wanted = new Set(names.map((n) => n.trim()));
    for (const n of wanted) if (!r.materials.some((m) => m.name === n)) throw new HallError('VALIDATION_FAILED', `登记时的材料清单中没有“${n}”`);
    const materials = r.materials.map((m) => (wanted.has(m.name) && !m.received ? { ...m, received: true, receivedAt: d.nowIso } : m));
    const next = { ...r, materials, history: [...r.history, { at: d.nowIso, by: d.actorRef, action: '材料交接', note: [...wanted].join('、') }] };
    d.put(next);
    return next;
  });
}

// ---------------------------------------------------------------- agents

/** The department head (a manager) assigns the first agent. */
export function assignAgent(state: AssistedState, ctx: AssistedContext, id: string, agentNo: string): AssistedOutcome<ProxyRequest> {
  return runAssisted(state, ctx, 'assisted.proxy.assign', id, { agentNo }, (d) => {
    assertManager(ctx, '分派帮办代办人员');
    const r = d.find('proxy', id);
    if (r.agent) throw new HallError('INVALID_STATE', `登记号 ${r.no} 已分派给${r.agent.name}；更换人员请使用改派（须说明原因）`);
    assertStatus(r, ['registered'], '分派人员');
    const agent = staffRef(ctx, agentNo);
    const next: ProxyRequest = {
      ...r,
      status: 'assigned',
      agent,
      assignedAt: d.nowIso,
      history: [...r.history, { at: d.nowIso, by: d.actorRef, action: `分派给${agent.name}（${agent.employeeNo}）`, note: null }],
    };
    d.put(next);
    return next;
  });
}

/**
 * 改派 [002 第二条(三)]: another agent only with the department head's approval. Only a manager
 * may do it, with a reason; the approval (who, when, why, from whom to whom) stays on the record.
 */
export function reassignAgent(state: AssistedState, ctx: AssistedContext, id: string, agentNo: string, reason: string): AssistedOutcome<ProxyRequest> {
  return runAssisted(state, ctx, 'assisted.proxy.reassign', id, { agentNo, reason }, (d) => {
    assertStaff(ctx, '改派');
    if (!isManager(ctx)) {
      throw new HallError('APPROVAL_REQUIRED', '帮办代办不得无故变更人员；确需改派的，须报部门负责人批准，由负责人办理改派');
    }
    const r = d.find('proxy', id);
    assertStatus(r, ['assigned', 'in-progress'], '改派');
    const why = required(reason, '改派原因', 200);
    const to = staffRef(ctx, agentNo);
    if (r.agent?.employeeNo === to.employeeNo) throw new HallError('VALIDATION_FAILED', `登记号 ${r.no} 已由${to.name}办理，无需改派`);
    const next: ProxyRequest = {
      ...r,
      agent: to,
      assignedAt: d.nowIso,
      approvals: [...r.approvals, { kind: 'reassign', at: d.nowIso, by: d.actorRef, reason: why, from: r.agent, to }],
      history: [...r.history, { at: d.nowIso, by: d.actorRef, action: `经负责人批准改派给${to.name}（${to.employeeNo}）`, note: why }],
    };
    d.put(next);
    return next;
  });
}

// ---------------------------------------------------------------- doing the case

export function startProxy(state: AssistedState, ctx: AssistedContext, id: string): AssistedOutcome<ProxyRequest> {
  return runAssisted(state, ctx, 'assisted.proxy.start', id, {}, (d) => {
    const r = d.find('proxy', id);
    assertAgent(d, r, '开始办理');
    assertStatus(r, ['assigned'], '开始办理');
    if (r.mode === 'proxy') {
      const missing = r.materials.filter((m) => !m.received).map((m) => m.name);
      if (missing.length > 0) throw new HallError('INVALID_STATE', `材料尚未交接齐全（缺：${missing.join('、')}），请一次性告知申请人补齐后再代办`);
      assertValidToday(d, r.authorization!, '代为办理');
    }
    const next: ProxyRequest = { ...r, status: 'in-progress', history: [...r.history, { at: d.nowIso, by: d.actorRef, action: '开始办理', note: null }] };
    d.put(next);
    return next;
  });
}

export interface ProxyStepInput {
  serviceCode: string;
  action: ProxyAction;
  note?: string | undefined;
}

/**
 * One thing the agent did at a window (递交、补正、签字、缴费、领取…). For 代办, refused when the
 * service or the action is outside the authorisation, or today is outside its validity period.
 */
export function recordStep(state: AssistedState, ctx: AssistedContext, id: string, input: ProxyStepInput): AssistedOutcome<ProxyRequest> {
  return runAssisted(state, ctx, 'assisted.proxy.step', id, input, (d) => {
    const r = d.find('proxy', id);
    assertAgent(d, r, '记录办理情况');
    assertStatus(r, ['in-progress'], '记录办理情况（请先开始办理）');
    if (!ACTIONS.has(input.action)) throw new HallError('VALIDATION_FAILED', `未知的办理事项“${input.action}”`);
    const code = serviceList(ctx, [input.serviceCode])[0]!;
    const actionName = PROXY_ACTION_NAMES[input.action];
    if (r.mode === 'proxy') {
      const a = r.authorization!;
      if (!a.services.includes(code)) {
        throw new HallError('OUT_OF_SCOPE', `委托书未授权代办“${serviceName(ctx, code)}”（授权事项：${a.services.map((s) => serviceName(ctx, s)).join('、')}），不能代为办理`);
      }
      if (!a.actions.includes(input.action)) {
        throw new HallError('OUT_OF_SCOPE', `委托书未授权代为“${actionName}”（授权权限：${a.actions.map((x) => PROXY_ACTION_NAMES[x]).join('、')}），请申请人本人办理或补签委托书`);
      }
      assertValidToday(d, a, `代为${actionName}`);
    } else if (!r.services.includes(code)) {
      throw new HallError('VALIDATION_FAILED', `“${serviceName(ctx, code)}”不在本次帮办的事项中（${r.services.map((s) => serviceName(ctx, s)).join('、')}）`);
    }
    const note = optional(input.note);
    const next: ProxyRequest = {
      ...r,
      steps: [...r.steps, { at: d.nowIso, by: d.actorRef, serviceCode: code, action: input.action, note }],
      history: [...r.history, { at: d.nowIso, by: d.actorRef, action: `${serviceName(ctx, code)}：${actionName}`, note }],
    };
    d.put(next);
    return next;
  });
}

export function completeProxy(state: AssistedState, ctx: AssistedContext, id: string, note?: string): AssistedOutcome<ProxyRequest> {
  return runAssisted(state, ctx, 'assisted.proxy.complete', id, { note }, (d) => {
    const r = d.find('proxy', id);
    assertAgent(d, r, '办结');
    assertStatus(r, ['in-progress'], '办结');
    const n = optional(note);
    const next: ProxyRequest = {
      ...r,
      status: 'completed',
      completion: { at: d.nowIso, by: d.actorRef, note: n },
      history: [...r.history, { at: d.nowIso, by: d.actorRef, action: '办结', note: n }],
    };
    d.put(next);
    return next;
  });
}

export interface HandBackInput {
  items: readonly string[];
  to: { name: string; idNumber?: string | undefined; relation?: string | undefined };
  note?: string | undefined;
}

/** 交接: the results and materials go back to the applicant (or the person they send), listed. */
export function handBack(state: AssistedState, ctx: AssistedContext, id: string, input: HandBackInput): AssistedOutcome<ProxyRequest> {
  const redacted = { ...input, to: { ...input.to, idNumber: input.to.idNumber ? '(已提供)' : undefined } };
  return runAssisted(state, ctx, 'assisted.proxy.hand-back', id, redacted, (d) => {
    const r = d.find('proxy', id);
    assertAgent(d, r, '交还办理结果');
    assertStatus(r, ['completed'], '交还办理结果（请先办结）');
    const items = input.items.map((i) => required(i, '交还的材料或结果', 80));
    if (items.length === 0) throw new HallError('VALIDATION_FAILED', '请列出交还的材料或结果');
    const idRaw = optional(input.to.idNumber);
    const to = {
      name: required(input.to.name, '领取人姓名', 40),
      idNumber: idRaw === null ? null : residentId(idRaw, d.today, '领取人'),
      relation: optional(input.to.relation),
    };
    const n = optional(input.note);
    const next: ProxyRequest = {
      ...r,
      status: 'handed-back',
      handBack: { at: d.nowIso, by: d.actorRef, items, to, note: n },
      history: [...r.history, { at: d.nowIso, by: d.actorRef, action: `交还${to.name}：${items.join('、')}`, note: n }],
    };
    d.put(next);
    return next;
  });
}

/** 不得无故取消 [002 第二条(三)]: only the department head (a manager), with a reason. */
export function cancelProxy(state: AssistedState, ctx: AssistedContext, id: string, reason: string): AssistedOutcome<ProxyRequest> {
  return runAssisted(state, ctx, 'assisted.proxy.cancel', id, { reason }, (d) => {
    assertStaff(ctx, '取消帮办代办');
    if (!isManager(ctx)) throw new HallError('APPROVAL_REQUIRED', '受理的帮办代办不得无故取消；如遇特殊情况，须报部门负责人批准并说明原因');
    const r = d.find('proxy', id);
    assertStatus(r, ['registered', 'assigned', 'in-progress'], '取消');
    const why = required(reason, '取消原因', 200);
    const next: ProxyRequest = {
      ...r,
      status: 'cancelled',
      cancellation: { at: d.nowIso, by: d.actorRef, reason: why },
      approvals: [...r.approvals, { kind: 'cancel', at: d.nowIso, by: d.actorRef, reason: why, from: r.agent, to: null }],
      history: [...r.history, { at: d.nowIso, by: d.actorRef, action: '经负责人批准取消', note: why }],
    };
    d.put(next);
    return next;
  });
}

// ---------------------------------------------------------------- 《代办受理通知书》


/** 《代办受理通知书》 (帮办: 《帮办受理通知书》): what the applicant signs and keeps. */
export function proxyNotice(ctx: AssistedContext, r: ProxyRequest): ProxyNotice {
  const modeName = PROXY_MODE_NAMES[r.mode];
  const offset = ctx.config.hall.utcOffsetMinutes;
  const received = localParts(Date.parse(r.receivedAt), offset);
  const missing = r.materials.filter((m) => !m.received).map((m) => m.name);
  return {
    title: `${modeName}受理通知书`,
    hallName: ctx.config.hall.name,
    no: r.no,
    mode: modeName,
    receivedAt: `${received.date} ${r.receivedAt.slice(11, 16)}`,
    applicant: { name: r.applicant.name, idNumber: maskIdNumber(r.applicant.idNumber), phone: r.applicant.phone, organisation: r.organisation },
    services: r.services.map((s) => serviceName(ctx, s)),
    authorization: r.authorization
      ? {
          services: r.authorization.services.map((s) => serviceName(ctx, s)),
          actions: r.authorization.actions.map((a) => PROXY_ACTION_NAMES[a]),
          validFrom: r.authorization.validFrom,
          validTo: r.authorization.validTo,
          signedAt: r.authorization.signedAt.slice(0, 16).replace('T', ' '),
        }
      : null,
    materials: r.materials.map((m) => ({ name: m.name, received: m.received })),
    missing,
    agent: r.agent ? { name: r.agent.name, employeeNo: r.agent.employeeNo } : null,
    status: PROXY_STATUS_NAMES[r.status],
    terms:
      r.mode === 'proxy'
        ? [
            '申请人自愿委托代办，对所提交申请材料的真实性负责。',
            '代办人员仅在上述授权事项、授权权限和有效期限内代为办理，超出范围或期限的一律不予办理。',
            '代办服务免费；除法律、法规规定须由申请人缴纳的费用外，不收取任何费用。',
            '已受理的代办事项不得无故取消或变更；确需变更代办人员的，须经部门负责人批准。',
            '办结后，代办人员及时办理交接手续，移交办理结果及相关材料。',
            ...(missing.length > 0 ? [`尚缺材料（一次性告知）：${missing.join('、')}。补齐后方可代办。`] : []),
          ]
        : ['帮办人员带领申请人到相关窗口办理，全程免费。', '已受理的帮办事项不得无故取消或变更；确需变更帮办人员的，须经部门负责人批准。'],
  };
}
