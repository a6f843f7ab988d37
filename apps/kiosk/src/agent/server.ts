/**
 * The agent's local web server on 127.0.0.1: the built kiosk page at `/`, the page's API under
 * `/api/` (see `KioskApi` in ../protocol.ts) and its event stream (Server-Sent Events).
 * Every refusal is `{"error":{"code","message"}}` with a Chinese message; nothing a page sends
 * can crash it.
 */
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { z } from 'zod';
import { CheckInRequest, ScanBody, SimulatedCardBody, TakeBody, type KioskEvent } from '../protocol.js';
import type { Kiosk } from './kiosk.js';

export interface AgentServerOptions {
  kiosk: Kiosk;
  /** The built page (apps/kiosk/dist/ui). */
  uiDir: string;
  /** Accepts keyboard-wedge reads from the page. */
  wedge: boolean;
  /** Accepts simulated ID cards. */
  simulatedIdReader: boolean;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const FIELDS: Record<string, string> = { serviceCode: '业务', idNumber: '身份证号码', requestId: '请求编号', qrToken: '二维码', code: '预约码', name: '姓名', text: '扫码内容' };

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const own = r.error.issues.map((i) => i.message).find((m) => /[\u4e00-\u9fff]/.test(m));
  if (own) throw new ApiError(400, 'VALIDATION_FAILED', own);
  const fields = [...new Set(r.error.issues.flatMap((i) => (i.path.length ? [FIELDS[String(i.path[0])] ?? String(i.path[0])] : [])))];
  throw new ApiError(400, 'VALIDATION_FAILED', fields.length ? `请求内容不正确：${fields.join('、')}缺失或格式不对` : '请求内容不正确');
}

export async function buildAgentServer(o: AgentServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 });
  const streams = new Set<ServerResponse>();

  // Only the kiosk page itself may act: a page from elsewhere (opened by mistake in the kiosk's
  // browser) cannot take tickets through it.
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    const origin = request.headers.origin;
    const host = request.headers.host;
    if (origin !== undefined && origin !== `http://${host}`) throw new ApiError(403, 'FORBIDDEN', '只接受本机取号页面的请求');
  });

  app.setErrorHandler((err, _request, reply) => {
    if (err instanceof ApiError) return reply.code(err.status).send({ error: { code: err.code, message: err.message } });
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    const message =
      status === 413 ? '请求内容过大' : status === 415 ? '请求内容须为 JSON 格式' : status < 500 ? '请求内容不是有效的 JSON' : '本机出现故障，请联系工作人员';
    return reply.code(status < 500 ? status : 500).send({ error: { code: status < 500 ? 'VALIDATION_FAILED' : 'INTERNAL', message } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: `没有这个接口：${request.method} ${request.url.split('?')[0]}` } }),
  );

  app.get('/api/state', async () => o.kiosk.snapshot());

  app.get('/api/events', (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (e: KioskEvent) => res.write(`data: ${JSON.stringify(e)}\n\n`);
    res.write('retry: 1000\n\n');
    send({ type: 'state', state: o.kiosk.snapshot() });
    const unsubscribe = o.kiosk.subscribe(send);
    const ping = setInterval(() => res.write(': 心跳\n\n'), 15_000);
    streams.add(res);
    request.raw.on('close', () => {
      unsubscribe();
      clearInterval(ping);
      streams.delete(res);
    });
  });

  app.post('/api/take', async (request) => o.kiosk.take(parse(TakeBody, request.body)));
  app.post('/api/check-in', async (request) => o.kiosk.checkIn(parse(CheckInRequest, request.body)));

  app.post('/api/scan', async (request, reply) => {
    const { text } = parse(ScanBody, request.body);
    if (!o.wedge) throw new ApiError(409, 'SCANNER_NOT_WEDGE', '本机的扫码器不是键盘式扫码枪');
    void o.kiosk.scanned(text);
    return reply.code(202).send({ accepted: true });
  });

  app.post('/api/id-reader/simulate', async (request, reply) => {
    const card = parse(SimulatedCardBody, request.body);
    if (!o.simulatedIdReader || !o.kiosk.presentCard(card)) throw new ApiError(409, 'NOT_SIMULATED', '本机的身份证阅读器不是模拟阅读器');
    return reply.code(202).send({ accepted: true });
  });

  const index = join(o.uiDir, 'index.html');
  if (existsSync(index)) {
    await app.register(fastifyStatic, {
      root: o.uiDir,
      prefix: '/',
      index: 'index.html',
      setHeaders: (res, path) => res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  } else {
    app.get('/', (_request, reply: FastifyReply) =>
      reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>取号机</title><h1>取号界面尚未构建</h1><p>请先运行 npm run kiosk:web（会自动构建），或 npm run build -w apps/kiosk。</p>'),
    );
  }

  app.addHook('preClose', async () => {
    for (const res of streams) res.end();
    streams.clear();
  });
  return app;
}
