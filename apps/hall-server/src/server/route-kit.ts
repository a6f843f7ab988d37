/**
 * How every HTTP route is declared: who may call it, the schemas of what it accepts (which
 * validate, type the handler and feed /api/openapi.json), and the handler. Bad input never
 * reaches a handler: it is answered 400 VALIDATION_FAILED with a Chinese message naming the field.
 */
import { HallError, translateIssue } from '@hall/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf, type Principal } from '../auth/accounts.js';
import type { Actor } from '../core/index.js';

export type Role = 'staff' | 'manager' | 'admin' | 'kiosk' | 'window-display' | 'hall-screen' | 'platform';
/** 'public' (🌐) or the roles allowed; the admin account passes every role check. */
export type Access = 'public' | readonly Role[];

export interface RouteRequest<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  principal: Principal | null;
  actor: Actor;
  raw: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<B = unknown, Q = unknown, P = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  tags: string[];
  access: Access;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** Success status (200 unless said). */
  status?: number;
  /** What a successful answer holds, for the OpenAPI document. */
  returns: string;
  handler: (req: RouteRequest<B, Q, P>) => unknown;
}

export type RouteRegistry = RouteSpec<never, never, never>[];

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function assertAccess(access: Access, p: Principal | null): void {
  if (access === 'public') return;
  if (!p) throw new HallError('UNAUTHORIZED');
  if (p.kind === 'user' && p.role === 'admin') return;
  // A manager may do what staff may do.
  const role = p.role;
  if (access.includes(role) || (role === 'manager' && access.includes('staff'))) return;
  throw new HallError('FORBIDDEN', p.kind === 'device' ? '该设备无权执行此操作' : p.kind === 'platform' ? '该接入密钥无权执行此操作' : '您的账号无权执行此操作');
}

export function parseWith<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value ?? (where === '请求体' ? {} : value));
  if (r.success) return r.data;
  const first = r.error.issues[0]!;
  const field = first.path.length ? `字段“${first.path.join('.')}”` : where;
  throw new HallError('VALIDATION_FAILED', `${field}${translateIssue(first)}`, {
    issues: r.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: translateIssue(i) })),
  });
}

export function defineRoutes(app: FastifyInstance, registry: RouteRegistry, specs: RouteSpec<never, never, never>[]): void {
  for (const spec of specs) {
    registry.push(spec);
    app.route({
      method: spec.method,
      url: spec.url,
      handler: async (request, reply) => {
        assertAccess(spec.access, request.principal);
        const params = parseWith(spec.params, request.params, '路径参数');
        const query = parseWith(spec.query, request.query, '查询参数');
        const body = parseWith(spec.body, request.body, '请求体');
        const result = await spec.handler({ body, query, params, principal: request.principal, actor: actorOf(request.principal), raw: request, reply } as never);
        reply.code(spec.status ?? 200);
        return result;
      },
    });
  }
}

/** Type-checks one route spec; `defineRoutes` takes them as a list. */
export function route<B = undefined, Q = undefined, P = undefined>(spec: RouteSpec<B, Q, P>): RouteSpec<never, never, never> {
  return spec as unknown as RouteSpec<never, never, never>;
}

export const IdParams = z.strictObject({ id: z.string().min(1).max(64) });
