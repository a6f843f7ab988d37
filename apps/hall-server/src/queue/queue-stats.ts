/** Per-service figures of one day, computed from its tickets. */
import type { HallConfig } from '@hall/shared';
import type { TicketRecord } from '../core/index.js';

export interface ServiceDayStats {
  serviceCode: string;
  serviceName: string;
  issued: number;
  served: number;
  skipped: number;
  transferredOut: number;
  waiting: number;
  avgWaitSeconds: number | null;
  avgServiceSeconds: number | null;
}

const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;
const mean = (xs: number[]) => (xs.length === 0 ? null : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length));

/**
 * `issued` counts tickets the service gave out (a transfer-in is not a new issue); `served`
 * counts services finished; wait = issue → first call; service time = start (or call) → finish.
 */
export function queueStats(config: HallConfig, tickets: readonly TicketRecord[]): ServiceDayStats[] {
  return config.services.map((s) => {
    const mine = tickets.filter((t) => t.serviceCode === s.code);
    const waits = mine.filter((t) => t.calledAt && t.channel !== 'transfer').map((t) => seconds(t.issuedAt, t.calledAt!));
    const services = mine.filter((t) => t.status === 'done' && t.finishedAt).map((t) => seconds(t.startedAt ?? t.calledAt ?? t.issuedAt, t.finishedAt!));
    return {
      serviceCode: s.code,
      serviceName: s.name,
      issued: mine.filter((t) => t.channel !== 'transfer').length,
      served: mine.filter((t) => t.status === 'done').length,
      skipped: mine.filter((t) => t.status === 'skipped').length,
      transferredOut: mine.filter((t) => t.status === 'transferred').length,
      waiting: mine.filter((t) => t.status === 'waiting').length,
      avgWaitSeconds: mean(waits),
      avgServiceSeconds: mean(services),
    };
  });
}
