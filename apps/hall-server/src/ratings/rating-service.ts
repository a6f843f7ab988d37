/**
 * The shell around the pure 好差评 rules: finds the episode, records the answer and its
 * `rating` event in one transaction, and answers the statistics.
 */
import { HallError, isBadRating, localDate, type HallConfig, type Rating, type RatingLevel, type RatingStatsRow } from '@hall/shared';
import { randomUUID } from 'node:crypto';
import { rateEpisode, ratingStats, type RatingAnswer, type RatingStatsBy } from '../core/ratings/index.js';
import type { QueueService } from '../queue/queue-service.js';
import type { QueueStore } from '../storage/queue-store.js';
import type { RatingStore } from '../storage/rating-store.js';

export class RatingService {
  constructor(
    private readonly config: HallConfig,
    private readonly queue: QueueService,
    private readonly tickets: QueueStore,
    private readonly store: RatingStore,
  ) {}

  /** `padWindowId`: the window of the pad that sent it (null for staff acting for a citizen). */
  rate(ticketId: string, answer: RatingAnswer, padWindowId: string | null): Rating {
    const ticket = this.queue.state.tickets.get(ticketId) ?? this.tickets.ticket(ticketId);
    const existing = this.store.answerOf(ticketId);
    // A pad timing out on an episode already answered (a second pad at the window, a retry after
    // a lost reply) has nothing to record; that is not an error.
    if (existing && 'notRated' in answer && ticket?.windowId === (padWindowId ?? ticket?.windowId)) return existing;
    const rating = rateEpisode(
      { ticket, padWindowId, alreadyAnswered: existing !== null, answer },
      { now: this.queue.clock.now(), config: this.config, newId: () => randomUUID() },
    );
    const payload = {
      ticketId: rating.ticketId,
      ticketNumber: rating.ticketNumber,
      windowId: rating.windowId,
      level: rating.level,
      bad: rating.level !== null && isBadRating(rating.level as RatingLevel),
      at: rating.ratedAt,
    };
    // The check above and this write run without a yield in between (one Node thread), and the
    // unique ticket_id would refuse a second answer anyway.
    this.queue.record(() => this.store.insert(rating), [{ name: 'rating', payload }]);
    return rating;
  }

  stats(from: string | undefined, to: string | undefined, by: RatingStatsBy = 'staff'): RatingStatsRow[] {
    const today = localDate(this.queue.clock.now(), this.config.hall.utcOffsetMinutes);
    const start = from ?? to ?? today;
    const end = to ?? from ?? today;
    if (end < start) throw new HallError('VALIDATION_FAILED', '结束日期不能早于开始日期');
    const departmentOf = (windowId: string) => this.config.windows.find((w) => w.id === windowId)?.department ?? '';
    return ratingStats(this.store.inPeriod(start, end), this.store.episodes(start, end, departmentOf), by, this.config);
  }
}
