import { describe, expect, it } from 'vitest';
import { periodRange, periodText, stepPeriod } from './rating-period.js';
import { parseRoute, routePath } from './routes.js';

describe('好差评 pages: statistics periods and addresses', () => {
  it('steps and names the week (Monday–Sunday), month and quarter as the server counts them', () => {
    expect(periodRange('week', '2026-11-27')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(periodRange('week', '2026-12-31')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(periodRange('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodRange('quarter', '2026-11-27')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodText('week', '2026-11-27')).toBe('2026年11月23日—11月29日');
    expect(periodText('month', '2026-11-27')).toBe('2026年11月');
    expect(periodText('quarter', '2026-11-27')).toBe('2026年第4季度');
    expect(stepPeriod('week', '2026-11-27', -1)).toBe('2026-11-20');
    expect(stepPeriod('month', '2026-12-31', 1)).toBe('2027-01-01');
    expect(stepPeriod('quarter', '2026-02-10', -1)).toBe('2025-11-01');
  });

  it('reads every 好差评 address back to the page and tab it names', () => {
    for (const path of ['/console/manager/ratings', '/console/manager/ratings/cases', '/console/manager/ratings/appeals', '/console/manager/ratings/awards', '/console/my-ratings']) {
      expect(routePath(parseRoute(path))).toBe(path);
    }
    expect(parseRoute('/console/manager/ratings/nowhere')).toEqual({ page: 'ratings', tab: 'list' });
  });
});
