/**
 * The appointment engine, HALL-RULES §3. Each transition is a pure function
 * `(state, ctx, input) → { value, changes }`: it reads the state, throws HallError (a contract
 * code and a Chinese sentence for the citizen or the staff member) when a rule refuses, and
 * otherwise returns what to store, which messages to send and the audit entry. It never mutates
 * `state`, and reads time only from `ctx.now`.
 */
import {
  HallError,
  ID_PROBLEM_MESSAGES,
  addDays,
  checkIdNumber,
  formatHhmm,
  localParts,
  localToMs,
  maskIdNumber,
  parseHhmm,
  parseInstant,
  toIsoLocal,
} from '@hall/shared';
import type { IssueInput } from '../queue-engine.js';
import { runAppointment, type AppointmentDraft } from './appointment-draft.js';
import {
  HOLDING_STATUSES,
  slotKey,
  type Appointment,
  type AppointmentContext,
  type AppointmentOutcome,
  type AppointmentState,
  type Ban,
  type CheckInVia,
  type NoShowRecord,
} from './appointment-state.js';
import { activeBansIn, assertNotBanned, banIfDue, creditNote } from './credit.js';
import {
  dayText,
  durationText,
  instantText,
  offsetOf,
  openingTimeBefore,
  todayOf,
  workingDayAfter,
  workingDayBefore,
  workingDayMinutes,
  workingDaysBetween,
} from './days.js';
import {
  appointmentSlotText,
  applicantCancelledNotice,
  banLiftedNotice,
  confirmationNotice,
  hallCancelledNotice,
  idMismatchVoidedNotice,
  noShowNotice,
  pendingNotice,
  refusedNotice,
  reminderNotice,
} from './notices.js';
import { BOOKING_CHANNEL_NAMES, type BookingChannel } from './policy.js';
import { bookableService, daySlots, serviceOf, slotText, slotView, taken, type SlotDef, type SlotView } from './slots.js';

const STAFF = new Set(['staff', 'manager', 'admin']);
const MANAGERS = new Set(['manager', 'admin']);
/** Booking codes: no 0/O, 1/I/L, so they can be read out over the phone. */
export const BOOKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

// ---------------------------------------------------------------- reads

/** GET /api/appointments/slots: every slot of the service on the date, with the places left. */
export function slots(state: AppointmentState, ctx: AppointmentContext, serviceCode: string, date: string): OfferedSlot[] {
  const service = bookableService(ctx, serviceCode);
  const inSlot = (start: string) => [...(state.bySlot.get(slotKey(service.code, start)) ?? [])].map((id) => state.appointments.get(id)!);
  return daySlots(ctx, service, date).map((s) => ({ ...slotView(ctx, s, inSlot, service.code), onlineRefusal: leadTimeRefusal(ctx, 'online', s) }));
}

/** A slot as the booking page sees it: with why an online booking of it would be refused now (lead time), or null. */
export interface OfferedSlot extends SlotView {
  /**
   * The BOOKING_TOO_LATE / BOOKING_TOO_FAR sentence `book` would answer for an online booking of this
   * slot now (e.g. 线上预约须至少提前3小时…), or null: today's later slots can be booked online when the
   * policy allows the same day [003 四: 线上至少提前3小时].
   */
  onlineRefusal: string | null;
}

function leadTimeRefusal(ctx: AppointmentContext, channel: BookingChannel, slot: SlotDef): string | null {
  try {
    assertLeadTime(ctx, channel, slot);
    return null;
  } catch (e) {
    if (e instanceof HallError) return e.message;
    throw e;
  }
}

/** Bans in force for an ID number now, the longest first. */
export function activeBans(state: AppointmentState, ctx: AppointmentContext, idNumber: string): Ban[] {
  const check = checkIdNumber(idNumber);
  return activeBansIn(state.bans.values(), ctx, check.valid ? check.normalized : idNumber);
}

export function findByCode(state: AppointmentState, code: string): Appointment | undefined {
  const id = state.byCode.get(normalizeCode(code));
  return id === undefined ? undefined : state.appointments.get(id);
}

/** 《预约登记表》 of a day: every appointment of the date, by slot and then booking time. */
export function bookingRegister(state: AppointmentState, date: string, serviceCode?: string): Appointment[] {
  return registerOrder([...state.appointments.values()].filter((a) => a.date === date && (serviceCode === undefined || a.serviceCode === serviceCode)));
}

/** The register's order: by slot (date and time), then booking time; a new array. */
export function registerOrder(appointments: readonly Appointment[]): Appointment[] {
  return [...appointments].sort((x, y) => x.start.localeCompare(y.start) || x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id));
}

export interface PendingApproval {
  appointment: Appointment;
  /** When the window should have answered [002 第五条: within 1 h]. */
  replyBy: string;
  overdue: boolean;
}

