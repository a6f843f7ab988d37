import type { Rating } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { TestHall, at, demoConfig, idNumber, refusal } from '../test-support.js';
import type { TicketRecord } from '../hall-state.js';
import { rateEpisode, type RateInput } from './rate-episode.js';
import { ratingStats, type Episode } from './rating-stats.js';

/** A hall where W01's A post (工号 1001) has just finished A001 at 09:20 with case number 2026-001. */
function finishedEpisode(): { hall: TestHall; ticket: TicketRecord } {
  const hall = new TestHall();
  hall.signIn('W01');
  hall.setTime('09:05');
  const t = hall.issue('BDC', { idNumber: idNumber('1980-01-01') });
  hall.call('W01');
  hall.start('W01');
  hall.setTime('09:20');
  hall.finish('W01', '2026-001');
  return { hall, ticket: hall.ticket(t.id) };
}

function rate(hall: TestHall, ticket: TicketRecord | null, answer: RateInput['answer'], more: Partial<RateInput> = {}): Rating {
  let n = 0;
  return rateEpisode({ ticket, padWindowId: 'W01', alreadyAnswered: false, answer, ...more }, { now: hall.clock.now(), config: hall.config, newId: () => `r${++n}` });
}

describe('rating an episode on the pad (HALL-RULES §4)', () => {
  it('scores 非常满意…非常不满意 as 10 / 8 / 6 / 0 / −5 and keeps who served and the case number', () => {
    const { hall, ticket } = finishedEpisode();
    hall.setTime('09:21');
    const scores = [5, 4, 3].map((level) => rate(hall, ticket, { level }).score);
    expect(scores).toEqual([10, 8, 6]);
    expect(rate(hall, ticket, { level: 2, details: ['等候时间太长'] }).score).toBe(0);
    const r = rate(hall, ticket, { level: 1, text: '材料清单前后说法不一' });
    expect(r).toMatchObject({ score: -5, staffNo: '1001', windowId: 'W01', department: hall.config.windows[0]!.department, caseNo: '2026-001', ticketNumber: ticket.number });
    expect(r.ratedAt).toBe('2026-11-23T09:21:00.000+08:00');
  });

  it('takes the scores from the hall config', () => {
    const config = demoConfig((raw) => {
      (raw as { ratings?: unknown }).ratings = { scores: { 5: 15, 4: 10, 3: 5, 2: 0, 1: 0 } };
    });
    const hall = new TestHall({ config });
    hall.signIn('W01');
    const t = hall.issue('BDC', { idNumber: idNumber('1980-01-01') });
    hall.call('W01');
    hall.finish('W01');
    expect(rate(hall, hall.ticket(t.id), { level: 5 }).score).toBe(15);
  });

  it('refuses a 差评 that says nothing about what went wrong', () => {
    const { hall, ticket } = finishedEpisode();
    for (const level of [1, 2]) {
      expect(refusal(() => rate(hall, ticket, { level })).code).toBe('RATING_DETAILS_REQUIRED');
      expect(refusal(() => rate(hall, ticket, { level, details: [], text: '   ' })).code).toBe('RATING_DETAILS_REQUIRED');
    }
    expect(refusal(() => rate(hall, ticket, { level: 2, details: ['不存在的选项'] })).message).toContain('不存在的选项');
    expect(refusal(() => rate(hall, ticket, { level: 5, details: ['服务态度不好'] })).code).toBe('VALIDATION_FAILED');
  });

  it('records a timed-out pad as not rated, never as a rating', () => {
    const { hall, ticket } = finishedEpisode();
    const r = rate(hall, ticket, { notRated: true });
    expect(r.level).toBeNull();
    expect(r.score).toBeNull();
  });

  it('allows one answer per episode, only at the window that served it, only after 办结 and within the time limit', () => {
    const { hall, ticket } = finishedEpisode();
    expect(refusal(() => rate(hall, ticket, { level: 5 }, { alreadyAnswered: true })).code).toBe('ALREADY_RATED');
    expect(refusal(() => rate(hall, ticket, { level: 5 }, { padWindowId: 'W02' })).code).toBe('FORBIDDEN');
    expect(refusal(() => rate(hall, null, { level: 5 })).code).toBe('NOT_FOUND');
    const waiting = hall.issue('BDC', { idNumber: idNumber('1985-05-05') });
    expect(refusal(() => rate(hall, waiting, { level: 5 })).code).toBe('NOT_FINISHED');
    hall.setTime('09:50');
    expect(rate(hall, ticket, { level: 4 }).level).toBe(4); // 30 min after 09:20: still open
    hall.clock.set(at('09:50') + 1000);
    expect(refusal(() => rate(hall, ticket, { level: 4 })).code).toBe('RATING_CLOSED');
  });
});

describe('rating statistics', () => {
  const config = demoConfig();
  const rating = (ticketId: string, windowId: string, staffNo: string, level: 1 | 2 | 3 | 4 | 5 | null): Rating => ({
    id: `r-${ticketId}`,
    ticketId,
    ticketNumber: ticketId,
    serviceCode: 'BDC',
    windowId,
    staffNo,
    department: config.windows.find((w) => w.id === windowId)!.department,
    caseNo: null,
    level,
    score: level === null ? null : { 5: 10, 4: 8, 3: 6, 2: 0, 1: -5 }[level],
    details: [],
    text: null,
    finishedAt: '2026-11-23T10:00:00+08:00',
    ratedAt: '2026-11-23T10:01:00+08:00',
    businessDate: '2026-11-23',
  });
  const episode = (ticketId: string, windowId: string, staffNo: string): Episode => ({ ticketId, windowId, staffNo, department: config.windows.find((w) => w.id === windowId)!.department });

  it('counts levels, sums scores, averages per rated answer and counts unrated episodes, per staff', () => {
    const episodes = ['t1', 't2', 't3', 't4', 't5'].map((id) => episode(id, 'W01', '1001')).concat([episode('t6', 'W02', '1003')]);
    const ratings = [rating('t1', 'W01', '1001', 5), rating('t2', 'W01', '1001', 4), rating('t3', 'W01', '1001', 1), rating('t4', 'W01', '1001', null), rating('t6', 'W02', '1003', 3)];
    const rows = ratingStats(ratings, episodes, 'staff', config);
    const s1001 = rows.find((r) => r.key === '1001')!;
    expect(s1001).toMatchObject({ served: 5, rated: 3, notRated: 2, bad: 1, score: 13, averageScore: 4.33, counts: { 5: 1, 4: 1, 3: 0, 2: 0, 1: 1 } });
    expect(s1001.name).toMatch(/^\p{Script=Han}+（1001）$/u);
    expect(rows.map((r) => r.key)).toEqual(['1003', '1001']); // best average first
    expect(ratingStats(ratings, episodes, 'window', config).map((r) => [r.key, r.score])).toEqual([['W02', 6], ['W01', 13]]);
  });

  it('gives a window whose pad is never answered no average instead of a perfect one', () => {
    const rows = ratingStats([], [episode('t1', 'W01', '1001')], 'window', config);
    expect(rows[0]).toMatchObject({ served: 1, rated: 0, notRated: 1, averageScore: null });
  });
});
