/**
 * Voice calling on the hall screen: picks the engine (config `voice.engine`, or `?voice=` on the
 * page for one device), feeds every call of the hall feed to the announcement queue on the hall's
 * clock, and keeps a short history of what was said for maintenance (window.hallVoice).
 */
import type { VoicePolicy } from '@hall/shared';
import type { HallFeed } from '../realtime/index.js';
import { Announcer, type Player, type Utterance } from './announcer.js';
import { ClipLibrary, ClipPlayer, SpeechPlayer, chineseVoice } from './players.js';

export interface SpokenRecord {
  kind: Utterance['kind'];
  text: string;
  start: number;
  end: number;
}

export type VoiceStatus = { engine: 'speech' | 'clips' | 'off'; detail: string; needsTap: boolean };

/** Records each sound's start and end, for the history and for tests of order and completeness. */
class HistoryPlayer implements Player {
  readonly history: SpokenRecord[] = [];
  constructor(private readonly inner: Player) {}
  async play(u: Utterance): Promise<void> {
    const start = performance.now();
    try {
      await this.inner.play(u);
    } finally {
      this.history.push({ kind: u.kind, text: u.kind === 'speech' ? u.text : '', start, end: performance.now() });
      if (this.history.length > 100) this.history.shift();
    }
  }
}

/** The voice of a hall screen, started once; a new policy (立即生效) is applied with `apply`. */
export interface HallVoice {
  apply(policy: VoicePolicy): void;
}

/**
 * Starts voice calling for the screen's life. `apply` takes a new policy without stopping what is
 * being said: the phrase playing ends whole and the calls already queued are said as they were
 * queued; the next calls follow the new repeat, chime, number reading and hours, on the new
 * engine if that changed (`?voice=` on the page still wins over the config's engine).
 */
export function startHallVoice(feed: HallFeed, policy: VoicePolicy, override: string | null, onStatus: (s: VoiceStatus) => void): HallVoice {
  const forced = override === 'off' || override === 'clips' || override === 'speech' ? override : null;
  // The announcer plays through whichever player the engine now in force has (none while off).
  let current: Player | null = null;
  const recorder = new HistoryPlayer({ play: (u) => current?.play(u) ?? Promise.resolve() });
  const options = (p: VoicePolicy, muted: boolean) => ({ repeat: p.repeat, chime: p.chime, numberReading: p.numberReading, muted, hours: p.hours, maxAgeMs: p.maxAgeSeconds * 1000 });
  const announcer = new Announcer(recorder, options(policy, true), () => feed.serverNow(), () => feed.serverMinuteOfDay());
  feed.onCall((call) => announcer.announce(call));

  let ctx: AudioContext | null = null;
  let clips: Promise<ClipLibrary | null> | null = null;
  let engine: VoicePolicy['engine'] | null = null;
  let wanted = 0;
  let status: VoiceStatus = { engine: 'off', detail: '语音叫号已关闭', needsTap: false };
  const report = () => onStatus({ ...status, needsTap: status.engine !== 'off' && ctx?.state === 'suspended' });
  const hallVoice = { engine: status.engine as VoiceStatus['engine'], history: recorder.history, missing: new Set<string>(), idle: () => announcer.whenIdle() };

  const useEngine = async (next: VoicePolicy['engine']) => {
    const mine = ++wanted;
    if (next === 'off') {
      announcer.configure({ muted: true });
      current = null;
      status = { engine: 'off', detail: '语音叫号已关闭', needsTap: false };
    } else {
      if (!ctx) {
        ctx = new AudioContext();
        // Browsers start audio suspended until someone touches the page (a kiosk browser is
        // started with autoplay allowed); say so on screen instead of staying silent.
        ctx.onstatechange = report;
        const unlock = () => void ctx?.resume();
        window.addEventListener('pointerdown', unlock);
        window.addEventListener('keydown', unlock);
        clips = ClipLibrary.load(ctx).catch(() => null);
      }
      const library = await clips!;
      const voice = next === 'clips' ? null : await chineseVoice();
      if (mine !== wanted) return; // overtaken by a newer policy
      let player: Player | null = null;
      if (voice) {
        player = new SpeechPlayer(voice, library);
        status = { engine: 'speech', detail: `语音合成：${voice.name}`, needsTap: false };
      } else if (library) {
        player = new ClipPlayer(library);
        status = { engine: 'clips', detail: '录音片段', needsTap: false };
      } else {
        status = { engine: 'off', detail: '没有中文语音，也没有录音片段，无法播报', needsTap: false };
      }
      current = player;
      announcer.configure({ muted: player === null });
      hallVoice.missing = player instanceof ClipPlayer ? player.missing : new Set<string>();
    }
    hallVoice.engine = status.engine;
    report();
  };

  (window as unknown as { hallVoice: unknown }).hallVoice = hallVoice;
  const apply = (p: VoicePolicy) => {
    const next = forced ?? p.engine;
    // Muted while there is no player yet (starting, or none could be made) or the engine is off.
    announcer.configure(options(p, next === 'off' || current === null));
    if (next !== engine) {
      engine = next;
      void useEngine(next);
    }
  };
  apply(policy);
  return { apply };
}
