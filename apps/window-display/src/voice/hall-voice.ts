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

export async function startHallVoice(feed: HallFeed, policy: VoicePolicy, override: string | null, onStatus: (s: VoiceStatus) => void): Promise<void> {
  const engine = override === 'off' || override === 'clips' || override === 'speech' ? override : policy.engine;
  if (engine === 'off') return onStatus({ engine: 'off', detail: '语音叫号已关闭', needsTap: false });
  const ctx = new AudioContext();
  let clips: ClipLibrary | null = null;
  try {
    clips = await ClipLibrary.load(ctx);
  } catch {
    clips = null;
  }
  const voice = engine === 'clips' ? null : await chineseVoice();
  let player: Player;
  let status: VoiceStatus;
  if (voice) {
    player = new SpeechPlayer(voice, clips);
    status = { engine: 'speech', detail: `语音合成：${voice.name}`, needsTap: false };
  } else if (clips) {
    player = new ClipPlayer(clips);
    status = { engine: 'clips', detail: '录音片段', needsTap: false };
  } else {
    return onStatus({ engine: 'off', detail: '没有中文语音，也没有录音片段，无法播报', needsTap: false });
  }
  const recorder = new HistoryPlayer(player);
  const announcer = new Announcer(
    recorder,
    { repeat: policy.repeat, chime: policy.chime, numberReading: policy.numberReading, muted: false, hours: policy.hours, maxAgeMs: policy.maxAgeSeconds * 1000 },
    () => feed.serverNow(),
    () => feed.serverMinuteOfDay(),
  );
  feed.onCall((call) => announcer.announce(call));
  // Browsers start audio suspended until someone touches the page (a kiosk browser is started with
  // autoplay allowed); say so on screen instead of staying silent.
  const report = () => onStatus({ ...status, needsTap: ctx.state === 'suspended' });
  ctx.onstatechange = report;
  report();
  const unlock = () => void ctx.resume();
  window.addEventListener('pointerdown', unlock);
  window.addEventListener('keydown', unlock);
  (window as unknown as { hallVoice: unknown }).hallVoice = {
    engine: status.engine,
    history: recorder.history,
    missing: player instanceof ClipPlayer ? player.missing : new Set<string>(),
    idle: () => announcer.whenIdle(),
  };
}
