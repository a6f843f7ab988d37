/**
 * Bad input everywhere: every route of `hall.registry` and the `/hall` socket namespace, fed
 * malformed, oversized and wrongly typed payloads, answers 4xx with a Chinese message in the
 * contract's shape `{"error":{"code","message"}}`, never a 5xx, and the server stays up.
 *
 * Routes are taken from the registry, so a new route is covered without touching this file.
 * Calls are made as `admin` so that authorization does not mask validation. Inputs that would be
 * valid by chance are never sent to routes that change the hall (a valid `call-next` at a real
 * window would be a legitimate 200), so the normal flow at the end runs on an unharmed hall.
 */
import { ResumeBody } from '@hall/shared';
import fc from 'fast-check';
import { connect as connectTcp } from 'node:net';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rawRequest, type RawAnswer } from './support/raw-http.js';
import { HALL_SCREEN_KEY, KIOSK_KEY, startTestHall } from './support/test-hall.js';

const th = await startTestHall();
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.close();
  await th.close();
});

const ADMIN = await th.login('admin');
type Spec = (typeof th.hall.registry)[number];
const ROUTES: Spec[] = [...th.hall.registry];
const routeName = (s: Spec) => `${s.method} ${s.url}`;
const hasParams = (s: Spec) => s.url.includes('/:');

// A real ticket to aim at (cancelled at once, so it is in no window's queue).
const REAL_TICKET = await (async () => {
  const t = await th.api<{ id: string }>('POST', '/api/tickets', { serviceCode: 'ZH' }, ADMIN);
  if (t.status !== 201) throw new Error(`setup: issuing a ticket failed: ${JSON.stringify(t.body)}`);
  const c = await th.api('POST', `/api/tickets/${t.body.id}/cancel`, undefined, ADMIN);
  if (c.status !== 200) throw new Error(`setup: cancelling the ticket failed: ${JSON.stringify(c.body)}`);
  return t.body.id;
})();
const REAL_IDS = [...th.hall.config.windows.map((w) => w.id), ...th.hall.config.services.map((s) => s.code), REAL_TICKET];
const REAL_ID_SET = new Set(REAL_IDS);

/** Routes that may run with any valid input: they change nothing the rest of this file relies on. */
const HARMLESS_WHEN_VALID = new Set(['POST /api/devices', 'POST /api/auth/login', 'POST /api/auth/logout']);
/** Routes that end the caller's own session: each call gets a fresh admin token. */
const ENDS_OWN_SESSION = new Set(['POST /api/auth/logout']);

const CJK = /[\u4e00-\u9fff]/;
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

// ---------------------------------------------------------------------------------------------
// Answers

function describeReq(method: string, path: string, note: string): string {
  return `${method} ${path.length > 160 ? `${path.slice(0, 160)}…(${path.length})` : path} [${note}]`;
}

/** A 4xx in the contract's error shape with a Chinese message. */
function expectContractError(res: RawAnswer, what: string): { code: string; message: string } {
  const ctx = `${what} → ${res.status} ${res.text.slice(0, 300)}`;
  const body = res.json as { error?: { code?: unknown; message?: unknown } } | undefined;
  const code = body?.error?.code;
  const message = body?.error?.message;
  expect(res.status, ctx).toBeGreaterThanOrEqual(400);
  expect(res.status, ctx).toBeLessThan(500);
  expect(String(res.headers['content-type']), ctx).toMatch(/^application\/json/);
  expect(typeof code, ctx).toBe('string');
  expect(code, ctx).toMatch(UPPER_SNAKE);
  expect(typeof message, ctx).toBe('string');
  expect(message, ctx).toMatch(CJK);
  return { code: code as string, message: message as string };
}

/** 2xx only where the input may legitimately be valid; anything else is a contract error. Never a 5xx. */
function expectAnswer(res: RawAnswer, what: string, spec: Spec, mayPass: boolean): void {
  if (res.status >= 200 && res.status < 300) {
    expect(mayPass, `${what} → ${res.status} ${res.text.slice(0, 300)} (invalid input was accepted)`).toBe(true);
    return;
  }
  expectContractError(res, what);
}

async function expectServerUp(): Promise<void> {
  const r = await th.api<{ ok: boolean }>('GET', '/api/health');
  expect(r.status).toBe(200);
  expect(r.body.ok).toBe(true);
}

// ---------------------------------------------------------------------------------------------
// Fields of a zod schema, for wrongly typed versions of the real fields

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

