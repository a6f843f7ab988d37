/**
 * The two ways the hall screen can speak, behind the announcer's Player interface: the browser's
 * speech synthesis with a Chinese voice, or recorded clips (resources/voice/clips) played back to
 * back with Web Audio so the words join without gaps. Both play the chime from the clip set.
 */
import type { Player, Utterance } from './announcer.js';
import { clipsFor, type ClipManifest } from './clip-words.js';

const CLIP_BASE = '/voice/clips/';

export class ClipLibrary {
  private readonly buffers = new Map<string, Promise<AudioBuffer>>();

  constructor(
    readonly ctx: AudioContext,
    readonly manifest: ClipManifest,
  ) {}

  static async load(ctx: AudioContext): Promise<ClipLibrary> {
    const res = await fetch(`${CLIP_BASE}manifest.json`);
    if (!res.ok) throw new Error(`语音片段清单无法读取（${res.status}）`);
    const library = new ClipLibrary(ctx, (await res.json()) as ClipManifest);
    library.preload();
    return library;
  }

  /**
   * Fetches every clip now (the set is under 1 MB): a call that comes while the network blips is
   * still said, and the first call of the day does not wait for its words to download. A clip
   * that fails here is fetched again when it is needed.
   */
  preload(): void {
    for (const file of new Set([this.manifest.chime, ...Object.values(this.manifest.words)])) this.buffer(file).catch(() => undefined);
  }

  buffer(file: string): Promise<AudioBuffer> {
    let b = this.buffers.get(file);
    if (!b) {
      b = fetch(CLIP_BASE + encodeURIComponent(file))
        .then((r) => {
          if (!r.ok) throw new Error(`语音片段 ${file} 无法读取（${r.status}）`);
          return r.arrayBuffer();
        })
        .then((data) => this.ctx.decodeAudioData(data));
      b.catch(() => this.buffers.delete(file)); // try again next time
      this.buffers.set(file, b);
    }
    return b;
  }

  /** Plays the files one after the other without gaps; resolves when the last has ended. */
  async playAll(files: string[]): Promise<void> {
    if (files.length === 0) return;
    const buffers = await Promise.all(files.map((f) => this.buffer(f)));
    if (this.ctx.state === 'suspended') await this.ctx.resume();
    let t = this.ctx.currentTime + 0.05;
    let last: AudioBufferSourceNode | null = null;
    for (const b of buffers) {
      const src = this.ctx.createBufferSource();
      src.buffer = b;
      src.connect(this.ctx.destination);
      src.start(t);
      t += b.duration;
      last = src;
    }
    const ended = last!;
    // `ended` may never fire on a device without audio output; the schedule says when it is over.
    const ms = (t - this.ctx.currentTime) * 1000 + 200;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      ended.onended = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

export class ClipPlayer implements Player {
  /** Words of the last phrases that no clip could say (shown to maintenance staff). */
  readonly missing = new Set<string>();

  constructor(private readonly clips: ClipLibrary) {}

  async play(u: Utterance): Promise<void> {
    if (u.kind === 'chime') return this.clips.playAll([this.clips.manifest.chime]);
    const { files, missing } = clipsFor(u.text, this.clips.manifest);
    for (const m of missing) this.missing.add(m);
    return this.clips.playAll(files);
  }
}

export class SpeechPlayer implements Player {
  constructor(
    private readonly voice: SpeechSynthesisVoice,
    private readonly clips: ClipLibrary | null,
  ) {}

  async play(u: Utterance): Promise<void> {
    if (u.kind === 'chime') return this.clips?.playAll([this.clips.manifest.chime]);
    const utterance = new SpeechSynthesisUtterance(u.text);
    utterance.voice = this.voice;
    utterance.lang = this.voice.lang;
    utterance.rate = 0.9;
    await new Promise<void>((resolve) => {
      // A long silence means the engine dropped it: do not hold up the calls behind it.
      const timer = setTimeout(resolve, 15_000);
      utterance.onend = utterance.onerror = () => {
        clearTimeout(timer);
        resolve();
      };
      speechSynthesis.speak(utterance);
    });
  }
}

/** A Chinese voice of the browser's speech synthesis, if one is installed (voices load late). */
export async function chineseVoice(waitMs = 1500): Promise<SpeechSynthesisVoice | null> {
  if (typeof speechSynthesis === 'undefined') return null;
  const pick = () => speechSynthesis.getVoices().find((v) => /^(zh|cmn)([-_]|$)/i.test(v.lang)) ?? null;
  if (pick() || speechSynthesis.getVoices().length > 0) return pick();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(pick()), waitMs);
    speechSynthesis.addEventListener('voiceschanged', () => {
      clearTimeout(timer);
      resolve(pick());
    }, { once: true });
  });
}
