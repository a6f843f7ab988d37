/**
 * Spoken prompts for the elderly mode (适老化), with the browser's speech synthesis when it has a
 * Chinese voice; silent otherwise (the screen says everything too).
 */
let voice: SpeechSynthesisVoice | null | undefined;

function chineseVoice(): SpeechSynthesisVoice | null {
  if (typeof speechSynthesis === 'undefined') return null;
  if (voice) return voice;
  try {
    voice = speechSynthesis.getVoices().find((v) => /^(zh|cmn)([-_]|$)/i.test(v.lang)) ?? null;
  } catch {
    voice = null;
  }
  return voice;
}

if (typeof speechSynthesis !== 'undefined') {
  speechSynthesis.addEventListener?.('voiceschanged', () => {
    voice = undefined;
  });
}

export function canSpeak(): boolean {
  return chineseVoice() !== null;
}

/** Says `text`, one utterance per line in turn, cutting off whatever was being said (the screen moved on). */
export function speak(text: string): boolean {
  try {
    const v = chineseVoice();
    const lines = text.split('\n').filter((l) => l.trim());
    if (!v || !lines.length) return false;
    speechSynthesis.cancel();
    for (const line of lines) {
      const u = new SpeechSynthesisUtterance(line);
      u.lang = v.lang;
      u.rate = 0.85;
      try {
        u.voice = v;
      } catch {
        // an engine that will not take this voice object still speaks in `lang`
      }
      speechSynthesis.speak(u);
    }
    return true;
  } catch {
    // Speech is a help, never a reason for the page to fail.
    return false;
  }
}

export function hush(): void {
  try {
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
  } catch {
    // nothing to stop
  }
}
