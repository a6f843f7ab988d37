/**
 * What the kiosk screen shows and what a touch, a card or a result does next. Pure:
 * `next(screen, action)` returns the next screen and the effect to run (a ticket or a check-in
 * for the agent), never runs it — App.tsx does.
 */
import { checkIdNumber, ID_PROBLEM_MESSAGES } from '@hall/shared';
import type { IdCard, IssuedTicket, JobResult, KioskService } from '../protocol.js';

export interface ServiceRef {
  code: string;
  name: string;
}

/** Why the ID number is being typed: for a ticket, a check-in by ID, or after a booking code. */
export type IdPurpose = { for: 'take'; service: ServiceRef } | { for: 'check-in-id' } | { for: 'check-in-code'; code: string };

export type Screen =
  | { name: 'home' }
  /** 实名取号: place the ID card (or type the number). */
  | { name: 'id-card'; service: ServiceRef }
  | { name: 'check-in' }
  | { name: 'check-in-id' }
  | { name: 'code-keypad'; value: string; problem: string | null }
  | { name: 'id-keypad'; purpose: IdPurpose; value: string; problem: string | null }
  /** Waiting for the agent; `service` so that a "needs an ID card" answer knows what was asked. */
  | { name: 'working'; text: string; service: ServiceRef | null; own: boolean }
  | { name: 'result'; ticket: IssuedTicket; note: string | null }
  | { name: 'error'; message: string };

export type Effect =
  | { kind: 'take'; serviceCode: string; idNumber?: string }
  | { kind: 'check-in'; body: { code: string; idNumber: string } | { idNumber: string } };

export type Action =
  | { type: 'home' }
  | { type: 'service'; service: KioskService }
  | { type: 'check-in' }
  | { type: 'check-in-by-card' }
  | { type: 'check-in-by-code' }
  | { type: 'type-id' }
  | { type: 'key'; key: string }
  | { type: 'backspace' }
  | { type: 'clear' }
  /** `today` (hall date) checks the ID number's birth date. */
  | { type: 'confirm'; today: string }
  | { type: 'card'; card: IdCard }
  /** The agent started a job the page did not ask for (a scanned QR code). */
  | { type: 'scan-started' }
  | { type: 'done'; result: JobResult };

export const HOME: Screen = { name: 'home' };
export const ID_LENGTH = 18;
export const CODE_MAX = 16;
const TAKING = '正在出票，请稍候…';
const CHECKING_IN = '正在签到，请稍候…';

export type Step = [Screen, Effect | null];

const stay = (s: Screen): Step => [s, null];