/** Out-of-hours requests waiting for a window's answer, oldest first. */
export function pendingApprovals(state: AppointmentState, ctx: AppointmentContext): PendingApproval[] {
  const wait = ctx.policy.approval.replyWithinMinutes * 60_000;
  return [...state.appointments.values()]
    .filter((a) => a.status === 'pending-approval')
    .sort((x, y) => x.createdAt.localeCompare(y.createdAt))
    .map((a) => {
      const by = parseInstant(a.createdAt) + wait;
      return { appointment: a, replyBy: isoOf(ctx, by), overdue: ctx.now > by };
    });
}

/** The last instant the applicant may cancel [003: 3 h before; 凤县: 15:00 the day before]. */
export function applicantCancelDeadline(ctx: AppointmentContext, a: Pick<Appointment, 'start' | 'date'>): number {
  const rule = ctx.policy.cancellation.applicant;
  if (rule.rule === 'hours-before') return parseInstant(a.start) - rule.minutesBefore * 60_000;
  return localToMs(addDays(a.date, -1), parseHhmm(rule.at), offsetOf(ctx));
}

/** The last instant the hall may cancel: half a working day (of opening time) before the slot. */
export function hallCancelDeadline(ctx: AppointmentContext, a: Pick<Appointment, 'start'>): number {
  const minutes = Math.round(ctx.policy.cancellation.hallMinWorkingDays * workingDayMinutes(ctx));
  return openingTimeBefore(ctx, parseInstant(a.start), minutes);
}

// ---------------------------------------------------------------- booking

export interface BookInput {
  serviceCode: string;
  /** The slot's start as `slots` gives it (ISO 8601; without an offset it is hall time). */
  start: string;
  name: string;
  idNumber: string;
  phone: string;
  channel: BookingChannel;
  /** 代理人: may check in and be served instead of the applicant. */
  agent?: { name: string; idNumber: string } | null;
}

/**
 * A booking. Refuses, in this order: bad input (VALIDATION_FAILED, INVALID_ID_NUMBER), a 现场/电话
 * booking not entered by staff (FORBIDDEN), a ban (BOOKING_BANNED), a day without slots
 * (NOT_A_WORKING_DAY), lead time (BOOKING_TOO_LATE / BOOKING_TOO_FAR), the per-person limits
 * (SLOT_LIMIT_PER_PERSON, DAILY_LIMIT_PER_PERSON) and capacity (SLOT_FULL). A slot in an
 * optional session that needs approval gives a 'pending-approval' booking.
 */
export function book(state: AppointmentState, ctx: AppointmentContext, input: BookInput): AppointmentOutcome<Appointment> {
  return runAppointment(state, ctx, 'appointment.book', input.serviceCode, redact(input), (d) => {
    const service = bookableService(ctx, input.serviceCode);
    const today = todayOf(ctx);
    const name = personName(input.name, '申请人');
    const idNumber = residentId(input.idNumber, today, '');
    const phone = mobile(input.phone);
    let agent: Appointment['agent'] = null;
    // A form may send an empty agent block: only a name or an ID makes an agent.
    if (input.agent && ((input.agent.name ?? '').trim() !== '' || (input.agent.idNumber ?? '').trim() !== '')) {
      agent = { name: personName(input.agent.name, '代理人'), idNumber: residentId(input.agent.idNumber, today, '代理人') };
      if (agent.idNumber === idNumber) throw new HallError('VALIDATION_FAILED', '代理人不能是申请人本人');
    }
    const channel = input.channel;
    if (!Object.hasOwn(BOOKING_CHANNEL_NAMES, channel)) throw new HallError('VALIDATION_FAILED', '预约方式应为 onsite（现场）、phone（电话）或 online（线上）');
    if (channel !== 'online' && !STAFF.has(ctx.actor.kind)) {
      throw new HallError('FORBIDDEN', `${BOOKING_CHANNEL_NAMES[channel]}预约须由窗口工作人员录入；您可以在线预约`);
    }
    if (channel === 'online' && ctx.policy.services[service.code]?.online === false) {
      throw new HallError('VALIDATION_FAILED', `“${service.name}”暂不提供线上预约，请电话或到窗口预约`);
    }
    assertNotBanned(d, idNumber);

    const startMs = parseInstant(input.start, offsetOf(ctx));
    if (Number.isNaN(startMs)) throw new HallError('VALIDATION_FAILED', `预约时段的开始时间“${input.start}”格式不正确，应为 ISO 8601，如 2026-11-24T09:00:00+08:00`);
    const date = localParts(startMs, offsetOf(ctx)).date;
    const slot = daySlots(ctx, service, date).find((s) => s.startMs === startMs);
    if (!slot) {
      throw new HallError('VALIDATION_FAILED', `${dayText(date, today)}没有从${formatHhmm(localParts(startMs, offsetOf(ctx)).minuteOfDay)}开始的预约时段，请从可预约时段中选择`);
    }
    assertLeadTime(ctx, channel, slot);

    const mine = [...d.appointmentsOf(idNumber)].filter((a) => HOLDING_STATUSES.has(a.status));
    const limits = ctx.policy.limits;
    const sameTime = mine.filter((a) => parseInstant(a.start) < slot.endMs && slot.startMs < parseInstant(a.end));
    if (sameTime.length >= limits.perSlot) {
      const a = sameTime[0]!;
      throw new HallError(
        'SLOT_LIMIT_PER_PERSON',
        `您已预约${appointmentSlotText(ctx, a)}的“${serviceOf(ctx, a.serviceCode).name}”，同一时间段每人只能预约${limits.perSlot}次`,
        { appointmentId: a.id },
      );
    }
    const sameDay = mine.filter((a) => a.date === date);
    if (sameDay.length >= limits.perDay) {
      throw new HallError('DAILY_LIMIT_PER_PERSON', `您${dayText(date, today)}已有${sameDay.length}个预约，每人每天最多预约${limits.perDay}次`);
    }
    const startIso = isoOf(ctx, slot.startMs);
    if (taken(d.appointmentsInSlot(service.code, startIso), service.code, startIso) >= slot.capacity) {
      throw new HallError('SLOT_FULL', `${slotText(ctx, slot)}的“${service.name}”已约满，请选择其他时段`);
    }

    const appointment: Appointment = {
      id: ctx.newId(),
      code: newCode(d),
      serviceCode: service.code,
      date,
      start: startIso,
      end: isoOf(ctx, slot.endMs),
      session: slot.session,
      status: slot.needsApproval ? 'pending-approval' : 'booked',
      channel,
      name,
      idNumber,
      phone,
      agent,
      createdAt: d.nowIso,
      enteredBy: STAFF.has(ctx.actor.kind) ? d.actorRef : null,
      decision: null,
      cancellation: null,
      checkIn: null,
      noShowAt: null,
      remindedAt: null,
    };
    d.subject = appointment.id;
    d.putAppointment(appointment);
    d.notify(
      appointment.status === 'booked'
        ? confirmationNotice(ctx, appointment, service, applicantCancelDeadline(ctx, appointment))
        : pendingNotice(ctx, appointment, service),
    );
    return appointment;
  });
}

