/**
 * 特事特办 [001 第五章], HALL-RULES §2 and §5: a manager approves a green-channel case (reason,
 * applicant, service; 范围: an urgent need with a proper reason, or a key project); its ticket is
 * issued with `urgent` priority (called after checked-in appointments, before 绿色通道 and
 * normal tickets) in the same transaction as the approval; the case is tracked until done,
 * linked to its tickets. It is outside the promised time limits (不受承诺时限限制): no 限时办结
 * alert for its tickets (`core/alerts.ts` exempts `urgent` tickets).
 *
 * The approval and its ticket come from two pure engines: `approveUrgentCase` says what to
 * issue, the shell runs the queue engine's `issueTicket`, and `linkTicket` puts the ticket on
 * the case's change set, so both commit together or not at all.
 */
import { HallError, ID_PROBLEM_MESSAGES, URGENT_SCOPE_NAMES, checkIdNumber, type UrgentScope } from '@hall/shared';
import type { TicketRecord } from '../hall-state.js';
import type { IssueInput } from '../queue-engine.js';
import { assertManager, assertStaff, optional, required, runAssisted, serviceList } from './assisted-draft.js';
import type { AssistedContext, AssistedOutcome, AssistedState, UrgentCase } from './assisted-state.js';

export interface UrgentCaseInput {
  scope: UrgentScope;
  reason: string;
  applicant: { name: string; idNumber?: string | undefined; phone?: string | undefined };
  serviceCode: string;
}

export interface UrgentIssue {
  case: UrgentCase;
  /** The ticket to issue (priority `urgent`), for the queue engine. */
  issue: IssueInput;
}

function issueFor(ctx: AssistedContext, c: UrgentCase, serviceCode: string): IssueInput {
  const service = ctx.config.services.find((x) => x.code === serviceCode)!;
  if (service.realName && !c.applicant.idNumber) throw new HallError('VALIDATION_FAILED', `“${service.name}”须实名取号，请填写申请人身份证号`);
  return {
    serviceCode,
    priority: 'urgent',
    channel: 'staff',
    ...(c.applicant.idNumber ? { idNumber: c.applicant.idNumber } : {}),
    ...(c.applicant.phone ? { phone: c.applicant.phone } : {}),
  };
}

/** A manager approves a 特事特办 case; the value says which ticket to issue for it. */
export function approveUrgentCase(state: AssistedState, ctx: AssistedContext, input: UrgentCaseInput): AssistedOutcome<UrgentIssue> {
  const redacted = { ...input, applicant: { ...input.applicant, idNumber: input.applicant.idNumber ? '(已提供)' : undefined, phone: input.applicant.phone ? '(已提供)' : undefined } };
  return runAssisted(state, ctx, 'assisted.urgent.approve', input.serviceCode, redacted, (d) => {
    assertManager(ctx, '特事特办审批');
    if (!Object.hasOwn(URGENT_SCOPE_NAMES, input.scope)) throw new HallError('VALIDATION_FAILED', `特事特办的范围应为：${Object.values(URGENT_SCOPE_NAMES).join('、')}`);
    const serviceCode = serviceList(ctx, [input.serviceCode])[0]!;
    const idRaw = optional(input.applicant.idNumber);
    let idNumber: string | null = null;
    if (idRaw !== null) {
      const check = checkIdNumber(idRaw, d.today);
      if (!check.valid) throw new HallError('INVALID_ID_NUMBER', `申请人${ID_PROBLEM_MESSAGES[check.problem]}`);
      idNumber = check.normalized;
    }
    const reason = required(input.reason, '特事特办的理由', 200);
    const c: UrgentCase = {
      kind: 'urgent',
      id: ctx.newId(),
      no: d.nextNo('urgent'),
      date: d.today,
      receivedAt: d.nowIso,
      createdBy: d.actorRef,
      history: [{ at: d.nowIso, by: d.actorRef, action: `批准特事特办（${URGENT_SCOPE_NAMES[input.scope]}）`, note: reason }],
      scope: input.scope,
      status: 'open',
      reason,
      applicant: { name: required(input.applicant.name, '申请人姓名', 40), idNumber, phone: optional(input.applicant.phone) },
      serviceCode,
      approvedBy: d.actorRef,
      tickets: [],
      done: null,
    };
    d.put(c);
    return { case: c, issue: issueFor(ctx, c, serviceCode) };
  });
}

/** Another `urgent` ticket for an open case (a second service, or a return visit): by a manager. */
export function nextUrgentTicket(state: AssistedState, ctx: AssistedContext, id: string, serviceCode: string): AssistedOutcome<UrgentIssue> {
  return runAssisted(state, ctx, 'assisted.urgent.ticket', id, { serviceCode }, (d) => {
    assertManager(ctx, '特事特办发号');
    const c = d.find('urgent', id);
    if (c.status !== 'open') throw new HallError('INVALID_STATE', `特事特办 ${c.no} 已办结，不能再发号`);
    const code = serviceList(ctx, [serviceCode])[0]!;
    const next: UrgentCase = { ...c, history: [...c.history, { at: d.nowIso, by: d.actorRef, action: '加发特事特办号', note: null }] };
    d.put(next);
    return { case: next, issue: issueFor(ctx, c, code) };
  });
}

/** Puts the ticket the queue engine issued on the case, in the same change set (pure). */
export function linkTicket(outcome: AssistedOutcome<UrgentIssue>, ticket: TicketRecord): AssistedOutcome<UrgentCase> {
  const c = outcome.value.case;
  const linked: UrgentCase = {
    ...c,
    tickets: [...c.tickets, { id: ticket.id, number: ticket.number, serviceCode: ticket.serviceCode, issuedAt: ticket.issuedAt }],
    history: c.history.map((h, i) => (i === c.history.length - 1 ? { ...h, note: h.note ? `${h.note}（${ticket.number}）` : ticket.number } : h)),
  };
  const swap = (x: { id: string }) => (x.id === c.id ? linked : x);
  const log = outcome.changes.log;
  return {
    value: linked,
    changes: {
      cases: outcome.changes.cases.map((x) => swap(x) as typeof x),
      log: log ? { ...log, after: { assisted: log.after.assisted.map((x) => swap(x) as typeof x) } } : null,
    },
  };
}

/** 跟踪办结: the case is done (or closed with a note on what happened). */
export function closeUrgentCase(state: AssistedState, ctx: AssistedContext, id: string, note?: string): AssistedOutcome<UrgentCase> {
  return runAssisted(state, ctx, 'assisted.urgent.done', id, { note }, (d) => {
    assertStaff(ctx, '特事特办办结');
    const c = d.find('urgent', id);
    if (c.status !== 'open') throw new HallError('INVALID_STATE', `特事特办 ${c.no} 已办结`);
    const n = optional(note);
    const next: UrgentCase = { ...c, status: 'done', done: { at: d.nowIso, by: d.actorRef, note: n }, history: [...c.history, { at: d.nowIso, by: d.actorRef, action: '办结', note: n }] };
    d.put(next);
    return next;
  });
}
