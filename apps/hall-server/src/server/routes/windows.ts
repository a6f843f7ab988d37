/** Windows and every caller action: sign in/out, call next, recall, skip, start, finish, transfer, pause, mode. */
import { FinishBody, HallError, ModeBody, PauseBody, SignInBody, TransferBody } from '@hall/shared';
import { z } from 'zod';
import {
  callNext,
  explain,
  finish,
  orderedQueue,
  pause,
  recall,
  resume,
  setMode,
  signIn,
  signOut,
  skip,
  start,
  ticketView,
  transfer,
  windowView,
  windowViews,
} from '../../core/index.js';
import type { Principal } from '../../auth/accounts.js';
import { IdParams, route, type RouteSpec } from '../route-kit.js';
import type { HallContext } from '../hall-context.js';

const SignOutBody = z.strictObject({ employeeNo: z.string().trim().min(1).max(20).optional() });

export function windowRoutes(hall: HallContext): RouteSpec<never, never, never>[] {
  const q = hall.queue;
  const view = (id: string) => windowView(q.state, hall.config, q.hours, id, q.clock.now());
  const known = (id: string) => {
    if (!hall.config.windows.some((w) => w.id === id)) throw new HallError('UNKNOWN_WINDOW', `没有编号为 ${id} 的窗口`);
    return id;
  };
  const staffNo = (p: Principal | null): string => {
    if (p?.kind === 'user' && p.employeeNo) return p.employeeNo;
    throw new HallError('FORBIDDEN', '只有工作人员账号才能签到上岗');
  };
  const action = (url: string, summary: string, returns: string, run: (id: string, actor: Parameters<typeof q.exec>[0]) => unknown) =>
    route({
      method: 'POST',
      url: `/api/windows/:id/${url}`,
      summary,
      tags: ['窗口'],
      access: ['staff'],
      params: IdParams,
      returns,
      handler: ({ params, actor }) => run(known(params.id), actor),
    });

  return [
    route({
      method: 'GET',
      url: '/api/windows',
      summary: '所有窗口的状态、模式、在岗人员和当前号码',
      tags: ['窗口'],
      access: 'public',
      returns: '[window]',
      handler: () => windowViews(q.state, hall.config, q.hours, q.clock.now()),
    }),
    route({
      method: 'GET',
      url: '/api/windows/:id',
      summary: '一个窗口的状态',
      tags: ['窗口'],
      access: 'public',
      params: IdParams,
      returns: 'window',
      handler: ({ params }) => view(known(params.id)),
    }),
    route({
      method: 'GET',
      url: '/api/windows/:id/queue',
      summary: '窗口的等候队列（按叫号顺序），附“为何排在此位”',
      tags: ['窗口'],
      access: ['staff'],
      params: IdParams,
      returns: '[{"ticket","why"}]',
      handler: ({ params }) => {
        const id = known(params.id);
        const w = q.state.windows.get(id)!;
        const cfg = hall.config.windows.find((x) => x.id === id)!;
        return orderedQueue(q.state.waiting(), { ...w, services: cfg.services }).map((t) => ({
          ticket: ticketView(t),
          why: explain(t, w.mode, hall.config.hall.utcOffsetMinutes),
        }));
      },
    }),
    route({
      method: 'POST',
      url: '/api/windows/:id/sign-in',
      summary: '签到上岗（A岗或B岗）',
      tags: ['窗口'],
      access: ['staff'],
      params: IdParams,
      body: SignInBody,
      returns: 'window',
      handler: ({ params, body, principal, actor }) => {
        const id = known(params.id);
        q.exec(actor, (s, c) => signIn(s, c, id, { employeeNo: staffNo(principal), post: body.post }));
        return view(id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/windows/:id/sign-out',
      summary: '离岗签退（负责人和管理员可替他人签退）',
      tags: ['窗口'],
      access: ['staff'],
      params: IdParams,
      body: SignOutBody,
      returns: 'window',
      handler: ({ params, body, principal, actor }) => {
        const id = known(params.id);
        const canOthers = principal?.kind === 'user' && (principal.role === 'manager' || principal.role === 'admin');
        const who = body.employeeNo && canOthers ? body.employeeNo : principal?.kind === 'user' && principal.role === 'admin' ? (body.employeeNo ?? '') : staffNo(principal);
        if (!who) throw new HallError('VALIDATION_FAILED', '管理员签退须指定 employeeNo');
        q.exec(actor, (s, c) => signOut(s, c, id, who));
        return view(id);
      },
    }),
    action('call-next', '叫号：呼叫下一位', '{"ticket": ticket|null, "why"}', (id, actor) => {
      const r = q.exec(actor, (s, c) => callNext(s, c, id));
      return { ticket: r.ticket ? ticketView(r.ticket) : null, why: r.why };
    }),
    action('recall', '重呼当前号码', '{"ticket"}', (id, actor) => ({ ticket: ticketView(q.exec(actor, (s, c) => recall(s, c, id))) })),
    action('skip', '过号', '{"ticket"}（status skipped）', (id, actor) => ({ ticket: ticketView(q.exec(actor, (s, c) => skip(s, c, id))) })),
    action('start', '开始办理', '{"ticket"}（status serving）', (id, actor) => ({ ticket: ticketView(q.exec(actor, (s, c) => start(s, c, id))) })),
    route({
      method: 'POST',
      url: '/api/windows/:id/finish',
      summary: '办结（可填办件编号），随后评价器请群众评价',
      tags: ['窗口'],
      access: ['staff'],
      params: IdParams,
      body: FinishBody,
      returns: '{"ticket","autoCalled"}',
      handler: ({ params, body, actor }) => {
        const id = known(params.id);
        const r = q.exec(actor, (s, c) => finish(s, c, id, body.caseNo));
        return { ticket: ticketView(r.ticket), autoCalled: r.autoCalled ? ticketView(r.autoCalled) : null };
      },
    }),
    route({
      method: 'POST',
      url: '/api/windows/:id/transfer',
      summary: '转移到其他业务或窗口（保留原取号时间）',
      tags: ['窗口'],
      access: ['staff'],
      params: IdParams,
      body: TransferBody,
      returns: '{"ticket"}（转入后的号码）',
      handler: ({ params, body, actor }) => {
        const id = known(params.id);
        return { ticket: ticketView(q.exec(actor, (s, c) => transfer(s, c, id, body))) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/windows/:id/pause',
      summary: '暂停服务（须说明原因）',
      tags: ['窗口'],
      access: ['staff'],
      params: IdParams,
      body: PauseBody,
      returns: 'window',
      handler: ({ params, body, actor }) => {
        const id = known(params.id);
        q.exec(actor, (s, c) => pause(s, c, id, body.reason));
        return view(id);
      },
    }),
    action('resume', '恢复服务', 'window', (id, actor) => {
      q.exec(actor, (s, c) => resume(s, c, id));
      return view(id);
    }),
    route({
      method: 'PUT',
      url: '/api/windows/:id/mode',
      summary: '切换预约办理模式',
      tags: ['窗口'],
      access: ['staff'],
      params: IdParams,
      body: ModeBody,
      returns: 'window',
      handler: ({ params, body, actor }) => {
        const id = known(params.id);
        q.exec(actor, (s, c) => setMode(s, c, id, body.mode));
        return view(id);
      },
    }),
  ];
}
