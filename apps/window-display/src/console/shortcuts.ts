/**
 * The caller's keyboard: one function key per window action, printed on its button. A key never
 * acts while the staff member is typing (a text field, a list, an editable area) or holding a
 * modifier (Ctrl/Alt/⌘ combinations stay the browser's). F5 (reload), F10, F11 and F12 are left
 * to the browser.
 */
export type DeskAction = 'call' | 'recall' | 'skip' | 'finish' | 'pause' | 'start' | 'transfer' | 'mode';

export const SHORTCUTS: readonly { key: string; action: DeskAction }[] = [
  { key: 'F1', action: 'call' },
  { key: 'F2', action: 'recall' },
  { key: 'F3', action: 'skip' },
  { key: 'F4', action: 'finish' },
  { key: 'F6', action: 'pause' },
  { key: 'F7', action: 'start' },
  { key: 'F8', action: 'transfer' },
  { key: 'F9', action: 'mode' },
];

export const KEY_OF: Record<DeskAction, string> = Object.fromEntries(SHORTCUTS.map((s) => [s.action, s.key])) as Record<DeskAction, string>;

/** What a keydown's target looks like, enough to tell typing from not. */
export interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
}

const NOT_TYPING_INPUTS = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image']);

export function isTypingTarget(t: TargetLike | null | undefined): boolean {
  if (!t) return false;
  if (t.isContentEditable) return true;
  const tag = (t.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NOT_TYPING_INPUTS.has((t.type ?? 'text').toLowerCase());
  return false;
}

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  repeat?: boolean;
  target?: TargetLike | null;
}

/** The action a keydown asks for, or null (not a shortcut, typing, a modifier, a held key). */
export function shortcutFor(e: KeyLike): DeskAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey || e.shiftKey || e.repeat) return null;
  if (isTypingTarget(e.target)) return null;
  return SHORTCUTS.find((s) => s.key === e.key)?.action ?? null;
}
