/**
 * Per-service figures of one day (GET /api/stats/queue), computed from its tickets with the
 * definitions of the 统计报表 (`core/reports.ts`), so that both answer the same for the same day —
 * also for a past day, after the rollover has turned what it left into `cancelled`.
 */
import type { HallConfig } from '@hall/shared';
import type { TicketRecord } from '../core/index.js';
import { leftSkipped, mean, serviceSeconds, voided, waitSeconds } from '../core/reports.js';

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

/**
 * `issued` counts tickets the service gave out (not a transfer-in, not a ticket voided before it
 * was called, e.g. 打印失败作废); `served` counts services finished; `skipped` tickets left as 过号
 * (also once the rollover cancelled them); wait = issue → call; service time = start (or call) → finish.
 */
export function queueStats(config: HallConfig, tickets: readonly TicketRecord[]): ServiceDayStats[] {
  const offset = config.hall.utcOffsetMinutes;
  return config.services.map((s) => {
    const mine = tickets.filter((t) => t.serviceCode === s.code);
    return {
      serviceCode: s.code,
      serviceName: s.name,
      issued: mine.filter((t) => t.channel !== 'transfer' && !voided(t, offset)).length,
      served: mine.filter((t) => t.status === 'done').length,
      skipped: mine.filter(leftSkipped).length,
      transferredOut: mine.filter((t) => t.status === 'transferred').length,
      waiting: mine.filter((t) => t.status === 'waiting').length,
      avgWaitSeconds: mean(mine.map(waitSeconds).filter((x): x is number => x !== null)),
      avgServiceSeconds: mean(mine.map(serviceSeconds).filter((x): x is number => x !== null)),
    };
  });
}