function fieldsOf(schema: z.ZodType | undefined): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  if (!schema) return out;
  let js: JsonSchema;
  try {
    js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return out;
  }
  const visit = (s: JsonSchema) => {
    for (const [k, v] of Object.entries(s.properties ?? {})) if (!out.has(k)) out.set(k, v);
    for (const o of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) visit(o);
  };
  visit(js);
  return out;
}

/** Values of the wrong type, or of the right type but out of bounds, for one field. */
function badValue(f: JsonSchema): fc.Arbitrary<unknown> {
  const types = Array.isArray(f.type) ? f.type : f.type ? [f.type] : [];
  const isString = types.includes('string');
  const isNumber = types.includes('number') || types.includes('integer');
  const arbs: fc.Arbitrary<unknown>[] = [
    fc.constant(null),
    fc.boolean(),
    fc.array(fc.anything(), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }),
  ];
  if (!isString) arbs.push(fc.string(), fc.string({ unit: 'grapheme' }), fc.constant(''));
  if (!isNumber) arbs.push(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  if (isString) {
    const max = f.maxLength ?? 200;
    arbs.push(
      fc.string({ minLength: max + 1, maxLength: max + 40 }),
      fc.constant('中'.repeat(max + 1)),
      fc.constantFrom('', '   ', '\t\n', '\u3000'),
    );
    if (f.enum) arbs.push(fc.string({ unit: 'grapheme' }).filter((s) => !f.enum!.includes(s)));
    if (f.pattern) {
      const re = new RegExp(f.pattern, 'u');
      arbs.push(fc.string({ unit: 'grapheme' }).filter((s) => !re.test(s)));
    }
  }
  if (isNumber) {
    arbs.push(fc.constantFrom(1e308, -1e308, 0.5, -1, 2 ** 53, '5', '0', '1e3'));
    if (f.maximum !== undefined) arbs.push(fc.constant(f.maximum + 1));
    if (f.minimum !== undefined) arbs.push(fc.constant(f.minimum - 1));
  }
  return fc.oneof(...arbs);
}

/** Objects with the schema's own field names holding wrong values, sometimes with an unknown field too. */
function wrongFieldObjects(fields: Map<string, JsonSchema>): fc.Arbitrary<unknown> {
  if (fields.size === 0) return fc.dictionary(fc.string(), fc.anything(), { maxKeys: 4 });
  const model = Object.fromEntries([...fields].map(([k, f]) => [k, badValue(f)]));
  return fc
    .tuple(fc.record(model, { requiredKeys: [] }), fc.option(fc.dictionary(fc.string({ minLength: 1 }), fc.anything(), { minKeys: 1, maxKeys: 2 })))
    .map(([r, extra]) => ({ ...(extra ?? {}), ...r }));
}

// ---------------------------------------------------------------------------------------------
// Request parts

const REFUSED = Symbol('refused before the handler');

interface Payload {
  label: string;
  contentType?: string;
  body?: string | Buffer;
  chunked?: boolean;
  /** The body the handler would see (`undefined`: none), or REFUSED when the server must refuse it first. */
  seen: unknown;
  /** Statuses the server must answer with when the route is reached (not for GET: bodies there are not the point). */
  mustBe?: number[];
}

const json = (label: string, value: unknown): Payload => {
  const text = JSON.stringify(value) ?? 'null';
  return { label, contentType: 'application/json', body: text, seen: JSON.parse(text) as unknown };
};

