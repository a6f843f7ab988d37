/**
 * The evaluation pad (评价器) on the window screen: after 办结 it covers the screen's body (the
 * header keeps the window; the pad names who served) and asks for one rating. Five equal
 * buttons, none highlighted or preselected; a 差评 asks what went wrong; a thank-you; "not
 * rated" after the timeout.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OnDuty } from '@hall/shared';
import type { RatingPadPolicy } from '../device/boot.js';
import type { HallView } from '../realtime/index.js';
import { CLOSED, canSubmit, padStep, type Level, type PadInput, type PadState } from './rating-pad.js';
import { sendAnswer } from './rating-sender.js';

const LEVELS: { level: Level; label: string }[] = [
  { level: 5, label: '非常满意' },
  { level: 4, label: '满意' },
  { level: 3, label: '基本满意' },
  { level: 2, label: '不满意' },
  { level: 1, label: '非常不满意' },
];

export function RatingPad({ view, windowId, policy, deviceKey, staff }: { view: HallView; windowId: string; policy: RatingPadPolicy; deviceKey: string; staff: OnDuty[] }) {
  const [state, setState] = useState<PadState>(CLOSED);
  const stateRef = useRef(state);
  // Steps run here, not in a React reducer: an answer must be sent exactly once per step.
  const dispatch = useCallback(
    (input: PadInput) => {
      const r = padStep(stateRef.current, input, Date.now(), policy);
      stateRef.current = r.state;
      setState(r.state);
      if (r.send) void sendAnswer(deviceKey, r.send);
    },
    [policy, deviceKey],
  );
  const seen = useRef(new Set<string>());

  // A new episode finished at this window (live, not replayed from long ago) opens the pad.
  const finished = view.finished[windowId];
  useEffect(() => {
    if (!finished?.finishedAt || seen.current.has(finished.id)) return;
    seen.current.add(finished.id);
    const age = Date.parse(view.at) - Date.parse(finished.finishedAt);
    if (age > policy.acceptWithinMinutes * 60_000 || view.answered.includes(finished.id)) return;
    dispatch({ type: 'finished', episode: { ticketId: finished.id, number: finished.number } });
  }, [finished, view.at, view.answered, policy.acceptWithinMinutes, dispatch]);

  const lastAnswered = view.answered.at(-1);
  useEffect(() => {
    if (lastAnswered) dispatch({ type: 'answered', ticketId: lastAnswered });
  }, [lastAnswered, dispatch]);

  const open = state.step !== 'closed';
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => dispatch({ type: 'tick' }), 500);
    return () => clearInterval(timer);
  }, [open, dispatch]);

  if (state.step === 'closed') return null;
  const current = view.windows.find((w) => w.id === windowId)?.current;
  const calling = current && current.status === 'called' ? current.number : null;
  return (
    <div className="pad" data-testid="rating-pad" data-step={state.step}>
      {calling && (
        <p className="pad-calling" data-testid="pad-calling">
          请 <b>{calling}</b> 号到本窗口办理
        </p>
      )}
      {state.step === 'ask' && (
        <>
          <h2 className="pad-title">请您对本次服务作出评价</h2>
          <p className="pad-sub">
            号码 {state.episode.number}
            {staff.length > 0 && ` · 为您服务：${staff.map((s) => `${s.name}（工号 ${s.employeeNo}）`).join('、')}`} · 评价自愿，可不评价
          </p>
          <div className="pad-levels">
            {LEVELS.map((l) => (
              <button key={l.level} type="button" className="pad-level" onClick={() => dispatch({ type: 'choose', level: l.level })}>
                {l.label}
              </button>
            ))}
          </div>
          <button type="button" className="pad-skip" onClick={() => dispatch({ type: 'skip' })}>
            不评价
          </button>
        </>
      )}
      {state.step === 'details' && (
        <>
          <h2 className="pad-title">请告诉我们哪里做得不好</h2>
          <p className="pad-sub">您选择了“{LEVELS.find((l) => l.level === state.level)!.label}”，请至少选择一项或填写意见，我们将在 5 个工作日内整改并回访</p>
          <div className="pad-details">
            {policy.badDetails.map((d) => (
              <button key={d} type="button" className={state.chosen.includes(d) ? 'pad-detail on' : 'pad-detail'} aria-pressed={state.chosen.includes(d)} onClick={() => dispatch({ type: 'toggle', detail: d })}>
                {d}
              </button>
            ))}
          </div>
          <textarea className="pad-text" placeholder="其他意见（选填）" maxLength={300} value={state.text} onChange={(e) => dispatch({ type: 'text', text: e.target.value })} />
          <div className="pad-actions">
            <button type="button" className="pad-back" onClick={() => dispatch({ type: 'back' })}>
              返回
            </button>
            <button type="button" className="pad-submit" disabled={!canSubmit(state)} onClick={() => dispatch({ type: 'submit' })}>
              提交评价
            </button>
          </div>
        </>
      )}
      {state.step === 'thanks' && (
        <div className="pad-thanks" data-testid="pad-thanks">
          <h2>感谢您的评价</h2>
          <p>您的意见是我们改进工作的依据</p>
        </div>
      )}
    </div>
  );
}
