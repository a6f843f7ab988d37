import { describe, expect, it } from 'vitest';
import type { HallConfig, HallConfigInput } from '@hall/shared';
import { chineseHolidayData } from '../calendar/holiday-data.js';
import { WorkingCalendar, type CalendarOverride, type HolidayData } from './calendar.js';
import { HallHours, type Span } from './hall-hours.js';
import { MONDAY, SATURDAY, at, demoConfig } from './test-support.js';

const chinese = chineseHolidayData();
const hoursOf = (config: HallConfig = demoConfig(), overrides: CalendarOverride[] = [], data: HolidayData | null = chinese) =>
  new HallHours(config, new WorkingCalendar(data, overrides));
const service = (config: HallConfig, code: string) => config.services.find((s) => s.code === code)!;
const rawService = (raw: HallConfigInput, code: string) => raw.services.find((s) => s.code === code)!;

const m = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const DAY: Span[] = [
  [m('09:00'), m('12:00')],
  [m('13:00'), m('17:00')],
];

describe('periods: the opening hours of a date (demo hall, State Council calendar)', () => {
  const hours = hoursOf();
  const table: [string, string, Span[]][] = [
    ['an ordinary Monday', MONDAY, DAY],
    ['an ordinary Friday', '2026-11-27', DAY],
    ['an ordinary Saturday', SATURDAY, []],
    ['an ordinary Sunday', '2026-11-29', []],
    ['National Day (Thursday)', '2026-10-01', []],
    ['the Thursday after the National Day week', '2026-10-08', DAY],
    ['调休 working Sunday', '2026-09-20', DAY],
    ['调休 working Saturday', '2026-10-10', DAY],
    ['Spring Festival Monday', '2026-02-16', []],
    ['调休 Saturday before Spring Festival', '2026-02-14', DAY],
    ['调休 Saturday after Spring Festival', '2026-02-28', DAY],
    ['Dragon Boat Festival (Friday)', '2026-06-19', []],
  ];
  it.each(table)('%s (%s)', (_name, date, expected) => {
    expect(hours.periods(date)).toEqual(expected);
  });

  it('a 调休 weekend day uses Monday’s hours when the hall keeps different hours per day', () => {
    const config = demoConfig((raw) => {
      raw.hours.weekly['1'] = [
        ['08:30', '12:00'],
        ['14:00', '17:30'],
      ];
      raw.hours.weekly['5'] = [['09:00', '12:00']];
    });
    const hours = hoursOf(config);
    const monday: Span[] = [
      [m('08:30'), m('12:00')],
      [m('14:00'), m('17:30')],
    ];
    expect(hours.periods('2026-09-20')).toEqual(monday);
    expect(hours.periods('2026-11-27')).toEqual([[m('09:00'), m('12:00')]]);
    expect(hours.closingAt('2026-11-27')).toBe(at('12:00', '2026-11-27'));
  });
});

describe('isOpenAt and closingAt', () => {
  const hours = hoursOf();
  const table: [string, number, boolean][] = [
    ['Monday 08:59', at('08:59'), false],
    ['Monday 09:00', at('09:00'), true],
    ['Monday 11:59', at('11:59'), true],
    ['Monday 12:00 (lunch)', at('12:00'), false],
    ['Monday 12:59 (lunch)', at('12:59'), false],
    ['Monday 13:00', at('13:00'), true],
    ['Monday 16:59', at('16:59'), true],
    ['Monday 17:00', at('17:00'), false],
    ['Saturday 10:00', at('10:00', SATURDAY), false],
    ['National Day 10:00', at('10:00', '2026-10-01'), false],
    ['调休 Sunday 10:00', at('10:00', '2026-09-20'), true],
  ];
  it.each(table)('%s → open: %s', (_name, ms, open) => {
    expect(hours.isOpenAt(ms)).toBe(open);
  });

  const closing: [string, number | null][] = [
    [MONDAY, at('17:00')],
    ['2026-09-20', at('17:00', '2026-09-20')],
    [SATURDAY, null],
    ['2026-10-01', null],
  ];
  it.each(closing)('closingAt(%s)', (date, expected) => {
    expect(hours.closingAt(date)).toBe(expected);
  });
});