const notJson = fc.oneof(
  fc.string({ minLength: 1 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
  fc.constantFrom('{', '{"a":', 'undefined', "{'a':1}", 'NaN', '[1,]', '{"a":1}}', '\u0000', '{"a":01}', '"\\x"', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}'),
);

function fixedPayloads(fields: Map<string, JsonSchema>): Payload[] {
  const field = [...fields.keys()][0] ?? 'x';
  const over = 'x'.repeat(100_000);
  const under = 'x'.repeat(60_000);
  return [
    { label: 'empty json', contentType: 'application/json', body: '', seen: REFUSED, mustBe: [400] },
    { label: 'bad json', contentType: 'application/json', body: '{"a":', seen: REFUSED, mustBe: [400] },
    { label: 'proto poisoning', contentType: 'application/json', body: '{"__proto__":{"admin":true}}', seen: REFUSED, mustBe: [400] },
    { label: 'invalid utf-8', contentType: 'application/json', body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), seen: REFUSED, mustBe: [400] },
    { label: '100k string field (over the limit)', contentType: 'application/json', body: JSON.stringify({ [field]: over }), seen: REFUSED, mustBe: [413] },
    { label: '100k chunked (over the limit)', contentType: 'application/json', body: JSON.stringify({ [field]: over }), chunked: true, seen: REFUSED, mustBe: [413] },
    { label: '1 MB text (over the limit)', contentType: 'text/plain', body: 'y'.repeat(1024 * 1024), seen: REFUSED, mustBe: [413] },
    { label: '100k non-json (over the limit)', contentType: 'application/json', body: `{${over}`, seen: REFUSED, mustBe: [413] },
    json('60k string field (under the limit)', { [field]: under }),
    json('20k CJK field (60 KB, under the limit)', { [field]: '中'.repeat(20_000) }),
    json('60k string', under),
    { label: 'deep nesting', contentType: 'application/json', body: '['.repeat(20_000) + ']'.repeat(20_000), seen: [] },
    { label: 'form', contentType: 'application/x-www-form-urlencoded', body: `${field}=1&a=2`, seen: REFUSED, mustBe: [400, 415] },
    { label: 'multipart', contentType: 'multipart/form-data; boundary=xyz', body: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--', seen: REFUSED, mustBe: [400, 415] },
    { label: 'xml', contentType: 'application/xml', body: '<a>1</a>', seen: REFUSED, mustBe: [400, 415] },
    { label: 'json lookalike type', contentType: 'application/jsonx', body: '{}', seen: REFUSED, mustBe: [400, 415] },
    { label: 'garbage type', contentType: ';;;/=', body: '{}', seen: REFUSED, mustBe: [400, 415] },
    { label: 'no content type', body: '{"a":1}', seen: REFUSED, mustBe: [400, 415] },
    { label: 'text/plain json', contentType: 'text/plain', body: '{}', seen: '{}' },
    { label: 'no body', seen: undefined },
  ];
}

function payloadArb(fields: Map<string, JsonSchema>): fc.Arbitrary<Payload> {
  const jsonAny = fc.anything().map((v) => json('fc.anything()', v));
  const jsonFields = wrongFieldObjects(fields).map((v) => json('wrongly typed fields', v));
  const badJson = notJson.map((t): Payload => ({ label: 'not json', contentType: 'application/json', body: t, seen: REFUSED, mustBe: [400] }));
  const text = fc.string().map((t): Payload => ({ label: 'text/plain', contentType: 'text/plain', body: t, seen: t }));
  const otherType = fc
    .tuple(fc.constantFrom('application/x-www-form-urlencoded', 'application/xml', 'image/png', 'application/octet-stream', 'application/json-patch+json'), fc.string())
    .map(([ct, t]): Payload => ({ label: ct, contentType: ct, body: t, seen: REFUSED, mustBe: [400, 415] }));
  const fixed = fc.constantFrom(...fixedPayloads(fields));
  return fc.oneof({ arbitrary: jsonAny, weight: 3 }, { arbitrary: jsonFields, weight: 3 }, badJson, text, otherType, fixed);
}

interface Param {
  segment: string;
  /** Names a real window, service or ticket. */
  real: boolean;
  /** The router will reach the route with it (plain percent-encoding, within the length limit). */
  routable: boolean;
}

const RAW_SEGMENTS = ['..', '.', '...', '%', '%zz', '%0', '%00', '%2F', '%2e%2e', 'a%2Fb', '%E4%B8', '%FF%FE', '%u4E2D', 'é', 'ÿÿ', 'a"b', '<script>', '{}', '[]', '\\', '%20', '+', '*', '~', "'"];

function safeEncode(s: string): string | null {
  try {
    return encodeURIComponent(s);
  } catch {
    return null;
  }
}

const weirdParam: fc.Arbitrary<Param> = fc.oneof(
  fc
    .oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
      fc.string({ minLength: 65, maxLength: 200 }),
      fc.constantFrom('中文窗口', '𠮷', '\u0000', '\u202e', 'W01 ', ' W01', 'w01', 'W01\n', 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(200), '../../etc/passwd', '?a=1', '#x', '/'),
    )
    .filter((s) => !REAL_ID_SET.has(s))
    .map((s): Param | null => {
      const segment = safeEncode(s);
      return segment === null ? null : { segment, real: false, routable: segment.length <= 200 };
    })
    .filter((p): p is Param => p !== null),
  fc.constantFrom(...RAW_SEGMENTS).map((segment): Param => ({ segment, real: false, routable: false })),
  fc.constantFrom('x'.repeat(201), 'x'.repeat(1000), '%E4%B8%AD'.repeat(30)).map((segment): Param => ({ segment, real: false, routable: false })),
);
const realParam: fc.Arbitrary<Param> = fc.constantFrom(...REAL_IDS).map((id): Param => ({ segment: encodeURIComponent(id), real: true, routable: true }));

const fillPath = (url: string, segment: string) => url.replace(/:[A-Za-z]+/g, segment);

function queryArb(fields: Map<string, JsonSchema>): fc.Arbitrary<string> {
  const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...fields.keys(), '__proto__', 'constructor', 'date[]', 'a[b]'));
  const value = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('', '9999-99-99', '2026-02-30', '0000-00-00', '2026-11-23T00:00', 'null', 'x'.repeat(5000)));
  const fieldPairs = [...fields].map(([k, f]) => badValue(f).map((v): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? '']));
  const pairs = fc.array(fc.oneof(fc.tuple(key, value), ...fieldPairs), { maxLength: 5 }).map((ps) => {
    const sp = new URLSearchParams();
    for (const [k, v] of ps) sp.append(k, v);
    return `?${sp.toString()}`;
  });
  const raw = fc.constantFrom('?', '?&&&', '?=', '?==&=', '?%zz', '?a=%', '?a=%E4%B8', '?date=2026-11-23&date=2026-11-24', '?date[]=2026-11-23', '?date=%00', '?;;;', '?date=2026-11-23#frag');
  return fc.oneof({ arbitrary: fc.constant(''), weight: 2 }, pairs, raw);
}