function assertLeadTime(ctx: AppointmentContext, channel: BookingChannel, slot: SlotDef): void {
  const what = `${slotText(ctx, slot)}的预约`;
  const ch = BOOKING_CHANNEL_NAMES[channel];
  if (ctx.now >= slot.startMs) throw new HallError('BOOKING_TOO_LATE', `${slotText(ctx, slot)}已开始或已过去，不能预约`);
  const lt = ctx.policy.leadTime[channel];
  if (lt.minWorkingDays > 0 || lt.cutoff !== null) {
    const day = workingDayBefore(ctx, slot.date, lt.minWorkingDays);
    const deadline = localToMs(day, lt.cutoff === null ? 24 * 60 : parseHhmm(lt.cutoff), offsetOf(ctx));
    if (ctx.now > deadline) {
      const rule =
        lt.minWorkingDays === 0
          ? `须在办理当天${lt.cutoff}前提交`
          : lt.cutoff === null
            ? `须至少提前${lt.minWorkingDays}个工作日`
            : lt.minWorkingDays === 1
              ? `须至少提前1个工作日，在办理日前一个工作日${lt.cutoff}前提交`
              : `须至少提前${lt.minWorkingDays}个工作日，在办理日前第${lt.minWorkingDays}个工作日${lt.cutoff}前提交`;
      const when = lt.cutoff === null ? `只受理到${dayText(day, todayOf(ctx))}` : `已于${instantText(deadline, ctx)}截止`;
      throw new HallError('BOOKING_TOO_LATE', `${ch}预约${rule}；${what}${when}，请选择更晚的时段`, { deadline: isoOf(ctx, deadline) });
    }
  }
  if (lt.minMinutes > 0) {
    const deadline = slot.startMs - lt.minMinutes * 60_000;
    if (ctx.now > deadline) {
      throw new HallError('BOOKING_TOO_LATE', `${ch}预约须至少提前${durationText(lt.minMinutes)}；${what}已于${instantText(deadline, ctx)}截止，请选择更晚的时段`, {
        deadline: isoOf(ctx, deadline),
      });
    }
  }
  const today = todayOf(ctx);
  if (workingDaysBetween(ctx, today, slot.date, lt.maxWorkingDays) > lt.maxWorkingDays) {
    const last = workingDayAfter(ctx, today, lt.maxWorkingDays);
    throw new HallError('BOOKING_TOO_FAR', `${ch}预约最多可提前${lt.maxWorkingDays}个工作日，目前最远可预约到${dayText(last, today)}`, { lastDate: last });
  }
}

/** An 8-character code from an unambiguous alphabet, unique among all appointments. */
function newCode(d: AppointmentDraft): string {
  const n = BOOKING_CODE_ALPHABET.length;
  for (let attempt = 0; attempt < 100; attempt++) {
    let code = '';
    for (let i = 0; i < d.ctx.policy.codeLength; i++) code += BOOKING_CODE_ALPHABET[Math.min(n - 1, Math.floor(d.ctx.random() * n))];
    if (!d.appointmentByCode(code)) return code;
  }
  throw new HallError('INTERNAL', '未能生成不重复的预约码，请重试');
}

