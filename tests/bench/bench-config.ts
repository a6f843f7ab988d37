/**
 * The large hall the benchmark runs against: the demo hall's hours, calendar and queue policies,
 * with 200 windows (A/B staff accounts each, three services per window), eight services without
 * a daily cap, five-digit numbers (the schema's maximum, 99 999 per prefix per day), one kiosk
 * and one hall-screen key shared by the display clients.
 */
import { parseHallConfig, type HallConfigInput } from '@hall/shared';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_CONFIG_PATH } from '../../apps/hall-server/src/server/app.js';

export const BENCH_KIOSK_KEY = 'bench-kiosk-0001-key-0123456789';
export const BENCH_SCREEN_KEY = 'bench-hall-screen-key-0123456789';
export const BENCH_STAFF_PASSWORD = 'bench-pw-1234';

export interface BenchWindow {
  id: string;
  /** Username of the window's A-post staff (the one who signs in and calls). */
  username: string;
  services: string[];
}

export interface BenchHall {
  path: string;
  windows: BenchWindow[];
  serviceCodes: string[];
}

const SERVICES: { code: string; name: string; department: string; departmentName: string }[] = [
  { code: 'BDC', name: '不动产登记', department: 'BDC', departmentName: '县不动产登记中心' },
  { code: 'SW', name: '税务办理', department: 'SWJ', departmentName: '县税务局' },
  { code: 'SB', name: '社会保险', department: 'RSJ', departmentName: '县人力资源和社会保障局' },
  { code: 'YB', name: '医疗保障', department: 'YBJ', departmentName: '县医疗保障局' },
  { code: 'GJJ', name: '住房公积金', department: 'GJJ', departmentName: '县住房公积金管理中心' },
  { code: 'HZ', name: '户政业务', department: 'GAJ', departmentName: '县公安局户政科' },
  { code: 'QYKB', name: '企业开办', department: 'SCJ', departmentName: '县市场监督管理局' },
  { code: 'ZH', name: '综合受理', department: 'ZWB', departmentName: '政务服务中心综合科' },
];

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高郑梁谢宋';
const GIVEN = ['建国', '丽华', '志强', '秀英', '海燕', '文博', '晓东', '春梅', '国庆', '雪梅', '子涵', '宇航', '俊杰', '婷婷', '明辉', '红霞'];

/** Writes `hall.json` into `dir` and returns what the load generator needs to drive it. */
export function writeBenchHall(dir: string, windowCount: number): BenchHall {
  const demo = JSON.parse(readFileSync(DEMO_CONFIG_PATH, 'utf8')) as HallConfigInput;
  const staff: NonNullable<HallConfigInput['staff']> = [];
  const windows: NonNullable<HallConfigInput['windows']> = [];
  const out: BenchWindow[] = [];
  let emp = 1001;
  const person = (department: string) => {
    const no = String(emp++);
    const i = emp - 1001;
    staff.push({
      employeeNo: no,
      name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`,
      username: `s${no}`,
      role: 'staff',
      department,
      initialPassword: BENCH_STAFF_PASSWORD,
    });
    return no;
  };
  const width = String(windowCount).length;
  for (let i = 0; i < windowCount; i++) {
    const main = SERVICES[i % SERVICES.length]!;
    // Three services per window, so every service is served by windows of several departments' mixes.
    const services = [main.code, SERVICES[(i + 3) % SERVICES.length]!.code, SERVICES[(i + 5) % SERVICES.length]!.code];
    const a = person(main.department);
    const b = person(main.department);
    const id = `W${String(i + 1).padStart(Math.max(3, width), '0')}`;
    windows.push({ id, no: String(i + 1), name: `${main.name}${i + 1}`, department: main.department, services, appointmentOnly: false, posts: { A: a, B: b } });
    out.push({ id, username: `s${a}`, services });
  }
  staff.push({ employeeNo: '9001', name: '周主任', username: 'manager', role: 'manager', department: 'ZWB', initialPassword: BENCH_STAFF_PASSWORD });

  const config: HallConfigInput = {
    hall: { name: '压测大厅（200窗口）', code: 'BENCH-ZWFW', utcOffsetMinutes: 480 },
    hours: demo.hours,
    calendar: demo.calendar,
    queue: { ...demo.queue, numberDigits: 5 },
    departments: SERVICES.map((s) => ({ code: s.department, name: s.departmentName })),
    services: SERVICES.map((s, i) => ({
      code: s.code,
      name: s.name,
      department: s.department,
      prefix: String.fromCharCode(65 + i),
      dailyCap: null,
      targetMinutes: 15,
      guide: { conditions: [], materials: ['身份证'], timeLimit: '即办', fees: '不收费' },
    })),
    windows,
    staff,
    devices: [
      { name: '压测取号机', role: 'kiosk', key: BENCH_KIOSK_KEY },
      { name: '压测综合屏', role: 'hall-screen', key: BENCH_SCREEN_KEY },
    ],
  };
  parseHallConfig(config, '压测大厅配置'); // fail here, with the schema's message, rather than in the child
  const path = join(dir, 'hall.json');
  writeFileSync(path, JSON.stringify(config, null, 2));
  return { path, windows: out, serviceCodes: SERVICES.map((s) => s.code) };
}
