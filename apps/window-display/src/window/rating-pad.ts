/**
 * The evaluation pad's steps (HALL-RULES §4), as a pure function of what the citizen does and
 * the time: ask → (for a 差评) details → thanks. Nothing is preselected and nothing is sent for
 * the citizen: when nobody answers within the timeout, the pad sends "not rated" and closes.
 */
import type { RatingPadPolicy } from '../device/boot.js';

export type Level = 1 | 2 | 3 | 4 | 5;
export interface Episode {
  ticketId: string;
  number: string;
}

export type PadState =
  | { step: 'closed' }
  | { step: 'ask'; episode: Episode; lastTouch: number }
  | { step: 'details'; episode: Episode; level: Level; chosen: string[]; text: string; lastTouch: number }
  | { step: 'thanks'; until: number };

export type PadInput =
  | { type: 'finished'; episode: Episode }
  | { type: 'choose'; level: Level }
  | { type: 'toggle'; detail: string }
  | { type: 'text'; text: string }
  | { type: 'back' }
  | { type: 'submit' }
  | { type: 'skip' }
  | { type: 'tick' }
  /** Another pad (or a retry) answered this episode already. */
  | { type: 'answered'; ticketId: string };

export type Answer = { ticketId: string; level: Level; details?: string[]; text?: string } | { ticketId: string; notRated: true };

export const CLOSED: PadState = { step: 'closed' };

/** A 差评 needs a detail or some text before it can be sent. */
export function canSubmit(s: PadState): boolean {
  return s.step === 'details' && (s.chosen.length > 0 || s.text.trim().length > 0);
}

export function padStep(s: PadState, input: PadInput, now: number, policy: RatingPadPolicy): { state: PadState; send?: Answer } {
  const thanks = (): PadState => ({ step: 'thanks', until: now + policy.thanksSeconds * 1000 });
  switch (input.type) {
    case 'finished': {
      // A new episode while the previous one is still open: the previous one was not rated.
      const previous = s.step === 'ask' || s.step === 'details' ? s.episode : null;
      const state: PadState = { step: 'ask', episode: input.episode, lastTouch: now };
      return previous && previous.ticketId !== input.episode.ticketId ? { state, send: { ticketId: previous.ticketId, notRated: true } } : { state };
    }
    case 'choose':
      if (s.step !== 'ask' && s.step !== 'details') return { state: s };
      if (input.level <= 2) return { state: { step: 'details', episode: s.episode, level: input.level, chosen: s.step === 'details' ? s.chosen : [], text: s.step === 'details' ? s.text : '', lastTouch: now } };
      return { state: thanks(), send: { ticketId: s.episode.ticketId, level: input.level } };
    case 'toggle':
      if (s.step !== 'details') return { state: s };
      return { state: { ...s, chosen: s.chosen.includes(input.detail) ? s.chosen.filter((d) => d !== input.detail) : [...s.chosen, input.detail], lastTouch: now } };
    case 'text':
      return s.step === 'details' ? { state: { ...s, text: input.text.slice(0, 300), lastTouch: now } } : { state: s };
    case 'back':
      return s.step === 'details' ? { state: { step: 'ask', episode: s.episode, lastTouch: now } } : { state: s };
    case 'submit': {
      if (s.step !== 'details' || !canSubmit(s)) return { state: s };
      const text = s.text.trim();
      return { state: thanks(), send: { ticketId: s.episode.ticketId, level: s.level, ...(s.chosen.length > 0 ? { details: s.chosen } : {}), ...(text ? { text } : {}) } };
    }
    case 'skip':
      return s.step === 'ask' || s.step === 'details' ? { state: CLOSED, send: { ticketId: s.episode.ticketId, notRated: true } } : { state: s };
    case 'tick':
      if (s.step === 'thanks') return { state: now >= s.until ? CLOSED : s };
      if ((s.step === 'ask' || s.step === 'details') && now - s.lastTouch >= policy.padTimeoutSeconds * 1000) {
        return { state: CLOSED, send: { ticketId: s.episode.ticketId, notRated: true } };
      }
      return { state: s };
    case 'answered':
      return (s.step === 'ask' || s.step === 'details') && s.episode.ticketId === input.ticketId ? { state: CLOSED } : { state: s };
  }
}
