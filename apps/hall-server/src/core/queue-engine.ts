/**
 * The queue's transitions, HALL-RULES §1–2. Each is a pure function
 * `(state, ctx, input) → { value, changes }`: it reads the state, throws HallError when a rule
 * refuses, and otherwise returns what to store, log and broadcast. It never mutates `state`.
 */
import {
  ACTIVE_STATUSES,
  HallError,
  ID_PROBLEM_MESSAGES,
  ageOn,
  checkIdNumber,
  formatTicketNumber,
  localParts,
  toIsoLocal,
  voicePhrase,
  type GreenReason,
  type Post,
  type Priority,
  type TicketChannel,
  UNTOUCHED_TICKET,
} from '@hall/shared';
import { Draft, type EngineContext } from './draft.js';
import type { Changes, HallState, TicketRecord, WindowRuntime } from './hall-state.js';
import { compareTickets, pickNext } from './queue-order.js';
import { voided } from './reports.js';

export interface Outcome<T> {
  value: T;
  changes: Changes;
}

export type { EngineContext } from './draft.js';

function run<T>(state: HallState, ctx: EngineContext, type: string, subject: string, input: unknown, body: (d: Draft) => T): Outcome<T> {
  const d = new Draft(state, ctx);
  rollDay(d);
  const value = body(d);
  return { value, changes: d.finish(type, subject, input) };
}

// ---------------------------------------------------------------- day rollover

/** A new business day: yesterday's waiting and called tickets are void, windows start fresh. */
function rollDay(d: Draft): void {
  const today = localParts(d.ctx.now, d.ctx.config.hall.utcOffsetMinutes).date;
  if (today === d.businessDate) return;
  d.businessDate = today;
  for (const t of [...d.allTickets()]) {
    if (t.businessDate < today && (t.status === 'waiting' || t.status === 'called' || t.status === 'skipped')) {
      d.putTicket({ ...t, status: 'cancelled', finishedAt: d.nowIso });
    }
  }
  for (const w of d.allWindows()) {
    const cur = w.currentTicketId ? d.ticket(w.currentTicketId) : undefined;
    const keep = cur && cur.status === 'serving' ? cur.id : null;
    const cfg = d.windowConfig(w.id);
    d.putWindow({ ...w, currentTicketId: keep, onDuty: [], pause: null, priorityStreak: 0, mode: cfg.appointmentOnly ? 'appointment' : 'normal', modeAuto: false });
  }
}

/** Explicit rollover for the server's ticker (so screens change at midnight without a command). */
export function rollover(state: HallState, ctx: EngineContext): Outcome<boolean> {
  return run(state, ctx, 'day.rollover', state.businessDate, {}, () => true);
}

// ---------------------------------------------------------------- issuing

export interface IssueInput {
  serviceCode: string;
  idNumber?: string;
  phone?: string;
  priority?: Priority;
  channel: TicketChannel;
  appointmentId?: string;
  /** 服务台 green ticket: the reason category; only recorded in the event's input (see redactInput). */
  greenReason?: GreenReason;
}

