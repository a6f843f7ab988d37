import { describe, expect, it } from 'vitest';
import type { Priority } from '@hall/shared';
import type { TicketRecord } from './hall-state.js';
import { QUEUE_ORDER, compareTickets, countAhead, eligibleAt, orderedQueue, pickNext, type WindowQueueView } from './queue-order.js';
import { at, iso } from './test-support.js';

const OFFSET = 480;

/** A waiting BDC ticket issued at `time` (Monday); `queueKey` is the issue instant unless given. */
function t(id: string, priority: Priority, time: string, more: Partial<TicketRecord> = {}): TicketRecord {
  return {
    id,
    number: id,
    serviceCode: 'BDC',
    priority,
    status: 'waiting',
    businessDate: '2026-11-23',
    issuedAt: iso(time),
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    windowId: null,
    staffNo: null,
    targetWindowId: null,
    transferredFrom: null,
    channel: priority === 'appointment' ? 'appointment' : 'kiosk',
    idNumber: null,
    phone: null,
    recallCount: 0,
    requeuedAt: null,
    caseNo: null,
    appointmentId: null,
    queueKey: at(time),
    ...more,
  };
}

function win(more: Partial<WindowQueueView> = {}): WindowQueueView {
  return { id: 'W01', services: ['BDC'], mode: 'normal', priorityStreak: 0, ...more };
}

const ids = (list: TicketRecord[]) => list.map((x) => x.id);

describe('QUEUE_ORDER: who goes first', () => {
  it('is priority, then arrival, then id', () => {
    expect(QUEUE_ORDER.map((k) => k.name)).toEqual(['priority', 'arrival', 'id']);
  });

  // Each row: `first` must be called before `second`, whatever order they are compared in.
  const table: [string, TicketRecord, TicketRecord][] = [
    ['预约 before 特事特办, even when the urgent case came earlier', t('y', 'appointment', '10:00'), t('u', 'urgent', '09:00')],
    ['特事特办 before 绿色通道', t('u', 'urgent', '10:00'), t('g', 'green', '09:00')],
    ['绿色通道 before 普通', t('g', 'green', '10:00'), t('n', 'normal', '09:00')],
    ['预约 before 普通', t('y', 'appointment', '16:00'), t('n', 'normal', '08:30')],
    ['same class (普通): earlier arrival first', t('n2', 'normal', '09:01'), t('n1', 'normal', '09:02')],
    ['same class (绿色通道): earlier arrival first', t('g9', 'green', '09:00'), t('g1', 'green', '09:30')],
    ['same class (预约): earlier arrival first', t('y2', 'appointment', '09:10'), t('y1', 'appointment', '09:20')],
    ['arrival is the queue key, not the issue time (a re-queued ticket)', t('x', 'normal', '09:30'), t('back', 'normal', '09:00', { queueKey: at('09:40') })],
    ['a transferred ticket keeps its early key', t('moved', 'normal', '09:00', { channel: 'transfer' }), t('x', 'normal', '09:05')],
    ['equal class and key: smaller id first', t('id-0001', 'normal', '09:00'), t('id-0002', 'normal', '09:00')],
  ];

  it.each(table)('%s', (_name, first, second) => {
    expect(compareTickets(first, second)).toBeLessThan(0);
    expect(compareTickets(second, first)).toBeGreaterThan(0);
    expect(ids(orderedQueue([second, first], win()))).toEqual([first.id, second.id]);
  });

  it('a ticket compares equal only to itself', () => {
    const a = t('a', 'green', '09:00');
    expect(compareTickets(a, { ...a })).toBe(0);
  });

  it('sorts a mixed hall into the calling order', () => {
    const hall = [
      t('n1', 'normal', '09:00'),
      t('g1', 'green', '09:20'),
      t('n2', 'normal', '09:05'),
      t('y1', 'appointment', '09:30'),
      t('u1', 'urgent', '09:25'),
      t('g0', 'green', '09:10'),
      t('n3', 'normal', '09:05', { id: 'n3' }),
    ];
    expect(ids(orderedQueue(hall, win()))).toEqual(['y1', 'u1', 'g0', 'g1', 'n1', 'n2', 'n3']);
  });
});

