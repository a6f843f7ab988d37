/**
 * 投诉 [004 投诉监督管理制度], HALL-RULES §5: a complaint against a window or a staff member
 * (现场、电话、信函、微信, or found by the hall's own patrol), the complainant's contact optional
 * (anonymous allowed). The window lead feeds back within 2 working days (`workingDaysDeadline`:
 * the day it arrived does not count; due at the closing time of the 2nd working day after it);
 * late feedback is flagged and raises a manager alert. Then the hall tells the complainant
 * (skipped for an anonymous complaint) and closes it: registered → fed-back → informed → closed.
 */
import { COMPLAINT_CHANNEL_NAMES, HallError, INFORM_HOW_NAMES, type Alert, type ComplaintChannel } from '@hall/shared';
import { assertManager, assertStaff, isoOf, optional, required, runAssisted, staffRef, whenText, workingDaysDeadline } from './assisted-draft.js';
import type { AssistedContext, AssistedOutcome, AssistedState, Complaint } from './assisted-state.js';

/** 被投诉的窗口负责人要在 2 个工作日内将处理情况反馈 [004 三(三)2]. */
export const FEEDBACK_WORKING_DAYS = 2;

export interface ComplaintInput {
  channel: ComplaintChannel;
  windowId?: string | undefined;
  staffNo?: string | undefined;
  content: string;
  complainant?: { name?: string | undefined; phone?: string | undefined } | undefined;
}

export function registerComplaint(state: AssistedState, ctx: AssistedContext, input: ComplaintInput): AssistedOutcome<Complaint> {
  const redacted = { ...input, complainant: input.complainant ? '(已提供)' : '(匿名)' };
  return runAssisted(state, ctx, 'assisted.complaint.register', input.windowId ?? input.staffNo ?? '', redacted, (d) => {
    assertStaff(ctx, '投诉登记');
    if (!Object.hasOwn(COMPLAINT_CHANNEL_NAMES, input.channel)) {
      throw new HallError('VALIDATION_FAILED', `投诉形式应为：${Object.values(COMPLAINT_CHANNEL_NAMES).join('、')}`);
    }
    const windowId = optional(input.windowId);
    const staffNo = optional(input.staffNo);
    if (windowId === null && staffNo === null) throw new HallError('VALIDATION_FAILED', '请填写被投诉的窗口或工作人员（至少一项）');
    if (windowId !== null && !ctx.config.windows.some((w) => w.id === windowId)) throw new HallError('UNKNOWN_WINDOW', `没有编号为 ${windowId} 的窗口`);
    const staff = staffNo === null ? null : staffRef(ctx, staffNo);
    const name = optional(input.complainant?.name);
    const phone = optional(input.complainant?.phone);
    const c: Complaint = {
      kind: 'complaint',
      id: ctx.newId(),
      no: d.nextNo('complaint'),
      date: d.today,
      receivedAt: d.nowIso,
      createdBy: d.actorRef,
      history: [{ at: d.nowIso, by: d.actorRef, action: `受理${COMPLAINT_CHANNEL_NAMES[input.channel]}`, note: null }],
      channel: input.channel,
      status: 'registered',
      windowId,
      staff,
      content: required(input.content, '投诉内容', 1000),
      complainant: name === null && phone === null ? null : { name, phone },
      feedbackDue: isoOf(ctx, workingDaysDeadline(ctx, ctx.now, FEEDBACK_WORKING_DAYS)),
      feedback: null,
      informed: null,
      closure: null,
    };
    d.put(c);
    return c;
  });
}

/** The window lead's feedback (处理情况). Late feedback is still taken; the record shows it was late. */
export function recordFeedback(state: AssistedState, ctx: AssistedContext, id: string, content: string): AssistedOutcome<Complaint> {
  return runAssisted(state, ctx, 'assisted.complaint.feedback', id, { content }, (d) => {
    assertStaff(ctx, '投诉处理反馈');
    const c = d.find('complaint', id);
    if (c.status !== 'registered') throw new HallError('INVALID_STATE', `投诉 ${c.no} 已有反馈`);
    const text = required(content, '处理情况', 1000);
    const late = ctx.now > Date.parse(c.feedbackDue);
    const next: Complaint = {
      ...c,
      status: 'fed-back',
      feedback: { at: d.nowIso, by: d.actorRef, content: text },
      history: [...c.history, { at: d.nowIso, by: d.actorRef, action: late ? '窗口反馈处理情况（已超过反馈期限）' : '窗口反馈处理情况', note: text }],
    };
    d.put(next);
    return next;
  });
}

