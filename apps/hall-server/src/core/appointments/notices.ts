/**
 * The text of every message the appointment engine asks the shell to send. Data only: the
 * change set lists them, the shell puts them in the outbox in the same transaction.
 */
import { formatHhmm, localParts, parseInstant, type ServiceConfig } from '@hall/shared';
import type { Appointment, AppointmentContext, Ban, Notice, NoticeKind } from './appointment-state.js';
import { SESSION_NAMES } from './appointment-state.js';
import { dayText, durationText, instantText, offsetOf, todayOf } from './days.js';

function sign(ctx: AppointmentContext): string {
  return `【${ctx.config.hall.name}】`;
}

/** "11月24日（周二）09:00–10:00" of a stored appointment. */
export function appointmentSlotText(ctx: AppointmentContext, a: Appointment): string {
  const s = localParts(parseInstant(a.start), offsetOf(ctx));
  const e = localParts(parseInstant(a.end), offsetOf(ctx));
  return `${dayText(a.date, todayOf(ctx))}${formatHhmm(s.minuteOfDay)}–${formatHhmm(e.minuteOfDay)}`;
}

/** 预约+预审 [003 三(五)]: the materials to bring, numbered. */
export function materialsText(service: ServiceConfig): string {
  const m = service.guide.materials;
  return m.length === 0 ? '' : `请携带：${m.map((x, i) => `${i + 1}.${x}`).join('；')}。`;
}

export function checkInSpanText(ctx: AppointmentContext, a: Appointment): string {
  const start = parseInstant(a.start);
  const open = start - ctx.policy.checkIn.opensMinutesBefore * 60_000;
  const close = start + ctx.policy.checkIn.closesMinutesAfter * 60_000;
  const hm = (ms: number) => formatHhmm(localParts(ms, offsetOf(ctx)).minuteOfDay);
  return `${hm(open)}–${hm(close)}`;
}

function notice(kind: NoticeKind, recipient: string, body: string, key: string, appointmentId: string | null): Notice {
  return { kind, recipient, body, dedupeKey: `${kind}:${key}`, appointmentId };
}

export function confirmationNotice(
  ctx: AppointmentContext,
  a: Appointment,
  service: ServiceConfig,
  cancelDeadline: number,
  approved = false,
): Notice {
  const agent = a.agent ? `代理人${a.agent.name}可凭本人身份证代为签到办理。` : '';
  const body =
    `${sign(ctx)}${a.name}您好，${approved ? '窗口已确认您的预约申请，' : '您已成功预约'}${appointmentSlotText(ctx, a)}“${service.name}”，预约码${a.code}。` +
    `请于当日${checkInSpanText(ctx, a)}凭预约码、二维码或身份证到大厅签到取号，逾时视为爽约。${agent}${materialsText(service)}` +
    `如需取消，请于${instantText(cancelDeadline, ctx)}前办理。`;
  return notice(approved ? 'approved' : 'confirmation', a.phone, body, a.id, a.id);
}

export function pendingNotice(ctx: AppointmentContext, a: Appointment, service: ServiceConfig): Notice {
  const reply = durationText(ctx.policy.approval.replyWithinMinutes);
  const body =
    `${sign(ctx)}${a.name}您好，您申请在${appointmentSlotText(ctx, a)}（${SESSION_NAMES[a.session]}，非工作时间）办理“${service.name}”，` +
    `窗口将在${reply}内答复，确认后另行短信通知。预约码${a.code}。${materialsText(service)}`;
  return notice('pending-approval', a.phone, body, a.id, a.id);
}

export function refusedNotice(ctx: AppointmentContext, a: Appointment, service: ServiceConfig, reason: string): Notice {
  const body = `${sign(ctx)}${a.name}您好，您申请的${appointmentSlotText(ctx, a)}“${service.name}”预约未获确认，原因：${reason}。如需办理，请选择其他时段预约或在工作时间到大厅办理。`;
  return notice('refused', a.phone, body, a.id, a.id);
}

export function reminderNotice(ctx: AppointmentContext, a: Appointment, service: ServiceConfig, cancelDeadline: number): Notice {
  const body =
    `${sign(ctx)}${a.name}您好，提醒您：您预约了${appointmentSlotText(ctx, a)}“${service.name}”，预约码${a.code}，请于${checkInSpanText(ctx, a)}签到取号。` +
    `${materialsText(service)}如不能前来，请于${instantText(cancelDeadline, ctx)}前取消，未取消又未到视为爽约。`;
  return notice('reminder', a.phone, body, a.id, a.id);
}

export function applicantCancelledNotice(ctx: AppointmentContext, a: Appointment, service: ServiceConfig): Notice {
  const body = `${sign(ctx)}${a.name}您好，您已取消${appointmentSlotText(ctx, a)}“${service.name}”的预约（预约码${a.code}）。`;
  return notice('applicant-cancelled', a.phone, body, a.id, a.id);
}

export function hallCancelledNotice(ctx: AppointmentContext, a: Appointment, service: ServiceConfig, reason: string): Notice {
  const body =
    `${sign(ctx)}${a.name}您好，很抱歉，因${reason}，您预约的${appointmentSlotText(ctx, a)}“${service.name}”（预约码${a.code}）已由大厅取消，` +
    `不计爽约。请重新预约或在工作时间到大厅办理，给您带来不便，敬请谅解。`;
  return notice('hall-cancelled', a.phone, body, a.id, a.id);
}

/** A booking voided at check-in because the ID card presented was not the applicant's or the agent's [004 第七条]. */
export function idMismatchVoidedNotice(ctx: AppointmentContext, a: Appointment, service: ServiceConfig): Notice {
  const body =
    `${sign(ctx)}${a.name}您好，您预约的${appointmentSlotText(ctx, a)}“${service.name}”（预约码${a.code}）签到时出示的身份证与预约登记信息不一致，` +
    `按规定预约号已作废，不计爽约。如非本人或登记的代理人所为，请与大厅联系；如需办理，请重新预约或持本人身份证到大厅取号。`;
  return notice('hall-cancelled', a.phone, body, a.id, a.id);
}

export function noShowNotice(ctx: AppointmentContext, a: Appointment, service: ServiceConfig, creditNote: string): Notice {
  const body = `${sign(ctx)}${a.name}您好，您预约的${appointmentSlotText(ctx, a)}“${service.name}”未在签到时间内签到，记爽约1次${creditNote}。`;
  return notice('no-show', a.phone, body, a.id, a.id);
}

export function banNotice(ctx: AppointmentContext, b: Ban, reasonText: string): Notice {
  return notice('ban', b.phone, `${sign(ctx)}您好，${reasonText}。`, b.id, null);
}

export function banLiftedNotice(ctx: AppointmentContext, b: Ban): Notice {
  return notice('ban-lifted', b.phone, `${sign(ctx)}您好，您的预约限制已由大厅解除，现在可以重新预约。请按时赴约，不能前来请提前取消。`, `${b.id}:${b.lifted?.at ?? ''}`, null);
}