// ---------------------------------------------------------------- approval of out-of-hours requests

export function approveRequest(state: AppointmentState, ctx: AppointmentContext, appointmentId: string): AppointmentOutcome<Appointment> {
  return runAppointment(state, ctx, 'appointment.approve', appointmentId, {}, (d) => {
    assertStaff(ctx, '确认预约申请');
    const a = pendingOf(d, appointmentId);
    if (ctx.now >= parseInstant(a.start)) throw new HallError('BOOKING_TOO_LATE', `${appointmentSlotText(ctx, a)}已开始，不能再确认该预约`);
    const next: Appointment = { ...a, status: 'booked', decision: { approved: true, at: d.nowIso, by: d.actorRef, reason: null } };
    d.putAppointment(next);
    d.notify(confirmationNotice(ctx, next, serviceOf(ctx, a.serviceCode), applicantCancelDeadline(ctx, next), true));
    return next;
  });
}

/** Refusing an out-of-hours request needs a reason; the applicant is told it. */
export function refuseRequest(state: AppointmentState, ctx: AppointmentContext, appointmentId: string, reason: string): AppointmentOutcome<Appointment> {
  return runAppointment(state, ctx, 'appointment.refuse', appointmentId, { reason }, (d) => {
    assertStaff(ctx, '答复预约申请');
    const why = requiredReason(reason, '不予确认预约须说明理由（将发送给申请人）');
    const a = pendingOf(d, appointmentId);
    const next: Appointment = { ...a, status: 'refused', decision: { approved: false, at: d.nowIso, by: d.actorRef, reason: why } };
    d.putAppointment(next);
    d.notify(refusedNotice(ctx, next, serviceOf(ctx, a.serviceCode), why));
    return next;
  });
}

function pendingOf(d: AppointmentDraft, id: string): Appointment {
  const a = existing(d, id);
  if (a.status !== 'pending-approval') throw new HallError('VALIDATION_FAILED', `该预约不是待确认状态（当前：${statusName(a)}）`);
  return a;
}

// ---------------------------------------------------------------- cancellation

export interface ApplicantCancelInput {
  appointmentId: string;
  /** Required from the public (the applicant's or the agent's ID); staff taking a call may omit it. */
  idNumber?: string;
}

/** The applicant cancels: up to 3 h before the slot [003] or before 15:00 the day before [004]. */
export function cancelByApplicant(state: AppointmentState, ctx: AppointmentContext, input: ApplicantCancelInput): AppointmentOutcome<Appointment> {
  return runAppointment(state, ctx, 'appointment.cancel', input.appointmentId, { by: 'applicant', idNumber: input.idNumber ? '(已提供)' : undefined }, (d) => {
    const a = existing(d, input.appointmentId);
    if (input.idNumber === undefined || input.idNumber === '') {
      if (!STAFF.has(ctx.actor.kind)) throw new HallError('VALIDATION_FAILED', '取消预约须提供预约人的身份证号码');
    } else {
      const id = residentId(input.idNumber, todayOf(ctx), '');
      if (id !== a.idNumber && id !== a.agent?.idNumber) throw new HallError('ID_MISMATCH', '身份证号码与预约登记的信息不符，不能取消该预约');
    }
    if (a.status === 'cancelled') return a;
    if (a.status === 'refused') throw new HallError('VALIDATION_FAILED', '该预约申请未获确认，无需取消');
    if (a.status === 'checked-in') throw new HallError('CANCEL_TOO_LATE', '该预约已签到取号，不能取消；如不再办理，请告知窗口工作人员');
    if (a.status === 'no-show') throw new HallError('CANCEL_TOO_LATE', '该预约已过签到时间并记爽约，不能再取消');
    if (a.status === 'booked') {
      const deadline = applicantCancelDeadline(ctx, a);
      if (ctx.now > deadline) {
        const rule = ctx.policy.cancellation.applicant;
        const text = rule.rule === 'hours-before' ? `须在预约时段开始${durationText(rule.minutesBefore)}前取消` : `须在预约日前一天${rule.at}前取消`;
        throw new HallError('CANCEL_TOO_LATE', `预约${text}；${appointmentSlotText(ctx, a)}的预约已于${instantText(deadline, ctx)}截止取消。未到将记爽约`, {
          deadline: isoOf(ctx, deadline),
        });
      }
    } else if (ctx.now >= parseInstant(a.start)) {
      throw new HallError('CANCEL_TOO_LATE', `${appointmentSlotText(ctx, a)}已开始，不能再撤回该预约申请`);
    }
    const next: Appointment = { ...a, status: 'cancelled', cancellation: { by: 'applicant', at: d.nowIso, actor: d.actorRef, reason: null } };
    d.putAppointment(next);
    d.notify(applicantCancelledNotice(ctx, next, serviceOf(ctx, a.serviceCode)));
    return next;
  });
}

