/**
 * Does a new hall config fit the day the hall is living? 「立即生效」 swaps the config under a
 * running hall (server/hall-runner.ts): tickets, windows, counters and bookings stay as they are,
 * so a config that would orphan any of them is refused before anything changes. A restart after
 * closing time applies any valid config; this check is only for applying one during the day.
 *
 * Refused (each with a Chinese sentence saying what to do first):
 *   - removing a window that has a current ticket, staff on duty, or tickets transferred to it;
 *   - moving a post away from the person on duty there (they must sign out first);
 *   - removing a service that has tickets waiting/called/being served, or open bookings today or later;
 *   - a service's tickets left waiting with no window serving it any more;
 *   - changing a service's ticket prefix after it issued tickets today (A012 would be followed by B001);
 *   - changing the number of digits or the hall's time zone after today's first ticket.
 */
import type { HallConfig } from '@hall/shared';
import type { TicketRecord, WindowRuntime } from './hall-state.js';

/** What the check reads of the running hall. */
export interface LiveDay {
  businessDate: string;
  /** The tickets in memory: today's and older ones still live. */
  tickets: Iterable<TicketRecord>;
  windows: Iterable<WindowRuntime>;
  /** Bookings the hall holds (today's and later ones at least). */
  appointments: Iterable<{ serviceCode: string; date: string; status: string }>;
}

export interface FitProblem {
  /** Where in the new config (as the admin page links issues), e.g. `windows`, `services.3.prefix`. */
  path: string;
  message: string;
}

const LIVE = new Set(['waiting', 'called', 'serving']);
const OPEN_BOOKING = new Set(['booked', 'pending-approval']);

function count(n: number, what: string): string {
  return `${n} ${what}`;
}

/** Every reason `next` cannot take effect now; empty when it fits. */
export function configFitProblems(current: HallConfig, next: HallConfig, live: LiveDay): FitProblem[] {
  const problems: FitProblem[] = [];
  const tickets = [...live.tickets];
  const runtimes = new Map([...live.windows].map((w) => [w.id, w]));
  const today = tickets.filter((t) => t.businessDate === live.businessDate);
  const nextWindows = new Map(next.windows.map((w, i) => [w.id, { w, i }]));
  const nextServices = new Map(next.services.map((s, i) => [s.code, { s, i }]));
  const serviceName = (code: string) => current.services.find((s) => s.code === code)?.name ?? code;
  const windowLabel = (w: { id: string; no: string }) => `${w.no}号窗口（${w.id}）`;

  for (const w of current.windows) {
    const rt = runtimes.get(w.id);
    const kept = nextWindows.get(w.id);
    if (!kept) {
      const cur = rt?.currentTicketId ? tickets.find((t) => t.id === rt.currentTicketId) : undefined;
      if (cur && LIVE.has(cur.status)) {
        problems.push({ path: 'windows', message: `${windowLabel(w)}正在办理 ${cur.number}，不能删除；请先办结或转移该号码` });
      }
      if (rt && rt.onDuty.length > 0) {
        const who = rt.onDuty.map((p) => `${p.name}（${p.post}岗）`).join('、');
        problems.push({ path: 'windows', message: `${windowLabel(w)}有人在岗（${who}），不能删除；请先离岗` });
      }
      const targeted = tickets.filter((t) => t.status === 'waiting' && t.targetWindowId === w.id).length;
      if (targeted > 0) {
        problems.push({ path: 'windows', message: `有 ${count(targeted, '张')}转到${windowLabel(w)}的号码在等候，不能删除该窗口` });
      }
      continue;
    }
    for (const p of rt?.onDuty ?? []) {
      const holder = kept.w.posts[p.post];
      if (holder !== p.employeeNo) {
        const to = holder ? `安排给了工号 ${holder}` : '撤销了';
        problems.push({
          path: `windows.${kept.i}.posts.${p.post}`,
          message: `${p.name}（工号 ${p.employeeNo}）正在${windowLabel(w)}${p.post}岗在岗，新配置把该岗位${to}；请先离岗`,
        });
      }
    }
  }

  for (const s of current.services) {
    const kept = nextServices.get(s.code);
    const liveOf = tickets.filter((t) => t.serviceCode === s.code && LIVE.has(t.status));
    if (!kept) {
      if (liveOf.length > 0) {
        problems.push({ path: 'services', message: `业务“${s.name}”（${s.code}）还有 ${count(liveOf.length, '张')}号码未办完（等候、已呼叫或办理中），不能删除` });
      }
      const open = [...live.appointments].filter((a) => a.serviceCode === s.code && a.date >= live.businessDate && OPEN_BOOKING.has(a.status));
      if (open.length > 0) {
        const todays = open.filter((a) => a.date === live.businessDate).length;
        const later = open.length - todays;
        const parts = [todays > 0 ? `今日 ${todays} 个` : '', later > 0 ? `以后 ${later} 个` : ''].filter(Boolean).join('、');
        problems.push({ path: 'services', message: `业务“${s.name}”（${s.code}）还有未办理的预约（${parts}），不能删除；请先取消这些预约` });
      }
      continue;
    }
    if (kept.s.prefix !== s.prefix) {
      const issued = today.filter((t) => t.serviceCode === s.code).length;
      if (issued > 0) {
        problems.push({
          path: `services.${kept.i}.prefix`,
          message: `业务“${s.name}”今日已发出 ${count(issued, '张')}号，号码前缀不能由 ${s.prefix} 改为 ${kept.s.prefix}；可在下班后重启大厅服务使其生效`,
        });
      }
    }
  }

  // Waiting tickets of a service that no window of the new config serves would never be called.
  const waitingBy = new Map<string, number>();
  for (const t of tickets) if (t.status === 'waiting') waitingBy.set(t.serviceCode, (waitingBy.get(t.serviceCode) ?? 0) + 1);
  for (const [code, n] of waitingBy) {
    const kept = nextServices.get(code);
    if (!kept) continue; // reported above as a removed service
    if (!next.windows.some((w) => w.services.includes(code))) {
      problems.push({ path: `services.${kept.i}`, message: `业务“${serviceName(code)}”还有 ${count(n, '张')}号码在等候，新配置中没有窗口办理该业务` });
    }
  }

  if (today.length > 0) {
    if (next.queue.numberDigits !== current.queue.numberDigits) {
      problems.push({ path: 'queue.numberDigits', message: `今日已发出 ${count(today.length, '张')}号，号码位数不能由 ${current.queue.numberDigits} 位改为 ${next.queue.numberDigits} 位；可在下班后重启大厅服务使其生效` });
    }
    if (next.hall.utcOffsetMinutes !== current.hall.utcOffsetMinutes) {
      problems.push({ path: 'hall.utcOffsetMinutes', message: '今日已开始取号，大厅时区不能在营业中修改；可在下班后重启大厅服务使其生效' });
    }
  }
  return problems;
}
