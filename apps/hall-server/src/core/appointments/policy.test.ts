import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeConfigIssues } from '@hall/shared';
import { AppointmentPolicySchema, DEFAULT_APPOINTMENT_POLICY, appointmentPolicyIssues, type AppointmentPolicyInput } from './policy.js';
import { BookingHall, iso, person } from './test-support.js';
import { cancelByApplicant } from './appointment-engine.js';
import { PUBLIC } from './test-support.js';

/** The seeds' variants, as a hall admin would write them in the hall config. */
const SEED_000_DAZHU: AppointmentPolicyInput = {
  // 第四条（二）：应提前 2 个工作日提出预约申请（现场、电话）; 第六条：一年内 3 次失约，6 个月内不能预约
  leadTime: { onsite: { minWorkingDays: 2, cutoff: null }, phone: { minWorkingDays: 2, cutoff: null } },
  sessions: { flexible: { enabled: true } },
  credit: { monthly: { enabled: false }, yearly: { enabled: true } },
};
const SEED_002_YANGCHENG: AppointmentPolicyInput = {
  // 第四条：在预约时间前 1-5 个工作日内; 第三条：周六、周日 9:00-11:30、15:00-17:00，法定节假日不安排; 第五条：1 小时内答复
  leadTime: {
    onsite: { minWorkingDays: 1, cutoff: null, maxWorkingDays: 5 },
    phone: { minWorkingDays: 1, cutoff: null, maxWorkingDays: 5 },
  },
  sessions: { weekend: { enabled: true, days: [6, 0], periods: [['09:00', '11:30'], ['15:00', '17:00']] } },
  approval: { replyWithinMinutes: 60 },
};
const SEED_004_FENGXIAN: AppointmentPolicyInput = {
  // 第十条：至少在预约前一天下午 3 点前取消；一个年度内失约三次以上，半年内不得预约
  cancellation: { applicant: { rule: 'day-before', at: '15:00' } },
  credit: { monthly: { enabled: false }, yearly: { enabled: true, noShows: 3, withinMonths: 12, banMonths: 6 } },
};

describe('the policy defaults are seed 003 (沈丘县)', () => {
  it('parses {} to the demo hall’s numbers', () => {
    expect(DEFAULT_APPOINTMENT_POLICY).toEqual({
      enabled: true,
      slotMinutes: 60,
      defaultCapacity: 10,
      services: {},
      leadTime: {
        onsite: { minWorkingDays: 1, cutoff: '16:30', minMinutes: 0, maxWorkingDays: 7 },
        phone: { minWorkingDays: 1, cutoff: '16:30', minMinutes: 0, maxWorkingDays: 7 },
        online: { minWorkingDays: 0, cutoff: null, minMinutes: 180, maxWorkingDays: 7 },
      },
      limits: { perSlot: 1, perDay: 2 },
      sessions: {
        flexible: { enabled: false, minutesBefore: 60, minutesAfter: 60, needsApproval: true, capacity: null },
        lunch: { enabled: false, needsApproval: true, capacity: null },
        weekend: { enabled: false, days: [6, 0], periods: [['09:00', '11:30'], ['15:00', '17:00']], needsApproval: true, capacity: null },
      },
      approval: { replyWithinMinutes: 60 },
      staffArrivalMinutesBefore: 15,
      cancellation: { applicant: { rule: 'hours-before', minutesBefore: 180 }, hallMinWorkingDays: 0.5 },
      checkIn: { opensMinutesBefore: 30, closesMinutesAfter: 30, voidOnIdMismatch: false },
      credit: { monthly: { enabled: true, noShows: 3 }, yearly: { enabled: false, noShows: 3, withinMonths: 12, banMonths: 6 } },
      reminderAt: '10:00',
      codeLength: 8,
    });
  });

  it('a partial channel keeps that channel’s own defaults', () => {
    const p = AppointmentPolicySchema.parse({ leadTime: { online: { maxWorkingDays: 5 } } });
    expect(p.leadTime.online).toEqual({ minWorkingDays: 0, cutoff: null, minMinutes: 180, maxWorkingDays: 5 });
    expect(p.leadTime.onsite.cutoff).toBe('16:30');
  });
});

describe('seed 000 (大竹县): 现场/电话 2 working days ahead', () => {
  it('on Monday a Wednesday slot is taken until midnight; a Tuesday slot is refused', () => {
    const hall = new BookingHall({ policy: SEED_000_DAZHU }).setTime('16:59', '2026-11-23');
    expect(hall.book(iso('09:00', '2026-11-25'), { channel: 'phone' }).status).toBe('booked');
    const e = hall.refuseBooking(iso('09:00', '2026-11-24'), { channel: 'phone', who: person(2) });
    expect([e.code, e.message]).toEqual([
      'BOOKING_TOO_LATE',
      '电话预约须至少提前2个工作日；11月24日（周二）09:00–10:00的预约只受理到11月20日（周五），请选择更晚的时段',
    ]);
    hall.setTime('08:00', '2026-11-24');
    expect(hall.refuseBooking(iso('14:00', '2026-11-25'), { channel: 'onsite', who: person(3) }).message).toContain('只受理到11月23日（周一）');
  });

  it('out-of-hours (早晚弹性) requests wait for the window', () => {
    const hall = new BookingHall({ policy: SEED_000_DAZHU });
    expect(hall.book(iso('17:00', '2026-11-25'), { channel: 'phone' }).status).toBe('pending-approval');
  });
});