export interface InformInput {
  how: keyof typeof INFORM_HOW_NAMES;
  satisfied?: boolean | undefined;
  note?: string | undefined;
}

/** 将最终的处理结果告知投诉人 (not for an anonymous complaint). */
export function informComplainant(state: AssistedState, ctx: AssistedContext, id: string, input: InformInput): AssistedOutcome<Complaint> {
  return runAssisted(state, ctx, 'assisted.complaint.inform', id, input, (d) => {
    assertManager(ctx, '告知投诉人处理结果');
    const c = d.find('complaint', id);
    if (c.complainant === null) throw new HallError('INVALID_STATE', `投诉 ${c.no} 为匿名投诉，无法告知投诉人，可直接办结`);
    if (c.status !== 'fed-back') throw new HallError('INVALID_STATE', c.status === 'registered' ? `投诉 ${c.no} 尚无窗口反馈，请先反馈处理情况` : `投诉 ${c.no} 已告知投诉人`);
    if (!Object.hasOwn(INFORM_HOW_NAMES, input.how)) throw new HallError('VALIDATION_FAILED', `告知方式应为：${Object.values(INFORM_HOW_NAMES).join('、')}`);
    const note = optional(input.note);
    const satisfied = input.satisfied ?? null;
    const next: Complaint = {
      ...c,
      status: 'informed',
      informed: { at: d.nowIso, by: d.actorRef, how: input.how, satisfied, note },
      history: [
        ...c.history,
        { at: d.nowIso, by: d.actorRef, action: `${INFORM_HOW_NAMES[input.how]}告知投诉人${satisfied === null ? '' : satisfied ? '（满意）' : '（不满意，须重新核实）'}`, note },
      ],
    };
    d.put(next);
    return next;
  });
}

/**
 * 办结, by a manager, with a note. The complainant must have been told first (an anonymous
 * complaint: after the feedback); one who was not satisfied needs the note that says what the
 * re-check found [004 三(三)3].
 */
export function closeComplaint(state: AssistedState, ctx: AssistedContext, id: string, note?: string): AssistedOutcome<Complaint> {
  return runAssisted(state, ctx, 'assisted.complaint.close', id, { note }, (d) => {
    assertManager(ctx, '投诉办结');
    const c = d.find('complaint', id);
    if (c.status === 'closed') throw new HallError('INVALID_STATE', `投诉 ${c.no} 已办结`);
    if (c.status === 'registered') throw new HallError('INVALID_STATE', `投诉 ${c.no} 尚无窗口反馈，不能办结`);
    if (c.status === 'fed-back' && c.complainant !== null) throw new HallError('INVALID_STATE', `投诉 ${c.no} 尚未将处理结果告知投诉人，不能办结`);
    const n = optional(note);
    if (c.informed?.satisfied === false && n === null) throw new HallError('VALIDATION_FAILED', '投诉人对处理意见不满意：请填写重新核实的情况后再办结');
    const next: Complaint = { ...c, status: 'closed', closure: { at: d.nowIso, by: d.actorRef, note: n }, history: [...c.history, { at: d.nowIso, by: d.actorRef, action: '办结', note: n }] };
    d.put(next);
    return next;
  });
}

export function feedbackOverdue(c: Complaint, now: number): boolean {
  return c.status === 'registered' && now > Date.parse(c.feedbackDue);
}

export function complaintAlerts(state: AssistedState, ctx: Pick<AssistedContext, 'now' | 'config'>): Alert[] {
  const out: Alert[] = [];
  for (const c of state.cases.values()) {
    if (c.kind !== 'complaint' || !feedbackOverdue(c, ctx.now)) continue;
    const w = c.windowId ? ctx.config.windows.find((x) => x.id === c.windowId) : undefined;
    const target = [w ? `${w.no}号窗口（${w.name}）` : null, c.staff ? c.staff.name : null].filter(Boolean).join(' ');
    out.push({
      key: `complaint:${c.id}`,
      kind: 'complaint-overdue',
      ...(c.windowId ? { windowId: c.windowId } : {}),
      since: c.feedbackDue,
      message: `投诉 ${c.no}（${target}）未在${whenText(ctx, Date.parse(c.feedbackDue))}前反馈处理情况，已超过${FEEDBACK_WORKING_DAYS}个工作日`,
    });
  }
  return out;
}
