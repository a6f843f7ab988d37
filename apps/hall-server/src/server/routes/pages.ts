/**
 * The screens' web pages, built by apps/window-display (Vite) into its dist/: the window screen at
 * /window/{windowId}, the hall screen at /hall-screen, their assets under /display/assets/.
 * Device pages take `?key=` once (the page keeps it). Each page is sent with the hall's facts from
 * its config (name, departments, hours, notices, voice) written in, so the page needs nothing but
 * the socket; the same facts are at GET /display/boot, which a page reads again when a new config
 * takes effect (立即生效: the `complete` update) instead of reloading.
 */
import fastifyStatic from '@fastify/static';
import type { HallConfig } from '@hall/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const UI_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../window-display/dist');

/** Must match PageBoot in apps/window-display/src/device/boot.ts. */
export interface PageBoot {
  hallName: string;
  departments: Record<string, string>;
  hours: string;
  notices: string[];
  /** The evaluation pad's policy (HALL-RULES §4). */
  ratings: { badDetails: string[]; padTimeoutSeconds: number; thanksSeconds: number; acceptWithinMinutes: number };
  /** How the hall screen calls numbers out loud; clips are served under /voice/clips/. */
  voice: HallConfig['voice'];
  /** 工号 of the staff with a photo, served at /display/staff-photo/{工号}. */
  staffWithPhoto: string[];
}

export interface PagesOptions {
  config: HallConfig;
  distDir?: string;
  /** Voice clips for the hall screen (resources/voice); a hall may put its own recordings there. */
  voiceDir?: string;
}

const RESOURCES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../resources');
export const VOICE_DIR = join(RESOURCES_DIR, 'voice');
const PHOTO_TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp' };

const BOOT_TAG = '<script id="hall-boot" type="application/json">{}</script>';

export async function pagesPlugin(app: FastifyInstance, opts: PagesOptions): Promise<void> {
  const dist = opts.distDir ?? UI_DIST;
  const bootJson = JSON.stringify(pageBoot(opts.config)).replace(/</g, '\\u003c');
  const windowIds = new Set(opts.config.windows.map((w) => w.id));

  // File names carry a content hash: cache them for good.
  await app.register(fastifyStatic, { root: join(dist, 'assets'), prefix: '/display/assets/', decorateReply: false, index: false, immutable: true, maxAge: '365d' });

  await app.register(fastifyStatic, { root: opts.voiceDir ?? VOICE_DIR, prefix: '/voice/', decorateReply: false, index: false, maxAge: '1d' });

  // Read on every request (a screen loads its page once a day): a rebuild needs no restart.
  const sendPage = async (reply: FastifyReply, file: string) => {
    let html: string;
    try {
      html = await readFile(join(dist, file), 'utf8');
    } catch {
      return sendMessage(reply, 503, '界面尚未构建', '请先运行 npm run build:ui（npm start 会自动构建）');
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html.replace(BOOT_TAG, `<script id="hall-boot" type="application/json">${bootJson}</script>`));
  };

  // 亮明身份上岗: the photo on the window screen. Only files the config names are served.
  const photos = new Map(opts.config.staff.filter((x) => x.photo).map((x) => [x.employeeNo, resolve(RESOURCES_DIR, x.photo!)]));
  app.get<{ Params: { employeeNo: string } }>('/display/staff-photo/:employeeNo', async (request, reply) => {
    const path = photos.get(request.params.employeeNo);
    const type = path ? PHOTO_TYPES[extname(path).toLowerCase()] : undefined;
    if (!path || !type) return reply.code(404).type('text/plain; charset=utf-8').send('没有该工作人员的照片');
    try {
      return reply.type(type).header('cache-control', 'no-cache').send(await readFile(path));
    } catch {
      return reply.code(404).type('text/plain; charset=utf-8').send('照片文件不存在，请核对大厅配置中的 photo 路径');
    }
  });

  // The same facts as JSON (public, like the pages that carry them): read again after 立即生效.
  app.get('/display/boot', (_request, reply) => reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send(bootJson));

  app.get('/hall-screen', (_request, reply) => sendPage(reply, 'hall-screen.html'));
  app.get('/book', (_request, reply) => sendPage(reply, 'book.html')); // 网上预约 (public, phone)
  app.get('/t/:ticketId', (_request, reply) => sendPage(reply, 'ticket.html')); // a printed ticket's QR: its live status (public, phone)
  // 控制台 (staff caller, manager views): one page, its own sub-paths (/console/caller/W01, /console/manager…) read in the browser.
  app.get('/console', (_request, reply) => sendPage(reply, 'console.html'));
  app.get('/console/*', (_request, reply) => sendPage(reply, 'console.html'));
  app.get<{ Params: { windowId: string } }>('/window/:windowId', (request, reply) =>
    windowIds.has(request.params.windowId) ? sendPage(reply, 'window.html') : sendMessage(reply, 404, '没有这个窗口', `窗口编号 ${request.params.windowId} 不在本大厅的配置中`),
  );
}

function sendMessage(reply: FastifyReply, status: number, title: string, detail: string) {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${esc(title)}</title><body style="font:24px sans-serif;padding:2em"><h1>${esc(title)}</h1><p>${esc(detail)}</p></body></html>`);
}

export function pageBoot(config: HallConfig): PageBoot {
  const hours = describeWeeklyHours(config.hours.weekly);
  return {
    hallName: config.hall.name,
    departments: Object.fromEntries(config.departments.map((d) => [d.code, d.name])),
    hours,
    notices: [
      `欢迎来到${config.hall.name}`,
      ...(hours ? [`办公时间：${hours}`] : []),
      `下班前 ${config.hours.ticketCutoffMinutes} 分钟停止取号`,
      '请留意屏幕和语音叫号，过号的群众请到窗口说明，可重新排队',
      '已预约的群众请在取号机扫码或刷身份证签到，签到后优先办理',
      '办结后请在窗口评价器上为本次服务评价',
    ],
    voice: config.voice,
    staffWithPhoto: config.staff.filter((x) => x.photo).map((x) => x.employeeNo),
    ratings: {
      badDetails: config.ratings.badDetails,
      padTimeoutSeconds: config.ratings.padTimeoutSeconds,
      thanksSeconds: config.ratings.thanksSeconds,
      acceptWithinMinutes: config.ratings.acceptWithinMinutes,
    },
  };
}

const DAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** 周一至周五 09:00—12:00、13:00—17:00；周六 09:00—11:30 — days with the same hours grouped. */
export function describeWeeklyHours(weekly: HallConfig['hours']['weekly']): string {
  const days = [1, 2, 3, 4, 5, 6, 0];
  const spans = (d: number) => (weekly[String(d) as keyof typeof weekly] ?? []).map(([a, b]) => `${a}—${b}`).join('、');
  const groups: { first: number; last: number; text: string }[] = [];
  for (const d of days) {
    const text = spans(d);
    const prev = groups.at(-1);
    if (prev && prev.text === text && days.indexOf(d) === days.indexOf(prev.last) + 1) prev.last = d;
    else groups.push({ first: d, last: d, text });
  }
  return groups
    .filter((g) => g.text)
    .map((g) => `${DAY_NAMES[g.first]}${g.first === g.last ? '' : `至${DAY_NAMES[g.last]}`} ${g.text}`)
    .join('；');
}
