import { describe, expect, it } from 'vitest';
import type { Priority } from '@hall/shared';
import { chineseHolidayData } from '../calendar/holiday-data.js';
import { WorkingCalendar } from './calendar.js';
import { HallState, applyChanges, type Changes, type TicketRecord } from './hall-state.js';
import {
  callNext,
  cancelTicket,
  finish,
  issueTicket,
  pause,
  recall,
  requeue,
  resume,
  rollover,
  setMode,
  signIn,
  signOut,
  skip,
  start,
  transfer,
  type IssueInput,
  type Outcome,
} from './queue-engine.js';
import { ADMIN, KIOSK, MONDAY, SATURDAY, TUESDAY, TestHall, at, demoConfig, idNumber, iso, staffActor, type TestHallOptions } from './test-support.js';

const chinese = new WorkingCalendar(chineseHolidayData());

function hall(opts: TestHallOptions = {}): TestHall {
  return new TestHall({ calendar: chinese, ...opts });
}

/** The `call` broadcasts of a change set: what the hall screen and the voice announce. */
function calls(changes: Changes): Record<string, unknown>[] {
  return changes.broadcasts.filter((b) => b.name === 'call').map((b) => b.payload);
}

const ID1 = idNumber('1980-01-01', '011');
const ID2 = idNumber('1985-06-15', '022');
const ID3 = idNumber('1990-03-08', '033');
const ID4 = idNumber('1975-09-30', '044');

// ---------------------------------------------------------------- issuing

describe('issuing: ticket numbers', () => {
  it('counts per prefix per day, and marks appointment tickets with Y', () => {
    const h = hall();
    const numbers = [
      h.issue('SW'),
      h.issue('SW'),
      h.issue('SB'),
      h.issue('SW'),
      h.issue('SW', { priority: 'appointment' }),
      h.issue('SW', { priority: 'appointment' }),
      h.issue('BDC', { idNumber: ID1 }),
      h.issue('BDC', { priority: 'appointment', idNumber: ID2 }),
      h.issue('SB'),
    ].map((t) => t.number);
    expect(numbers).toEqual(['B001', 'B002', 'C001', 'B003', 'YB001', 'YB002', 'A001', 'YA001', 'C002']);
  });

  it('a new ticket waits with its issue time, channel and priority', () => {
    const h = hall().setTime('09:12');
    const t = h.issue('SW', { phone: '13800001234' });
    expect(t).toMatchObject({
      number: 'B001',
      serviceCode: 'SW',
      status: 'waiting',
      priority: 'normal',
      businessDate: MONDAY,
      issuedAt: iso('09:12'),
      channel: 'kiosk',
      phone: '13800001234',
      windowId: null,
      calledAt: null,
    });
    const y = h.issue('SW', { priority: 'appointment', appointmentId: 'appt-7' });
    expect(y).toMatchObject({ number: 'YB001', priority: 'appointment', channel: 'appointment', appointmentId: 'appt-7' });
  });

  it('uses the configured number of digits', () => {
    const h = hall({ config: demoConfig((raw) => (raw.queue!.numberDigits = 4)) });
    expect([h.issue('SW').number, h.issue('SW').number]).toEqual(['B0001', 'B0002']);
  });

  it('refuses once the counter would need another digit', () => {
    const h = hall({ config: demoConfig((raw) => (raw.queue!.numberDigits = 2)) });
    for (let i = 1; i <= 99; i++) h.issue('ZH');
    expect(h.byNumber('H99').status).toBe('waiting');
    const e = h.refuse(KIOSK, (s, c) => issueTicket(s, c, { serviceCode: 'ZH', channel: 'kiosk' }));
    expect(e.code).toBe('DAILY_CAP_REACHED');
    expect(e.message).toBe('“综合受理”今日号码已用完');
  });
});

describe('issuing: real name and ID numbers', () => {
  const valid = ID1;
  const badCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
  const table: [string, IssueInput, string, string][] = [
    ['不动产登记 without an ID card', { serviceCode: 'BDC', channel: 'kiosk' }, 'VALIDATION_FAILED', '“不动产登记”须实名取号，请先刷身份证'],
    ['户政业务 with an empty ID', { serviceCode: 'HZ', channel: 'kiosk', idNumber: '' }, 'VALIDATION_FAILED', '“户政业务”须实名取号，请先刷身份证'],
    ['a wrong check digit', { serviceCode: 'SW', channel: 'kiosk', idNumber: badCheck }, 'INVALID_ID_NUMBER', '身份证号码校验位不正确，请核对后重新输入'],
    ['17 digits', { serviceCode: 'SW', channel: 'kiosk', idNumber: valid.slice(0, 17) }, 'INVALID_ID_NUMBER', '身份证号码应为18位，最后一位可以是数字或X'],
    ['born tomorrow', { serviceCode: 'BDC', channel: 'kiosk', idNumber: idNumber('2026-11-24') }, 'INVALID_ID_NUMBER', '身份证号码中的出生日期不正确'],
    ['an unknown region', { serviceCode: 'BDC', channel: 'kiosk', idNumber: idNumber('1980-01-01', '123', '991234') }, 'INVALID_ID_NUMBER', '身份证号码的地区代码不正确'],
  ];
  it.each(table)('refuses %s', (_name, input, code, message) => {
    const h = hall();
    const e = h.refuse(KIOSK, (s, c) => issueTicket(s, c, input));
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
    // Nothing was drawn: the next ticket is still number 1.
    expect(h.issue('SW').number).toBe('B001');
  });

  it('accepts a lower-case x and stores the normalised number', () => {
    const withX = idNumber('1980-01-01', '103');
    expect(withX.endsWith('X')).toBe(true);
    const t = hall().issue('BDC', { idNumber: withX.toLowerCase() });
    expect(t.number).toBe('A001');
    expect(t.idNumber).toBe(withX);
  });
});

describe('issuing: 绿色通道 by age', () => {
  // Monday 2026-11-23 is the business day.
  const table: [string, string, Priority | undefined, number | null, Priority][] = [
    ['70 today', '1956-11-23', undefined, 70, 'green'],
    ['70 tomorrow', '1956-11-24', undefined, 70, 'normal'],
    ['86', '1940-01-01', undefined, 70, 'green'],
    ['36', '1990-03-08', undefined, 70, 'normal'],
    ['86, approved as 特事特办', '1940-01-01', 'urgent', 70, 'urgent'],
    ['86, but the hall turned automatic 绿色通道 off', '1940-01-01', undefined, null, 'normal'],
    ['66 in a hall that starts at 65', '1960-01-01', undefined, 65, 'green'],
  ];
  it.each(table)('%s → %s', (_name, birth, asked, minAge, expected) => {
    const h = hall({ config: demoConfig((raw) => (raw.queue!.greenChannelMinAge = minAge)) });
    const t = h.issue('BDC', { idNumber: idNumber(birth), ...(asked ? { priority: asked } : {}) });
    expect(t.priority).toBe(expected);
  });

  it('an older person is called before earlier normal tickets', () => {
    const h = hall();
    h.signIn('W01');
    h.setTime('09:00').issue('BDC', { idNumber: ID1 });
    h.setTime('09:01').issue('BDC', { idNumber: ID2 });
    h.setTime('09:02').issue('BDC', { idNumber: idNumber('1950-02-02') });
    expect(h.queueAt('W01')).toEqual(['A003', 'A001', 'A002']);
    const r = h.setTime('09:10').call('W01');
    expect(r.ticket!.number).toBe('A003');
    expect(r.why).toBe('绿色通道优先 · 09:02 取号，同级中最早');
  });
});

