import type { HallConfigInput } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import type { Appointment } from './appointments/appointment-state.js';
import { configFitProblems, type LiveDay } from './config-fit.js';
import { signOut } from './queue-engine.js';
import { MONDAY, TestHall, TUESDAY, demoConfig, idNumber } from './test-support.js';

type Booking = Pick<Appointment, 'serviceCode' | 'date' | 'status'>;

/** 不动产登记 is taken with an ID card. */
let people = 0;
const bdc = (h: TestHall) => h.issue('BDC', { idNumber: idNumber('1980-01-01', String(++people).padStart(3, '0')) });

const live = (h: TestHall, appointments: Booking[] = []): LiveDay => ({
  businessDate: h.state.businessDate,
  tickets: h.state.tickets.values(),
  windows: h.state.windows.values(),
  appointments,
});

/** The demo hall edited on a copy (windows, services, posts…). */
const edited = (edit: (raw: HallConfigInput) => void) => demoConfig(edit);
const messages = (h: TestHall, edit: (raw: HallConfigInput) => void, appointments: Booking[] = []) =>
  configFitProblems(h.config, edited(edit), live(h, appointments)).map((p) => p.message);

const withoutWindow = (id: string) => (raw: HallConfigInput) => {
  raw.windows = raw.windows.filter((w) => w.id !== id);
  raw.devices = (raw.devices ?? []).filter((d) => d.windowId !== id);
};
const withoutService = (code: string) => (raw: HallConfigInput) => {
  raw.services = raw.services.filter((s) => s.code !== code);
  for (const w of raw.windows) w.services = w.services.filter((c) => c !== code);
  raw.windows = raw.windows.filter((w) => w.services.length > 0);
  const windowIds = new Set(raw.windows.map((w) => w.id));
  raw.devices = (raw.devices ?? []).filter((d) => !d.windowId || windowIds.has(d.windowId));
};

describe('configFitProblems: a config that fits the live day', () => {
  it('an idle hall takes any valid change: renamed window, renamed service, new service, removed window', () => {
    const h = new TestHall();
    const problems = configFitProblems(
      h.config,
      edited((raw) => {
        raw.windows[0]!.name = '不动产登记（一）';
        raw.services[0]!.name = '不动产登记业务';
        raw.services.push({ code: 'NEW', name: '新业务', department: raw.services[0]!.department, prefix: 'Q' });
        raw.windows[0]!.services.push('NEW');
        withoutWindow('W02')(raw);
      }),
      live(h),
    );
    expect(problems).toEqual([]);
  });

  it('a busy day still takes changes that leave its tickets, windows and bookings alone', () => {
    const h = new TestHall();
    h.signIn('W01');
    bdc(h);
    h.issue('SW');
    h.call('W01');
    expect(
      messages(h, (raw) => {
        raw.windows[0]!.name = '不动产登记一号';
        raw.services.find((s) => s.code === 'BDC')!.guide = { conditions: [], materials: ['身份证'] };
      }),
    ).toEqual([]);
  });
});