describe('seed 002 (阳城经开区): 1–5 working days ahead, weekend sessions', () => {
  it('no 16:30 cutoff: on Monday at 16:45 Tuesday is still bookable', () => {
    const hall = new BookingHall({ policy: SEED_002_YANGCHENG }).setTime('16:45', '2026-11-23');
    expect(hall.book(iso('09:00', '2026-11-24'), { channel: 'onsite' }).status).toBe('booked');
  });

  it('at most 5 working days ahead: Monday 11-30 yes, Tuesday 12-01 no', () => {
    const hall = new BookingHall({ policy: SEED_002_YANGCHENG });
    expect(hall.book(iso('09:00', '2026-11-30'), { channel: 'phone' }).status).toBe('booked');
    const e = hall.refuseBooking(iso('09:00', '2026-12-01'), { channel: 'phone', who: person(2) });
    expect([e.code, e.message]).toEqual(['BOOKING_TOO_FAR', '电话预约最多可提前5个工作日，目前最远可预约到11月30日（周一）']);
  });

  it('a Saturday session is a request the window answers', () => {
    const hall = new BookingHall({ policy: SEED_002_YANGCHENG });
    const a = hall.book(iso('15:00', '2026-11-28'), { channel: 'phone' });
    expect([a.status, a.session]).toEqual(['pending-approval', 'weekend']);
  });
});

describe('seed 004 (凤县): cancel before 15:00 the day before; the yearly 失约名单', () => {
  it('is expressible and drives the engine', () => {
    const p = AppointmentPolicySchema.parse(SEED_004_FENGXIAN);
    expect(p.cancellation.applicant).toEqual({ rule: 'day-before', at: '15:00' });
    expect([p.credit.monthly.enabled, p.credit.yearly.enabled]).toEqual([false, true]);
    const hall = new BookingHall({ policy: SEED_004_FENGXIAN });
    const a = hall.book(iso('09:00', '2026-11-24'));
    hall.setTime('15:01', '2026-11-23');
    expect(hall.refuse(PUBLIC, (s, c) => cancelByApplicant(s, c, { appointmentId: a.id, idNumber: person(1).idNumber })).code).toBe('CANCEL_TOO_LATE');
  });
});

describe('what a hall admin is told about a wrong policy', () => {
  const problems = (input: unknown) => {
    const r = AppointmentPolicySchema.safeParse(input);
    return r.success ? [] : describeConfigIssues(r.error);
  };

  it.each([
    [{ leadTime: { onsite: { cutoff: '16:3' } } }, 'leadTime.onsite.cutoff：时间应为 HH:MM 格式，如 16:30'],
    [{ leadTime: { phone: { minWorkingDays: 3, maxWorkingDays: 2 } } }, 'leadTime.phone.maxWorkingDays：最多提前的工作日数不能少于至少提前的工作日数'],
    [{ leadTime: { online: { maxWorkingDays: 0 } } }, 'leadTime.online.maxWorkingDays：不能小于 1'],
    [{ sessions: { weekend: { periods: [['11:30', '09:00']] } } }, 'sessions.weekend.periods.0：时段的结束时间应晚于开始时间'],
    [{ sessions: { weekend: { days: [5] } } }, 'sessions.weekend.days.0：取值应为 0 / 6 之一'],
    [{ defaultCapacity: -1 }, 'defaultCapacity：不能小于 0'],
  ])('%j → %s', (input, line) => {
    expect(problems(input)).toContain(line);
  });

  it('an unknown cancellation rule is refused', () => {
    expect(problems({ cancellation: { applicant: { rule: 'week-before' } } })).not.toEqual([]);
  });

  it('cross-field: services must exist, weekend periods must not overlap', () => {
    const p = AppointmentPolicySchema.parse({
      services: { BDC: { capacity: 5 }, XX: {} },
      sessions: { weekend: { periods: [['09:00', '11:30'], ['11:00', '12:00']] } },
    });
    expect(appointmentPolicyIssues(p, ['BDC', 'SW'])).toEqual([
      { path: ['services', 'XX'], message: '业务 XX 未在 services 中定义' },
      { path: ['sessions', 'weekend', 'periods', 1], message: '周末预约时段应按先后排列且互不重叠' },
    ]);
    expect(appointmentPolicyIssues(DEFAULT_APPOINTMENT_POLICY, ['BDC'])).toEqual([]);
  });
});

describe('the JSON Schema an editor gets for the policy', () => {
  const validate = new Ajv2020({ allErrors: true }).compile(z.toJSONSchema(AppointmentPolicySchema, { io: 'input', unrepresentable: 'any' }));

  it('accepts the defaults and every seed variant', () => {
    for (const input of [{}, SEED_000_DAZHU, SEED_002_YANGCHENG, SEED_004_FENGXIAN]) expect(validate(input), JSON.stringify(validate.errors)).toBe(true);
  });

  it('flags a malformed cutoff and a negative lead time', () => {
    expect(validate({ leadTime: { onsite: { cutoff: '4:30 pm' } } })).toBe(false);
    expect(validate({ leadTime: { online: { minMinutes: -1 } } })).toBe(false);
  });
});