describe('issuing: one active ticket per ID number', () => {
  it('refuses a second ticket and shows the existing number', () => {
    const h = hall();
    const id = idNumber('1980-01-01', '103');
    const first = h.issue('BDC', { idNumber: id });
    const e = h.refuse(KIOSK, (s, c) => issueTicket(s, c, { serviceCode: 'SW', channel: 'kiosk', idNumber: id.toLowerCase() }));
    expect(e.code).toBe('DUPLICATE_ACTIVE_TICKET');
    expect(e.message).toBe('您有一个号码 A001（不动产登记）尚未办理，请等候叫号');
    expect(e.details).toEqual({ number: 'A001', ticketId: first.id });
  });

  // The first ticket's fate → may the same ID take a new one?
  const table: [string, (h: TestHall) => void, boolean][] = [
    ['still waiting', () => {}, false],
    ['called', (h) => h.call('W01'), false],
    ['being served', (h) => (h.call('W01'), h.start('W01')), false],
    ['finished', (h) => (h.call('W01'), h.finish('W01')), true],
    ['cancelled', (h) => h.run(KIOSK, (s, c) => cancelTicket(s, c, h.byNumber('A001').id)), true],
    ['transferred to 税务办理 (still waiting there)', (h) => (h.call('W01'), h.run(h.onDutyAt('W01'), (s, c) => transfer(s, c, 'W01', { serviceCode: 'SW' }))), false],
  ];
  it.each(table)('first ticket %s → new ticket allowed: %s', (_name, fate, allowed) => {
    const h = hall();
    h.signIn('W01');
    h.issue('BDC', { idNumber: ID1 });
    fate(h);
    h.setTime('09:30');
    if (allowed) {
      expect(h.issue('BDC', { idNumber: ID1 }).number).toBe('A002');
    } else {
      const e = h.refuse(KIOSK, (s, c) => issueTicket(s, c, { serviceCode: 'BDC', channel: 'kiosk', idNumber: ID1 }));
      expect(e.code).toBe('DUPLICATE_ACTIVE_TICKET');
      expect(e.message).toContain('A001');
    }
  });
});

describe('issuing: daily cap', () => {
  const capped = () => hall({ config: demoConfig((raw) => (raw.services.find((s) => s.code === 'SW')!.dailyCap = 2)) });

  it('refuses the ticket after the cap', () => {
    const h = capped();
    expect([h.issue('SW').number, h.issue('SW').number]).toEqual(['B001', 'B002']);
    const e = h.refuse(KIOSK, (s, c) => issueTicket(s, c, { serviceCode: 'SW', channel: 'kiosk' }));
    expect(e.code).toBe('DAILY_CAP_REACHED');
    expect(e.message).toBe('“税务办理”今日2个号已全部取完，请明天再来或在线预约');
    // Other services are not affected.
    expect(h.issue('SB').number).toBe('C001');
  });

  it('does not count or refuse checked-in appointments', () => {
    const h = capped();
    h.issue('SW', { priority: 'appointment' });
    h.issue('SW');
    h.issue('SW');
    expect(h.issue('SW', { priority: 'appointment' }).number).toBe('YB002');
    expect(h.refuse(KIOSK, (s, c) => issueTicket(s, c, { serviceCode: 'SW', channel: 'kiosk' })).code).toBe('DAILY_CAP_REACHED');
  });

  it('a ticket voided before it was called (打印失败作废) gives its place back, never its number', () => {
    const h = capped();
    const jammed = h.issue('SW');
    h.run(KIOSK, (s, c) => cancelTicket(s, c, jammed.id, { reason: '打印失败作废', kiosk: { issuedBy: KIOSK.id } }));
    expect([h.issue('SW').number, h.issue('SW').number]).toEqual(['B002', 'B003']);
    expect(h.refuse(KIOSK, (s, c) => issueTicket(s, c, { serviceCode: 'SW', channel: 'kiosk' })).code).toBe('DAILY_CAP_REACHED');
  });

  it('a ticket that was called and then left (过号, cancelled) still counts', () => {
    const h = capped();
    const first = h.issue('SW');
    h.signIn('W04');
    h.call('W04');
    h.run(h.staff('W04'), (s, c) => skip(s, c, 'W04'));
    h.run(h.staff('W04'), (s, c) => cancelTicket(s, c, first.id, { reason: '群众离开' }));
    expect(h.issue('SW').number).toBe('B002');
    expect(h.refuse(KIOSK, (s, c) => issueTicket(s, c, { serviceCode: 'SW', channel: 'kiosk' })).code).toBe('DAILY_CAP_REACHED');
  });

  it('starts again the next working day', () => {
    const h = capped();
    h.issue('SW');
    h.issue('SW');
    h.setTime(['09:00', TUESDAY]);
    expect(h.issue('SW').number).toBe('B001');
  });
});

describe('issuing: hours (demo hall: 09:00–12:00, 13:00–17:00; tickets from 08:30, cutoff 16:30)', () => {
  const closedToday = '今天不是工作日，大厅不办理业务';
  const swHours = '“税务办理”的取号时间为 08:30–16:30，现在不能取号';
  const table: [string, number, string | null][] = [
    ['Monday 08:00', at('08:00'), swHours],
    ['Monday 08:29', at('08:29'), swHours],
    ['Monday 08:30 (opening minus 30 min)', at('08:30'), null],
    ['Monday 12:30 (lunch break: issuing continues)', at('12:30'), null],
    ['Monday 16:29', at('16:29'), null],
    ['Monday 16:30 (cutoff)', at('16:30'), swHours],
    ['Monday 17:30 (closed)', at('17:30'), swHours],
    ['Saturday 10:00', at('10:00', SATURDAY), closedToday],
    ['Sunday 10:00', at('10:00', '2026-11-29'), closedToday],
    ['National Day, Thursday 2026-10-01 10:00', at('10:00', '2026-10-01'), closedToday],
    ['Spring Festival, Tuesday 2026-02-17 10:00', at('10:00', '2026-02-17'), closedToday],
    ['调休 working Sunday 2026-09-20 10:00', at('10:00', '2026-09-20'), null],
    ['调休 working Sunday 2026-09-20 16:30', at('16:30', '2026-09-20'), swHours],
    ['调休 working Saturday 2026-02-14 08:30', at('08:30', '2026-02-14'), null],
  ];
  it.each(table)('%s', (_name, now, refusal) => {
    const h = hall({ now });
    if (refusal === null) {
      expect(h.issue('SW').number).toBe('B001');
    } else {
      const e = h.refuse(KIOSK, (s, c) => issueTicket(s, c, { serviceCode: 'SW', channel: 'kiosk' }));
      expect(e.code).toBe('HALL_CLOSED');
      expect(e.message).toBe(refusal);
    }
  });

  const ownHours = demoConfig((raw) => (raw.services.find((s) => s.code === 'SW')!.ticketHours = [['09:00', '11:00']]));
  const ownRefusal = '“税务办理”的取号时间为 09:00–11:00，现在不能取号';
  const serviceTable: [string, string, string | null][] = [
    ['08:45', '08:45', ownRefusal],
    ['09:00', '09:00', null],
    ['10:59', '10:59', null],
    ['11:00', '11:00', ownRefusal],
    ['14:00', '14:00', ownRefusal],
  ];
  it.each(serviceTable)('a service with its own ticket hours 09:00–11:00, at %s', (_name, time, refusal) => {
    const h = hall({ config: ownHours, now: at(time) });
    if (refusal === null) expect(h.issue('SW').number).toBe('B001');
    else expect(h.refuse(KIOSK, (s, c) => issueTicket(s, c, { serviceCode: 'SW', channel: 'kiosk' })).message).toBe(refusal);
    // Other services keep the hall's hours.
    if (time === '14:00') expect(h.issue('SB').number).toBe('C001');
  });

  const noLunch = demoConfig((raw) => (raw.hours.issueDuringLunch = false));
  const lunchRefusal = '“税务办理”的取号时间为 08:30–12:00、13:00–16:30，现在不能取号';
  it.each([
    ['11:59', null],
    ['12:00', lunchRefusal],
    ['12:59', lunchRefusal],
    ['13:00', null],
  ] as const)('a hall that stops issuing over lunch, at %s', (time, refusal) => {
    const h = hall({ config: noLunch, now: at(time) });
    if (refusal === null) expect(h.issue('SW').number).toBe('B001');
    else expect(h.refuse(KIOSK, (s, c) => issueTicket(s, c, { serviceCode: 'SW', channel: 'kiosk' })).message).toBe(refusal);
  });
});

