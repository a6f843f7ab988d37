/**
 * Turns a call phrase into the recorded clips that say it: the longest word of the clip set at
 * each position (窗口 before 窗), letters by name, digits one by one. What the set cannot say is
 * reported, so a hall that changes its phrase template learns which recordings to add.
 */

export interface ClipManifest {
  chime: string;
  /** Word (e.g. 请, 窗口, A, 七) → file name under /voice/clips/. */
  words: Record<string, string>;
}

const DIGITS = '零一二三四五六七八九';

export function clipsFor(text: string, manifest: ClipManifest): { files: string[]; missing: string[] } {
  const words = Object.keys(manifest.words).sort((a, b) => b.length - a.length);
  const files: string[] = [];
  const missing: string[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i).toUpperCase();
    const word = words.find((w) => rest.startsWith(w.toUpperCase()));
    if (word) {
      files.push(manifest.words[word]!);
      i += word.length;
      continue;
    }
    const ch = text[i]!;
    const asDigit = /\d/.test(ch) ? DIGITS[Number(ch)]! : null;
    if (asDigit && manifest.words[asDigit]) files.push(manifest.words[asDigit]!);
    else if (!/[\s，。、,.!！?？]/.test(ch)) missing.push(ch);
    i++;
  }
  return { files, missing };
}
