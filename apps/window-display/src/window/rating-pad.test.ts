import { describe, expect, it } from 'vitest';
import type { RatingPadPolicy } from '../device/boot.js';
import { CLOSED, canSubmit, padStep, type PadInput, type PadState } from './rating-pad.js';

const policy: RatingPadPolicy = { badDetails: ['服务态度不好', '等候时间太长'], padTimeoutSeconds: 60, thanksSeconds: 5, acceptWithinMinutes: 30 };
const episode = { ticketId: 't1', number: 'A001' };

/** Runs inputs at the given seconds; returns the final state and everything sent. */
function run(inputs: [number, PadInput][], start: PadState = CLOSED) {
  let state = start;
  const sent: unknown[] = [];
  for (const [sec, input] of inputs) {
    const r = padStep(state, input, sec * 1000, policy);
    state = r.state;
    if (r.send) sent.push(r.send);
  }
  return { state, sent };
}

describe('evaluation pad', () => {
  it('sends a good rating at once and thanks, then closes after the thank-you time', () => {
    const r = run([[0, { type: 'finished', episode }], [3, { type: 'choose', level: 4 }], [7, { type: 'tick' }]]);
    expect(r.sent).toEqual([{ ticketId: 't1', level: 4 }]);
    expect(r.state.step).toBe('thanks');
    expect(run([[8, { type: 'tick' }]], r.state).state).toEqual(CLOSED);
  });

  it('asks a 差评 for details and will not send it without one', () => {
    let r = run([[0, { type: 'finished', episode }], [2, { type: 'choose', level: 2 }], [3, { type: 'submit' }]]);
    expect(r.state.step).toBe('details');
    expect(canSubmit(r.state)).toBe(false);
    expect(r.sent).toEqual([]);
    r = run([[4, { type: 'toggle', detail: '等候时间太长' }], [5, { type: 'text', text: '  叫号后等了很久  ' }], [6, { type: 'submit' }]], r.state);
    expect(r.sent).toEqual([{ ticketId: 't1', level: 2, details: ['等候时间太长'], text: '叫号后等了很久' }]);
  });

  it('records "not rated" when nobody answers — never a default rating — counting from the last touch', () => {
    const quiet = run([[0, { type: 'finished', episode }], [59, { type: 'tick' }]]);
    expect(quiet.sent).toEqual([]);
    const r = run([[60, { type: 'tick' }]], quiet.state);
    expect(r.sent).toEqual([{ ticketId: 't1', notRated: true }]);
    expect(r.state).toEqual(CLOSED);
    const touched = run([[0, { type: 'finished', episode }], [50, { type: 'choose', level: 1 }], [100, { type: 'tick' }]]);
    expect(touched.sent).toEqual([]);
  });

  it('closes the previous episode as not rated when the next one finishes, and closes when answered elsewhere', () => {
    const r = run([[0, { type: 'finished', episode }], [5, { type: 'finished', episode: { ticketId: 't2', number: 'A002' } }]]);
    expect(r.sent).toEqual([{ ticketId: 't1', notRated: true }]);
    expect(r.state).toMatchObject({ step: 'ask', episode: { ticketId: 't2' } });
    expect(run([[6, { type: 'answered', ticketId: 't2' }]], r.state).state).toEqual(CLOSED);
  });

  it('lets the citizen go back from details and skip', () => {
    const r = run([[0, { type: 'finished', episode }], [1, { type: 'choose', level: 1 }], [2, { type: 'back' }], [3, { type: 'skip' }]]);
    expect(r.sent).toEqual([{ ticketId: 't1', notRated: true }]);
  });
});