export interface CancelByCodeInput {
  /** The booking code (预约码) from the confirmation SMS or page; case and spaces do not matter. */
  code: string;
  /** The applicant's or the agent's ID number. */
  idNumber: string;
}

/**
 * The applicant cancels with what they hold on any phone: the booking code and the ID number.
 * Same rules as `cancelByApplicant` (deadline, CANCEL_TOO_LATE, ID_MISMATCH).
 */
export function cancelByCode(state: AppointmentState, ctx: AppointmentContext, input: CancelByCodeInput): AppointmentOutcome<Appointment> {
  const code = normalizeCode(input.code);
  const a = findByCode(state, code);
  if (!a) throw new HallError('NOT_FOUND', `预约码 ${code} 不存在，请核对短信或预约页面上的预约码`);
  if ((input.idNumber ?? '').trim() === '') throw new HallError('VALIDATION_FAILED', '取消预约须提供预约人的身份证号码');
  return cancelByApplicant(state, ctx, { appointmentId: a.id, idNumber: input.idNumber });
}

export interface HallCancelInput {
  appointmentId: string;
  reason: string;
}

/** The hall cancels a booking: half a working day ahead at least, with a reason the applicant is told. */
export function cancelByHall(state: AppointmentState, ctx: AppointmentContext, input: HallCancelInput): AppointmentOutcome<Appointment> {
  return runAppointment(state, ctx, 'appointment.hall-cancel', input.appointmentId, { reason: input.reason }, (d) => {
    assertStaff(ctx, '取消群众的预约');
    const why = requiredReason(input.reason, '大厅取消预约须填写理由（将通知申请人）');
    const a = existing(d, input.appointmentId);
    if (a.status === 'pending-approval') throw new HallError('VALIDATION_FAILED', '该预约尚待确认，请用“不予确认”答复并说明理由');
    if (a.status === 'checked-in' || a.status === 'no-show') throw new HallError('CANCEL_TOO_LATE', `该预约${statusName(a)}，不能再取消`);
    if (a.status !== 'booked') throw new HallError('VALIDATION_FAILED', `该预约${statusName(a)}，无需取消`);
    const deadline = hallCancelDeadline(ctx, a);
    if (ctx.now > deadline) {
      const days = ctx.policy.cancellation.hallMinWorkingDays;
      const ahead = days === 0.5 ? '半个工作日' : `${days}个工作日`;
      const last = Number.isFinite(deadline) ? `，该预约最迟应于${instantText(deadline, ctx)}前取消` : '';
      throw new HallError('CANCEL_TOO_LATE', `大厅取消预约须至少提前${ahead}告知申请人${last}；现已来不及，请与申请人联系协商并按约办理`);
    }
    const next: Appointment = { ...a, status: 'cancelled', cancellation: { by: 'hall', at: d.nowIso, actor: d.actorRef, reason: why } };
    d.putAppointment(next);
    d.notify(hallCancelledNotice(ctx, next, serviceOf(ctx, a.serviceCode), why));
    return next;
  });
}

// ---------------------------------------------------------------- check-in

/** QR path (the token was verified elsewhere), booking code + ID, or ID alone. */
export type CheckInInput = { appointmentId: string; idNumber?: string } | { code: string; idNumber: string } | { idNumber: string };

export interface CheckInResult {
  appointment: Appointment;
  via: CheckInVia;
  /** What to pass to the queue engine's issueTicket: an appointment-priority ticket. */
  ticket: IssueInput;
}

/**
 * 签到 [003 四(二)]: from 30 min before to 30 min after the slot start; the ID presented must be
 * the applicant's or the agent's [004 第七条]. A mismatch is refused and leaves the booking as it
 * was (the real holder can still come); `checkInOrVoid` voids it instead where the hall's policy
 * says so (`checkIn.voidOnIdMismatch`).
 */
