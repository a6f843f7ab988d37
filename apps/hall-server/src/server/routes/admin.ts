/**
 * 管理（大厅配置） (issue #6 item 5): the hall config stays the single source of truth. The admin
 * reads the stored config, checks a draft (every issue with its path and Chinese message), saves
 * a whole config as a new version of `hall_config` with an audit row (`config.saved`, who, when,
 * which sections changed), exports it as a JSON file (a valid `--config` file, without demo
 * passwords or device keys) and imports one back. A saved version takes effect with 立即生效
 * (POST /api/admin/config/apply: the HallRunner builds the hall again from it, refused with 409 when
 * it does not fit the live day, audited as `config.applied`) or at the next restart; new staff
 * accounts and devices with a fixed key are created at once on save (Accounts.seed, which never
 * touches an existing account).
 */
import { HallConfigSchema, HallError, translateIssue, type HallConfig } from '@hall/shared';
import { z } from 'zod';
import { changedSections, SECTION_NAMES, type Actor } from '../../core/index.js';
import { attachmentHeader } from '../../appointments/register-export.js';
import { EventLog } from '../../storage/event-log.js';
import { route, type RouteSpec } from '../route-kit.js';
import type { HallContext } from '../hall-context.js';

export interface ConfigIssue {
  path: string;
  message: string;
}

const AnyBody = z.unknown();
const ApplyBody = z.strictObject({ version: z.number().int().min(1, 'version 至少为 1').optional() });
const VersionsQuery = z.strictObject({ limit: z.coerce.number().int().min(1, 'limit 至少为 1').max(200, 'limit 不能大于 200').optional() });

interface StoredRow {
  version: number;
  json: string;
  source: string;
  loaded_at: string;
}

/** The config without secrets: staff initial passwords and device keys (demo-only). */
export function withoutSecrets(config: HallConfig): HallConfig {
  return {
    ...config,
    staff: config.staff.map(({ initialPassword: _pw, ...s }) => s),
    devices: config.devices.map(({ key: _key, ...d }) => d),
  };
}

/** Checks a whole config: the parsed config, or every issue with its path and Chinese message. */
export function checkConfig(input: unknown): { config: HallConfig; issues: null } | { config: null; issues: ConfigIssue[] } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { config: null, issues: [{ path: '', message: '大厅配置应为一个 JSON 对象' }] };
  }
  const r = HallConfigSchema.safeParse(input, { reportInput: true });
  if (r.success) return { config: r.data, issues: null };
  return { config: null, issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: translateIssue(i) })) };
}