export function issueTicket(state: HallState, ctx: EngineContext, input: IssueInput): Outcome<TicketRecord> {
  return run(state, ctx, 'ticket.issue', input.serviceCode, redactInput(input), (d) => {
    const service = d.service(input.serviceCode);
    const today = d.businessDate;
    let idNumber: string | null = null;
    let priority: Priority = input.priority ?? 'normal';
    if (input.idNumber !== undefined && input.idNumber !== '') {
      const check = checkIdNumber(input.idNumber, today);
      if (!check.valid) throw new HallError('INVALID_ID_NUMBER', ID_PROBLEM_MESSAGES[check.problem]);
      idNumber = check.normalized;
      const minAge = ctx.config.queue.greenChannelMinAge;
      if (priority === 'normal' && minAge !== null && ageOn(check.birthDate, today) >= minAge) priority = 'green';
    } else if (service.realName && input.channel !== 'appointment') {
      throw new HallError('VALIDATION_FAILED', `“${service.name}”须实名取号，请先刷身份证`);
    }
    if (input.channel !== 'appointment') {
      const refusal = ctx.hours.issueRefusal(ctx.now, service);
      if (refusal !== null) throw new HallError('HALL_CLOSED', refusal);
    }
    if (idNumber !== null) {
      for (const t of d.allTickets()) {
        if (t.idNumber === idNumber && ACTIVE_STATUSES.has(t.status)) {
          throw new HallError('DUPLICATE_ACTIVE_TICKET', `您有一个号码 ${t.number}（${d.service(t.serviceCode).name}）尚未办理，请等候叫号`, { number: t.number, ticketId: t.id });
        }
      }
    }
    const prefix = priority === 'appointment' ? `Y${service.prefix}` : service.prefix;
    if (service.dailyCap !== null && priority !== 'appointment') {
      // A ticket counts once printed (ANCHORS, MADO #21): a voided one gives its place back. Its
      // number is not given back — the prefix counter below only ever goes up.
      const offset = ctx.config.hall.utcOffsetMinutes;
      let issued = 0;
      for (const t of d.allTickets()) {
        if (t.businessDate === today && t.serviceCode === service.code && t.channel !== 'transfer' && t.priority !== 'appointment' && !voided(t, offset)) issued++;
      }
      if (issued >= service.dailyCap) throw new HallError('DAILY_CAP_REACHED', `“${service.name}”今日${service.dailyCap}个号已全部取完，请明天再来或在线预约`);
    }
    const counter = d.counter(prefix) + 1;
    const digits = ctx.config.queue.numberDigits;
    if (counter >= 10 ** digits) throw new HallError('DAILY_CAP_REACHED', `“${service.name}”今日号码已用完`);
    d.counters.set(prefix, counter);
    const ticket: TicketRecord = {
      id: ctx.newId(),
      number: formatTicketNumber(prefix, counter, digits),
      serviceCode: service.code,
      priority,
      status: 'waiting',
      businessDate: today,
      issuedAt: d.nowIso,
      ...UNTOUCHED_TICKET,
      channel: input.channel,
      idNumber,
      phone: input.phone ?? null,
      appointmentId: input.appointmentId ?? null,
      queueKey: nextArrivalKey(d),
    };
    d.putTicket(ticket);
    if (priority === 'appointment') {
      emitAppointmentArrived(d, ticket);
      serveAppointmentAtIdleWindow(d, ticket);
    }
    return d.ticket(ticket.id)!;
  });
}

/**
 * Arrival keys strictly increase, so tickets issued within the same millisecond (a burst at
 * the kiosks, or a simulated clock) are still first come, first served in issue order.
 */
function nextArrivalKey(d: Draft): number {
  let last = -Infinity;
  for (const t of d.allTickets()) if (t.businessDate === d.businessDate && t.queueKey > last) last = t.queueKey;
  return Math.max(d.ctx.now, last + 0.001);
}

function redactInput(input: IssueInput): Record<string, unknown> {
  return { ...input, idNumber: input.idNumber ? '(已提供)' : undefined, phone: input.phone ? '(已提供)' : undefined };
}

// ---------------------------------------------------------------- window actions

/** Staff act only at a window they are on duty at; the admin account may act anywhere. */
function assertMayAct(d: Draft, w: WindowRuntime): void {
  const a = d.ctx.actor;
  if (a.kind === 'admin' || a.kind === 'system') return;
  if (w.onDuty.some((p) => p.employeeNo === a.employeeNo)) return;
  const cfg = d.windowConfig(w.id);
  if (w.onDuty.length === 0) throw new HallError('WINDOW_NOT_STAFFED', `${cfg.no}号窗口无人在岗，请先签到上岗`);
  throw new HallError('WINDOW_NOT_ASSIGNED', `您不在${cfg.no}号窗口在岗，不能在该窗口操作`);
}