// ---------------------------------------------------------------- daily reset

describe('daily reset', () => {
  it('numbering restarts at 001 and yesterday’s unserved tickets are cancelled', () => {
    const h = hall();
    h.signIn('W04');
    h.signIn('W05');
    h.issueEachMinute('09:00', [['SW'], ['SW'], ['SW'], ['SW'], ['SW', 'appointment']]);
    // YB001 was called at once at the idle W04; W04 finishes it, then serves B001.
    expect(h.byNumber('YB001').windowId).toBe('W04');
    h.setTime('09:10').finish('W04');
    h.call('W04');
    h.finish('W04');
    h.call('W04'); // B002
    h.run(h.onDutyAt('W04'), (s, c) => skip(s, c, 'W04'));
    h.call('W05'); // B003, called and never answered

    const out = h.setTime(['08:45', TUESDAY]).run(KIOSK, (s, c) => issueTicket(s, c, { serviceCode: 'SW', channel: 'kiosk' }));
    expect(out.value).toMatchObject({ number: 'B001', businessDate: TUESDAY, status: 'waiting' });
    const monday = Object.fromEntries(out.changes.tickets.filter((t) => t.businessDate === MONDAY).map((t) => [t.number, t.status]));
    expect(monday).toEqual({ B002: 'cancelled', B003: 'cancelled', B004: 'cancelled' });
    expect(h.state.businessDate).toBe(TUESDAY);
    // Staff sign in afresh each morning; no window holds yesterday's ticket.
    for (const w of h.state.windows.values()) {
      expect(w.onDuty).toEqual([]);
      expect(w.currentTicketId).toBeNull();
    }
    expect(h.issue('SW', { priority: 'appointment' }).number).toBe('YB001');
  });

  it('rollover at midnight cancels waiting tickets, and a second rollover the same day changes nothing', () => {
    const h = hall();
    h.issue('SW');
    h.issue('SB');
    const out = h.setTime(['00:00', TUESDAY]).run(KIOSK, (s, c) => rollover(s, c));
    expect(out.value).toBe(true);
    expect(out.changes.businessDate).toBe(TUESDAY);
    expect(out.changes.tickets.map((t) => [t.number, t.status])).toEqual([
      ['B001', 'cancelled'],
      ['C001', 'cancelled'],
    ]);
    expect([...h.state.waiting()]).toEqual([]);
    // The 预约专窗 starts the day in 预约办理 mode, the others in normal mode.
    expect(h.window('W12').mode).toBe('appointment');
    expect(h.window('W01').mode).toBe('normal');

    const again = h.setTime(['00:05', TUESDAY]).run(KIOSK, (s, c) => rollover(s, c));
    expect(again.changes.log).toBeNull();
    expect(again.changes.tickets).toEqual([]);
  });

  it('windows leave 预约办理 mode, pauses and the guard streak behind', () => {
    const h = hall();
    const a = h.signIn('W01');
    h.run(a, (s, c) => setMode(s, c, 'W01', 'appointment'));
    const b = h.signIn('W04');
    h.run(b, (s, c) => pause(s, c, 'W04', '参加培训'));
    h.setTime(['08:50', TUESDAY]).run(KIOSK, (s, c) => rollover(s, c));
    expect(h.window('W01')).toMatchObject({ mode: 'normal', modeAuto: false, pause: null, priorityStreak: 0 });
    expect(h.window('W04').pause).toBeNull();
  });
});

// ---------------------------------------------------------------- call, recall, skip, re-queue

describe('call next and recall', () => {
  function twoWaiting() {
    const h = hall();
    const staff = h.signIn('W01');
    h.setTime('09:00').issue('BDC', { idNumber: ID1 });
    h.setTime('09:01').issue('BDC', { idNumber: ID2 });
    h.setTime('09:05');
    return { h, staff };
  }

  it('calls the first ticket and announces it', () => {
    const { h, staff } = twoWaiting();
    const out = h.run(staff, (s, c) => callNext(s, c, 'W01'));
    expect(out.value.ticket).toMatchObject({ number: 'A001', status: 'called', calledAt: iso('09:05'), windowId: 'W01', staffNo: '1001' });
    expect(out.value.why).toBe('普通号 · 09:00 取号，同级中最早');
    expect(calls(out.changes)).toEqual([
      expect.objectContaining({ ticketNumber: 'A001', windowId: 'W01', windowNo: '1', serviceName: '不动产登记', text: '请A001号到1号窗口办理', recall: false }),
    ]);
    expect(h.window('W01').currentTicketId).toBe(out.value.ticket!.id);
    expect(h.queueAt('W01')).toEqual(['A002']);
  });

  it('refuses a second call while the current ticket is not finished', () => {
    const { h, staff } = twoWaiting();
    h.call('W01');
    for (const prepare of [() => {}, () => h.start('W01')]) {
      prepare();
      const e = h.refuse(staff, (s, c) => callNext(s, c, 'W01'));
      expect(e.code).toBe('WINDOW_BUSY');
      expect(e.message).toBe('当前号码 A001 尚未办结，请先办结、过号或转移');
    }
  });

  it('recall repeats the announcement and counts', () => {
    const { h, staff } = twoWaiting();
    h.call('W01');
    const first = h.setTime('09:06').run(staff, (s, c) => recall(s, c, 'W01'));
    expect(first.value.recallCount).toBe(1);
    expect(calls(first.changes)).toEqual([expect.objectContaining({ ticketNumber: 'A001', text: '请A001号到1号窗口办理', recall: true, at: iso('09:06') })]);
    const second = h.run(staff, (s, c) => recall(s, c, 'W01'));
    expect(second.value.recallCount).toBe(2);
    expect(h.byNumber('A001')).toMatchObject({ status: 'called', recallCount: 2 });
  });

  it('recall is refused once service has started', () => {
    const { h, staff } = twoWaiting();
    h.call('W01');
    h.start('W01');
    const e = h.refuse(staff, (s, c) => recall(s, c, 'W01'));
    expect(e.code).toBe('WINDOW_BUSY');
    expect(e.message).toBe('A001 已在办理中，无需重呼');
  });

  it('an empty queue calls nobody and announces nothing', () => {
    const h = hall();
    const staff = h.signIn('W04');
    h.issue('SB');
    const out = h.run(staff, (s, c) => callNext(s, c, 'W04'));
    expect(out.value).toEqual({ ticket: null, why: null });
    expect(calls(out.changes)).toEqual([]);
    expect(h.window('W04').currentTicketId).toBeNull();
  });

  it('uses the hall’s voice template', () => {
    const h = hall({ config: demoConfig((raw) => (raw.queue!.voiceTemplate = '{number}号请到{windowNo}号窗口（{windowName}）')) });
    const staff = h.signIn('W04');
    h.issue('SW');
    const out = h.run(staff, (s, c) => callNext(s, c, 'W04'));
    expect(calls(out.changes)[0]!.text).toBe('B001号请到4号窗口（税务办理）');
  });

  it('walks the priority classes with the starvation guard after 3 priority calls', () => {
    const h = hall();
    h.signIn('W04');
    h.issueEachMinute('09:00', [['SW'], ['SW'], ['SW', 'green'], ['SW', 'urgent'], ['SW', 'green'], ['SW', 'green'], ['SW', 'green']]);
    const order: [string, number, boolean][] = [];
    for (let i = 0; i < 7; i++) {
      const r = h.call('W04');
      order.push([r.ticket!.number, h.window('W04').priorityStreak, r.why!.includes('防插队')]);
      h.finish('W04');
    }
    expect(order).toEqual([
      ['B004', 1, false], // 特事特办
      ['B003', 2, false], // 绿色通道, earliest
      ['B005', 3, false],
      ['B001', 0, true], // the guard: one normal
      ['B006', 1, false],
      ['B007', 2, false],
      ['B002', 0, false], // only normal left
    ]);
  });

  it('with the guard off, every priority ticket goes first', () => {
    const h = hall({ config: demoConfig((raw) => (raw.queue!.starvationGuard = { maxPriorityInRow: null })) });
    h.signIn('W04');
    h.issueEachMinute('09:00', [['SW'], ['SW', 'green'], ['SW', 'green'], ['SW', 'green'], ['SW', 'green']]);
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) {
      numbers.push(h.call('W04').ticket!.number);
      h.finish('W04');
    }
    expect(numbers).toEqual(['B002', 'B003', 'B004', 'B005', 'B001']);
  });
});