export function next(s: Screen, a: Action): Step {
  switch (a.type) {
    case 'home':
      return stay(HOME);

    case 'service':
      if (s.name !== 'home') return stay(s);
      if (a.service.realName) return stay({ name: 'id-card', service: ref(a.service) });
      return [{ name: 'working', text: TAKING, service: ref(a.service), own: true }, { kind: 'take', serviceCode: a.service.code }];

    case 'check-in':
      return stay(s.name === 'home' ? { name: 'check-in' } : s);
    case 'check-in-by-card':
      return stay(s.name === 'check-in' ? { name: 'check-in-id' } : s);
    case 'check-in-by-code':
      return stay(s.name === 'check-in' ? { name: 'code-keypad', value: '', problem: null } : s);

    case 'type-id':
      if (s.name === 'id-card') return stay({ name: 'id-keypad', purpose: { for: 'take', service: s.service }, value: '', problem: null });
      if (s.name === 'check-in-id') return stay({ name: 'id-keypad', purpose: { for: 'check-in-id' }, value: '', problem: null });
      return stay(s);

    case 'key': {
      if (s.name === 'id-keypad') {
        const k = a.key.toUpperCase();
        if (!/^[0-9X]$/.test(k) || s.value.length >= ID_LENGTH) return stay(s);
        // X is only ever the check digit.
        if (k === 'X' && s.value.length !== ID_LENGTH - 1) return stay({ ...s, problem: '字母 X 只能是身份证号码的最后一位' });
        return stay({ ...s, value: s.value + k, problem: null });
      }
      if (s.name === 'code-keypad') {
        const k = a.key.toUpperCase();
        if (!/^[0-9A-Z]$/.test(k) || s.value.length >= CODE_MAX) return stay(s);
        return stay({ ...s, value: s.value + k, problem: null });
      }
      return stay(s);
    }
    case 'backspace':
      return stay(s.name === 'id-keypad' || s.name === 'code-keypad' ? { ...s, value: s.value.slice(0, -1), problem: null } : s);
    case 'clear':
      return stay(s.name === 'id-keypad' || s.name === 'code-keypad' ? { ...s, value: '', problem: null } : s);

    case 'confirm': {
      if (s.name === 'code-keypad') {
        if (s.value.length < 4) return stay({ ...s, problem: '请输入完整的预约码（见预约短信或预约成功页面）' });
        return stay({ name: 'id-keypad', purpose: { for: 'check-in-code', code: s.value }, value: '', problem: null });
      }
      if (s.name !== 'id-keypad') return stay(s);
      if (s.value.length !== ID_LENGTH) return stay({ ...s, problem: `身份证号码应为 ${ID_LENGTH} 位，已输入 ${s.value.length} 位` });
      const check = checkIdNumber(s.value, a.today);
      if (!check.valid) return stay({ ...s, problem: ID_PROBLEM_MESSAGES[check.problem] });
      return withId(s.purpose, check.normalized);
    }

    case 'card':
      // The card wins over a half-typed number; elsewhere a card means nothing.
      if (s.name === 'id-card') return withId({ for: 'take', service: s.service }, a.card.idNumber);
      if (s.name === 'check-in-id') return withId({ for: 'check-in-id' }, a.card.idNumber);
      if (s.name === 'id-keypad') return withId(s.purpose, a.card.idNumber);
      return stay(s);

    case 'scan-started':
      return stay(s.name === 'working' ? s : { name: 'working', text: CHECKING_IN, service: null, own: false });

    case 'done': {
      const r = a.result;
      if (r.ok) return stay({ name: 'result', ticket: r.ticket, note: null });
      if (r.ticket) return stay({ name: 'result', ticket: r.ticket, note: r.message });
      if (r.needIdCard && s.name === 'working' && s.service) return stay({ name: 'id-card', service: s.service });
      // The out-of-service screen says why, and clears by itself.
      if (r.code === 'OUT_OF_SERVICE' || r.code === 'NETWORK') return stay(HOME);
      return stay({ name: 'error', message: r.message });
    }
  }
}

function withId(p: IdPurpose, idNumber: string): Step {
  if (p.for === 'take') return [{ name: 'working', text: TAKING, service: p.service, own: true }, { kind: 'take', serviceCode: p.service.code, idNumber }];
  const body = p.for === 'check-in-code' ? { code: p.code, idNumber } : { idNumber };
  return [{ name: 'working', text: CHECKING_IN, service: null, own: true }, { kind: 'check-in', body }];
}

const ref = (s: KioskService): ServiceRef => ({ code: s.code, name: s.name });

/** Seconds without a touch before this screen goes home; null: it does not. */
export function idleLimit(s: Screen, t: { idleSeconds: number; resultSeconds: number }, elder: boolean): number | null {
  if (s.name === 'home' || s.name === 'working') return null;
  const base = s.name === 'result' || s.name === 'error' ? t.resultSeconds : t.idleSeconds;
  return elder ? base * 2 : base;
}

/** 一次告知, spoken: the materials list as one sentence. */
export function materialsPrompt(materials: readonly string[]): string {
  return `请备齐以下材料：${materials.join('；')}`;
}

/** `C001` → `C零零一`: a speech engine reads the digits one by one, as the hall screen calls them. */
export function spokenNumber(number: string): string {
  return [...number].map((ch) => '零一二三四五六七八九'[Number(ch)] ?? ch).join('');
}

/** 110101 19900307 123X: easier to check against the card. */
export function groupId(value: string): string {
  return [value.slice(0, 6), value.slice(6, 14), value.slice(14)].filter(Boolean).join(' ');
}

/** 110101********123X for the screen. */
export function maskId(id: string): string {
  return id.length === ID_LENGTH ? `${id.slice(0, 6)}********${id.slice(14)}` : id;
}