describe('eligibleAt and orderedQueue: what a window may call', () => {
  const table: [string, TicketRecord, WindowQueueView, boolean][] = [
    ['a waiting ticket of a service the window handles', t('a', 'normal', '09:00'), win(), true],
    ['a ticket of another service', t('a', 'normal', '09:00', { serviceCode: 'SW' }), win(), false],
    ['a called ticket', t('a', 'normal', '09:00', { status: 'called' }), win(), false],
    ['a skipped ticket', t('a', 'normal', '09:00', { status: 'skipped' }), win(), false],
    ['a ticket transferred to another window', t('a', 'normal', '09:00', { targetWindowId: 'W02' }), win(), false],
    ['a ticket transferred to this window', t('a', 'normal', '09:00', { targetWindowId: 'W01' }), win(), true],
    [
      'a ticket transferred to this window, though the window does not handle its service',
      t('a', 'normal', '09:00', { serviceCode: 'SW', targetWindowId: 'W01' }),
      win(),
      true,
    ],
    ['a normal ticket at a window in 预约办理 mode', t('a', 'normal', '09:00'), win({ mode: 'appointment' }), false],
    ['a green ticket at a window in 预约办理 mode', t('a', 'green', '09:00'), win({ mode: 'appointment' }), false],
    ['an appointment ticket at a window in 预约办理 mode', t('a', 'appointment', '09:00'), win({ mode: 'appointment' }), true],
  ];
  it.each(table)('%s → %s', (_name, ticket, w, expected) => {
    expect(eligibleAt(w, ticket)).toBe(expected);
    expect(orderedQueue([ticket], w).length).toBe(expected ? 1 : 0);
  });
});

describe('pickNext: the next ticket and why', () => {
  it('returns null when nothing is eligible', () => {
    expect(pickNext([], win(), 3, OFFSET)).toBeNull();
    expect(pickNext([t('a', 'normal', '09:00', { serviceCode: 'SW' })], win(), 3, OFFSET)).toBeNull();
  });

  const whyTable: [string, TicketRecord[], WindowQueueView, string, string][] = [
    ['a normal ticket', [t('n2', 'normal', '09:10'), t('n1', 'normal', '09:05')], win(), 'n1', '普通号 · 09:05 取号，同级中最早'],
    ['an appointment holder', [t('n1', 'normal', '09:00'), t('y1', 'appointment', '09:40')], win(), 'y1', '预约优先 · 09:40 取号，同级中最早'],
    ['a 特事特办 case', [t('g1', 'green', '09:00'), t('u1', 'urgent', '09:30')], win(), 'u1', '特事特办优先 · 09:30 取号，同级中最早'],
    ['a 绿色通道 ticket', [t('n1', 'normal', '09:00'), t('g1', 'green', '09:30')], win(), 'g1', '绿色通道优先 · 09:30 取号，同级中最早'],
    [
      'in 预约办理 mode',
      [t('n1', 'normal', '09:00'), t('y1', 'appointment', '09:40')],
      win({ mode: 'appointment' }),
      'y1',
      '预约办理模式 · 预约优先 · 09:40 取号，同级中最早',
    ],
    [
      'a ticket transferred to this window',
      [t('n0', 'normal', '08:50'), t('x1', 'normal', '09:00', { targetWindowId: 'W01', serviceCode: 'SW' })],
      win({ services: [] }),
      'x1',
      '转本窗口办理 · 普通号 · 09:00 取号，同级中最早',
    ],
    [
      'a re-queued ticket shows its new place',
      [t('r1', 'normal', '09:00', { queueKey: at('09:07') + 30_000, requeuedAt: iso('09:12') }), t('n9', 'normal', '09:10')],
      win(),
      'r1',
      '普通号 · 过号重排（排位 09:07）',
    ],
  ];
  it.each(whyTable)('%s', (_name, waiting, w, expectedId, why) => {
    const pick = pickNext(waiting, w, 3, OFFSET)!;
    expect(pick.ticket.id).toBe(expectedId);
    expect(pick.why).toBe(why);
    expect(pick.guardApplied).toBe(false);
  });

  it('tickets issued within one millisecond keep their issue order', () => {
    // Arrival keys strictly increase even within one millisecond (a burst at the kiosks).
    const first = t('id-0002', 'normal', '09:00');
    const second = t('id-0001', 'normal', '09:00', { queueKey: at('09:00') + 0.001 });
    expect(ids(orderedQueue([second, first], win()))).toEqual(['id-0002', 'id-0001']);
    expect(pickNext([second, first], win(), 3, OFFSET)!.ticket.id).toBe('id-0002');
  });
});

