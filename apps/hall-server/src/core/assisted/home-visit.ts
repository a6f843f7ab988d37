/**
 * 上门服务 [001 第二章, 003 三(四) 预约+上门办], HALL-RULES §5: for the elderly, sick, disabled
 * (also 孕妇、军烈属 [003]) or enterprises. The window answers 当日 (`replyDeadline`: the closing
 * time of the working day the request arrived on; after closing or on a day off, of the next
 * working day); a late answer is flagged and raises a manager alert. Accepting schedules the visit
 * with a time, a place, two or more staff [001: 原则上两人以上] and the materials list; declining
 * needs the hall's approval [001: 应报经县政务服务大厅同意] (a manager) and a reason. Then the
 * outcome: done or not, with a note.
 */
import { HOME_VISIT_CATEGORY_NAMES, HallError, checkIdNumber, ID_PROBLEM_MESSAGES, type Alert, type HomeVisitCategory } from '@hall/shared';
import {
  assertManager,
  assertStaff,
  instant,
  isoOf,
  optional,
  replyDeadline,
  required,
  runAssisted,
  serviceList,
  staffRef,
  whenText,
} from './assisted-draft.js';
import type { AssistedContext, AssistedOutcome, AssistedState, HomeVisitRequest } from './assisted-state.js';

/** At least this many staff go on a visit [001 第二章 三]. */
export const MIN_VISIT_STAFF = 2;

export interface HomeVisitInput {
  category: HomeVisitCategory;
  applicant: { name: string; phone: string; idNumber?: string | undefined };
  organisation?: string | undefined;
  address: string;
  services: readonly string[];
  note?: string | undefined;
}

export function registerHomeVisit(state: AssistedState, ctx: AssistedContext, input: HomeVisitInput): AssistedOutcome<HomeVisitRequest> {
  const redacted = { ...input, applicant: { ...input.applicant, idNumber: input.applicant.idNumber ? '(已提供)' : undefined } };
  return runAssisted(state, ctx, 'assisted.home-visit.register', input.category, redacted, (d) => {
    assertStaff(ctx, '上门服务申请登记');
    if (!Object.hasOwn(HOME_VISIT_CATEGORY_NAMES, input.category)) {
      throw new HallError('VALIDATION_FAILED', `请选择服务对象类别：${Object.values(HOME_VISIT_CATEGORY_NAMES).join('、')}`);
    }
    const organisation = optional(input.organisation);
    if (input.category === 'enterprise' && organisation === null) throw new HallError('VALIDATION_FAILED', '企业申请上门服务，请填写企业名称');
    const idRaw = optional(input.applicant.idNumber);
    let idNumber: string | null = null;
    if (idRaw !== null) {
      const check = checkIdNumber(idRaw, d.today);
      if (!check.valid) throw new HallError('INVALID_ID_NUMBER', `申请人${ID_PROBLEM_MESSAGES[check.problem]}`);
      idNumber = check.normalized;
    }
    const r: HomeVisitRequest = {
      kind: 'home-visit',
      id: ctx.newId(),
      no: d.nextNo('home-visit'),
      date: d.today,
      receivedAt: d.nowIso,
      createdBy: d.actorRef,
      history: [{ at: d.nowIso, by: d.actorRef, action: `受理上门服务申请（${HOME_VISIT_CATEGORY_NAMES[input.category]}）`, note: null }],
      category: input.category,
      status: 'pending',
      applicant: { name: required(input.applicant.name, '申请人姓名', 40), phone: required(input.applicant.phone, '联系电话', 20), idNumber },
      organisation,
      address: required(input.address, '上门地址', 120),
      services: serviceList(ctx, input.services),
      note: optional(input.note),
      replyBy: isoOf(ctx, replyDeadline(ctx, ctx.now)),
      answeredAt: null,
      visit: null,
      decline: null,
      outcome: null,
    };
    d.put(r);
    return r;
  });
}

export interface AcceptVisitInput {
  /** When the staff will be there (ISO 8601; working or non-working time [001 第二章 一]). */
  at: string;
  place: string;
  staffNos: readonly string[];
  materials: readonly string[];
  note?: string | undefined;
}

