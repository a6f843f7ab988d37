import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { HallConfigSchema, describeConfigIssues, parseHallConfig, type HallConfig } from './hall-config.js';
import { DEFAULT_VOICE_TEMPLATE } from './voice.js';

const DEMO_PATH = new URL('../../../resources/halls/demo.json', import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON, mutated to break it
type Raw = any;
const demoRaw = (): Raw => JSON.parse(readFileSync(DEMO_PATH, 'utf8'));

/** The message a hall admin sees when the demo, changed by `breakIt`, is loaded. */
function errorFor(breakIt: (cfg: Raw) => void): string {
  const cfg = demoRaw();
  breakIt(cfg);
  try {
    parseHallConfig(cfg, '大厅配置 demo.json');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the broken config was accepted');
}

/** Minimal valid config, for checking defaults. */
const minimal = () => ({
  hall: { name: '测试大厅' },
  hours: { weekly: { '1': [['09:00', '12:00']] } },
  departments: [{ code: 'D', name: '部门' }],
  services: [{ code: 'S', name: '业务', department: 'D', prefix: 'A' }],
  windows: [{ id: 'W1', no: '1', name: '窗口', department: 'D', services: ['S'], posts: { A: '1' } }],
  staff: [{ employeeNo: '1', name: '张三', username: 'zhangsan' }],
});

describe('the demo hall (resources/halls/demo.json)', () => {
  const demo: HallConfig = parseHallConfig(demoRaw(), 'demo.json');

  it('has at least 8 services in at least 5 departments', () => {
    expect(demo.services.length).toBeGreaterThanOrEqual(8);
    expect(new Set(demo.services.map((s) => s.department)).size).toBeGreaterThanOrEqual(5);
  });

  it('has 12 windows, each with an A post and a B post held by different staff', () => {
    expect(demo.windows).toHaveLength(12);
    const staff = new Set(demo.staff.map((s) => s.employeeNo));
    for (const w of demo.windows) {
      expect(staff.has(w.posts.A), `${w.id} A岗`).toBe(true);
      expect(w.posts.B, `${w.id} B岗`).toBeDefined();
      expect(staff.has(w.posts.B!), `${w.id} B岗`).toBe(true);
      expect(w.posts.B).not.toBe(w.posts.A);
    }
  });

  it('sets 不动产登记 to 40 minutes and the other services to 15 (限时办结)', () => {
    const bdc = demo.services.find((s) => s.name === '不动产登记');
    expect(bdc?.targetMinutes).toBe(40);
    for (const s of demo.services.filter((x) => x !== bdc)) expect(s.targetMinutes, s.name).toBe(15);
  });

  it('opens 09:00–12:00 and 13:00–17:00 Monday to Friday, closed at weekends', () => {
    for (const day of ['1', '2', '3', '4', '5'] as const) {
      expect(demo.hours.weekly[day], `weekday ${day}`).toEqual([
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ]);
    }
    expect(demo.hours.weekly['0']).toBeUndefined();
    expect(demo.hours.weekly['6']).toBeUndefined();
  });

  it('uses unique ticket prefixes, none starting with Y', () => {
    const prefixes = demo.services.map((s) => s.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(prefixes.filter((p) => p.startsWith('Y'))).toEqual([]);
  });

  it('has an appointment-only window and a materials list for every service', () => {
    expect(demo.windows.some((w) => w.appointmentOnly)).toBe(true);
    for (const s of demo.services) expect(s.guide.materials.length, s.name).toBeGreaterThan(0);
  });

  it('is accepted with its "$schema" key, which does not end up in the parsed config', () => {
    expect(demoRaw().$schema).toBe('../../docs/hall-config.schema.json');
    expect(demo).not.toHaveProperty('$schema');
  });
});

describe('defaults', () => {
  it('fills the seed defaults for a config that leaves them out', () => {
    const cfg = parseHallConfig(minimal());
    expect(cfg.hall.utcOffsetMinutes).toBe(480);
    expect(cfg.hours).toMatchObject({ ticketCutoffMinutes: 30, issueOpensMinutesBefore: 30, issueDuringLunch: true, overtimeLimitMinutes: 60 });
    expect(cfg.calendar).toEqual({ source: 'chinese-days', overrides: [], enteredYears: [], guardDays: 60 });
    expect(cfg.queue).toMatchObject({
      numberDigits: 3,
      starvationGuard: { maxPriorityInRow: 3 },
      voiceTemplate: DEFAULT_VOICE_TEMPLATE,
      pauseLimitMinutes: 15,
      appointmentMode: { autoSwitch: true, autoCall: true },
    });
    expect(cfg.services[0]).toMatchObject({ targetMinutes: 15, dailyCap: null, realName: false, guide: { conditions: [], materials: [] } });
    expect(cfg.windows[0]!.appointmentOnly).toBe(false);
    expect(cfg.staff[0]!.role).toBe('staff');
    expect(cfg.devices).toEqual([]);
  });
});

describe('messages for a broken config', () => {
  it('starts with the source and lists each problem on its own line', () => {
    const msg = errorFor((c) => {
      c.services[1].prefix = 'A';
      c.windows[3].posts.A = '7777';
    });
    expect(msg.split('\n')[0]).toBe('大厅配置 demo.json 有误：');
    expect(msg).toContain('\n  services.1.prefix：号码前缀 A 已被业务 BDC 使用');
    expect(msg).toContain('\n  windows.3.posts.A：A岗工号 7777 未在 staff 中定义');
  });

  it('names a duplicate ticket prefix and the service already using it', () => {
    expect(errorFor((c) => (c.services[2].prefix = 'B'))).toContain('services.2.prefix：号码前缀 B 已被业务 SW 使用');
  });

  it('names a window that offers an undefined service', () => {
    expect(errorFor((c) => c.windows[2].services.push('BDCX'))).toContain('windows.2.services.2：业务 BDCX 未在 services 中定义');
  });

  it('names an A post and a B post that are not in staff', () => {
    const msg = errorFor((c) => {
      c.windows[0].posts.A = '9999';
      c.windows[1].posts.B = '8888';
    });
    expect(msg).toContain('windows.0.posts.A：A岗工号 9999 未在 staff 中定义');
    expect(msg).toContain('windows.1.posts.B：B岗工号 8888 未在 staff 中定义');
  });

  it('explains the HH:MM format for a badly written time, without crashing', () => {
    expect(errorFor((c) => (c.hours.weekly['1'][0] = ['9:00', '12:00']))).toContain(
      'hours.weekly.1.0.0：时间应为 HH:MM 格式，如 09:00',
    );
    expect(errorFor((c) => (c.services[7].ticketHours = [['08:30', '24:00']]))).toContain(
      'services.7.ticketHours.0.1：时间应为 HH:MM 格式，如 09:00',
    );
  });

  it('reports a period that ends before it starts', () => {
    expect(errorFor((c) => (c.hours.weekly['3'][1] = ['17:00', '13:00']))).toContain(
      'hours.weekly.3.1：时段的结束时间应晚于开始时间',
    );
  });

  it('reports overlapping and out-of-order opening periods', () => {
    expect(errorFor((c) => (c.hours.weekly['2'][1] = ['11:30', '17:00']))).toContain(
      'hours.weekly.2.1：开放时段应按先后排列且互不重叠',
    );
    expect(
      errorFor((c) =>
        (c.hours.weekly['4'] = [
          ['13:00', '17:00'],
          ['09:00', '12:00'],
        ]),
      ),
    ).toContain('hours.weekly.4.1：开放时段应按先后排列且互不重叠');
  });

  it('accepts periods that touch end to start', () => {
    const cfg = minimal();
    cfg.hours.weekly['1'] = [
      ['09:00', '12:00'],
      ['12:00', '13:00'],
    ];
    expect(() => parseHallConfig(cfg)).not.toThrow();
  });

  it('explains that a prefix must not start with Y, kept for appointments', () => {
    const msg = errorFor((c) => (c.services[3].prefix = 'YB'));
    expect(msg).toContain('services.3.prefix：');
    expect(msg).toContain('不以Y开头');
    expect(errorFor((c) => (c.services[3].prefix = 'd'))).toContain('services.3.prefix：号码前缀应为1到2个大写字母');
  });

  it('says 缺少此项 for a missing field', () => {
    expect(errorFor((c) => delete c.hall.name)).toContain('hall.name：缺少此项');
    expect(errorFor((c) => delete c.services[0].prefix)).toContain('services.0.prefix：缺少此项');
    expect(errorFor((c) => delete c.staff)).toContain('staff：缺少此项');
  });

  it('says the type is wrong, not that the field is missing, for a value of the wrong type', () => {
    const msg = errorFor((c) => {
      c.services[0].targetMinutes = '40';
      c.hall.name = 42;
      c.windows[0].appointmentOnly = 'yes';
    });
    expect(msg).toContain('services.0.targetMinutes：类型不正确，应为数字');
    expect(msg).toContain('hall.name：类型不正确，应为文字');
    expect(msg).toContain('windows.0.appointmentOnly：类型不正确，应为是/否（true/false）');
    expect(msg).not.toContain('缺少此项');
  });

  it('tells the same from describeConfigIssues on an error parsed without reportInput', () => {
    const cfg = demoRaw();
    cfg.services[0].targetMinutes = '40';
    delete cfg.hall.name;
    const r = HallConfigSchema.safeParse(cfg);
    expect(r.success).toBe(false);
    expect(describeConfigIssues(r.error!)).toEqual(['hall.name：缺少此项', 'services.0.targetMinutes：类型不正确，应为数字']);
  });

  it('gives the bounds of numbers, strict or not', () => {
    expect(errorFor((c) => (c.services[0].targetMinutes = 0))).toContain('services.0.targetMinutes：应大于 0');
    expect(errorFor((c) => (c.queue.numberDigits = 9))).toContain('queue.numberDigits：不能大于 5');
    expect(errorFor((c) => (c.hours.ticketCutoffMinutes = -5))).toContain('hours.ticketCutoffMinutes：不能小于 0');
  });

  it('lists the allowed values of an enum and the unknown weekday key', () => {
    expect(errorFor((c) => (c.staff[0].role = 'boss'))).toContain('staff.0.role：取值应为 "staff" / "manager" 之一');
    expect(errorFor((c) => (c.hours.weekly['7'] = [['09:00', '12:00']]))).toContain('hours.weekly：不认识的字段：7');
  });

  it('names undefined departments, duplicate staff, duplicate windows and a window screen without a window', () => {
    const msg = errorFor((c) => {
      c.services[0].department = 'XYZ';
      c.staff[1].employeeNo = '1001';
      c.staff[2].username = 'admin';
      c.windows[1].id = 'W01';
      c.devices[2].windowId = 'W99';
    });
    expect(msg).toContain('services.0.department：部门 XYZ 未在 departments 中定义');
    expect(msg).toContain('staff.1.employeeNo：工号 1001 重复');
    expect(msg).toContain('staff.2.username：用户名 admin 重复或为保留名');
    expect(msg).toContain('windows.1.id：窗口编号 W01 重复');
    expect(msg).toContain('devices.2.windowId：窗口屏设备须指定已定义的窗口');
  });

  it('requires at least one service for a window', () => {
    expect(errorFor((c) => (c.windows[0].services = []))).toContain('windows.0.services：至少需要 1 项');
  });

  it('reports a non-object at the root', () => {
    expect(() => parseHallConfig(null)).toThrow('(根)：');
  });
});
