/** The outbox on a real SQLite file and a real log file: nothing lost, nothing sent twice. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../storage/database.js';
import { Outbox } from './outbox.js';
import { LogFileSender, type OutgoingMessage, type SmsSender } from './sms-sender.js';

describe('notification outbox', () => {
  let dir: string;
  let dbPath: string;
  let logPath: string;
  let now: number;
  const open = (): { db: Db; outbox: Outbox } => {
    const db = openDatabase(dbPath);
    return { db, outbox: new Outbox(db, () => now) };
  };
  const lines = () => readFileSync(logPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as OutgoingMessage);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    dbPath = join(dir, 'hall.sqlite');
    logPath = join(dir, 'sms.log');
    now = Date.parse('2026-11-23T09:00:00+08:00');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sends each queued message once, and a dedupe key queues a message only once', async () => {
    const { db, outbox } = open();
    outbox.enqueue({ kind: 'confirmation', recipient: '13800000001', body: '您已预约…', dedupeKey: 'confirm:a1' });
    outbox.enqueue({ kind: 'confirmation', recipient: '13800000001', body: '您已预约…', dedupeKey: 'confirm:a1' });
    outbox.enqueue({ kind: 'reminder', recipient: '13800000002', body: '明天请携带…' });
    const sender = new LogFileSender(logPath);
    expect(await outbox.dispatch(sender)).toBe(2);
    expect(await outbox.dispatch(sender)).toBe(0);
    expect(lines().map((l) => l.recipient).sort()).toEqual(['13800000001', '13800000002']);
    db.close();
  });

  it('retries a failed send with backoff', async () => {
    const { db, outbox } = open();
    outbox.enqueue({ kind: 'no-show', recipient: '13800000003', body: '您的预约已爽约' });
    let calls = 0;
    const flaky: SmsSender = {
      send: async () => {
        calls++;
        if (calls <= 2) throw new Error('短信网关超时');
      },
    };
    expect(await outbox.dispatch(flaky)).toBe(0);
    expect(await outbox.dispatch(flaky)).toBe(0); // not due yet: waits 5 s
    expect(calls).toBe(1);
    now += 5_000;
    expect(await outbox.dispatch(flaky)).toBe(0); // second failure: now waits 30 s
    now += 29_000;
    expect(await outbox.dispatch(flaky)).toBe(0);
    now += 1_000;
    expect(await outbox.dispatch(flaky)).toBe(1);
    expect(calls).toBe(3);
    expect(outbox.pending()).toBe(0);
    db.close();
  });

  it('after a restart with messages pending — one even sent but not recorded — each is sent exactly once', async () => {
    let { db, outbox } = open();
    for (let i = 0; i < 6; i++) outbox.enqueue({ kind: 'confirmation', recipient: `1380000001${i}`, body: `消息${i}` });
    // The process dies right after the gateway took the third message, before the outbox recorded it.
    const real = new LogFileSender(logPath);
    let n = 0;
    const dying: SmsSender = {
      send: async (m) => {
        if (++n === 3) {
          await real.send(m);
          throw new Error('进程被终止');
        }
        if (n > 3) throw new Error('进程已终止');
        await real.send(m);
      },
    };
    await outbox.dispatch(dying);
    db.close();

    ({ db, outbox } = open());
    expect(outbox.pending()).toBe(4);
    now += 10 * 60_000;
    await outbox.dispatch(new LogFileSender(logPath));
    expect(outbox.pending()).toBe(0);
    const sent = lines().map((l) => l.body).sort();
    expect(sent).toEqual(['消息0', '消息1', '消息2', '消息3', '消息4', '消息5']);
    db.close();
  });
});