/** 同意上门: a time, a place, two or more staff, and the materials to have ready. */
export function acceptHomeVisit(state: AssistedState, ctx: AssistedContext, id: string, input: AcceptVisitInput): AssistedOutcome<HomeVisitRequest> {
  return runAssisted(state, ctx, 'assisted.home-visit.accept', id, input, (d) => {
    assertStaff(ctx, '答复上门服务申请');
    const r = d.find('home-visit', id);
    if (r.status !== 'pending') throw new HallError('INVALID_STATE', `登记号 ${r.no} 已答复，不能再次答复`);
    const atMs = instant(ctx, input.at, '上门时间');
    if (atMs < ctx.now) throw new HallError('VALIDATION_FAILED', `上门时间${whenText(ctx, atMs)}已过，请约定以后的时间`);
    const nos = [...new Set(input.staffNos.map((n) => n.trim()))];
    if (nos.length < MIN_VISIT_STAFF) {
      throw new HallError('VALIDATION_FAILED', `上门服务须由${MIN_VISIT_STAFF}名以上工作人员共同前往（现为${nos.length}人），并出示相关证件`);
    }
    const staff = nos.map((n) => staffRef(ctx, n));
    const materials = input.materials.map((m) => required(m, '材料名称', 60));
    const note = optional(input.note);
    const next: HomeVisitRequest = {
      ...r,
      status: 'accepted',
      answeredAt: d.nowIso,
      visit: { at: isoOf(ctx, atMs), place: required(input.place, '上门地点', 120), staff, materials, note, by: d.actorRef },
      history: [
        ...r.history,
        { at: d.nowIso, by: d.actorRef, action: `同意上门：${whenText(ctx, atMs)}，${staff.map((s) => s.name).join('、')}`, note },
      ],
    };
    d.put(next);
    return next;
  });
}

/** 暂时无法上门: with the hall's approval (a manager) and the reason told to the applicant. */
export function declineHomeVisit(state: AssistedState, ctx: AssistedContext, id: string, reason: string): AssistedOutcome<HomeVisitRequest> {
  return runAssisted(state, ctx, 'assisted.home-visit.decline', id, { reason }, (d) => {
    assertManager(ctx, '暂不上门（须报经大厅同意）');
    const r = d.find('home-visit', id);
    if (r.status !== 'pending') throw new HallError('INVALID_STATE', `登记号 ${r.no} 已答复，不能再次答复`);
    const why = required(reason, '暂不上门的理由', 200);
    const next: HomeVisitRequest = {
      ...r,
      status: 'declined',
      answeredAt: d.nowIso,
      decline: { at: d.nowIso, by: d.actorRef, reason: why },
      history: [...r.history, { at: d.nowIso, by: d.actorRef, action: '经大厅同意暂不上门', note: why }],
    };
    d.put(next);
    return next;
  });
}

export function recordVisitOutcome(state: AssistedState, ctx: AssistedContext, id: string, done: boolean, note: string): AssistedOutcome<HomeVisitRequest> {
  return runAssisted(state, ctx, 'assisted.home-visit.outcome', id, { done, note }, (d) => {
    assertStaff(ctx, '记录上门服务结果');
    const r = d.find('home-visit', id);
    if (r.status !== 'accepted') throw new HallError('INVALID_STATE', `登记号 ${r.no} 不是已同意上门的申请，不能记录上门结果`);
    const n = required(note, '上门服务情况说明', 300);
    const next: HomeVisitRequest = {
      ...r,
      status: done ? 'done' : 'not-done',
      outcome: { at: d.nowIso, by: d.actorRef, done, note: n },
      history: [...r.history, { at: d.nowIso, by: d.actorRef, action: done ? '上门办理完毕' : '上门未办成', note: n }],
    };
    d.put(next);
    return next;
  });
}

/** Not answered by its deadline. */
export function replyOverdue(r: HomeVisitRequest, now: number): boolean {
  return r.status === 'pending' && now > Date.parse(r.replyBy);
}

export function homeVisitAlerts(state: AssistedState, ctx: Pick<AssistedContext, 'now' | 'config' | 'hours'>): Alert[] {
  const out: Alert[] = [];
  for (const c of state.cases.values()) {
    if (c.kind !== 'home-visit' || !replyOverdue(c, ctx.now)) continue;
    out.push({
      key: `home-visit:${c.id}`,
      kind: 'home-visit-overdue',
      since: c.replyBy,
      message: `上门服务申请 ${c.no}（${HOME_VISIT_CATEGORY_NAMES[c.category]}，${c.applicant.name}）未在${whenText(ctx, Date.parse(c.replyBy))}前答复，已超时`,
    });
  }
  return out;
}
