/**
 * 管理（大厅配置） over HTTP: the admin saves a changed config as a new version with its audit row,
 * an invalid one is refused with every issue's path and Chinese message and nothing stored, the
 * export (no demo passwords, no device keys) imports back equal, staff and managers cannot write,
 * a new staff account can log in at once, and after a restart on the same database the saved
 * version is the one in force.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HallConfig } from '@hall/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHall, type TestHall } from './support/test-hall.js';

interface ConfigAnswer {
  version: number;
  inForceVersion: number;
  pendingVersion: number | null;
  config: HallConfig;
}
interface SaveAnswer {
  saved: boolean;
  version: number;
  changed: string[];
  message: string;
}
interface ErrorAnswer {
  error: { code: string; message: string; details: { issues: { path: string; message: string }[] } };
}

const dir = mkdtempSync(join(tmpdir(), 'hall-admin-'));
let h: TestHall;
let admin: string;

beforeAll(async () => {
  h = await startTestHall({ dir });
  admin = await h.login('admin');
}, 30_000);

afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const read = async () => {
  const r = await h.api<ConfigAnswer>('GET', '/api/admin/config', undefined, admin);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const versionsInDb = () => {
  const db = new Database(join(dir, 'hall.sqlite'), { readonly: true });
  const n = (db.prepare('SELECT COUNT(*) AS n FROM hall_config').get() as { n: number }).n;
  db.close();
  return n;
};

describe('管理（大厅配置） API', () => {
  it('reads the config in force (version 1) without demo passwords or device keys', async () => {
    const r = await read();
    expect(r.version).toBe(1);
    expect(r.inForceVersion).toBe(1);
    expect(r.pendingVersion).toBeNull();
    expect(r.config.services.length).toBe(h.hall.config.services.length);
    expect(r.config.staff.every((s) => s.initialPassword === undefined)).toBe(true);
    expect(r.config.devices.every((d) => d.key === undefined)).toBe(true);
  });

  it('saves a valid change (a 办事指南 material, a holiday override, a new staff member) as version 2 with its audit row', async () => {
    const { config } = await read();
    const sb = config.services.find((s) => s.code === 'SB')!;
    sb.guide.materials.push('社会保障卡原件');
    config.calendar.overrides.push({ date: '2026-12-31', working: false, note: '年终盘点' });
    config.staff.push({ employeeNo: '2001', name: '新同事', username: 'newbie', role: 'staff', initialPassword: 'newbie123' });
    const r = await h.api<SaveAnswer>('PUT', '/api/admin/config', config, admin);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ saved: true, version: 2, message: '已保存为第 2 版，立即生效或重启大厅服务后生效' });
    expect(r.body.changed.sort()).toEqual(['calendar', 'services', 'staff']);

    const after = await read();
    expect(after).toMatchObject({ version: 2, inForceVersion: 1, pendingVersion: 2 });
    expect(after.config.services.find((s) => s.code === 'SB')!.guide.materials).toContain('社会保障卡原件');
    // The running hall keeps its config until restart.
    expect(h.hall.config.calendar.overrides.some((o) => o.date === '2026-12-31')).toBe(false);

    const db = new Database(join(dir, 'hall.sqlite'), { readonly: true });
    const ev = db.prepare("SELECT actor_kind, actor_id, subject, input, after FROM events WHERE type = 'config.saved'").all() as { actor_kind: string; actor_id: string; subject: string; input: string; after: string }[];
    const stored = db.prepare('SELECT json, source FROM hall_config WHERE version = 2').get() as { json: string; source: string };
    db.close();
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ actor_kind: 'admin', actor_id: 'admin', subject: 'hall-config:2' });
    expect(JSON.parse(ev[0]!.input).sections.sort()).toEqual(['业务', '工作人员', '节假日调整'].sort());
    expect(stored.source).toBe('控制台（admin）');
    // The demo passwords left out of the read are kept in the stored version.
    const storedCfg = JSON.parse(stored.json) as HallConfig;
    expect(storedCfg.staff.find((s) => s.username === 'manager')?.initialPassword).toBe('demo1234');
    expect(storedCfg.devices.some((d) => d.key)).toBe(true);

    // A new staff account can log in at once.
    expect((await h.api('POST', '/api/auth/login', { username: 'newbie', password: 'newbie123' })).status).toBe(200);

    const hist = await h.api<{ versions: { version: number; by: string | null; sections: string[] | null; inForce: boolean; pending: boolean }[] }>('GET', '/api/admin/config/versions', undefined, admin);
    expect(hist.status).toBe(200);
    expect(hist.body.versions.map((v) => [v.version, v.inForce, v.pending, v.by])).toEqual([
      [2, false, true, 'admin'],
      [1, true, false, null],
    ]);
  });

  it('refuses an invalid config with every issue’s path and Chinese message, and stores nothing', async () => {
    const { config } = await read();
    config.hours.weekly['1'] = [['9:00', '12:00']];
    config.windows[0]!.posts.A = '9999';
    const before = versionsInDb();
    const r = await h.api<ErrorAnswer>('PUT', '/api/admin/config', config, admin);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.message).toMatch(/^大厅配置有 2 处错误，未保存。/);
    expect(r.body.error.details.issues).toEqual(
      expect.arrayContaining([
        { path: 'hours.weekly.1.0.0', message: '时间应为 HH:MM 格式，如 09:00' },
        { path: 'windows.0.posts.A', message: 'A岗工号 9999 未在 staff 中定义' },
      ]),
    );
    expect(versionsInDb()).toBe(before);
    const dry = await h.api<{ ok: boolean; issues: unknown[] }>('POST', '/api/admin/config/validate', config, admin);
    expect(dry.status).toBe(200);
    expect(dry.body.ok).toBe(false);
    expect(dry.body.issues).toHaveLength(2);
    const notObject = await h.api<ErrorAnswer>('PUT', '/api/admin/config', [1, 2], admin);
    expect(notObject.status).toBe(400);
    expect(notObject.body.error.message).toContain('大厅配置应为一个 JSON 对象');
    const notJson = await h.api<ErrorAnswer>('POST', '/api/admin/config/import', '{"hall": ', admin);
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toBe('请求内容不是有效的 JSON');
    expect(versionsInDb()).toBe(before);
  });

  it('exports a JSON file with a Chinese name that imports back equal (same config: nothing new stored)', async () => {
    const res = await fetch(`${h.baseUrl}/api/admin/config/export`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    const disposition = res.headers.get('content-disposition')!;
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toMatch(/^大厅配置-.+-第2版-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await res.text();
    expect(text).not.toContain('initialPassword');
    expect(text).not.toContain('demo-kiosk-0001-key');
    const exported = JSON.parse(text) as HallConfig;
    expect(exported).toEqual((await read()).config);

    const same = await h.api<SaveAnswer>('POST', '/api/admin/config/import', exported, admin);
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ saved: false, version: 2, message: '与第 2 版相同，无需保存' });

    exported.hall.name = `${exported.hall.name}（导入）`;
    const imported = await h.api<SaveAnswer>('POST', '/api/admin/config/import', exported, admin);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({ saved: true, version: 3, changed: ['hall'] });
    const again = await fetch(`${h.baseUrl}/api/admin/config/export`, { headers: { authorization: `Bearer ${admin}` } });
    expect(JSON.parse(await again.text())).toEqual(exported);
  });

  it('refuses staff everything and managers the writes; managers may read', async () => {
    const staff = await h.login(h.hall.config.staff.find((s) => s.role === 'staff')!.username);
    const manager = await h.login('manager');
    const { config } = await read();
    for (const [method, path] of [['GET', '/api/admin/config'], ['GET', '/api/admin/config/versions'], ['GET', '/api/admin/config/export'], ['PUT', '/api/admin/config'], ['POST', '/api/admin/config/import']] as const) {
      const r = await h.api<ErrorAnswer>(method, path, method === 'GET' ? undefined : config, staff);
      expect(r.status, path).toBe(403);
      expect(r.body.error.message).toBe('您的账号无权执行此操作');
    }
    expect((await h.api('GET', '/api/admin/config', undefined, manager)).status).toBe(200);
    for (const [method, path] of [['PUT', '/api/admin/config'], ['POST', '/api/admin/config/import'], ['POST', '/api/admin/config/validate']] as const) {
      expect((await h.api(method, path, config, manager)).status, path).toBe(403);
    }
    expect((await h.api('GET', '/api/admin/config')).status).toBe(401);
  });

  it('after a restart on the same database the saved version is in force', async () => {
    await h.close();
    h = await startTestHall({ dir });
    admin = await h.login('admin');
    expect(h.hall.config.calendar.overrides).toContainEqual({ date: '2026-12-31', working: false, note: '年终盘点' });
    expect(h.hall.config.services.find((s) => s.code === 'SB')!.guide.materials).toContain('社会保障卡原件');
    expect(h.hall.config.hall.name).toMatch(/（导入）$/);
    expect(await read()).toMatchObject({ version: 3, inForceVersion: 3, pendingVersion: null });
    const setup = await h.api<{ services: { code: string; materials: number }[] }>('GET', '/api/console/setup', undefined, admin);
    expect(setup.body.services.find((s) => s.code === 'SB')!.materials).toBe(h.hall.config.services.find((s) => s.code === 'SB')!.guide.materials.length);
  });
});