function currentTicket(d: Draft, w: WindowRuntime): TicketRecord | null {
  if (!w.currentTicketId) return null;
  const t = d.ticket(w.currentTicketId);
  return t && (t.status === 'called' || t.status === 'serving') ? t : null;
}

function requireCurrent(d: Draft, w: WindowRuntime): TicketRecord {
  const t = currentTicket(d, w);
  if (!t) throw new HallError('NO_CURRENT_TICKET', `${d.windowConfig(w.id).no}号窗口当前没有正在呼叫或办理的号码`);
  return t;
}

export interface CallResult {
  ticket: TicketRecord | null;
  why: string | null;
}

export function callNext(state: HallState, ctx: EngineContext, windowId: string): Outcome<CallResult> {
  return run(state, ctx, 'window.call-next', windowId, {}, (d) => {
    const w = d.window(windowId);
    assertMayAct(d, w);
    if (w.pause) throw new HallError('WINDOW_PAUSED', `窗口已暂停（${w.pause.reason}），请先恢复服务`);
    const cur = currentTicket(d, w);
    if (cur) throw new HallError('WINDOW_BUSY', `当前号码 ${cur.number} 尚未办结，请先办结、过号或转移`, { number: cur.number });
    return callInto(d, windowId);
  });
}

/** Picks and calls the next ticket at a free window. Leaves an automatic 预约办理 mode when no appointment waits. */
function callInto(d: Draft, windowId: string): CallResult {
  let w = d.window(windowId);
  const cfg = d.windowConfig(windowId);
  const guard = d.ctx.config.queue.starvationGuard.maxPriorityInRow;
  const offset = d.ctx.config.hall.utcOffsetMinutes;
  let pick = pickNext(d.waitingTickets(), { ...w, services: cfg.services }, guard, offset);
  if (!pick && w.mode === 'appointment' && w.modeAuto && !cfg.appointmentOnly) {
    w = { ...w, mode: 'normal', modeAuto: false };
    d.putWindow(w);
    pick = pickNext(d.waitingTickets(), { ...w, services: cfg.services }, guard, offset);
  }
  if (!pick) return { ticket: null, why: null };
  const staff = d.ctx.actor.employeeNo ?? w.onDuty[0]?.employeeNo ?? null;
  const called: TicketRecord = { ...pick.ticket, status: 'called', calledAt: d.nowIso, windowId, staffNo: staff };
  d.putTicket(called);
  const counts = w.mode === 'normal';
  const streak = !counts ? w.priorityStreak : called.priority === 'normal' ? 0 : w.priorityStreak + 1;
  d.putWindow({ ...w, currentTicketId: called.id, priorityStreak: streak });
  emitCall(d, called, windowId, false);
  return { ticket: called, why: pick.why };
}

function emitCall(d: Draft, t: TicketRecord, windowId: string, recall: boolean): void {
  const cfg = d.windowConfig(windowId);
  const service = d.service(t.serviceCode);
  d.emit('call', {
    ticketNumber: t.number,
    ticketId: t.id,
    windowId,
    windowNo: cfg.no,
    windowName: cfg.name,
    serviceName: service.name,
    text: voicePhrase(d.ctx.config.queue.voiceTemplate, { number: t.number, windowNo: cfg.no, windowName: cfg.name, serviceName: service.name }),
    at: d.nowIso,
    recall,
  });
}

export function recall(state: HallState, ctx: EngineContext, windowId: string): Outcome<TicketRecord> {
  return run(state, ctx, 'window.recall', windowId, {}, (d) => {
    const w = d.window(windowId);
    assertMayAct(d, w);
    const t = requireCurrent(d, w);
    if (t.status !== 'called') throw new HallError('WINDOW_BUSY', `${t.number} 已在办理中，无需重呼`);
    const next = { ...t, recallCount: t.recallCount + 1 };
    d.putTicket(next);
    emitCall(d, next, windowId, true);
    return next;
  });
}