describe('skip and re-queue', () => {
  /** Six 税务 tickets a minute apart; B001 is called and skipped, five wait. */
  function skippedFirst(edit?: Parameters<typeof demoConfig>[0]) {
    const h = hall(edit ? { config: demoConfig(edit) } : {});
    const staff = h.signIn('W04');
    h.issueEachMinute('09:00', [['SW'], ['SW'], ['SW'], ['SW'], ['SW'], ['SW']]);
    h.setTime('09:10').call('W04');
    const skipped = h.setTime('09:12').run(staff, (s, c) => skip(s, c, 'W04')).value;
    return { h, staff, skipped };
  }

  it('skip frees the window and the next call takes the next ticket', () => {
    const { h, skipped } = skippedFirst();
    expect(skipped).toMatchObject({ number: 'B001', status: 'skipped', finishedAt: iso('09:12') });
    expect(h.window('W04').currentTicketId).toBeNull();
    expect(h.queueAt('W04')).toEqual(['B002', 'B003', 'B004', 'B005', 'B006']);
    expect(h.call('W04').ticket!.number).toBe('B002');
  });

  // placesBack → the waiting list afterwards (five wait: B002…B006)
  const table: [string, number | undefined, string[]][] = [
    ['default (requeueOffset 3)', undefined, ['B002', 'B003', 'B004', 'B001', 'B005', 'B006']],
    ['0: first of its class', 0, ['B001', 'B002', 'B003', 'B004', 'B005', 'B006']],
    ['1', 1, ['B002', 'B001', 'B003', 'B004', 'B005', 'B006']],
    ['4', 4, ['B002', 'B003', 'B004', 'B005', 'B001', 'B006']],
    ['5: as many as wait → last', 5, ['B002', 'B003', 'B004', 'B005', 'B006', 'B001']],
    ['10: fewer than N wait → last', 10, ['B002', 'B003', 'B004', 'B005', 'B006', 'B001']],
  ];
  it.each(table)('re-queue %s places back', (_name, placesBack, expected) => {
    const { h, skipped } = skippedFirst();
    const back = h.setTime('09:20').run(KIOSK, (s, c) => requeue(s, c, skipped.id, placesBack)).value;
    expect(back).toMatchObject({ number: 'B001', status: 'waiting', windowId: null, calledAt: null, staffNo: null, finishedAt: null, issuedAt: iso('09:00') });
    expect(h.queueAt('W04')).toEqual(expected);
    // The window calls in that order.
    const called: string[] = [];
    for (let r = h.call('W04'); r.ticket; r = h.call('W04')) {
      called.push(r.ticket.number);
      h.finish('W04');
    }
    expect(called).toEqual(expected);
  });

  it('the configured offset is the default', () => {
    const { h, skipped } = skippedFirst((raw) => (raw.queue!.requeueOffset = 1));
    h.run(KIOSK, (s, c) => requeue(s, c, skipped.id));
    expect(h.queueAt('W04')).toEqual(['B002', 'B001', 'B003', 'B004', 'B005', 'B006']);
  });

  it('counts places within the ticket’s own priority class', () => {
    const { h, skipped } = skippedFirst();
    h.setTime('09:15').issue('SW', { priority: 'green' });
    h.run(KIOSK, (s, c) => requeue(s, c, skipped.id));
    expect(h.queueAt('W04')).toEqual(['B007', 'B002', 'B003', 'B004', 'B001', 'B005', 'B006']);
  });

  it('the caller sees that the ticket was re-queued', () => {
    const { h, skipped } = skippedFirst();
    h.run(KIOSK, (s, c) => requeue(s, c, skipped.id, 0));
    const r = h.call('W04');
    expect(r.ticket!.number).toBe('B001');
    expect(r.why).toBe('普通号 · 过号重排（排位 09:00）');
  });

  it('only a skipped ticket of today can be re-queued', () => {
    const { h } = skippedFirst();
    const waiting = h.byNumber('B002');
    const e = h.refuse(KIOSK, (s, c) => requeue(s, c, waiting.id));
    expect(e.code).toBe('TICKET_NOT_SKIPPED');
    expect(e.message).toBe('B002 不是过号状态，不能重新排队');
    expect(h.refuse(KIOSK, (s, c) => requeue(s, c, 'no-such-id')).code).toBe('NOT_FOUND');
  });

  it('yesterday’s skipped ticket is void the next morning', () => {
    const { h, skipped } = skippedFirst();
    h.setTime(['09:00', TUESDAY]);
    const e = h.refuse(KIOSK, (s, c) => requeue(s, c, skipped.id));
    expect(e.code).toBe('TICKET_NOT_SKIPPED');
  });
});

// ---------------------------------------------------------------- start, finish