export function adminRoutes(hall: HallContext): RouteSpec<never, never, never>[] {
  const db = hall.db;
  const latest = () => db.prepare('SELECT version, json, source, loaded_at FROM hall_config ORDER BY version DESC LIMIT 1').get() as StoredRow | undefined;
  /** The version the running hall was built from. */
  const inForceVersion = hall.configVersion;
  const storedConfig = (row: StoredRow | undefined): HallConfig | null => (row ? (JSON.parse(row.json) as HallConfig) : null);

  /** Secrets the draft left out (exports and reads drop them) are kept from the stored version, by username / device name. */
  const keepSecrets = (next: HallConfig, prev: HallConfig | null): HallConfig => {
    if (!prev) return next;
    const pw = new Map(prev.staff.filter((s) => s.initialPassword).map((s) => [s.username, s.initialPassword!]));
    const keys = new Map(prev.devices.filter((d) => d.key).map((d) => [`${d.role}|${d.name}`, d.key!]));
    return {
      ...next,
      staff: next.staff.map((s) => (s.initialPassword || !pw.has(s.username) ? s : { ...s, initialPassword: pw.get(s.username)! })),
      devices: next.devices.map((d) => (d.key || !keys.has(`${d.role}|${d.name}`) ? d : { ...d, key: keys.get(`${d.role}|${d.name}`)! })),
    };
  };

  const refuse = (issues: ConfigIssue[]): never => {
    const first = issues[0]!;
    throw new HallError('VALIDATION_FAILED', `大厅配置有 ${issues.length} 处错误，未保存。${first.path ? `${first.path}：` : ''}${first.message}`, { issues });
  };

  const save = async (input: unknown, actor: Actor, how: 'console' | 'import') => {
    const checked = checkConfig(input);
    if (!checked.config) return refuse(checked.issues);
    const prevRow = latest();
    const prev = storedConfig(prevRow);
    const config = keepSecrets(checked.config, prev);
    const changed = changedSections(prev, config);
    if (prevRow && changed.length === 0) {
      return { saved: false, version: prevRow.version, inForceVersion, changed: [], message: `与第 ${prevRow.version} 版相同，无需保存` };
    }
    const at = new Date().toISOString();
    const source = `${how === 'import' ? '导入' : '控制台'}（${actor.id}）`;
    const version = db.transaction(() => {
      const v = Number(db.prepare('INSERT INTO hall_config (json, source, loaded_at) VALUES (?, ?, ?)').run(JSON.stringify(config), source, at).lastInsertRowid);
      EventLog.of(db).append({
        type: 'config.saved',
        actor,
        at,
        subject: `hall-config:${v}`,
        input: { how, changed, sections: changed.map((k) => SECTION_NAMES[k]) },
        before: { version: prevRow?.version ?? null },
        after: { version: v, changed },
      });
      return v;
    })();
    // New staff accounts and fixed-key devices can be used at once; everything else waits for 立即生效 or a restart.
    await hall.accounts.seed(config, undefined);
    return {
      saved: true,
      version,
      inForceVersion,
      changed,
      sections: changed.map((k) => SECTION_NAMES[k]),
      message: `已保存为第 ${version} 版，立即生效或重启大厅服务后生效`,
    };
  };

  const readAccess = ['manager'] as const;
  return [
    route({
      method: 'GET',
      url: '/api/admin/config',
      summary: '大厅配置：最新保存的版本（不含初始密码与设备密钥）、运行中的版本号、待生效的版本号',
      tags: ['管理'],
      access: readAccess,
      returns: '{"version","inForceVersion","pendingVersion","config","sections"}',
      handler: () => {
        const row = latest();
        const config = storedConfig(row) ?? hall.config;
        return {
          version: row?.version ?? inForceVersion,
          inForceVersion,
          pendingVersion: row && row.version !== inForceVersion ? row.version : null,
          savedAt: row?.loaded_at ?? null,
          config: withoutSecrets(config),
          sections: SECTION_NAMES,
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/admin/config/export',
      summary: '导出大厅配置（JSON 文件，可作 --config 使用；不含初始密码与设备密钥）',
      tags: ['管理'],
      access: readAccess,
      returns: 'JSON 文件',
      handler: ({ reply }) => {
        const row = latest();
        const config = storedConfig(row) ?? hall.config;
        const version = row?.version ?? inForceVersion;
        const stamp = (row?.loaded_at ?? new Date().toISOString()).slice(0, 10);
        reply.header('content-type', 'application/json; charset=utf-8');
        reply.header('content-disposition', attachmentHeader(`hall-config-v${version}-${stamp}.json`, `大厅配置-${config.hall.name}-第${version}版-${stamp}.json`));
        return `${JSON.stringify(withoutSecrets(config), null, 2)}\n`;
      },
    }),
    route({
      method: 'POST',
      url: '/api/admin/config/validate',
      summary: '检查大厅配置草稿（不保存）：每处错误的位置与中文说明，以及与最新版本相比改动的部分',
      tags: ['管理'],
      access: ['admin'],
      body: AnyBody,
      returns: '{"ok","issues":[{"path","message"}],"changed"}',
      handler: ({ body }) => {
        const checked = checkConfig(body);
        if (!checked.config) return { ok: false, issues: checked.issues, changed: [] };
        const changed = changedSections(storedConfig(latest()), keepSecrets(checked.config, storedConfig(latest())));
        return { ok: true, issues: [], changed, sections: changed.map((k) => SECTION_NAMES[k]) };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/admin/config',
      summary: '保存大厅配置（整份）：校验通过后存为新版本并记入审计日志；立即生效（POST /api/admin/config/apply）或重启大厅服务后生效（新账号、新设备立即可用）',
      tags: ['管理'],
      access: ['admin'],
      body: AnyBody,
      returns: '{"saved","version","inForceVersion","changed","message"}',
      handler: ({ body, actor }) => save(body, actor, 'console'),
    }),
    route({
      method: 'POST',
      url: '/api/admin/config/import',
      summary: '导入大厅配置（上传导出的 JSON 文件内容）：与保存相同的校验、版本与审计',
      tags: ['管理'],
      access: ['admin'],
      body: AnyBody,
      returns: '{"saved","version","inForceVersion","changed","message"}',
      handler: ({ body, actor }) => save(body, actor, 'import'),
    }),
    route({
      method: 'POST',
      url: '/api/admin/config/apply',
      summary:
        '立即生效：以最新保存的版本重建大厅服务，不重启进程（显示屏与控制台数秒内自动重连，号码与排队不变）；与今日运行情况不符（如删除有当前号码或有人在岗的窗口、删除有等候号码或预约的业务、改动今日已取号业务的号码前缀）则拒绝（409 CONFIG_NOT_APPLICABLE）且不作任何改动；记入审计日志（config.applied）。可带 {"version": N}：只在最新保存的正是第 N 版时生效',
      tags: ['管理'],
      access: ['admin'],
      body: ApplyBody,
      returns: '{"version","previousVersion","changed","sections","message","tookMs"}',
      handler: ({ body, actor }) => {
        if (!hall.applyConfig) throw new HallError('INVALID_STATE', '本大厅服务不支持立即生效，请重启大厅服务使新配置生效');
        const newest = latest()?.version ?? inForceVersion;
        if (body.version !== undefined && body.version !== newest) {
          throw new HallError('INVALID_STATE', `最新保存的是第 ${newest} 版，不是第 ${body.version} 版；请刷新页面后再试`);
        }
        return hall.applyConfig(actor);
      },
    }),
    route({
      method: 'GET',
      url: '/api/admin/config/versions',
      summary: '大厅配置的版本历史：版本号、来源、时间、保存人、改动的部分，哪一版正在运行',
      tags: ['管理'],
      access: readAccess,
      query: VersionsQuery,
      returns: '{"inForceVersion","versions":[{"version","source","savedAt","by","changed","sections","inForce","pending"}]}',
      handler: ({ query }) => {
        const rows = db.prepare('SELECT version, source, loaded_at FROM hall_config ORDER BY version DESC LIMIT ?').all(query.limit ?? 50) as Omit<StoredRow, 'json'>[];
        const audit = db.prepare("SELECT actor_kind, actor_id, after FROM events WHERE type = 'config.saved' AND subject = ?");
        const newest = rows[0]?.version;
        return {
          inForceVersion,
          versions: rows.map((r) => {
            const a = audit.get(`hall-config:${r.version}`) as { actor_kind: string; actor_id: string; after: string } | undefined;
            const changed = a ? ((JSON.parse(a.after) as { changed: (keyof HallConfig)[] }).changed ?? []) : null;
            return {
              version: r.version,
              source: r.source,
              savedAt: r.loaded_at,
              by: a ? a.actor_id : null,
              changed,
              sections: changed ? changed.map((k) => SECTION_NAMES[k] ?? k) : null,
              inForce: r.version === inForceVersion,
              pending: r.version > inForceVersion && r.version === newest,
            };
          }),
        };
      },
    }),
  ];
}
