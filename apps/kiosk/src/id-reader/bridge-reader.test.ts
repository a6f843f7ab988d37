/**
 * The bridge adapter against a real HTTP server on loopback standing in for a vendor's local
 * card service: what it answers is set by each test.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BridgeIdReader } from './bridge-reader.js';
import { openIdReader, parseIdReaderSpec } from './index.js';
import type { IdCard, IdReaderStatus } from './types.js';

const ZHANG = { name: '张三', idNumber: '110101198503011003' };
const TIMINGS = { pollMs: 80, timeoutMs: 800, removedAfterMs: 1_500 };

describe('BridgeIdReader against a loopback HTTP service', () => {
  let server: Server;
  let base = '';
  let requests = 0;
  let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => json(res, { code: -1, msg: '请放卡' });
  let reader: BridgeIdReader;
  const cards: IdCard[] = [];
  const statuses: IdReaderStatus[] = [];
  const json = (res: ServerResponse, body: unknown, status = 200) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const polls = async (n: number) => {
    const until = requests + n;
    await expect.poll(() => requests, { timeout: 20_000 }).toBeGreaterThanOrEqual(until);
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      answer(req, res);
    });
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const r = openIdReader(`bridge:${base}/api/readcard`, { bridge: TIMINGS });
    expect(r).toBeInstanceOf(BridgeIdReader);
    reader = r as BridgeIdReader;
    reader.onCard((c) => cards.push(c));
    reader.onStatus((s) => statuses.push(s));
    reader.start();
  });

  afterAll(async () => {
    await reader?.close();
    server?.closeAllConnections();
    await new Promise<void>((res) => server?.close(() => res()));
  });

  it('is fine once the service answers, and sees no card in an answer without a number', async () => {
    await expect.poll(() => reader.status(), { timeout: 10_000 }).toEqual({ ok: true, detail: null });
    await polls(3);
    expect(cards).toEqual([]);
  });

  it('hands a card on once per placement, whatever the vendor calls its fields', async () => {
    answer = (_req, res) => json(res, { resultFlag: 0, resultContent: { partyName: ' 张三 ', certNumber: ZHANG.idNumber } });
    await expect.poll(() => cards, { timeout: 10_000 }).toEqual([ZHANG]);
    await polls(6);
    expect(cards).toEqual([ZHANG]);
    // One missed read while it lies there is not a removal.
    answer = (_req, res) => json(res, { resultFlag: -1 });
    await polls(1);
    answer = (_req, res) => json(res, { resultFlag: 0, resultContent: { partyName: '张三', certNumber: ZHANG.idNumber } });
    await polls(3);
    expect(cards).toEqual([ZHANG]);
    // Taken away (204 No Content), then placed again.
    answer = (_req, res) => res.writeHead(204).end();
    await expect.poll(() => reader.cardOnReader, { timeout: 20_000 }).toBe(false);
    answer = (_req, res) => json(res, { data: { name: '张三', IDNumber: '110101198503011003' } });
    await expect.poll(() => cards.length, { timeout: 10_000 }).toBe(2);
    expect(reader.status().ok).toBe(true);
  });

  it('says in Chinese when the answer is not JSON, or an HTTP error, and recovers', async () => {
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>读卡服务</html>');
    await expect.poll(() => reader.status().detail, { timeout: 10_000 }).toBe(`身份证阅读器桥接服务的答复不是有效的 JSON（${base}/api/readcard）`);
    answer = (_req, res) => json(res, [1, 2, 3]);
    await expect.poll(() => reader.status().detail, { timeout: 10_000 }).toBe(`身份证阅读器桥接服务的答复无法识别（${base}/api/readcard：返回的 JSON 不是一个对象）`);
    answer = (_req, res) => json(res, { error: 'boom' }, 500);
    await expect.poll(() => reader.status().detail, { timeout: 10_000 }).toBe(`身份证阅读器桥接服务出错（${base}/api/readcard：HTTP 500）`);
    answer = (_req, res) => json(res, { code: -1 });
    await expect.poll(() => reader.status(), { timeout: 10_000 }).toEqual({ ok: true, detail: null });
  });

  it('says so when the service does not answer in time', async () => {
    answer = (_req, res) => void setTimeout(() => json(res, { code: -1 }), 3_000).unref();
    await expect.poll(() => reader.status().detail, { timeout: 10_000 }).toBe(`身份证阅读器桥接服务无应答（${base}/api/readcard，超过 0.8 秒）`);
    answer = (_req, res) => json(res, { code: -1 });
    await expect.poll(() => reader.status().ok, { timeout: 10_000 }).toBe(true);
  });

  it('says so when nothing listens there, and reads a card through a configured mapping', async () => {
    const closed = createServer();
    await new Promise<void>((res) => closed.listen(0, '127.0.0.1', () => res()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((res) => closed.close(() => res()));
    const gone = openIdReader(`bridge:http://127.0.0.1:${port}/read`, { bridge: TIMINGS });
    const mapped = openIdReader(`bridge:${base}/v2/read#name=Data.CardInfo.Name&idNumber=Data.CardInfo.No`, { bridge: TIMINGS });
    const got: IdCard[] = [];
    mapped.onCard((c) => got.push(c));
    const paths = new Set<string>();
    answer = (req, res) => {
      paths.add(req.url ?? '');
      json(res, { Data: { CardInfo: { Name: '李四', No: '11010119850302100x' } } });
    };
    try {
      gone.start();
      mapped.start();
      await expect.poll(() => gone.status().detail, { timeout: 10_000 }).toBe(`身份证阅读器桥接服务无法连接（http://127.0.0.1:${port}/read）`);
      await expect.poll(() => got, { timeout: 10_000 }).toEqual([{ name: '李四', idNumber: '11010119850302100X' }]);
      // The mapping stays on this side: the service is asked without the fragment.
      expect(paths).toContain('/v2/read');
      expect([...paths].filter((p) => p.includes('Data'))).toEqual([]);
    } finally {
      await gone.close();
      await mapped.close();
    }
  });

  it('parses its spec', () => {
    expect(parseIdReaderSpec('bridge:http://127.0.0.1:9000/api/readcard?type=1')).toEqual({ kind: 'bridge', url: 'http://127.0.0.1:9000/api/readcard?type=1', fields: { name: null, idNumber: null } });
    expect(parseIdReaderSpec('bridge:http://127.0.0.1:9000/r#idNumber=data.no')).toMatchObject({ url: 'http://127.0.0.1:9000/r', fields: { idNumber: 'data.no' } });
    expect(() => parseIdReaderSpec('bridge:localhost')).toThrow();
    expect(() => parseIdReaderSpec('bridge:not a url')).toThrow('中的地址无效');
  });
});