describe('pickNext: the starvation guard (防插队)', () => {
  const hall = [
    t('n2', 'normal', '09:05'),
    t('n1', 'normal', '09:02'),
    t('g1', 'green', '09:20'),
    t('y1', 'appointment', '09:30'),
  ];

  // [streak so far, guard setting, expected pick, guard applied]
  const table: [number, number | null, string, boolean][] = [
    [0, 3, 'y1', false],
    [1, 3, 'y1', false],
    [2, 3, 'y1', false],
    [3, 3, 'n1', true],
    [4, 3, 'n1', true],
    [1, 1, 'n1', true],
    [0, 1, 'y1', false],
    [3, null, 'y1', false],
    [50, null, 'y1', false],
  ];
  it.each(table)('after %i priority calls in a row with maxPriorityInRow=%s → %s', (streak, guard, expected, applied) => {
    const pick = pickNext(hall, win({ priorityStreak: streak }), guard, OFFSET)!;
    expect(pick.ticket.id).toBe(expected);
    expect(pick.guardApplied).toBe(applied);
  });

  it('says in words that the guard picked the earliest normal ticket', () => {
    const pick = pickNext(hall, win({ priorityStreak: 3 }), 3, OFFSET)!;
    expect(pick.why).toBe('已连续呼叫3个优先号，按防插队规则先叫普通号（09:02 取号，同级中最早）');
  });

  it('does not apply when no normal ticket waits', () => {
    const pick = pickNext([t('g1', 'green', '09:20'), t('u1', 'urgent', '09:30')], win({ priorityStreak: 5 }), 3, OFFSET)!;
    expect(pick.ticket.id).toBe('u1');
    expect(pick.guardApplied).toBe(false);
  });

  it('does not apply in 预约办理 mode: the appointment holder is called', () => {
    // A normal ticket transferred to this window stays callable in 预约办理 mode, yet waits.
    const transferredHere = t('x1', 'normal', '08:50', { targetWindowId: 'W01' });
    const pick = pickNext([...hall, transferredHere], win({ mode: 'appointment', priorityStreak: 7 }), 3, OFFSET)!;
    expect(pick.ticket.id).toBe('y1');
    expect(pick.guardApplied).toBe(false);
    expect(pick.why).toBe('预约办理模式 · 预约优先 · 09:30 取号，同级中最早');
  });

  it('only counts normal tickets this window may call', () => {
    const others = [t('g1', 'green', '09:20'), t('sw', 'normal', '09:00', { serviceCode: 'SW' }), t('w2', 'normal', '09:00', { targetWindowId: 'W02' })];
    const pick = pickNext(others, win({ priorityStreak: 3 }), 3, OFFSET)!;
    expect(pick.ticket.id).toBe('g1');
    expect(pick.guardApplied).toBe(false);
  });
});

describe('countAhead: people ahead of a ticket', () => {
  const waiting = [
    t('n1', 'normal', '09:00'),
    t('n2', 'normal', '09:05'),
    t('n3', 'normal', '09:10'),
    t('g1', 'green', '09:20'),
    t('y1', 'appointment', '09:30'),
    t('sw', 'normal', '08:40', { serviceCode: 'SW' }),
    t('called', 'normal', '08:45', { status: 'called' }),
    t('w2a', 'normal', '08:50', { targetWindowId: 'W02' }),
    t('w2b', 'normal', '09:15', { targetWindowId: 'W02', serviceCode: 'SW' }),
  ];
  const byId = (id: string) => waiting.find((x) => x.id === id)!;

  const table: [string, number][] = [
    ['y1', 0],
    ['g1', 1],
    ['n1', 2],
    ['n2', 3],
    ['n3', 4],
    ['sw', 0],
    ['w2a', 0],
    ['w2b', 1],
  ];
  it.each(table)('%s has %i ahead', (id, n) => {
    expect(countAhead(waiting, byId(id))).toBe(n);
  });
});
