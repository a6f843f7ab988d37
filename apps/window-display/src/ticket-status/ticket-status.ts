/**
 * What the status page says about a ticket, in plain Chinese: pure, so it is tested without a
 * browser. The page polls GET /api/tickets/{id} and renders what this returns.
 */
import { PRIORITY_NAMES, type TicketStatusView } from '@hall/shared';

/** How often the page asks again while the ticket can still change. */
export const POLL_MS = 3000;

export interface WindowName {
  no: string;
  name: string;
}

export type Tone = 'wait' | 'go' | 'busy' | 'done' | 'problem';

export interface TicketText {
  /** 等候中 / 请到 3 号窗口办理 / 办理中 / 已办结 / 已过号 / 已作废 */
  status: string;
  tone: Tone;
  /** Under the status: where, how long, what to do. */
  lines: string[];
  /** The people ahead and the estimate, only while waiting. */
  wait: { ahead: number; estimate: string } | null;
  /** Nothing will change any more: stop asking. */
  final: boolean;
}

/** `/t/<id>` → the ticket id ('' when the path has none). */
export function ticketIdFromPath(path: string): string {
  const m = /^\/t\/([^/?#]+)/.exec(path);
  if (!m) return '';
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1]!;
  }
}

export function estimateText(minutes: number | null): string {
  if (minutes === null) return '暂无法估计（办理该业务的窗口暂未开放）';
  if (minutes <= 1) return '即将叫号';
  return `约 ${minutes} 分钟`;
}

export function priorityLabel(t: Pick<TicketStatusView, 'priority'>): string | null {
  return t.priority === 'normal' ? null : PRIORITY_NAMES[t.priority];
}

export function describeTicket(t: TicketStatusView, window: WindowName | null): TicketText {
  const at = window ? `${window.no}号窗口（${window.name}）` : '窗口';
  switch (t.status) {
    case 'waiting':
      return {
        status: '等候中',
        tone: 'wait',
        lines: ['请留意大厅显示屏和语音叫号，叫到后请尽快到窗口办理。'],
        wait: { ahead: t.waitingAhead, estimate: estimateText(t.estimatedWaitMinutes) },
        final: false,
      };
    case 'called':
      return {
        status: window ? `请到 ${window.no} 号窗口办理` : '已叫号，请到窗口办理',
        tone: 'go',
        lines: [window ? `${at}正在呼叫您的号码，请带好材料尽快前往。` : '正在呼叫您的号码，请留意大厅显示屏。', '未及时到窗口的号码会被过号。'],
        wait: null,
        final: false,
      };
    case 'serving':
      return { status: '办理中', tone: 'busy', lines: [`正在${at}为您办理。`], wait: null, final: false };
    case 'done':
      return { status: '已办结', tone: 'done', lines: ['本次业务已办结，感谢您的耐心等候。', '欢迎在窗口评价器上为本次服务评价。'], wait: null, final: true };
    case 'skipped':
      return {
        status: '已过号',
        tone: 'problem',
        lines: ['叫号时您未到窗口，号码已过号。', '请到服务台或原窗口说明情况，工作人员可为您重新排队（会排在几位之后）；无需重新取号。'],
        wait: null,
        final: false,
      };
    case 'cancelled':
      return { status: '已作废', tone: 'problem', lines: ['该号码已作废，不会再被呼叫。', '如仍需办理，请在取号机重新取号或到服务台咨询。'], wait: null, final: true };
    case 'transferred':
      return { status: '已转办', tone: 'busy', lines: ['您的号码已转到其他业务或窗口，正在为您显示新的排队情况…'], wait: null, final: false };
  }
}

/** 09:05:07 in the phone's own time. */
export function clockText(d: Date): string {
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