// ---------------------------------------------------------------------------------------------
// Every route, as admin

async function freshAdminToken(): Promise<string> {
  return th.login('admin');
}

interface Case {
  spec: Spec;
  param: Param | null;
  query: string;
  payload: Payload;
}

/** Sends one case; returns false (without sending) when valid input would change the hall. */
async function runCase({ spec, param, query, payload }: Case): Promise<boolean> {
  const path = fillPath(spec.url, param?.segment ?? '') + query;
  const bodyOk = payload.seen !== REFUSED && (!spec.body || spec.body.safeParse(payload.seen ?? {}).success);
  const mutating = spec.method !== 'GET' && !HARMLESS_WHEN_VALID.has(routeName(spec));
  const aimsAtReal = !param || param.real;
  if (mutating && bodyOk && aimsAtReal) return false;
  const token = ENDS_OWN_SESSION.has(routeName(spec)) ? await freshAdminToken() : ADMIN;
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (payload.contentType !== undefined) headers['content-type'] = payload.contentType;
  const res = await rawRequest(th.baseUrl, { method: spec.method, path, headers, ...(payload.body !== undefined ? { body: payload.body } : {}), ...(payload.chunked ? { chunked: true } : {}) });
  const what = describeReq(spec.method, path, payload.label);
  const reached = !param || param.routable;
  if (payload.mustBe && reached && spec.method !== 'GET') {
    expect(payload.mustBe, `${what} → ${res.status} ${res.text.slice(0, 200)}`).toContain(res.status);
  }
  const mayPass = spec.method === 'GET' ? aimsAtReal : bodyOk && aimsAtReal;
  expectAnswer(res, what, spec, mayPass);
  return true;
}