describe('start and finish', () => {
  function called() {
    const h = hall();
    const staff = h.signIn('W01');
    h.setTime('09:00').issue('BDC', { idNumber: ID1 });
    h.setTime('09:05').call('W01');
    return { h, staff };
  }

  it('start marks the ticket as being served; starting twice changes nothing', () => {
    const { h, staff } = called();
    const s1 = h.setTime('09:06').run(staff, (s, c) => start(s, c, 'W01'));
    expect(s1.value).toMatchObject({ number: 'A001', status: 'serving', startedAt: iso('09:06') });
    const s2 = h.setTime('09:07').run(staff, (s, c) => start(s, c, 'W01'));
    expect(s2.value.startedAt).toBe(iso('09:06'));
    expect(s2.changes.tickets).toEqual([]);
  });

  it('finish closes the ticket with the case number and frees the window', () => {
    const { h } = called();
    h.setTime('09:06').start('W01');
    const out = h.setTime('09:30').finish('W01', 'BDC-2026-000123');
    expect(out.value.ticket).toMatchObject({
      number: 'A001',
      status: 'done',
      calledAt: iso('09:05'),
      startedAt: iso('09:06'),
      finishedAt: iso('09:30'),
      caseNo: 'BDC-2026-000123',
    });
    expect(out.value.autoCalled).toBeNull();
    expect(h.window('W01').currentTicketId).toBeNull();
  });

  it('finish without start counts service from the call', () => {
    const { h } = called();
    const out = h.setTime('09:20').finish('W01');
    expect(out.value.ticket).toMatchObject({ status: 'done', startedAt: iso('09:05'), finishedAt: iso('09:20'), caseNo: null });
  });

  const actions: [string, Parameters<TestHall['run']>[1]][] = [
    ['finish', (s, c) => finish(s, c, 'W01')],
    ['start', (s, c) => start(s, c, 'W01')],
    ['recall', (s, c) => recall(s, c, 'W01')],
    ['skip', (s, c) => skip(s, c, 'W01')],
    ['transfer', (s, c) => transfer(s, c, 'W01', { serviceCode: 'SW' })],
  ];
  it.each(actions)('%s with no current ticket → NO_CURRENT_TICKET', (_name, action) => {
    const h = hall();
    const staff = h.signIn('W01');
    h.issue('BDC', { idNumber: ID1 });
    const e = h.refuse(staff, action);
    expect(e.code).toBe('NO_CURRENT_TICKET');
    expect(e.message).toBe('1号窗口当前没有正在呼叫或办理的号码');
  });

  it('a finished ticket is no longer current', () => {
    const { h, staff } = called();
    h.finish('W01');
    expect(h.refuse(staff, (s, c) => finish(s, c, 'W01')).code).toBe('NO_CURRENT_TICKET');
  });
});

describe('延时服务: service past closing is logged', () => {
  // A001 called at 16:40, started 16:45, finished at …
  const table: [string, string, number | null][] = [
    ['16:55, before closing', '16:55', null],
    ['17:00:00, at closing', '17:00:00', null],
    ['17:00:30', '17:00:30', 1],
    ['17:20', '17:20', 20],
    ['18:05, beyond the usual hour', '18:05', 65],
  ];
  it.each(table)('finished at %s', (_name, time, minutes) => {
    const h = hall();
    h.signIn('W01');
    h.setTime('16:00').issue('BDC', { idNumber: ID1 });
    h.setTime('16:40').call('W01');
    h.setTime('16:45').start('W01');
    const out = h.setTime(time).finish('W01');
    if (minutes === null) {
      expect(out.changes.overtime).toEqual([]);
    } else {
      expect(out.changes.overtime).toEqual([
        {
          id: expect.any(String),
          businessDate: MONDAY,
          windowId: 'W01',
          staffNo: '1001',
          ticketId: out.value.ticket.id,
          ticketNumber: 'A001',
          serviceCode: 'BDC',
          closingAt: iso('17:00'),
          finishedAt: iso(time),
          minutesPastClosing: minutes,
        },
      ]);
    }
  });

  it('a 调休 Sunday closes at the weekday hour', () => {
    const day = '2026-09-20';
    const h = hall({ now: at('16:00', day) });
    h.signIn('W04');
    h.issue('SW');
    h.setTime(['16:50', day]).call('W04');
    const out = h.setTime(['17:10', day]).finish('W04');
    expect(out.changes.overtime.map((o) => [o.ticketNumber, o.closingAt, o.minutesPastClosing])).toEqual([['B001', iso('17:00', day), 10]]);
  });
});

// ---------------------------------------------------------------- transfer

describe('transfer to another service', () => {
  function setup() {
    const h = hall();
    const w1 = h.signIn('W01');
    h.signIn('W04');
    const a1 = h.setTime('09:00').issue('BDC', { idNumber: ID1 });
    h.setTime('09:05').issue('SW');
    h.setTime('09:10').issue('SW');
    h.setTime('09:15').call('W01');
    const out = h.setTime('09:20').run(w1, (s, c) => transfer(s, c, 'W01', { serviceCode: 'SW' }));
    return { h, a1, out };
  }

  it('keeps the number and the issue time; the original is marked transferred', () => {
    const { h, a1, out } = setup();
    expect(out.value).toMatchObject({
      number: 'A001',
      serviceCode: 'SW',
      status: 'waiting',
      issuedAt: iso('09:00'),
      transferredFrom: a1.id,
      channel: 'transfer',
      targetWindowId: null,
      priority: 'normal',
      idNumber: ID1,
      calledAt: null,
      windowId: null,
    });
    expect(out.value.id).not.toBe(a1.id);
    expect(h.ticket(a1.id)).toMatchObject({ status: 'transferred', finishedAt: iso('09:20'), startedAt: iso('09:15') });
    expect(h.window('W01').currentTicketId).toBeNull();
  });

  it('waits in the new service ahead of tickets issued after it', () => {
    const { h } = setup();
    expect(h.queueAt('W04')).toEqual(['A001', 'B001', 'B002']);
    const r = h.setTime('09:25').call('W04');
    expect(r.ticket).toMatchObject({ number: 'A001', serviceCode: 'SW', windowId: 'W04' });
    expect(r.why).toBe('普通号 · 09:00 取号，同级中最早');
  });

  it('refuses an unknown service', () => {
    const h = hall();
    const w1 = h.signIn('W01');
    h.issue('BDC', { idNumber: ID1 });
    h.call('W01');
    expect(h.refuse(w1, (s, c) => transfer(s, c, 'W01', { serviceCode: 'NOPE' })).code).toBe('UNKNOWN_SERVICE');
  });
});

describe('transfer to a window', () => {
  function setup() {
    const h = hall();
    const w1 = h.signIn('W01');
    h.signIn('W02');
    h.setTime('09:00').issue('BDC', { idNumber: ID1 });
    h.setTime('09:01').issue('BDC', { idNumber: ID2 });
    h.setTime('09:02').issue('BDC', { idNumber: ID3 });
    h.setTime('09:05').call('W01');
    return { h, w1 };
  }

  it('only that window can call it', () => {
    const { h, w1 } = setup();
    const moved = h.setTime('09:10').run(w1, (s, c) => transfer(s, c, 'W01', { windowId: 'W02' })).value;
    expect(moved).toMatchObject({ number: 'A001', targetWindowId: 'W02', serviceCode: 'BDC', status: 'waiting', issuedAt: iso('09:00') });
    expect(h.queueAt('W01')).toEqual(['A002', 'A003']);
    expect(h.queueAt('W03')).toEqual(['A002', 'A003']);
    expect(h.queueAt('W02')).toEqual(['A001', 'A002', 'A003']);
    expect(h.call('W01').ticket!.number).toBe('A002');
    const r = h.call('W02');
    expect(r.ticket!.number).toBe('A001');
    expect(r.why).toBe('转本窗口办理 · 普通号 · 09:00 取号，同级中最早');
  });

  it('refuses a window with nobody on duty', () => {
    const { h, w1 } = setup();
    const e = h.refuse(w1, (s, c) => transfer(s, c, 'W01', { windowId: 'W03' }));
    expect(e.code).toBe('WINDOW_NOT_STAFFED');
    expect(e.message).toBe('3号窗口无人在岗，不能转入');
  });

  it('refuses its own window', () => {
    const { h, w1 } = setup();
    const e = h.refuse(w1, (s, c) => transfer(s, c, 'W01', { windowId: 'W01' }));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toBe('不能转移到本窗口');
  });

  it('refuses an unknown window', () => {
    const { h, w1 } = setup();
    expect(h.refuse(w1, (s, c) => transfer(s, c, 'W01', { windowId: 'W99' })).code).toBe('UNKNOWN_WINDOW');
  });
});

