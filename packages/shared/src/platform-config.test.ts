/** The `platform` section of the hall config: off by default, mistakes named in Chinese by path. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHallConfig } from './hall-config.js';
import { PLATFORM_EVENT_KINDS, PlatformConfigSchema, isEventPattern, matchesEventKinds } from './platform-config.js';

const demo = () => JSON.parse(readFileSync(new URL('../../../resources/halls/demo.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const refusal = (platform: unknown, edit?: (c: Record<string, unknown>) => void): string => {
  const c = demo();
  c.platform = platform;
  edit?.(c);
  try {
    parseHallConfig(c);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('应被拒绝');
};

describe('platform config', () => {
  it('is off by default: no receivers, no keys, no 好差评 upload; production-speed retries', () => {
    const p = parseHallConfig(demo()).platform;
    expect(p).toMatchObject({ enabled: false, webhooks: [], api: { keys: [], maxPageSize: 500 }, ratingUpload: { enabled: false, onlyWithCaseNo: true } });
    expect(p.delivery).toEqual({ timeoutMs: 10_000, pollMs: 1_000, retry: { baseMs: 5_000, factor: 2, maxMs: 1_800_000, maxAttempts: 60 } });
  });

  it('fills an endpoint’s defaults: every event, masked identity', () => {
    const p = PlatformConfigSchema.parse({ enabled: true, webhooks: [{ id: 'sheng', url: 'https://zwfw.example.gov.cn/hook', secret: 's'.repeat(32) }] });
    expect(p.webhooks[0]).toEqual({ id: 'sheng', url: 'https://zwfw.example.gov.cn/hook', secret: 's'.repeat(32), events: ['*'], identity: 'masked' });
  });

  it('names each mistake by its path, in Chinese', () => {
    const msg = refusal({
      enabled: true,
      webhooks: [
        { id: 'a', url: 'ftp://x.example', secret: 'short', events: ['ticket.nope'] },
        { id: 'a', url: 'https://x.example/h', secret: 's'.repeat(16) },
        { id: 'rating-upload', url: 'https://x.example/h', secret: 's'.repeat(16) },
      ],
      delivery: { retry: { baseMs: 5000, maxMs: 100 } },
      api: { keys: [{ name: '省平台', keySha256: 'ABC' }] },
    });
    expect(msg).toContain('platform.webhooks.0.url：地址应为 http:// 或 https:// 开头的完整网址');
    expect(msg).toContain('platform.webhooks.0.secret：长度至少为 16');
    expect(msg).toContain('platform.webhooks.0.events.0：事件类型应为 *、ticket.*、appointment.*、rating.* 或具体类型');
    expect(msg).toContain('platform.webhooks.1.id：接收方编号 a 重复');
    expect(msg).toContain('platform.webhooks.2.id：接收方编号 rating-upload 留给好差评上报');
    expect(msg).toContain('platform.delivery.retry.maxMs：最长等待不能短于首次等待');
    expect(msg).toContain('platform.api.keys.0.keySha256：应为接入密钥的 SHA-256');
  });

  it('a 好差评 upload needs the platform’s address, a code for every 差评 option, and 事项编码 on every service', () => {
    const msg = refusal({ enabled: true, ratingUpload: { enabled: true, detailCodes: { 服务态度不好: '01', 不存在的选项: '99' }, departmentCodes: { NOPE: 'x' } } });
    expect(msg).toContain('platform.ratingUpload.url：启用好差评上报时须填写平台地址 url');
    expect(msg).toContain('platform.ratingUpload.detailCodes.不存在的选项：“不存在的选项”不是 ratings.badDetails 中的差评选项');
    expect(msg).toContain('platform.ratingUpload.departmentCodes.NOPE：部门 NOPE 未在 departments 中定义');
    expect(msg).toContain('差评选项“等候时间太长”、“业务不熟练”');
    expect(msg).toContain('以下业务没有：BDC、SW、SB、YB、GJJ、HZ、QYKB、ZH');
  });

  it('an 事项编码 is letters, digits and dashes', () => {
    const msg = refusal(undefined, (c) => ((c.services as Record<string, unknown>[])[0]!.itemCode = '事项 1'));
    expect(msg).toContain('services.0.itemCode：事项编码只能包含字母、数字和横线');
  });

  it('event patterns: everything, a group, or one kind', () => {
    expect(PLATFORM_EVENT_KINDS.every(isEventPattern)).toBe(true);
    expect(['*', 'ticket.*', 'appointment.*', 'rating.*'].every(isEventPattern)).toBe(true);
    expect(['ticket', 'ticket.', 'tickets.*', '*.called', 'ticket.called '].some(isEventPattern)).toBe(false);
    expect(matchesEventKinds(['*'], 'rating.submitted')).toBe(true);
    expect(matchesEventKinds(['ticket.*'], 'ticket.called')).toBe(true);
    expect(matchesEventKinds(['ticket.*'], 'appointment.booked')).toBe(false);
    expect(matchesEventKinds(['appointment.checked-in'], 'appointment.checked-in')).toBe(true);
    expect(matchesEventKinds(['appointment.checked-in'], 'appointment.booked')).toBe(false);
  });
});