describe('every route, called as admin with bad input, answers 4xx in the contract shape', () => {
  it('the registry lists the routes of the contract', () => {
    const names = new Set(ROUTES.map(routeName));
    for (const r of ['GET /api/health', 'POST /api/tickets', 'POST /api/windows/:id/call-next', 'POST /api/devices', 'POST /api/appointments', 'GET /api/stats/queue']) {
      expect(names.has(r), r).toBe(true);
    }
  });

  for (const spec of ROUTES) {
    it(routeName(spec), async () => {
      const bodyFields = fieldsOf(spec.body);
      const queryFields = fieldsOf(spec.query);
      const params = hasParams(spec) ? fc.oneof({ arbitrary: weirdParam, weight: 3 }, realParam) : fc.constant(null);
      await fc.assert(
        fc.asyncProperty(params, queryArb(queryFields), payloadArb(bodyFields), async (param, query, payload) => {
          fc.pre(await runCase({ spec, param, query, payload }));
        }),
        { numRuns: 20, maxSkipsPerRun: 1000 },
      );
      // Every fixed payload at least once, on a routable target.
      const target: Param | null = hasParams(spec) ? { segment: 'no-such-id', real: false, routable: true } : null;
      for (const payload of fixedPayloads(bodyFields)) {
        await runCase({ spec, param: target, query: '', payload });
        if (hasParams(spec)) await runCase({ spec, param: { segment: 'W01', real: true, routable: true }, query: '', payload });
      }
      await expectServerUp();
    });
  }

  it('weird path parameters (unicode, 200+ chars, "..", broken percent-escapes) get a 4xx in the contract shape', async () => {
    const segments = [
      ...RAW_SEGMENTS,
      encodeURIComponent('中文'),
      encodeURIComponent('𠮷野家'),
      'x'.repeat(64),
      'x'.repeat(65),
      'x'.repeat(200),
      'x'.repeat(201),
      'x'.repeat(5000),
      '%E4%B8%AD'.repeat(22),
      '%E4%B8%AD'.repeat(40),
      '',
    ];
    for (const spec of ROUTES.filter(hasParams)) {
      for (const segment of segments) {
        const path = fillPath(spec.url, segment);
        const headers = { authorization: `Bearer ${ADMIN}` };
        const res = await rawRequest(th.baseUrl, { method: spec.method, path, headers });
        expectContractError(res, describeReq(spec.method, path, 'weird path'));
      }
    }
    await expectServerUp();
  });

  it('unknown paths and methods, and malformed HTTP, get a 4xx in the contract shape', async () => {
    const auth = { authorization: `Bearer ${ADMIN}` };
    const cases: { method: string; path: string; headers?: Record<string, string>; label: string }[] = [
      { method: 'GET', path: '/api/no-such-thing', label: 'unknown path' },
      { method: 'GET', path: '/api/%zz', label: 'bad escape, unknown path' },
      { method: 'GET', path: `/api/${'x'.repeat(8000)}`, label: 'long unknown path' },
      { method: 'GET', path: `/api/health?${'a=1&'.repeat(5000)}`, label: '20 KB query (over the header limit)' },
      { method: 'GET', path: '/api/health', headers: { 'x-filler': 'x'.repeat(20_000) }, label: '20 KB header' },
      { method: 'GET', path: '/api/health', headers: { authorization: `Bearer ${'x'.repeat(20_000)}` }, label: '20 KB Bearer' },
      { method: 'FOO', path: '/api/health', label: 'no such HTTP method' },
      { method: 'GET', path: '/api/windows/é/queue', label: 'raw non-ASCII byte in the path' },
    ];
    for (const spec of ROUTES) {
      const path = fillPath(spec.url, 'W01');
      for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
        if (ROUTES.some((r) => r.method === method && r.url === spec.url)) continue;
        if (method === 'GET' && ROUTES.some((r) => r.method === 'GET' && r.url === spec.url)) continue;
        cases.push({ method, path, headers: auth, label: 'method not served' });
      }
    }
    for (const c of cases) {
      const res = await rawRequest(th.baseUrl, { method: c.method, path: c.path, headers: c.headers ?? auth });
      expectContractError(res, describeReq(c.method, c.path, c.label));
    }
    // Not HTTP at all.
    for (const garbage of ['GARBAGE\r\n\r\n', 'GET /api/health HTTP/9.9\r\n\r\n', 'POST /api/tickets HTTP/1.1\r\nContent-Length: -5\r\n\r\n', '\u0000\u0001\u0002\r\n\r\n']) {
      const res = await rawTcp(garbage);
      expect(res.status, JSON.stringify(garbage)).toBeGreaterThanOrEqual(400);
      expectContractError(res, `raw ${JSON.stringify(garbage)}`);
    }
    await expectServerUp();
  });
});

/** Writes bytes to the server's port and parses whatever HTTP answer comes back. */
function rawTcp(data: string): Promise<RawAnswer> {
  const url = new URL(th.baseUrl);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sock = connectTcp({ host: url.hostname, port: Number(url.port) }, () => sock.end(data));
    sock.setTimeout(5000, () => sock.destroy(new Error('timeout')));
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.on('error', reject);
    sock.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const contentType = /^content-type:\s*(.*)$/im.exec(head)?.[1] ?? '';
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      resolve({ status, headers: { 'content-type': contentType }, text, json });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Authentication and authorization

const protectedRoutes = ROUTES.filter((s) => s.access !== 'public');
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 300 });

async function callAs(spec: Spec, authorization: string | undefined): Promise<RawAnswer> {
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  return rawRequest(th.baseUrl, { method: spec.method, path: fillPath(spec.url, 'W01'), headers });
}