// ---------------------------------------------------------------- pause, resume

describe('pause and resume', () => {
  it('a paused window cannot call until it resumes', () => {
    const h = hall();
    const staff = h.signIn('W04');
    h.issue('SW');
    const paused = h.setTime('10:00').run(staff, (s, c) => pause(s, c, 'W04', '临时离岗')).value;
    expect(paused.pause).toEqual({ reason: '临时离岗', since: iso('10:00'), sinceMs: at('10:00') });
    const e = h.refuse(staff, (s, c) => callNext(s, c, 'W04'));
    expect(e.code).toBe('WINDOW_PAUSED');
    expect(e.message).toBe('窗口已暂停（临时离岗），请先恢复服务');
    const resumed = h.setTime('10:10').run(staff, (s, c) => resume(s, c, 'W04')).value;
    expect(resumed.pause).toBeNull();
    expect(h.call('W04').ticket!.number).toBe('B001');
  });

  it('refuses to pause with a ticket at the window', () => {
    const h = hall();
    const staff = h.signIn('W04');
    h.issue('SW');
    h.call('W04');
    const e = h.refuse(staff, (s, c) => pause(s, c, 'W04', '临时离岗'));
    expect(e.code).toBe('WINDOW_BUSY');
    expect(e.message).toBe('请先办结或过号当前号码 B001 再暂停');
  });
});

// ---------------------------------------------------------------- AB岗

describe('AB岗: signing in and acting at a window', () => {
  it('each post holder signs in at their own post; the list is A then B', () => {
    const h = hall({ now: at('08:50') });
    h.signIn('W01', 'B');
    h.setTime('08:55').signIn('W01', 'A');
    expect(h.window('W01').onDuty).toEqual([
      { name: '王建国', employeeNo: '1001', post: 'A', since: iso('08:55') },
      { name: '李丽华', employeeNo: '1002', post: 'B', since: iso('08:50') },
    ]);
    // Signing in again does not add a second entry.
    h.signIn('W01', 'A');
    expect(h.window('W01').onDuty.map((p) => p.employeeNo)).toEqual(['1001', '1002']);
  });

  const refusals: [string, string, 'A' | 'B', string, string][] = [
    ['the B post signing in as A', '1002', 'A', 'WINDOW_NOT_ASSIGNED', '您在1号窗口是B岗，请按B岗签到'],
    ['the A post signing in as B', '1001', 'B', 'WINDOW_NOT_ASSIGNED', '您在1号窗口是A岗，请按A岗签到'],
    ['staff of another window', '1003', 'A', 'WINDOW_NOT_ASSIGNED', '您未被安排在1号窗口（A岗或B岗），不能在此签到'],
    ['an unregistered employee number', '8888', 'A', 'FORBIDDEN', '只有登记在册的工作人员才能签到上岗'],
  ];
  it.each(refusals)('refuses %s', (_name, employeeNo, post, code, message) => {
    const h = hall();
    const e = h.refuse(staffActor(h.config, employeeNo), (s, c) => signIn(s, c, 'W01', { employeeNo, post }));
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
    expect(h.window('W01').onDuty).toEqual([]);
  });

  it('B covers: A hands over a called ticket and leaves, B finishes it and calls on', () => {
    const h = hall();
    const a = h.signIn('W01', 'A');
    h.issue('BDC', { idNumber: ID1 });
    h.issue('BDC', { idNumber: ID2 });
    h.call('W01');
    const alone = h.refuse(a, (s, c) => signOut(s, c, 'W01', '1001'));
    expect(alone.code).toBe('WINDOW_BUSY');
    expect(alone.message).toBe('请先办结当前号码 A001 再离岗');
    const b = h.signIn('W01', 'B');
    h.run(a, (s, c) => signOut(s, c, 'W01', '1001'));
    expect(h.window('W01').onDuty.map((p) => [p.employeeNo, p.post])).toEqual([['1002', 'B']]);
    expect(h.refuse(a, (s, c) => finish(s, c, 'W01')).code).toBe('WINDOW_NOT_ASSIGNED');
    expect(h.run(b, (s, c) => finish(s, c, 'W01')).value.ticket.number).toBe('A001');
    expect(h.run(b, (s, c) => callNext(s, c, 'W01')).value.ticket).toMatchObject({ number: 'A002', staffNo: '1002' });
  });

  it('signing out someone who is not on duty is refused', () => {
    const h = hall();
    h.signIn('W01');
    const e = h.refuse(h.staff('W01', 'B'), (s, c) => signOut(s, c, 'W01', '1002'));
    expect(e.code).toBe('WINDOW_NOT_ASSIGNED');
    expect(e.message).toBe('您不在1号窗口在岗');
  });

  describe('a staff member posted at two windows', () => {
    // 王建国 is A at window 1 and also B at window 2.
    const config = demoConfig((raw) => (raw.windows.find((w) => w.id === 'W02')!.posts.B = '1001'));

    it('signing in elsewhere moves them', () => {
      const h = hall({ config });
      const a = h.signIn('W01', 'A');
      h.run(a, (s, c) => signIn(s, c, 'W02', { employeeNo: '1001', post: 'B' }));
      expect(h.window('W01').onDuty).toEqual([]);
      expect(h.window('W02').onDuty.map((p) => [p.employeeNo, p.post])).toEqual([['1001', 'B']]);
    });

    it('but not away from an unfinished ticket they alone hold', () => {
      const h = hall({ config });
      const a = h.signIn('W01', 'A');
      h.issue('BDC', { idNumber: ID1 });
      h.call('W01');
      const e = h.refuse(a, (s, c) => signIn(s, c, 'W02', { employeeNo: '1001', post: 'B' }));
      expect(e.code).toBe('WINDOW_BUSY');
      expect(e.message).toBe('您在1号窗口还有未办结的号码，请先办结');
    });
  });

  const actions: [string, Parameters<TestHall['run']>[1]][] = [
    ['call next', (s, c) => callNext(s, c, 'W01')],
    ['recall', (s, c) => recall(s, c, 'W01')],
    ['skip', (s, c) => skip(s, c, 'W01')],
    ['start', (s, c) => start(s, c, 'W01')],
    ['finish', (s, c) => finish(s, c, 'W01')],
    ['transfer', (s, c) => transfer(s, c, 'W01', { serviceCode: 'SW' })],
    ['pause', (s, c) => pause(s, c, 'W01', '临时离岗')],
    ['resume', (s, c) => resume(s, c, 'W01')],
    ['预约办理 on', (s, c) => setMode(s, c, 'W01', 'appointment')],
  ];
  it.each(actions)('%s at a window with nobody on duty → WINDOW_NOT_STAFFED', (_name, action) => {
    const h = hall();
    h.issue('BDC', { idNumber: ID1 });
    const e = h.refuse(staffActor(h.config, '1001'), action);
    expect(e.code).toBe('WINDOW_NOT_STAFFED');
    expect(e.message).toBe('1号窗口无人在岗，请先签到上岗');
  });
  it.each(actions)('%s by staff not on duty there → WINDOW_NOT_ASSIGNED', (_name, action) => {
    const h = hall();
    h.signIn('W01');
    h.issue('BDC', { idNumber: ID1 });
    h.call('W01');
    const e = h.refuse(staffActor(h.config, '1003'), action);
    expect(e.code).toBe('WINDOW_NOT_ASSIGNED');
    expect(e.message).toBe('您不在1号窗口在岗，不能在该窗口操作');
  });

  it('the admin account may act at any window', () => {
    const h = hall();
    h.issue('BDC', { idNumber: ID1 });
    const r = h.run(ADMIN, (s, c) => callNext(s, c, 'W01')).value;
    expect(r.ticket).toMatchObject({ number: 'A001', windowId: 'W01', staffNo: null });
    expect(h.run(ADMIN, (s, c) => finish(s, c, 'W01')).value.ticket.status).toBe('done');
  });
});