export function checkIn(state: AppointmentState, ctx: AppointmentContext, input: CheckInInput): AppointmentOutcome<CheckInResult> {
  const via: CheckInVia = 'appointmentId' in input ? 'qr' : 'code' in input ? 'code' : 'id';
  const subject = 'appointmentId' in input ? input.appointmentId : 'code' in input ? normalizeCode(input.code) : 'by-id';
  return runAppointment(state, ctx, 'appointment.check-in', subject, { via }, (d) => {
    const today = todayOf(ctx);
    // The QR code alone is enough [003]; a booking code or an ID search needs the ID card.
    const qrOnly = 'appointmentId' in input && (input.idNumber === undefined || input.idNumber === '');
    const presentedId = qrOnly ? null : residentId(input.idNumber, today, '');
    let a: Appointment;
    if ('appointmentId' in input) {
      a = existing(d, input.appointmentId);
    } else if ('code' in input) {
      const code = normalizeCode(input.code);
      const found = d.appointmentByCode(code);
      if (!found) throw new HallError('NOT_FOUND', `预约码 ${code} 不存在，请核对后重新输入`);
      a = found;
    } else {
      a = todaysBookingFor(d, presentedId!);
    }
    const presented = presentedId === null ? null : presentedId === a.idNumber ? 'applicant' : presentedId === a.agent?.idNumber ? 'agent' : undefined;
    if (presented === undefined) throw new HallError('ID_MISMATCH', '出示的身份证与预约登记的申请人（或代理人）不一致，不能用该预约签到');
    assertCheckInAllowed(ctx, a);
    d.subject = a.id;
    const next: Appointment = { ...a, status: 'checked-in', checkIn: { at: d.nowIso, via, presented } };
    d.putAppointment(next);
    return {
      appointment: next,
      via,
      ticket: { serviceCode: a.serviceCode, idNumber: a.idNumber, phone: a.phone, priority: 'appointment', channel: 'appointment', appointmentId: a.id },
    };
  });
}

/** What a check-in came to: checked in (the ticket to issue), or the booking voided and the refusal to answer. */
export type CheckInOutcome = { voided: false; result: CheckInResult } | { voided: true; appointment: Appointment; refusal: HallError };

/**
 * 签到 as the shell runs it. With `checkIn.voidOnIdMismatch` (凤县 [004 第七条]: 现场办事人身份证件信息与
 * 预约登记的身份信息不一致的，预约号作废), an ID card that is neither the applicant's nor the agent's,
 * presented with the booking code (or with the QR code) while the booking is being received — booked,
 * within its check-in time — voids the booking: cancelled by the hall with that reason (never a
 * no-show), the applicant told by SMS. The shell stores the change, then answers the refusal.
 * Otherwise (policy off, or the booking not receivable now) it is `checkIn`: refused, booking kept.
 */
export function checkInOrVoid(state: AppointmentState, ctx: AppointmentContext, input: CheckInInput): AppointmentOutcome<CheckInOutcome> {
  try {
    const out = checkIn(state, ctx, input);
    return { value: { voided: false, result: out.value }, changes: out.changes };
  } catch (e) {
    if (!(e instanceof HallError) || e.code !== 'ID_MISMATCH' || !ctx.policy.checkIn.voidOnIdMismatch) throw e;
    if (!('appointmentId' in input) && !('code' in input)) throw e;
    return voidForIdMismatch(state, ctx, input, e);
  }
}

function voidForIdMismatch(
  state: AppointmentState,
  ctx: AppointmentContext,
  input: { appointmentId: string; idNumber?: string } | { code: string; idNumber: string },
  refusal: HallError,
): AppointmentOutcome<CheckInOutcome> {
  const via: CheckInVia = 'appointmentId' in input ? 'qr' : 'code';
  const subject = 'appointmentId' in input ? input.appointmentId : normalizeCode(input.code);
  return runAppointment(state, ctx, 'appointment.void-id-mismatch', subject, { via }, (d) => {
    const a = 'appointmentId' in input ? existing(d, input.appointmentId) : d.appointmentByCode(subject);
    if (!a) throw refusal;
    const [open, close] = checkInSpan(ctx, a);
    if (a.status !== 'booked' || ctx.now < open || ctx.now >= close) throw refusal;
    d.subject = a.id;
    const next: Appointment = { ...a, status: 'cancelled', cancellation: { by: 'hall', at: d.nowIso, actor: d.actorRef, reason: ID_MISMATCH_VOID_REASON } };
    d.putAppointment(next);
    d.notify(idMismatchVoidedNotice(ctx, next, serviceOf(ctx, a.serviceCode)));
    const answer = `出示的身份证与预约登记的申请人（或代理人）不一致，按本大厅规定，${appointmentSlotText(ctx, a)}的预约（预约码${a.code}）已作废；请持本人身份证到取号机取号办理或重新预约`;
    return { voided: true as const, appointment: next, refusal: new HallError('ID_MISMATCH', answer, { appointmentId: a.id, voided: true }) };
  });
}

/** The reason a booking voided at check-in carries (the register and the platform show it). */
export const ID_MISMATCH_VOID_REASON = '签到时出示的身份证与预约登记信息不一致，预约号作废';

function checkInSpan(ctx: AppointmentContext, a: Appointment): [number, number] {
  const start = parseInstant(a.start);
  return [start - ctx.policy.checkIn.opensMinutesBefore * 60_000, start + ctx.policy.checkIn.closesMinutesAfter * 60_000];
}