describe('configFitProblems: refused, with a Chinese reason', () => {
  it('removing a window with a current ticket and staff on duty', () => {
    const h = new TestHall();
    h.signIn('W01');
    bdc(h);
    h.call('W01');
    expect(messages(h, withoutWindow('W01'))).toEqual(['1号窗口（W01）正在办理 A001，不能删除；请先办结或转移该号码', '1号窗口（W01）有人在岗（王建国（A岗）），不能删除；请先离岗']);
  });

  it('removing a window where staff are on duty but idle', () => {
    const h = new TestHall();
    h.signIn('W02');
    expect(messages(h, withoutWindow('W02'))).toEqual(['2号窗口（W02）有人在岗（张志强（A岗）），不能删除；请先离岗']);
  });

  it('giving the post of someone on duty to another person', () => {
    const h = new TestHall();
    h.signIn('W01');
    const problems = configFitProblems(
      h.config,
      edited((raw) => {
        raw.windows[0]!.posts.A = '1002';
        raw.windows[0]!.posts.B = '1001';
      }),
      live(h),
    );
    expect(problems).toEqual([{ path: 'windows.0.posts.A', message: '王建国（工号 1001）正在1号窗口（W01）A岗在岗，新配置把该岗位安排给了工号 1002；请先离岗' }]);
  });

  it('removing a service with waiting tickets, or with open bookings today or later', () => {
    const h = new TestHall();
    h.issue('GJJ');
    expect(messages(h, withoutService('GJJ'))).toEqual(['业务“住房公积金”（GJJ）还有 1 张号码未办完（等候、已呼叫或办理中），不能删除']);

    const quiet = new TestHall();
    const bookings: Booking[] = [
      { serviceCode: 'HZ', date: MONDAY, status: 'booked' },
      { serviceCode: 'HZ', date: TUESDAY, status: 'pending-approval' },
      { serviceCode: 'HZ', date: TUESDAY, status: 'cancelled' },
      { serviceCode: 'HZ', date: '2026-11-20', status: 'booked' }, // a past day: not open any more
    ];
    expect(messages(quiet, withoutService('HZ'), bookings)).toEqual(['业务“户政业务”（HZ）还有未办理的预约（今日 1 个、以后 1 个），不能删除；请先取消这些预约']);
    expect(messages(quiet, withoutService('HZ'), bookings.filter((b) => b.status === 'cancelled'))).toEqual([]);
  });

  it('a finished ticket does not keep its service: only live ones do', () => {
    const h = new TestHall();
    h.signIn('W08');
    h.issue('GJJ');
    h.call('W08');
    h.finish('W08');
    const staff = h.onDutyAt('W08');
    h.run(staff, (s, c) => signOut(s, c, 'W08', staff.employeeNo!));
    expect(messages(h, withoutService('GJJ'))).toEqual([]);
  });

  it('changing the prefix of a service that issued tickets today; a service with none may change it', () => {
    const h = new TestHall();
    h.issue('SB');
    const problems = configFitProblems(
      h.config,
      edited((raw) => {
        raw.services.find((s) => s.code === 'SB')!.prefix = 'S';
        raw.services.find((s) => s.code === 'HZ')!.prefix = 'P';
      }),
      live(h),
    );
    const sb = h.config.services.findIndex((s) => s.code === 'SB');
    expect(problems).toEqual([{ path: `services.${sb}.prefix`, message: '业务“社会保险”今日已发出 1 张号，号码前缀不能由 C 改为 S；可在下班后重启大厅服务使其生效' }]);
  });

  it('waiting tickets of a service that no window would serve any more', () => {
    const h = new TestHall();
    h.issue('GJJ');
    const problems = messages(h, (raw) => {
      raw.windows.find((w) => w.id === 'W08')!.services = ['HZ'];
      raw.windows.find((w) => w.id === 'W12')!.services = raw.windows.find((w) => w.id === 'W12')!.services.filter((c) => c !== 'GJJ');
    });
    expect(problems).toEqual(['业务“住房公积金”还有 1 张号码在等候，新配置中没有窗口办理该业务']);
  });

  it('a ticket transferred to a window keeps that window', () => {
    const h = new TestHall();
    const t = bdc(h);
    h.state.tickets.set(t.id, { ...t, targetWindowId: 'W02' });
    expect(messages(h, withoutWindow('W02'))).toEqual(['有 1 张转到2号窗口（W02）的号码在等候，不能删除该窗口']);
  });

  it('the number of digits and the time zone stay as they are once today’s first ticket is out', () => {
    const idle = new TestHall();
    const change = (raw: HallConfigInput) => {
      raw.queue = { ...raw.queue, numberDigits: 4 };
      raw.hall.utcOffsetMinutes = 540;
    };
    expect(messages(idle, change)).toEqual([]);
    const h = new TestHall();
    bdc(h);
    expect(messages(h, change)).toEqual(['今日已发出 1 张号，号码位数不能由 3 位改为 4 位；可在下班后重启大厅服务使其生效', '今日已开始取号，大厅时区不能在营业中修改；可在下班后重启大厅服务使其生效']);
  });
});
