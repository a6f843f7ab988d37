/** GET /api/openapi.json: the contract as OpenAPI 3, built from the same route specs that validate. */
import { ERRORS } from '@hall/shared';
import { z } from 'zod';
import type { RouteRegistry } from './route-kit.js';

export function openApiDocument(registry: RouteRegistry, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of registry) {
    const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...r.url.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = r.query ? z.toJSONSchema(r.query, { target: 'openapi-3.0', io: 'input' }) : null;
    const queryParams = query && typeof query === 'object' && 'properties' in query
      ? Object.entries(query.properties as Record<string, unknown>).map(([name, schema]) => ({ name, in: 'query', required: false, schema }))
      : [];
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: r.tags,
      security: r.access === 'public' ? [] : [{ bearer: [] }],
      'x-roles': r.access === 'public' ? ['public'] : r.access,
      parameters: [...params, ...queryParams],
      responses: {
        [String(r.status ?? 200)]: { description: r.returns },
        '4XX': { description: '错误', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
    if (r.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) } } };
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.0.3',
    info: { title: '政务服务大厅排队叫号与预约系统 · 大厅服务器', version, description: '集成接口 v1。错误统一为 {"error":{"code","message"}}。' },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: '登录令牌或设备密钥' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string', enum: Object.keys(ERRORS) }, message: { type: 'string', description: '中文说明' } },
            },
          },
        },
      },
    },
  };
}