function assertCheckInAllowed(ctx: AppointmentContext, a: Appointment): void {
  const slot = appointmentSlotText(ctx, a);
  const [open, close] = checkInSpan(ctx, a);
  const hm = (ms: number) => formatHhmm(localParts(ms, offsetOf(ctx)).minuteOfDay);
  switch (a.status) {
    case 'checked-in':
      throw new HallError('DUPLICATE_ACTIVE_TICKET', `该预约已于${instantText(parseInstant(a.checkIn!.at), ctx)}签到取号，请等候叫号`, { appointmentId: a.id });
    case 'cancelled':
      throw new HallError('VALIDATION_FAILED', `${slot}的预约已取消，不能签到；请到取号机取号办理`);
    case 'refused':
      throw new HallError('VALIDATION_FAILED', `${slot}的预约申请未获确认，不能签到`);
    case 'pending-approval':
      throw new HallError('VALIDATION_FAILED', `${slot}的预约申请尚待窗口确认，暂不能签到，请到窗口咨询`);
    case 'no-show':
      throw new HallError('CHECKIN_EXPIRED', `${slot}的预约须在${hm(close)}前签到，已过签到时间并记爽约；请到取号机取号办理或重新预约`);
    case 'booked':
      break;
  }
  if (ctx.now < open) {
    throw new HallError('CHECKIN_TOO_EARLY', `您预约的是${slot}，签到时间为${hm(open)}–${hm(close)}，请于${instantText(open, ctx)}后再签到`, { opensAt: isoOf(ctx, open) });
  }
  if (ctx.now >= close) {
    throw new HallError('CHECKIN_EXPIRED', `${slot}的预约须在${hm(close)}前签到，现已过签到时间，预约失效；请到取号机取号办理或重新预约`);
  }
}

/** By ID alone: the holder's (or agent's) booking of today whose check-in window is open now. */
function todaysBookingFor(d: AppointmentDraft, id: string): Appointment {
  const ctx = d.ctx;
  const today = todayOf(ctx);
  const mine = [...d.allAppointments()]
    .filter((a) => a.date === today && (a.idNumber === id || a.agent?.idNumber === id))
    .sort((x, y) => x.start.localeCompare(y.start));
  const booked = mine.filter((a) => a.status === 'booked');
  const open = booked.find((a) => {
    const [o, c] = checkInSpan(ctx, a);
    return ctx.now >= o && ctx.now < c;
  });
  if (open) return open;
  // Nothing to check in now: explain with the booking that matters most to the person.
  const upcoming = booked.find((a) => ctx.now < checkInSpan(ctx, a)[0]);
  const explain =
    upcoming ??
    mine.find((a) => a.status === 'pending-approval') ??
    mine.find((a) => a.status === 'checked-in') ??
    booked.at(-1) ??
    mine.filter((a) => a.status === 'no-show').at(-1);
  if (explain) return explain;
  throw new HallError('NOT_FOUND', `没有找到身份证号码 ${maskIdNumber(id)} 今天的预约；如已预约，请核对预约日期或使用预约码签到`);
}

// ---------------------------------------------------------------- the ticker: no-shows, lapsed requests, reminders

export interface SweepResult {
  /** Bookings that became 'no-show' now. */
  noShows: Appointment[];
  /** Out-of-hours requests nobody answered before the slot began: not a no-show, the request lapses. */
  lapsed: Appointment[];
  /** Bans the new no-shows led to. */
  bans: Ban[];
}

/** 爽约 [003, 002]: a booking not checked in by slot start + 30 min. Run by the server's ticker. */
export function sweepNoShows(state: AppointmentState, ctx: AppointmentContext): AppointmentOutcome<SweepResult> {
  return runAppointment(state, ctx, 'appointment.sweep', 'no-shows', {}, (d) => {
    const result: SweepResult = { noShows: [], lapsed: [], bans: [] };
    const due = [...d.allAppointments()]
      .filter((a) => a.status === 'booked' || a.status === 'pending-approval')
      .sort((x, y) => x.start.localeCompare(y.start) || x.id.localeCompare(y.id));
    for (const a of due) {
      const service = serviceOf(ctx, a.serviceCode);
      if (a.status === 'pending-approval') {
        if (ctx.now < parseInstant(a.start)) continue;
        const reason = '窗口未能在预约时段开始前确认';
        const next: Appointment = { ...a, status: 'refused', decision: { approved: false, at: d.nowIso, by: d.actorRef, reason } };
        d.putAppointment(next);
        d.notify(refusedNotice(ctx, next, service, reason));
        result.lapsed.push(next);
        continue;
      }
      if (ctx.now < checkInSpan(ctx, a)[1]) continue;
      const next: Appointment = { ...a, status: 'no-show', noShowAt: d.nowIso };
      d.putAppointment(next);
      const record: NoShowRecord = { id: ctx.newId(), idNumber: a.idNumber, appointmentId: a.id, serviceCode: a.serviceCode, date: a.date, at: d.nowIso };
      d.addNoShow(record);
      d.notify(noShowNotice(ctx, next, service, creditNote(d, record)));
      result.noShows.push(next);
      result.bans.push(...banIfDue(d, record, a.phone));
    }
    return result;
  });
}

