/** A hall ticket answer → what the screen shows (`IssuedTicket`) and what the paper carries (`PrintableTicket`). */
import { PRIORITY_NAMES, type Priority } from '@hall/shared';
import type { IssuedTicket } from '../protocol.js';
import type { PrintableTicket } from '../printer/types.js';
import type { HallTicket } from './hall-client.js';

export const TIP_CALLS = '请留意大厅叫号屏和语音提示，过号需重新排队。';
export const TIP_APPOINTMENT = '预约号优先叫号，请在等候区留意叫号。';
export const TIP_ID_CARD = '办理时请携带本人身份证原件。';

/** Items of the materials list a ticket carries unless the kiosk is told otherwise (`--ticket-materials`). */
export const DEFAULT_TICKET_MATERIALS = 3;

export function issuedTicket(t: HallTicket, serviceName: string, printed: boolean, materials: readonly string[] = []): IssuedTicket {
  const priority = t.priority as Priority;
  return {
    ticketId: t.id,
    number: t.number,
    serviceCode: t.serviceCode,
    serviceName,
    priorityLabel: priority !== 'normal' && PRIORITY_NAMES[priority] ? PRIORITY_NAMES[priority] : null,
    peopleAhead: typeof t.waitingAhead === 'number' ? t.waitingAhead : 0,
    estimatedWaitMinutes: typeof t.estimatedWaitMinutes === 'number' ? t.estimatedWaitMinutes : null,
    issuedAt: t.issuedAt,
    printed,
    materials: [...materials],
  };
}

/**
 * The ticket on paper. `statusBase` is the hall address phones use for the QR code
 * (`{statusBase}/t/{ticketId}`); it must be ASCII, like every QR payload the printer takes.
 * At most `maxMaterials` items of the materials list go on it (0: none); the screen shows them all.
 */
export function printableTicket(t: IssuedTicket, hallName: string, statusBase: string, maxMaterials = DEFAULT_TICKET_MATERIALS): PrintableTicket {
  const tips = [t.priorityLabel === '预约' ? TIP_APPOINTMENT : TIP_CALLS, TIP_ID_CARD];
  const materials = maxMaterials > 0 ? t.materials.slice(0, maxMaterials) : [];
  return {
    hallName,
    number: t.number,
    serviceName: t.serviceName,
    ...(t.priorityLabel ? { priorityLabel: t.priorityLabel } : {}),
    peopleAhead: t.peopleAhead,
    estimatedWaitMinutes: t.estimatedWaitMinutes,
    issuedAt: t.issuedAt,
    statusUrl: `${statusBase.replace(/\/+$/, '')}/t/${encodeURIComponent(t.ticketId)}`,
    ...(materials.length ? { materials, materialsLeftOff: t.materials.length - materials.length } : {}),
    tips,
  };
}
