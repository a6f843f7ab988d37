/**
 * The hall's announcement queue. Calls arrive in bursts (ten windows may call within a second);
 * each phrase is played to its end before the next one starts, in arrival order, repeated as
 * configured, after a chime. The player (speech synthesis or recorded clips) is injected, so the
 * queue is tested without a browser. Muting and quiet hours drop announcements, never the queue.
 */
import type { CallEvent } from '@hall/shared';

export type Utterance = { kind: 'chime' } | { kind: 'speech'; text: string };

export interface Player {
  /** Resolves when the sound has finished playing. */
  play(u: Utterance): Promise<void>;
}

export interface AnnouncerOptions {
  /** How many times each phrase is spoken. */
  repeat: number;
  chime: boolean;
  /** 'digits' reads A001 as A零零一, 'number' as A一. */
  numberReading: 'digits' | 'number';
  muted: boolean;
  /** Local hours (HH:MM–HH:MM) in which to announce; null = always. */
  hours: readonly [string, string] | null;
  /** Calls older than this (e.g. replayed after a reconnect) are shown but not announced. */
  maxAgeMs: number;
}

export const DEFAULT_ANNOUNCER: AnnouncerOptions = { repeat: 2, chime: true, numberReading: 'digits', muted: false, hours: null, maxAgeMs: 60_000 };

const DIGITS = '零一二三四五六七八九';

/** 123 → 一百二十三; 10 → 十; 7 → 七 (0–9999). */
export function chineseNumber(n: number): string {
  if (n === 0) return '零';
  const units = ['', '十', '百', '千'];
  const ds = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i]!;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += d === 1 && unit === '十' && out === '' ? unit : DIGITS[d]! + unit;
  });
  return out;
}

/** How a ticket number is read out: A001 → A零零一 (digits) or A一 (number). */
export function spokenTicketNumber(number: string, reading: AnnouncerOptions['numberReading']): string {
  const m = /^([A-Z]*)(\d+)$/.exec(number);
  if (!m) return number;
  const [, prefix, digits] = m;
  return prefix + (reading === 'digits' ? digits!.split('').map((d) => DIGITS[Number(d)]).join('') : chineseNumber(Number(digits)));
}

/**
 * The call's phrase as it is to be read: the ticket number as configured, and any other number
 * (the window's) as a Chinese numeral — 12号窗口 → 十二号窗口 — whatever the voice's language.
 */
export function phraseOf(call: CallEvent, reading: AnnouncerOptions['numberReading']): string {
  return call.text
    .split(call.ticketNumber)
    .map((part) => part.replace(/\d+/g, (d) => chineseNumber(Number(d))))
    .join(spokenTicketNumber(call.ticketNumber, reading));
}

export class Announcer {
  private readonly queue: Utterance[] = [];
  private readonly heard = new Set<number>();
  private playing = false;
  private idle: Promise<void> = Promise.resolve();
  private resolveIdle: (() => void) | null = null;

  constructor(
    private readonly player: Player,
    private options: AnnouncerOptions = DEFAULT_ANNOUNCER,
    private readonly now: () => number = () => Date.now(),
    /** Minutes since local midnight, for quiet hours. */
    private readonly minuteOfDay: () => number = () => {
      const d = new Date(this.now());
      return d.getHours() * 60 + d.getMinutes();
    },
  ) {}

  configure(options: Partial<AnnouncerOptions>): void {
    this.options = { ...this.options, ...options };
  }

  /** Queues a call's announcement; returns false when it is not announced (muted, quiet hours, stale, seen). */
  announce(call: CallEvent): boolean {
    if (this.heard.has(call.seq)) return false;
    this.heard.add(call.seq);
    const o = this.options;
    if (o.muted || !this.inHours() || this.now() - Date.parse(call.at) > o.maxAgeMs) return false;
    if (o.chime) this.queue.push({ kind: 'chime' });
    const text = phraseOf(call, o.numberReading);
    for (let i = 0; i < Math.max(1, o.repeat); i++) this.queue.push({ kind: 'speech', text });
    if (!this.playing) void this.drain();
    return true;
  }

  /** Resolves when everything queued so far has been played. */
  whenIdle(): Promise<void> {
    return this.playing ? this.idle : Promise.resolve();
  }

  private inHours(): boolean {
    const h = this.options.hours;
    if (!h) return true;
    const [a, b] = h.map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))) as [number, number];
    const m = this.minuteOfDay();
    return m >= a && m < b;
  }

  private async drain(): Promise<void> {
    this.playing = true;
    this.idle = new Promise((r) => (this.resolveIdle = r));
    while (this.queue.length > 0) {
      const next = this.queue.shift()!;
      try {
        await this.player.play(next);
      } catch {
        // A failed sound (device busy) must not stop the calls after it.
      }
    }
    this.playing = false;
    this.resolveIdle?.();
  }
}