// ---------------------------------------------------------------- 预约办理

describe('预约办理 mode', () => {
  const checkIn = (h: TestHall, service: string, idNo?: string): Outcome<TicketRecord> =>
    h.run(KIOSK, (s, c) =>
      issueTicket(s, c, { serviceCode: service, channel: 'appointment', priority: 'appointment', appointmentId: 'appt-1', ...(idNo ? { idNumber: idNo } : {}) }),
    );

  it('an appointment holder checking in while a window is idle is called there at once', () => {
    const h = hall();
    h.signIn('W01');
    const out = h.setTime('09:30').run(KIOSK, (s, c) =>
      issueTicket(s, c, { serviceCode: 'BDC', channel: 'appointment', priority: 'appointment', idNumber: ID1, appointmentId: 'appt-1' }),
    );
    expect(out.value).toMatchObject({ number: 'YA001', status: 'called', windowId: 'W01', calledAt: iso('09:30'), staffNo: '1001' });
    expect(calls(out.changes)).toEqual([expect.objectContaining({ ticketNumber: 'YA001', text: '请YA001号到1号窗口办理' })]);
    expect(h.window('W01')).toMatchObject({ mode: 'appointment', modeAuto: true, currentTicketId: out.value.id });
  });

  it('… at the first idle window that handles the service', () => {
    const h = hall();
    h.signIn('W01');
    h.signIn('W02');
    h.issue('BDC', { idNumber: ID1 });
    h.call('W01');
    const y = checkIn(h, 'BDC', ID2).value;
    expect(y).toMatchObject({ status: 'called', windowId: 'W02' });
    expect(h.window('W01').mode).toBe('normal');
  });

  it('… and returns to normal after the appointment, with none left', () => {
    const h = hall();
    h.signIn('W01');
    checkIn(h, 'BDC', ID1);
    h.setTime('09:40').issue('BDC', { idNumber: ID2 });
    expect(h.queueAt('W01')).toEqual([]);
    const done = h.setTime('09:50').finish('W01');
    expect(done.value.autoCalled).toBeNull();
    expect(h.window('W01')).toMatchObject({ mode: 'normal', modeAuto: false });
    expect(h.call('W01').ticket!.number).toBe('A001');
  });

  it('a paused window is not used; on resume it switches and calls the holder', () => {
    const h = hall();
    const staff = h.signIn('W01');
    h.run(staff, (s, c) => pause(s, c, 'W01', '整理材料'));
    const y = checkIn(h, 'BDC', ID1).value;
    expect(y.status).toBe('waiting');
    expect(h.window('W01').mode).toBe('normal');
    h.setTime('09:20').run(staff, (s, c) => resume(s, c, 'W01'));
    expect(h.ticket(y.id)).toMatchObject({ status: 'called', windowId: 'W01' });
    expect(h.window('W01').mode).toBe('appointment');
  });

  // How the busy window is freed: finish or skip.
  const freeings: [string, (h: TestHall) => Outcome<unknown> & { autoCalled: TicketRecord | null }][] = [
    [
      'finishes',
      (h) => {
        const o = h.finish('W01');
        return { ...o, autoCalled: o.value.autoCalled };
      },
    ],
    [
      'skips',
      (h) => {
        const o = h.run(h.onDutyAt('W01'), (s, c) => skip(s, c, 'W01'));
        return { ...o, autoCalled: o.changes.tickets.find((t) => t.priority === 'appointment' && t.status === 'called') ?? null };
      },
    ],
  ];
  it.each(freeings)('a busy window switches when it %s its customer and calls the holder at once', (_name, free) => {
    const h = hall();
    h.signIn('W01');
    h.setTime('09:00').issue('BDC', { idNumber: ID1 });
    h.setTime('09:01').issue('BDC', { idNumber: ID2 });
    h.setTime('09:05').call('W01');
    h.start('W01');
    const y = h.setTime('09:10').run(KIOSK, (s, c) => issueTicket(s, c, { serviceCode: 'BDC', channel: 'appointment', priority: 'appointment', idNumber: ID3 })).value;
    expect(y.status).toBe('waiting');
    expect(h.window('W01').mode).toBe('normal');
    expect(h.queueAt('W01')).toEqual(['YA001', 'A002']);

    const out = free(h.setTime('09:20'));
    expect(out.autoCalled).toMatchObject({ number: 'YA001', status: 'called', windowId: 'W01', calledAt: iso('09:20') });
    expect(calls(out.changes)).toEqual([expect.objectContaining({ ticketNumber: 'YA001', text: '请YA001号到1号窗口办理' })]);
    expect(h.window('W01')).toMatchObject({ mode: 'appointment', modeAuto: true });
    expect(h.byNumber('A002').status).toBe('waiting');

    const after = h.setTime('09:35').finish('W01');
    expect(after.value.autoCalled).toBeNull();
    expect(h.window('W01').mode).toBe('normal');
    expect(h.call('W01').ticket!.number).toBe('A002');
  });

  it('stays in 预约办理 while appointment holders wait; walk-ins wait until they are served', () => {
    const h = hall();
    h.signIn('W01');
    h.setTime('09:00').issue('BDC', { idNumber: ID1 });
    h.setTime('09:05').call('W01');
    h.setTime('09:10');
    checkIn(h, 'BDC', ID2);
    h.setTime('09:11').issue('BDC', { idNumber: ID3 });
    h.setTime('09:12');
    checkIn(h, 'BDC', ID4);
    expect(h.setTime('09:20').finish('W01').value.autoCalled!.number).toBe('YA001');
    const afterFirst = h.setTime('09:30').finish('W01');
    expect(h.window('W01').mode).toBe('appointment');
    // The next appointment holder is called at once too, without staff pressing 叫号.
    expect(afterFirst.value.autoCalled!.number).toBe('YA002');
    h.setTime('09:40').finish('W01');
    expect(h.window('W01').mode).toBe('normal');
    expect(h.call('W01').ticket!.number).toBe('A002');
  });

  it('a manual 预约办理 mode does not end by itself', () => {
    const h = hall();
    const staff = h.signIn('W01');
    h.issue('BDC', { idNumber: ID1 });
    expect(h.run(staff, (s, c) => setMode(s, c, 'W01', 'appointment')).value).toMatchObject({ mode: 'appointment', modeAuto: false });
    expect(h.call('W01')).toEqual({ ticket: null, why: null });
    expect(h.window('W01').mode).toBe('appointment');
    const y = checkIn(h.setTime('09:30'), 'BDC', ID2).value;
    expect(y).toMatchObject({ status: 'called', windowId: 'W01' });
    h.setTime('09:45').finish('W01');
    expect(h.window('W01')).toMatchObject({ mode: 'appointment', modeAuto: false });
    expect(h.call('W01').ticket).toBeNull();
    expect(h.byNumber('A001').status).toBe('waiting');
    h.run(staff, (s, c) => setMode(s, c, 'W01', 'normal'));
    expect(h.call('W01').ticket!.number).toBe('A001');
  });

  it('with autoSwitch off, the appointment just goes first at the next call', () => {
    const h = hall({ config: demoConfig((raw) => (raw.queue!.appointmentMode = { autoSwitch: false, autoCall: false })) });
    h.signIn('W01');
    h.setTime('09:00').issue('BDC', { idNumber: ID1 });
    h.setTime('09:01').issue('BDC', { idNumber: ID2 });
    h.setTime('09:05').call('W01');
    const y = checkIn(h.setTime('09:10'), 'BDC', ID3).value;
    expect(y.status).toBe('waiting');
    const done = h.finish('W01');
    expect(done.value.autoCalled).toBeNull();
    expect(h.window('W01').mode).toBe('normal');
    const r = h.call('W01');
    expect(r.ticket!.number).toBe('YA001');
    expect(r.why).toBe('预约优先 · 09:10 取号，同级中最早');
  });

  it('with autoCall off, the window switches and the staff call the holder', () => {
    const h = hall({ config: demoConfig((raw) => (raw.queue!.appointmentMode = { autoSwitch: true, autoCall: false })) });
    h.signIn('W01');
    h.setTime('09:00').issue('BDC', { idNumber: ID1 });
    h.setTime('09:01').issue('BDC', { idNumber: ID2 });
    h.setTime('09:05').call('W01');
    checkIn(h.setTime('09:10'), 'BDC', ID3);
    const done = h.finish('W01');
    expect(done.value.autoCalled).toBeNull();
    expect(h.window('W01').mode).toBe('appointment');
    const r = h.call('W01');
    expect(r.ticket!.number).toBe('YA001');
    expect(r.why).toBe('预约办理模式 · 预约优先 · 09:10 取号，同级中最早');
  });

  describe('预约专窗 (W12 in the demo)', () => {
    it('cannot be switched to normal', () => {
      const h = hall();
      const staff = h.signIn('W12');
      const e = h.refuse(staff, (s, c) => setMode(s, c, 'W12', 'normal'));
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.message).toBe('12号窗口是预约专窗，只办理预约业务');
    });

    it.each([
      ['on the first day', false],
      ['after a day rollover', true],
    ])('never calls walk-in tickets (%s)', (_name, nextDay) => {
      const h = hall({ now: at('08:40') });
      if (nextDay) h.setTime(['08:40', TUESDAY]);
      h.signIn('W12');
      h.issue('SW');
      h.issue('SB', { priority: 'green' });
      expect(h.queueAt('W12')).toEqual([]);
      expect(h.call('W12')).toEqual({ ticket: null, why: null });
      expect(h.byNumber('B001').status).toBe('waiting');
    });

    it('serves appointment holders and stays a 预约专窗 afterwards', () => {
      const h = hall();
      h.signIn('W12');
      const y = checkIn(h, 'SW').value;
      expect(y).toMatchObject({ number: 'YB001', status: 'called', windowId: 'W12' });
      expect(h.window('W12').mode).toBe('appointment');
      h.setTime('09:05').issue('SW');
      h.setTime('09:20').finish('W12');
      expect(h.window('W12').mode).toBe('appointment');
      expect(h.call('W12').ticket).toBeNull();
      expect(h.byNumber('B001').status).toBe('waiting');
    });
  });
});

