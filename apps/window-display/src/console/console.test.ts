import { describe, expect, it } from 'vitest';
import { isTypingTarget, KEY_OF, shortcutFor, SHORTCUTS } from './shortcuts.js';
import { clockText, minutesText, servingClock } from './format.js';
import { parseRoute, routePath } from './routes.js';

const parseRouteRoundTrip = (path: string) => routePath(parseRoute(path));

describe('caller shortcuts', () => {
  it('maps each function key to one action, leaving F5 and F10–F12 to the browser', () => {
    expect(SHORTCUTS.map((s) => `${s.key}=${s.action}`)).toEqual(['F1=call', 'F2=recall', 'F3=skip', 'F4=finish', 'F6=pause', 'F7=start', 'F8=transfer', 'F9=mode']);
    expect(new Set(SHORTCUTS.map((s) => s.key)).size).toBe(SHORTCUTS.length);
    for (const k of ['F5', 'F10', 'F11', 'F12']) expect(shortcutFor({ key: k })).toBeNull();
    expect(KEY_OF.finish).toBe('F4');
  });

  it('never fires while typing, with a modifier, or for a held key', () => {
    const button = { tagName: 'BUTTON' };
    expect(shortcutFor({ key: 'F1', target: button })).toBe('call');
    expect(shortcutFor({ key: 'F1', target: { tagName: 'BODY' } })).toBe('call');
    for (const typing of [{ tagName: 'INPUT' }, { tagName: 'INPUT', type: 'text' }, { tagName: 'INPUT', type: 'search' }, { tagName: 'TEXTAREA' }, { tagName: 'SELECT' }, { tagName: 'DIV', isContentEditable: true }]) {
      expect(isTypingTarget(typing)).toBe(true);
      expect(shortcutFor({ key: 'F1', target: typing })).toBeNull();
    }
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(shortcutFor({ key: 'F4', ctrlKey: true })).toBeNull();
    expect(shortcutFor({ key: 'F4', altKey: true })).toBeNull();
    expect(shortcutFor({ key: 'F4', repeat: true })).toBeNull();
  });
});

describe('console formatting and routes', () => {
  it('shows durations in Chinese and the serving clock against the target', () => {
    expect(minutesText(5)).toBe('5分钟');
    expect(minutesText(65)).toBe('1小时05分');
    expect(clockText(65_000)).toBe('01:05');
    expect(clockText(3_725_000)).toBe('1:02:05');
    const calledAt = '2026-11-23T09:30:00+08:00';
    const t0 = Date.parse(calledAt);
    const cur = { calledAt, startedAt: null } as never;
    expect(servingClock(cur, 15, t0 + 10 * 60_000)).toEqual({ ms: 600_000, over: false, share: 10 / 15 });
    expect(servingClock(cur, 15, t0 + 16 * 60_000)).toMatchObject({ over: true, share: 1 });
    expect(servingClock(null, 15, t0)).toBeNull();
  });

  it('reads every console address back to the page it names', () => {
    for (const path of ['/console', '/console/caller', '/console/caller/W01', '/console/booking', '/console/desk', '/console/manager', '/console/manager/appointments', '/console/manager/records']) {
      expect(parseRouteRoundTrip(path)).toBe(path);
    }
    expect(parseRouteRoundTrip('/console/nowhere')).toBe('/console');
  });
});