export function skip(state: HallState, ctx: EngineContext, windowId: string): Outcome<TicketRecord> {
  return run(state, ctx, 'window.skip', windowId, {}, (d) => {
    const w = d.window(windowId);
    assertMayAct(d, w);
    const t = requireCurrent(d, w);
    const next: TicketRecord = { ...t, status: 'skipped', finishedAt: d.nowIso };
    d.putTicket(next);
    d.putWindow({ ...w, currentTicketId: null });
    afterWindowFreed(d, windowId);
    return next;
  });
}

/** A skipped citizen came back: the ticket waits again, `placesBack` places behind the head of its class. */
export function requeue(state: HallState, ctx: EngineContext, ticketId: string, placesBack?: number): Outcome<TicketRecord> {
  return run(state, ctx, 'ticket.requeue', ticketId, { placesBack }, (d) => {
    const t = d.ticket(ticketId);
    if (!t) throw new HallError('NOT_FOUND', '找不到该号码');
    if (t.status !== 'skipped') throw new HallError('TICKET_NOT_SKIPPED', `${t.number} 不是过号状态，不能重新排队`);
    if (t.businessDate !== d.businessDate) throw new HallError('TICKET_NOT_SKIPPED', `${t.number} 不是今天的号码`);
    if (t.idNumber !== null) {
      for (const o of d.allTickets()) {
        if (o.id !== t.id && o.idNumber === t.idNumber && ACTIVE_STATUSES.has(o.status)) {
          throw new HallError('DUPLICATE_ACTIVE_TICKET', `该群众已另取号码 ${o.number}，不能再恢复 ${t.number}`, { number: o.number, ticketId: o.id });
        }
      }
    }
    const n = placesBack ?? ctx.config.queue.requeueOffset;
    const sameClass = [...d.waitingTickets()]
      .filter((o) => o.serviceCode === t.serviceCode && o.priority === t.priority && o.targetWindowId === t.targetWindowId)
      .sort(compareTickets);
    let key: number;
    if (sameClass.length <= n) key = Math.max(ctx.now, (sameClass.at(-1)?.queueKey ?? 0) + 1);
    else if (n === 0) key = sameClass[0]!.queueKey - 1;
    else key = (sameClass[n - 1]!.queueKey + sameClass[n]!.queueKey) / 2;
    const next: TicketRecord = { ...t, status: 'waiting', windowId: null, calledAt: null, finishedAt: null, staffNo: null, queueKey: key, requeuedAt: d.nowIso };
    d.putTicket(next);
    return next;
  });
}

export function start(state: HallState, ctx: EngineContext, windowId: string): Outcome<TicketRecord> {
  return run(state, ctx, 'window.start', windowId, {}, (d) => {
    const w = d.window(windowId);
    assertMayAct(d, w);
    const t = requireCurrent(d, w);
    if (t.status === 'serving') return t;
    const next: TicketRecord = { ...t, status: 'serving', startedAt: d.nowIso };
    d.putTicket(next);
    return next;
  });
}

export interface FinishResult {
  ticket: TicketRecord;
  /** The appointment holder called at once because the window switched to 预约办理. */
  autoCalled: TicketRecord | null;
}

export function finish(state: HallState, ctx: EngineContext, windowId: string, caseNo?: string): Outcome<FinishResult> {
  return run(state, ctx, 'window.finish', windowId, { caseNo }, (d) => {
    const w = d.window(windowId);
    assertMayAct(d, w);
    const t = requireCurrent(d, w);
    const done: TicketRecord = { ...t, status: 'done', startedAt: t.startedAt ?? t.calledAt, finishedAt: d.nowIso, caseNo: caseNo ?? t.caseNo };
    d.putTicket(done);
    d.putWindow({ ...w, currentTicketId: null });
    recordOvertime(d, done, windowId);
    return { ticket: done, autoCalled: afterWindowFreed(d, windowId) };
  });
}