describe('issueSpans: when a service issues tickets', () => {
  const table: [string, HallConfig, Span[]][] = [
    ['demo: 30 min before opening to 30 min before closing, through lunch', demoConfig(), [[m('08:30'), m('16:30')]]],
    [
      'no issuing over lunch',
      demoConfig((raw) => (raw.hours.issueDuringLunch = false)),
      [
        [m('08:30'), m('12:00')],
        [m('13:00'), m('16:30')],
      ],
    ],
    [
      'issuing exactly in opening hours',
      demoConfig((raw) => {
        raw.hours.ticketCutoffMinutes = 0;
        raw.hours.issueOpensMinutesBefore = 0;
        raw.hours.issueDuringLunch = false;
      }),
      DAY,
    ],
    ['a cutoff of 60 min', demoConfig((raw) => (raw.hours.ticketCutoffMinutes = 60)), [[m('08:30'), m('16:00')]]],
    ['service hours inside the hall’s', demoConfig((raw) => (rawService(raw, 'SW').ticketHours = [['13:30', '15:00']])), [[m('13:30'), m('15:00')]]],
    [
      'service hours across lunch, no issuing over lunch',
      demoConfig((raw) => {
        raw.hours.issueDuringLunch = false;
        rawService(raw, 'SW').ticketHours = [['11:00', '14:00']];
      }),
      [
        [m('11:00'), m('12:00')],
        [m('13:00'), m('14:00')],
      ],
    ],
    ['service hours wholly outside the hall’s', demoConfig((raw) => (rawService(raw, 'SW').ticketHours = [['18:00', '19:00']])), []],
  ];
  it.each(table)('%s', (_name, config, expected) => {
    expect(hoursOf(config).issueSpans(MONDAY, service(config, 'SW'))).toEqual(expected);
  });

  it('nothing on a day off', () => {
    const config = demoConfig();
    expect(hoursOf(config).issueSpans(SATURDAY, service(config, 'SW'))).toEqual([]);
    expect(hoursOf(config).issueSpans('2026-10-01', service(config, 'SW'))).toEqual([]);
  });
});

describe('issueRefusal: the reason shown at the kiosk', () => {
  const demo = demoConfig();
  const own = demoConfig((raw) => (rawService(raw, 'SW').ticketHours = [['09:00', '11:00']]));
  const none = demoConfig((raw) => (rawService(raw, 'SW').ticketHours = [['18:00', '19:00']]));
  const table: [string, HallConfig, number, string | null][] = [
    ['08:29', demo, at('08:29'), '“税务办理”的取号时间为 08:30–16:30，现在不能取号'],
    ['08:30', demo, at('08:30'), null],
    ['16:30', demo, at('16:30'), '“税务办理”的取号时间为 08:30–16:30，现在不能取号'],
    ['Saturday', demo, at('10:00', SATURDAY), '今天不是工作日，大厅不办理业务'],
    ['National Day', demo, at('10:00', '2026-10-01'), '今天不是工作日，大厅不办理业务'],
    ['调休 Sunday', demo, at('10:00', '2026-09-20'), null],
    ['own hours, 11:00', own, at('11:00'), '“税务办理”的取号时间为 09:00–11:00，现在不能取号'],
    ['own hours, 10:00', own, at('10:00'), null],
    ['no ticket hours today', none, at('10:00'), '“税务办理”今天不取号'],
  ];
  it.each(table)('%s', (_name, config, ms, expected) => {
    expect(hoursOf(config).issueRefusal(ms, service(config, 'SW'))).toBe(expected);
  });
});

describe('the override table and uncovered years', () => {
  it('an override wins over the holiday data', () => {
    const hours = hoursOf(demoConfig(), [
      { date: '2026-10-01', working: true, note: '国庆值班开放' },
      { date: MONDAY, working: false, note: '停电检修' },
      { date: SATURDAY, working: true, note: '周末办' },
    ]);
    expect(hours.periods('2026-10-01')).toEqual(DAY);
    expect(hours.periods(MONDAY)).toEqual([]);
    expect(hours.periods(SATURDAY)).toEqual(DAY);
    expect(hours.issueRefusal(at('10:00'), service(demoConfig(), 'SW'))).toBe('今天不是工作日，大厅不办理业务');
  });

  it('the demo config’s own override table is used when the calendar is built from it', () => {
    const config = demoConfig((raw) => (raw.calendar = { source: 'chinese-days', overrides: [{ date: MONDAY, working: false, note: '停电检修' }] }));
    const hours = hoursOf(config, config.calendar.overrides);
    expect(hours.isOpenAt(at('10:00'))).toBe(false);
  });

  it('a year the data does not cover opens Monday–Friday', () => {
    const only2026: HolidayData = { holidays: new Set(['2026-10-01']), workdays: new Set(['2026-09-20']), coveredYears: new Set([2026]) };
    const hours = hoursOf(demoConfig(), [], only2026);
    expect(hours.periods('2027-01-04')).toEqual(DAY); // Monday
    expect(hours.periods('2027-01-01')).toEqual(DAY); // a Friday: no notice says it is New Year's Day
    expect(hours.periods('2027-01-02')).toEqual([]); // Saturday
    expect(hours.isOpenAt(at('10:00', '2027-01-04'))).toBe(true);
    expect(hours.closingAt('2027-01-04')).toBe(at('17:00', '2027-01-04'));
  });
});
