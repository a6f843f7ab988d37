import type { CallEvent } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import { Announcer, chineseNumber, phraseOf, spokenTicketNumber, type Player, type Utterance } from './announcer.js';

const NOW = Date.parse('2026-11-23T09:30:00+08:00');

function call(seq: number, number: string, windowNo: string, atMs = NOW): CallEvent {
  return {
    ticketNumber: number,
    ticketId: `t${seq}`,
    windowId: `W${windowNo}`,
    windowNo,
    windowName: '综合受理',
    serviceName: '综合受理',
    text: `请${number}号到${windowNo}号窗口办理`,
    at: new Date(atMs).toISOString(),
    recall: false,
    seq,
  };
}

/** A player that takes real time per sound and records when each started and ended. */
function recordingPlayer(ms = 5): Player & { log: { u: Utterance; start: number; end: number }[] } {
  const log: { u: Utterance; start: number; end: number }[] = [];
  let clock = 0;
  return {
    log,
    async play(u) {
      const start = clock;
      await new Promise((r) => setTimeout(r, ms));
      clock += 10;
      log.push({ u, start, end: clock });
    },
  };
}

describe('announcer', () => {
  it('10 calls within one second: all announced, in order, none cut off, each repeated after a chime', async () => {
    const player = recordingPlayer();
    const a = new Announcer(player, { repeat: 2, chime: true, numberReading: 'digits', muted: false, hours: null, maxAgeMs: 60_000 }, () => NOW);
    const calls = Array.from({ length: 10 }, (_, i) => call(i + 1, `A${String(i + 1).padStart(3, '0')}`, String((i % 12) + 1), NOW + i * 90));
    for (const c of calls) expect(a.announce(c)).toBe(true);
    await a.whenIdle();
    const spoken = player.log.filter((e) => e.u.kind === 'speech').map((e) => (e.u as { text: string }).text);
    expect(spoken).toHaveLength(20);
    expect(spoken.filter((_, i) => i % 2 === 0)).toEqual(calls.map((c) => phraseOf(c, 'digits')));
    expect(spoken[0]).toBe('请A零零一号到一号窗口办理');
    expect(player.log.filter((e) => e.u.kind === 'chime')).toHaveLength(10);
    // Never two sounds at once: each starts after the previous ended.
    for (let i = 1; i < player.log.length; i++) expect(player.log[i]!.start).toBeGreaterThanOrEqual(player.log[i - 1]!.end);
  });

  it('does not re-announce a replayed call, nor stale calls, nor when muted or outside hours', async () => {
    const player = recordingPlayer(1);
    let minute = 9 * 60 + 30;
    const a = new Announcer(player, { repeat: 1, chime: false, numberReading: 'digits', muted: false, hours: ['08:30', '17:30'], maxAgeMs: 60_000 }, () => NOW, () => minute);
    expect(a.announce(call(1, 'B001', '4'))).toBe(true);
    expect(a.announce(call(1, 'B001', '4'))).toBe(false);
    expect(a.announce(call(2, 'B002', '4', NOW - 5 * 60_000))).toBe(false);
    a.configure({ muted: true });
    expect(a.announce(call(3, 'B003', '4'))).toBe(false);
    a.configure({ muted: false });
    minute = 18 * 60;
    expect(a.announce(call(4, 'B004', '4'))).toBe(false);
    await a.whenIdle();
    expect(player.log.map((e) => (e.u as { text: string }).text)).toEqual(['请B零零一号到四号窗口办理']);
  });

  it('a sound that fails does not stop the ones after it', async () => {
    const played: string[] = [];
    const a = new Announcer(
      {
        async play(u) {
          if (u.kind === 'speech' && u.text.includes('C零零一')) throw new Error('音频设备忙');
          if (u.kind === 'speech') played.push(u.text);
        },
      },
      { repeat: 1, chime: false, numberReading: 'digits', muted: false, hours: null, maxAgeMs: 60_000 },
      () => NOW,
    );
    a.announce(call(1, 'C001', '6'));
    a.announce(call(2, 'C002', '6'));
    await a.whenIdle();
    expect(played).toEqual(['请C零零二号到六号窗口办理']);
  });

  it('reads numbers as digits or as a number', () => {
    expect(spokenTicketNumber('A001', 'digits')).toBe('A零零一');
    expect(spokenTicketNumber('A001', 'number')).toBe('A一');
    expect(spokenTicketNumber('YA105', 'number')).toBe('YA一百零五');
    expect(spokenTicketNumber('H010', 'number')).toBe('H十');
    expect(chineseNumber(1234)).toBe('一千二百三十四');
    expect(chineseNumber(1004)).toBe('一千零四');
    expect(chineseNumber(110)).toBe('一百一十');
    expect(phraseOf(call(1, 'B012', '12'), 'digits')).toBe('请B零一二号到十二号窗口办理');
  });
});