// ---------------------------------------------------------------- cancel

describe('cancelling a ticket', () => {
  it('a waiting ticket can be cancelled, a called one cannot', () => {
    const h = hall();
    h.signIn('W04');
    const b1 = h.issue('SW');
    const b2 = h.issue('SW');
    h.call('W04');
    const e = h.refuse(KIOSK, (s, c) => cancelTicket(s, c, b1.id));
    expect(e.code).toBe('TICKET_NOT_WAITING');
    expect(e.message).toBe('B001 已被呼叫或已办结，不能取消');
    const gone = h.setTime('09:30').run(KIOSK, (s, c) => cancelTicket(s, c, b2.id)).value;
    expect(gone).toMatchObject({ status: 'cancelled', finishedAt: iso('09:30') });
    expect(h.queueAt('W04')).toEqual([]);
  });
});

// ---------------------------------------------------------------- purity

describe('transitions never mutate the state they are given', () => {
  function snapshot(s: HallState): string {
    return JSON.stringify({ date: s.businessDate, tickets: [...s.tickets], windows: [...s.windows], counters: [...s.counters] });
  }

  /** W01 (王建国) has A001 called; A004 and the re-queued A002 wait; A003 was skipped at W02 (张志强), now idle. */
  function base(): TestHall {
    const h = hall();
    h.signIn('W01');
    h.signIn('W02');
    h.setTime('09:00').issue('BDC', { idNumber: ID1 });
    h.setTime('09:01').issue('BDC', { idNumber: ID2 });
    h.setTime('09:02').issue('BDC', { idNumber: ID3 });
    h.setTime('09:03').issue('BDC', { idNumber: ID4 });
    h.setTime('09:05').call('W01');
    h.call('W02');
    h.run(h.onDutyAt('W02'), (s, c) => skip(s, c, 'W02'));
    h.call('W02');
    h.run(h.onDutyAt('W02'), (s, c) => skip(s, c, 'W02'));
    h.run(h.onDutyAt('W02'), (s, c) => requeue(s, c, h.byNumber('A002').id));
    h.setTime('09:10');
    return h;
  }

  const w1 = (h: TestHall) => h.staff('W01');
  const w2 = (h: TestHall) => h.staff('W02');
  const table: [string, (h: TestHall) => Outcome<unknown>][] = [
    ['issue', (h) => issueTicket(h.state, h.ctx(KIOSK), { serviceCode: 'SW', channel: 'kiosk' })],
    ['appointment check-in (auto call)', (h) => issueTicket(h.state, h.ctx(KIOSK), { serviceCode: 'BDC', channel: 'appointment', priority: 'appointment' })],
    ['call next', (h) => callNext(h.state, h.ctx(w2(h)), 'W02')],
    ['recall', (h) => recall(h.state, h.ctx(w1(h)), 'W01')],
    ['skip', (h) => skip(h.state, h.ctx(w1(h)), 'W01')],
    ['requeue', (h) => requeue(h.state, h.ctx(KIOSK), h.byNumber('A003').id, 0)],
    ['start', (h) => start(h.state, h.ctx(w1(h)), 'W01')],
    ['finish', (h) => finish(h.state, h.ctx(w1(h)), 'W01', 'CASE-1')],
    ['transfer to a service', (h) => transfer(h.state, h.ctx(w1(h)), 'W01', { serviceCode: 'SW' })],
    ['transfer to a window', (h) => transfer(h.state, h.ctx(w1(h)), 'W01', { windowId: 'W02' })],
    ['pause', (h) => pause(h.state, h.ctx(w2(h)), 'W02', '临时离岗')],
    ['预约办理 on', (h) => setMode(h.state, h.ctx(w2(h)), 'W02', 'appointment')],
    ['sign in', (h) => signIn(h.state, h.ctx(h.staff('W01', 'B')), 'W01', { employeeNo: '1002', post: 'B' })],
    ['sign out', (h) => signOut(h.state, h.ctx(w2(h)), 'W02', '1003')],
    ['cancel', (h) => cancelTicket(h.state, h.ctx(KIOSK), h.byNumber('A004').id)],
    ['rollover', (h) => rollover(h.state, h.setTime(['00:00', TUESDAY]).ctx())],
  ];
  it.each(table)('%s', (_name, act) => {
    const h = base();
    const before = snapshot(h.state);
    const out = act(h);
    expect(snapshot(h.state)).toBe(before);
    expect(out.changes.log).not.toBeNull();
    applyChanges(h.state, out.changes);
    expect(snapshot(h.state)).not.toBe(before);
  });
});