/** The reminder the day before [at policy.reminderAt], once per booking; run by the ticker. */
export function sendReminders(state: AppointmentState, ctx: AppointmentContext): AppointmentOutcome<Appointment[]> {
  return runAppointment(state, ctx, 'appointment.remind', 'reminders', {}, (d) => {
    const at = ctx.policy.reminderAt;
    if (at === null) return [];
    const out: Appointment[] = [];
    for (const a of d.allAppointments()) {
      if (a.status !== 'booked' || a.remindedAt !== null) continue;
      const due = localToMs(addDays(a.date, -1), parseHhmm(at), offsetOf(ctx));
      // Booked after the reminder time: the confirmation has only just been sent.
      if (ctx.now < due || ctx.now >= parseInstant(a.start) || parseInstant(a.createdAt) >= due) continue;
      const next: Appointment = { ...a, remindedAt: d.nowIso };
      d.putAppointment(next);
      d.notify(reminderNotice(ctx, next, serviceOf(ctx, a.serviceCode), applicantCancelDeadline(ctx, a)));
      out.push(next);
    }
    return out;
  });
}

// ---------------------------------------------------------------- credit: a manager lifts a ban

export interface LiftBanInput {
  idNumber: string;
  reason: string;
}

/** A manager lifts every ban in force for an ID, with a reason kept in the ban and the audit log. */
export function liftBan(state: AppointmentState, ctx: AppointmentContext, input: LiftBanInput): AppointmentOutcome<Ban[]> {
  return runAppointment(state, ctx, 'appointment.ban-lift', 'ban', { idNumber: maskIdNumber(input.idNumber ?? ''), reason: input.reason }, (d) => {
    if (!MANAGERS.has(ctx.actor.kind)) throw new HallError('FORBIDDEN', '只有大厅负责人（管理员）可以解除预约限制');
    const why = requiredReason(input.reason, '解除预约限制须填写理由（记入操作日志）');
    const id = residentId(input.idNumber, todayOf(ctx), '');
    const bans = activeBansIn(d.allBans(), ctx, id);
    if (bans.length === 0) throw new HallError('NOT_FOUND', `身份证号码 ${maskIdNumber(id)} 当前没有预约限制`);
    const lifted = bans.map((b): Ban => ({ ...b, lifted: { at: d.nowIso, by: d.actorRef, reason: why } }));
    for (const b of lifted) d.putBan(b);
    d.subject = lifted.map((b) => b.id).join(',');
    d.notify(banLiftedNotice(ctx, lifted[0]!));
    return lifted;
  });
}

// ---------------------------------------------------------------- helpers

function existing(d: AppointmentDraft, id: string): Appointment {
  const a = d.appointment(id);
  if (!a) throw new HallError('NOT_FOUND', '找不到该预约');
  return a;
}

function statusName(a: Appointment): string {
  const names: Record<Appointment['status'], string> = {
    'pending-approval': '尚待确认',
    booked: '已预约',
    'checked-in': '已签到',
    cancelled: '已取消',
    refused: '未获确认',
    'no-show': '已记爽约',
  };
  return names[a.status];
}

function assertStaff(ctx: AppointmentContext, what: string): void {
  if (!STAFF.has(ctx.actor.kind)) throw new HallError('FORBIDDEN', `只有窗口工作人员可以${what}`);
}

function requiredReason(reason: string | undefined, message: string): string {
  const r = (reason ?? '').trim();
  if (r === '') throw new HallError('VALIDATION_FAILED', message);
  if ([...r].length > 200) throw new HallError('VALIDATION_FAILED', '理由不能超过200个字');
  return r;
}

function personName(raw: string | undefined, who: string): string {
  const name = (raw ?? '').trim();
  const n = [...name].length;
  if (n < 1 || n > 30) throw new HallError('VALIDATION_FAILED', `${who}姓名应为1到30个字`);
  return name;
}

function residentId(raw: string | undefined, today: string, who: string): string {
  const check = checkIdNumber(raw ?? '', today);
  if (!check.valid) throw new HallError('INVALID_ID_NUMBER', `${who}${ID_PROBLEM_MESSAGES[check.problem]}`);
  return check.normalized;
}

function mobile(raw: string | undefined): string {
  const phone = (raw ?? '').trim();
  if (!/^1\d{10}$/.test(phone)) throw new HallError('VALIDATION_FAILED', '手机号码应为以1开头的11位数字');
  return phone;
}

function normalizeCode(code: string): string {
  return (code ?? '').trim().toUpperCase();
}

function isoOf(ctx: AppointmentContext, ms: number): string {
  return toIsoLocal(ms, offsetOf(ctx));
}

function redact(input: BookInput): Record<string, unknown> {
  return {
    serviceCode: input.serviceCode,
    start: input.start,
    channel: input.channel,
    name: input.name ? `${[...input.name.trim()][0] ?? ''}*` : undefined,
    idNumber: typeof input.idNumber === 'string' ? maskIdNumber(input.idNumber) : undefined,
    phone: input.phone ? '(已提供)' : undefined,
    agent: input.agent ? '(已提供)' : undefined,
  };
}