/** 延时服务: a service finished after closing is logged with the minutes past closing. */
function recordOvertime(d: Draft, t: TicketRecord, windowId: string): void {
  const closing = d.ctx.hours.closingAt(t.businessDate);
  if (closing === null || d.ctx.now <= closing) return;
  d.overtime.push({
    id: d.ctx.newId(),
    businessDate: t.businessDate,
    windowId,
    staffNo: d.ctx.actor.employeeNo ?? t.staffNo,
    ticketId: t.id,
    ticketNumber: t.number,
    serviceCode: t.serviceCode,
    closingAt: toIsoLocal(closing, d.ctx.config.hall.utcOffsetMinutes),
    finishedAt: d.nowIso,
    minutesPastClosing: Math.ceil((d.ctx.now - closing) / 60_000),
  });
}

/**
 * 预约办理 mode [003 四(三)]: once a window is free and a checked-in appointment holder waits for
 * it, the window switches to 预约办理 and (if configured) calls the holder at once. An automatic
 * mode ends by itself when no appointment is left.
 */
function afterWindowFreed(d: Draft, windowId: string): TicketRecord | null {
  const policy = d.ctx.config.queue.appointmentMode;
  const w = d.window(windowId);
  const cfg = d.windowConfig(windowId);
  const waitingAppointment = [...d.waitingTickets()].some(
    (t) => t.priority === 'appointment' && (t.targetWindowId === windowId || (t.targetWindowId === null && cfg.services.includes(t.serviceCode))),
  );
  if (waitingAppointment && policy.autoSwitch && !w.pause && (w.mode === 'normal' || w.modeAuto)) {
    if (w.mode === 'normal') d.putWindow({ ...w, mode: 'appointment', modeAuto: true });
    if (policy.autoCall) return callInto(d, windowId).ticket;
  } else if (!waitingAppointment && w.mode === 'appointment' && w.modeAuto) {
    d.putWindow({ ...w, mode: 'normal', modeAuto: false });
  }
  return null;
}

/** Tells the windows that serve the service, at once, that an appointment holder has checked in. */
function emitAppointmentArrived(d: Draft, t: TicketRecord): void {
  d.emit('appointment-arrived', {
    ticketNumber: t.number,
    ticketId: t.id,
    serviceCode: t.serviceCode,
    serviceName: d.service(t.serviceCode).name,
    windowIds: d.ctx.config.windows.filter((w) => w.services.includes(t.serviceCode)).map((w) => w.id),
    at: d.nowIso,
  });
}

/** A checked-in appointment at a moment when a window serving it stands idle: call it there now. */
function serveAppointmentAtIdleWindow(d: Draft, t: TicketRecord): void {
  const policy = d.ctx.config.queue.appointmentMode;
  if (!policy.autoSwitch) return;
  for (const cfg of d.ctx.config.windows) {
    if (!cfg.services.includes(t.serviceCode)) continue;
    const w = d.window(cfg.id);
    if (w.onDuty.length === 0 || w.pause || currentTicket(d, w)) continue;
    if (w.mode === 'normal') d.putWindow({ ...w, mode: 'appointment', modeAuto: true });
    if (policy.autoCall) callInto(d, cfg.id);
    return;
  }
}

export type TransferTarget = { serviceCode: string } | { windowId: string };