describe('protected routes refuse missing, bad and wrong credentials', () => {
  it('no, garbage, very long or revoked Bearer → 401 UNAUTHORIZED with a Chinese message', async () => {
    const revoked = await th.login('s1010');
    expect((await th.api('POST', '/api/auth/logout', undefined, revoked)).status).toBe(200);
    const variants: (string | undefined)[] = [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Bearer x',
      `Bearer ${'a'.repeat(199)}`,
      `Bearer ${'a'.repeat(201)}`,
      `Bearer ${'a'.repeat(8000)}`,
      `Basic ${Buffer.from('admin:admin-test-pw').toString('base64')}`,
      `Token ${ADMIN}`,
      ADMIN,
      `Bearer ${ADMIN} extra`,
      `Bearer ${ADMIN.toUpperCase() === ADMIN ? ADMIN.toLowerCase() : ADMIN.toUpperCase()}`,
      `Bearer ${revoked}`,
      `Bearer ${KIOSK_KEY}-revoked`,
      'Bearer é中'.replace('中', ''),
    ];
    for (const spec of protectedRoutes) {
      for (const v of variants) {
        const res = await callAs(spec, v);
        const { code } = expectContractError(res, describeReq(spec.method, spec.url, `authorization: ${String(v).slice(0, 40)}`));
        expect(res.status).toBe(401);
        expect(code).toBe('UNAUTHORIZED');
      }
    }
  });

  it('generated Authorization headers → 401 UNAUTHORIZED', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...protectedRoutes), fc.oneof(headerText, headerText.map((t) => `Bearer ${t}`)), async (spec, header) => {
        const res = await callAs(spec, header);
        const { code } = expectContractError(res, describeReq(spec.method, spec.url, `authorization: ${header.slice(0, 40)}`));
        expect(res.status).toBe(401);
        expect(code).toBe('UNAUTHORIZED');
      }),
      { numRuns: 60 },
    );
  });

  it('a kiosk key on a route that is not for kiosks → 403 FORBIDDEN with a Chinese message', async () => {
    const notForKiosks = protectedRoutes.filter((s) => Array.isArray(s.access) && !s.access.includes('kiosk'));
    expect(notForKiosks.length).toBeGreaterThan(5);
    for (const spec of notForKiosks) {
      const res = await callAs(spec, `Bearer ${KIOSK_KEY}`);
      const { code } = expectContractError(res, describeReq(spec.method, spec.url, 'kiosk key'));
      expect(res.status).toBe(403);
      expect(code).toBe('FORBIDDEN');
    }
  });

  it('a staff token on a manager or admin route → 403 FORBIDDEN', async () => {
    const staff = await th.login('s1009');
    const notForStaff = protectedRoutes.filter((s) => Array.isArray(s.access) && !s.access.includes('staff') && s.access.some((r) => r === 'manager' || r === 'admin'));
    expect(notForStaff.length).toBeGreaterThan(0);
    for (const spec of notForStaff) {
      const res = await callAs(spec, `Bearer ${staff}`);
      const { code } = expectContractError(res, describeReq(spec.method, spec.url, 'staff token'));
      expect(res.status).toBe(403);
      expect(code).toBe('FORBIDDEN');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Socket.io /hall

type Outcome = { kind: 'connect' } | { kind: 'connect_error'; message: string } | { kind: 'disconnect'; reason: string } | { kind: 'timeout' };

function connect(auth?: unknown, extra: Partial<ManagerOptions & SocketOptions> = {}): Socket {
  const s = io(`${th.baseUrl}/hall`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 5000,
    ...(auth !== undefined ? { auth: auth as Record<string, unknown> } : {}),
    ...extra,
  });
  sockets.push(s);
  return s;
}

function outcome(s: Socket, ms = 3000): Promise<Outcome> {
  return new Promise((resolve) => {
    const done = (o: Outcome) => {
      clearTimeout(timer);
      s.off('connect', onConnect).off('connect_error', onError).off('disconnect', onDisconnect);
      resolve(o);
    };
    const onConnect = () => done({ kind: 'connect' });
    const onError = (e: Error) => done({ kind: 'connect_error', message: e.message });
    const onDisconnect = (reason: string) => done({ kind: 'disconnect', reason });
    const timer = setTimeout(() => done({ kind: 'timeout' }), ms);
    if (s.connected) return done({ kind: 'connect' });
    s.on('connect', onConnect).on('connect_error', onError).on('disconnect', onDisconnect);
  });
}

function next<T>(s: Socket, event: string, ms = 3000): Promise<T | 'timeout'> {
  return new Promise((resolve) => {
    const on = (e: T) => {
      clearTimeout(timer);
      resolve(e);
    };
    const timer = setTimeout(() => {
      s.off(event, on);
      resolve('timeout');
    }, ms);
    s.once(event, on);
  });
}

async function connected(auth: Record<string, unknown>): Promise<Socket> {
  const s = connect(auth);
  const o = await outcome(s);
  expect(o.kind).toBe('connect');
  return s;
}

/** The server still accepts a device and answers it. */
async function expectRealtimeUp(): Promise<void> {
  await expectServerUp();
  const s = connect({ token: HALL_SCREEN_KEY });
  const snap = next<{ seq: number }>(s, 'snapshot');
  expect((await outcome(s)).kind).toBe('connect');
  expect(await snap).not.toBe('timeout');
  s.close();
}

/** What socket.io carries: JSON, so undefined fields vanish and NaN becomes null. */
const overTheWire = (v: unknown): unknown => (JSON.parse(JSON.stringify([v])) as unknown[])[0];

describe('socket.io /hall with bad input', () => {
  it('bad handshake auth → connect_error "unauthorized"', async () => {
    const variants: unknown[] = [
      undefined,
      {},
      { token: undefined },
      { token: null },
      { token: '' },
      { token: 12345678 },
      { token: 1.5e300 },
      { token: true },
      { token: { key: KIOSK_KEY } },
      { token: [KIOSK_KEY] },
      { token: 'short' },
      { token: 'garbage-but-long-enough' },
      { token: 'x'.repeat(10_000) },
      { token: `${KIOSK_KEY} ` },
      { key: KIOSK_KEY },
    ];
    for (const auth of variants) {
      const o = await outcome(connect(auth));
      expect(o, JSON.stringify(auth)?.slice(0, 80)).toEqual({ kind: 'connect_error', message: 'unauthorized' });
    }
  });

  it('generated handshake tokens → connect_error "unauthorized"', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (token) => {
        const s = connect({ token });
        const o = await outcome(s);
        s.close();
        expect(o).toEqual({ kind: 'connect_error', message: 'unauthorized' });
      }),
      { numRuns: 20 },
    );
  });

  it('a handshake over 64 KB or not an object is refused without harm', async () => {
    for (const auth of [{ token: 'x'.repeat(100_000) }, 'a string', 42, ['token']]) {
      const s = connect(auth);
      const o = await outcome(s);
      s.close();
      expect(o.kind, JSON.stringify(auth).slice(0, 40)).not.toBe('connect');
    }
    await expectRealtimeUp();
  });

  it('garbage lastSeq in the handshake still connects and gets a snapshot or the replay', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (lastSeq) => {
        const s = connect({ token: KIOSK_KEY, lastSeq });
        const o = await outcome(s);
        s.close();
        expect(o.kind).toBe('connect');
      }),
      { numRuns: 15 },
    );
  });

  it('resume with garbage → "error-message" with a Chinese message; the socket keeps working', async () => {
    const s = await connected({ token: KIOSK_KEY });
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (body) => {
        fc.pre(!ResumeBody.safeParse(overTheWire(body)).success);
        const answer = next<{ code: string; message: string }>(s, 'error-message');
        s.emit('resume', body);
        const m = await answer;
        expect(m, JSON.stringify(body)?.slice(0, 80)).not.toBe('timeout');
        if (m === 'timeout') return;
        expect(m.code).toMatch(UPPER_SNAKE);
        expect(m.message).toMatch(CJK);
      }),
      { numRuns: 30 },
    );
    for (const args of [[], [null], [{ lastSeq: -1 }], [{ lastSeq: 1.5 }], [{ lastSeq: '3' }], [{ lastSeq: 1, x: 1 }], [Buffer.alloc(1024)], [{ lastSeq: Buffer.from('1') }], ['x'.repeat(60_000)]]) {
      const answer = next<{ code: string; message: string }>(s, 'error-message');
      s.emit('resume', ...args);
      const m = await answer;
      expect(m, JSON.stringify(args).slice(0, 80)).not.toBe('timeout');
      if (m !== 'timeout') expect(m.message).toMatch(CJK);
    }
    expect(s.connected).toBe(true);
  });

  it('resume with a valid lastSeq replays the missed events; one from the future gets a snapshot', async () => {
    const s = connect({ token: HALL_SCREEN_KEY });
    const snap = await next<{ seq: number }>(s, 'snapshot');
    if (snap === 'timeout') throw new Error('no snapshot on connect');
    // Something happens in the hall (at W03, away from the flow checked at the end).
    const staff = await th.staffAt('W03');
    expect((await th.api('POST', '/api/windows/W03/sign-out', {}, staff)).status).toBe(200);
    const seen: number[] = [];
    s.onAny((_event: string, payload: { seq?: number }) => {
      if (typeof payload?.seq === 'number') seen.push(payload.seq);
    });
    await new Promise((r) => setTimeout(r, 200));
    seen.length = 0;
    s.emit('resume', { lastSeq: snap.seq });
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    expect(seen[0]).toBe(snap.seq + 1);
    const future = next<{ seq: number }>(s, 'snapshot');
    s.emit('resume', { lastSeq: Number.MAX_SAFE_INTEGER });
    expect(await future).not.toBe('timeout');
    s.close();
  });

  it('unknown events, raw garbage packets and payloads over 64 KB do not take the server down', async () => {
    const s = await connected({ token: KIOSK_KEY });
    const reserved = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);
    for (const name of ['error', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'call', 'snapshot', 'error-message', 'ping', 'message']) {
      s.emit(name, { lastSeq: 0 }, null, 'x');
    }
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('error', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'call', 'snapshot', 'error-message', 'ping', 'message')),
        fc.array(fc.anything(), { maxLength: 3 }),
        async (name, args) => {
          fc.pre(!reserved.has(name) && name !== 'resume');
          s.emit(name, ...args);
        },
      ),
      { numRuns: 30 },
    );
    // The same socket still answers.
    const answer = next<{ message: string }>(s, 'error-message');
    s.emit('resume', 'still there?');
    expect(await answer).not.toBe('timeout');
    await expectRealtimeUp();

    // Packets no client library would send: each may cost its sender the connection, nothing more.
    const rawPackets = [
      'garbage',
      '2/hall,["resume"',
      '2/hall,{}',
      '2/hall,[]',
      '2/hall,[1,2]',
      '2/hall,["disconnecting"]',
      '2/hall,["newListener","x"]',
      '2/hall,["error",{}]',
      '2/nope,["resume"]',
      '0/hall,"token"',
      '1/hall,',
      '9',
      '51-/hall,["resume",{"_placeholder":true,"num":0}]',
      '51-/hall,["resume",{"_placeholder":true,"num":7}]',
      `2/hall,["resume",${'['.repeat(20_000)}${']'.repeat(20_000)}]`,
    ];
    for (const packet of rawPackets) {
      const c = await connected({ token: KIOSK_KEY });
      c.io.engine.send(packet);
      await outcome(c, 300);
      c.close();
    }
    await expectRealtimeUp();

    // Over maxHttpBufferSize (64 KB): the sender is cut off, the server stays up.
    const big: unknown[][] = [['resume', 'x'.repeat(70_000)], ['resume', Buffer.alloc(100_000)], ['whatever', { a: '中'.repeat(40_000) }]];
    for (const [name, ...args] of big) {
      const c = await connected({ token: KIOSK_KEY });
      const gone = outcome(c, 3000);
      c.emit(name as string, ...args);
      const o = await gone;
      expect(o.kind === 'disconnect' || o.kind === 'connect').toBe(true);
      c.close();
    }
    await expectRealtimeUp();
  });
});

// ---------------------------------------------------------------------------------------------
// After all of it

describe('after all the bad input', () => {
  it('the server is up and a normal morning still works', async () => {
    const health = await th.api<{ ok: boolean }>('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.ok).toBe(true);

    const screen = await connected({ token: HALL_SCREEN_KEY });
    const staff = await th.staffAt('W01', 'A');
    const issued = await th.api<{ id: string; number: string; serviceCode: string }>('POST', '/api/tickets', { serviceCode: 'BDC', idNumber: '110101198001010053' }, KIOSK_KEY);
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    expect(issued.body.serviceCode).toBe('BDC');
    const heard = next<{ ticketNumber: string; windowId: string }>(screen, 'call');
    const called = await th.api<{ ticket: { id: string; number: string } | null }>('POST', '/api/windows/W01/call-next', undefined, staff);
    expect(called.status).toBe(200);
    expect(called.body.ticket?.id).toBe(issued.body.id);
    const call = await heard;
    expect(call).not.toBe('timeout');
    if (call !== 'timeout') expect(call).toMatchObject({ ticketNumber: issued.body.number, windowId: 'W01' });
  });
});