/** 转移: the current ticket moves to another service or window, keeping its number and issue time. */
export function transfer(state: HallState, ctx: EngineContext, windowId: string, target: TransferTarget): Outcome<TicketRecord> {
  return run(state, ctx, 'window.transfer', windowId, target, (d) => {
    const w = d.window(windowId);
    assertMayAct(d, w);
    const t = requireCurrent(d, w);
    let serviceCode = t.serviceCode;
    let targetWindowId: string | null = null;
    if ('serviceCode' in target) {
      serviceCode = d.service(target.serviceCode).code;
      if (!ctx.config.windows.some((x) => x.services.includes(serviceCode))) {
        throw new HallError('VALIDATION_FAILED', `没有窗口办理“${d.service(serviceCode).name}”，不能转入`);
      }
    } else {
      const tw = d.windowConfig(target.windowId);
      if (tw.id === windowId) throw new HallError('VALIDATION_FAILED', '不能转移到本窗口');
      if (d.window(tw.id).onDuty.length === 0) throw new HallError('WINDOW_NOT_STAFFED', `${tw.no}号窗口无人在岗，不能转入`);
      targetWindowId = tw.id;
    }
    d.putTicket({ ...t, status: 'transferred', finishedAt: d.nowIso, startedAt: t.startedAt ?? t.calledAt });
    const moved: TicketRecord = {
      ...t,
      id: ctx.newId(),
      serviceCode,
      targetWindowId,
      status: 'waiting',
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      windowId: null,
      staffNo: null,
      transferredFrom: t.id,
      channel: 'transfer',
      recallCount: 0,
      requeuedAt: null,
      caseNo: null,
    };
    d.putTicket(moved);
    d.putWindow({ ...w, currentTicketId: null });
    return moved;
  });
}

export function pause(state: HallState, ctx: EngineContext, windowId: string, reason: string): Outcome<WindowRuntime> {
  return run(state, ctx, 'window.pause', windowId, { reason }, (d) => {
    const w = d.window(windowId);
    assertMayAct(d, w);
    const cur = currentTicket(d, w);
    if (cur) throw new HallError('WINDOW_BUSY', `请先办结或过号当前号码 ${cur.number} 再暂停`);
    const next: WindowRuntime = { ...w, pause: { reason, since: d.nowIso, sinceMs: ctx.now } };
    d.putWindow(next);
    return next;
  });
}

export function resume(state: HallState, ctx: EngineContext, windowId: string): Outcome<WindowRuntime> {
  return run(state, ctx, 'window.resume', windowId, {}, (d) => {
    const w = d.window(windowId);
    assertMayAct(d, w);
    const next: WindowRuntime = { ...w, pause: null };
    d.putWindow(next);
    afterWindowFreed(d, windowId);
    return d.window(windowId);
  });
}

export function setMode(state: HallState, ctx: EngineContext, windowId: string, mode: 'normal' | 'appointment'): Outcome<WindowRuntime> {
  return run(state, ctx, 'window.mode', windowId, { mode }, (d) => {
    const w = d.window(windowId);
    assertMayAct(d, w);
    const cfg = d.windowConfig(windowId);
    if (cfg.appointmentOnly && mode === 'normal') throw new HallError('VALIDATION_FAILED', `${cfg.no}号窗口是预约专窗，只办理预约业务`);
    const next: WindowRuntime = { ...w, mode, modeAuto: false };
    d.putWindow(next);
    return next;
  });
}

export interface SignInInput {
  employeeNo: string;
  post: Post;
}

/** AB岗: a staff member takes the post they are assigned at this window; signing in elsewhere moves them. */
export function signIn(state: HallState, ctx: EngineContext, windowId: string, input: SignInInput): Outcome<WindowRuntime> {
  return run(state, ctx, 'window.sign-in', windowId, input, (d) => {
    const cfg = d.windowConfig(windowId);
    const staff = ctx.config.staff.find((s) => s.employeeNo === input.employeeNo);
    if (!staff) throw new HallError('FORBIDDEN', '只有登记在册的工作人员才能签到上岗');
    if (cfg.posts[input.post] !== input.employeeNo) {
      const mine = (['A', 'B'] as const).filter((p) => cfg.posts[p] === input.employeeNo);
      throw new HallError(
        'WINDOW_NOT_ASSIGNED',
        mine.length > 0 ? `您在${cfg.no}号窗口是${mine[0]}岗，请按${mine[0]}岗签到` : `您未被安排在${cfg.no}号窗口（A岗或B岗），不能在此签到`,
      );
    }
    for (const other of d.allWindows()) {
      if (other.id === windowId || !other.onDuty.some((p) => p.employeeNo === input.employeeNo)) continue;
      if (currentTicket(d, other) && other.onDuty.length === 1) {
        throw new HallError('WINDOW_BUSY', `您在${d.windowConfig(other.id).no}号窗口还有未办结的号码，请先办结`);
      }
      d.putWindow({ ...other, onDuty: other.onDuty.filter((p) => p.employeeNo !== input.employeeNo) });
    }
    const w = d.window(windowId);
    if (w.onDuty.some((p) => p.employeeNo === input.employeeNo)) return w;
    const next: WindowRuntime = {
      ...w,
      onDuty: [...w.onDuty, { name: staff.name, employeeNo: staff.employeeNo, post: input.post, since: d.nowIso }].sort((a, b) => a.post.localeCompare(b.post)),
    };
    d.putWindow(next);
    return next;
  });
}

export function signOut(state: HallState, ctx: EngineContext, windowId: string, employeeNo: string): Outcome<WindowRuntime> {
  return run(state, ctx, 'window.sign-out', windowId, { employeeNo }, (d) => {
    const w = d.window(windowId);
    if (!w.onDuty.some((p) => p.employeeNo === employeeNo)) {
      throw new HallError('WINDOW_NOT_ASSIGNED', `您不在${d.windowConfig(windowId).no}号窗口在岗`);
    }
    const cur = currentTicket(d, w);
    if (cur && w.onDuty.length === 1) throw new HallError('WINDOW_BUSY', `请先办结当前号码 ${cur.number} 再离岗`);
    const next: WindowRuntime = { ...w, onDuty: w.onDuty.filter((p) => p.employeeNo !== employeeNo) };
    d.putWindow(next);
    return next;
  });
}

/** How long after issuing a kiosk may still void its own ticket (the printer failed). */
export const KIOSK_VOID_MINUTES = 5;

export interface CancelInput {
  /** Recorded in the event log, e.g. 打印失败作废. */
  reason?: string;
  /**
   * Set when a kiosk asks: who issued the ticket (the device id the event log records for its
   * `ticket.issue`; null when unknown). A kiosk may void only a walk-in ticket it issued itself,
   * still waiting, within KIOSK_VOID_MINUTES; the acting kiosk is `ctx.actor`.
   */
  kiosk?: { issuedBy: string | null };
}

/** A citizen (or staff) gives up a waiting ticket; a kiosk voids the ticket it could not print. */
export function cancelTicket(state: HallState, ctx: EngineContext, ticketId: string, input: CancelInput = {}): Outcome<TicketRecord> {
  const logged = { ...(input.reason ? { reason: input.reason } : {}), ...(input.kiosk ? { by: 'kiosk' } : {}) };
  return run(state, ctx, 'ticket.cancel', ticketId, logged, (d) => {
    const t = d.ticket(ticketId);
    if (!t) throw new HallError('NOT_FOUND', '找不到该号码');
    if (input.kiosk) {
      const own = t.channel === 'kiosk' && input.kiosk.issuedBy !== null && input.kiosk.issuedBy === ctx.actor.id;
      if (!own) throw new HallError('FORBIDDEN', `${t.number} 不是本取号机发出的号码，取号机不能作废，请到服务台办理`);
      // Already void (a repeated request whose first answer was lost): nothing to do, same answer.
      if (t.status === 'cancelled') return t;
      if (t.status !== 'waiting') throw new HallError('FORBIDDEN', `${t.number} 已被叫号或已处理，取号机不能作废，请到服务台办理`);
      if (ctx.now - Date.parse(t.issuedAt) > KIOSK_VOID_MINUTES * 60_000) {
        throw new HallError('FORBIDDEN', `${t.number} 发出已超过${KIOSK_VOID_MINUTES}分钟，取号机不能再作废，请到服务台办理`);
      }
    }
    if (t.status !== 'waiting' && t.status !== 'skipped') throw new HallError('TICKET_NOT_WAITING', `${t.number} 已被呼叫或已办结，不能取消`);
    const next: TicketRecord = { ...t, status: 'cancelled', finishedAt: d.nowIso };
    d.putTicket(next);
    return next;
  });
}
