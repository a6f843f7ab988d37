/**
 * The kiosk page: the agent's state and events in, touches in, `flow.ts` decides, the agent
 * runs tickets and check-ins. Out of service covers everything until the cause goes.
 */
import { localDate } from '@hall/shared';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { KioskBridge, KioskEvent, KioskState } from '../protocol.js';
import { WedgeDetector } from '../scanner/wedge-detector.js';
import { postScan, requestId, runJob, subscribe } from './api.js';
import { HOME, idleLimit, materialsPrompt, next, spokenNumber, type Action, type Effect, type Screen } from './flow.js';
import { canSpeak, hush, speak } from './speech.js';
import { CheckInScreen, CodeKeypadScreen, ErrorScreen, Header, HomeScreen, IdCardScreen, IdKeypadScreen, OutOfServiceScreen, ResultScreen, WorkingScreen } from './screens.js';

declare global {
  interface Window {
    kioskShell?: KioskBridge;
  }
}

type Model = { screen: Screen; effect: Effect | null; effectId: number };

function reduce(m: Model, a: Action): Model {
  const [screen, effect] = next(m.screen, a);
  return effect ? { screen, effect, effectId: m.effectId + 1 } : { ...m, screen };
}

/** What the elderly mode says when a screen appears; each line is one utterance, said in turn. */
function prompt(s: Screen): string {
  switch (s.name) {
    case 'home':
      return '请点击要办理的业务。已预约的群众，请点击预约签到';
    case 'id-card':
    case 'check-in-id':
      return '请在感应区放置身份证';
    case 'check-in':
      return '请将预约二维码对准扫描口，或选择刷身份证、输入预约码签到';
    case 'code-keypad':
      return '请输入预约码';
    case 'id-keypad':
      return '请输入身份证号码';
    case 'working':
      return '';
    case 'result': {
      const told = s.note
        ? `${s.note}。您的号码是${spokenNumber(s.ticket.number)}`
        : `您的号码是${spokenNumber(s.ticket.number)}，前面还有${s.ticket.peopleAhead}人。请取走您的号票`;
      return s.ticket.materials.length ? `${told}\n${materialsPrompt(s.ticket.materials)}` : told;
    }
    case 'error':
      return s.message;
  }
}

export function App() {
  const [state, setState] = useState<KioskState | null>(null);
  const [linkUp, setLinkUp] = useState(true);
  const [model, dispatch] = useReducer(reduce, { screen: HOME, effect: null, effectId: 0 });
  const [elder, setElder] = useState(false);
  const [lastTouch, setLastTouch] = useState(() => Date.now());
  const screen = model.screen;
  const screenRef = useRef(screen);
  screenRef.current = screen;

  // Agent state and events.
  useEffect(
    () =>
      subscribe(
        (e: KioskEvent) => {
          if (e.type === 'state') setState(e.state);
          else if (e.type === 'id-card') dispatch({ type: 'card', card: e.card });
          else if (e.type === 'job') {
            if (e.phase === 'started') dispatch({ type: 'scan-started' });
            // BUSY: the page's own job is running and will show its own answer.
            else if (!(e.result.ok === false && e.result.code === 'BUSY')) dispatch({ type: 'done', result: e.result });
            setLastTouch(Date.now());
          }
        },
        setLinkUp,
      ),
    [],
  );

  // Run the effect the flow asked for, once.
  const ran = useRef(0);
  useEffect(() => {
    const effect = model.effect;
    if (!effect || ran.current === model.effectId) return;
    ran.current = model.effectId;
    const id = requestId();
    const job =
      effect.kind === 'take'
        ? runJob({ serviceCode: effect.serviceCode, ...(effect.idNumber ? { idNumber: effect.idNumber } : {}), requestId: id }, 'take')
        : runJob({ ...effect.body, requestId: id }, 'check-in');
    void job.then((result) => {
      dispatch({ type: 'done', result });
      setLastTouch(Date.now());
    });
  }, [model.effect, model.effectId]);

  // Idle: back home.
  const limit = state ? idleLimit(screen, state.timeouts, elder) : null;
  useEffect(() => {
    if (limit === null) return;
    const t = setTimeout(() => {
      dispatch({ type: 'home' });
      setElder(false); // the next person starts in the standard mode
    }, limit * 1000);
    return () => clearTimeout(t);
  }, [limit, lastTouch, screen]);

  // Out of service: whatever was on screen goes; home comes back when the cause goes.
  const outOfService = state?.outOfService ?? null;
  const blocked = !linkUp || outOfService !== null;
  const showingAnswer = screen.name === 'result' || screen.name === 'error';
  useEffect(() => {
    if (blocked && !showingAnswer && screenRef.current.name !== 'working') dispatch({ type: 'home' });
  }, [blocked, showingAnswer]);

  // Spoken prompts in the elderly mode.
  const oosReason = !linkUp ? '本机服务未响应' : outOfService?.reason;
  const showOos = blocked && !showingAnswer;
  const spoken = showOos ? `暂停服务，${oosReason}` : prompt(screen);
  useEffect(() => {
    if (!elder) return hush();
    speak(spoken);
  }, [elder, spoken]);

  useEffect(() => {
    document.documentElement.classList.toggle('elder', elder);
  }, [elder]);

  // A keyboard-wedge scanner types into the page: catch its bursts.
  useEffect(() => {
    if (state?.scanner.kind !== 'wedge') return;
    const detector = new WedgeDetector();
    const onKey = (e: KeyboardEvent) => {
      // The event's own time: when the key came in, not when a busy page got to it.
      const text = detector.key(e.key, e.timeStamp || performance.now());
      if (text) postScan(text);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state?.scanner.kind]);

  const act = useCallback((a: Action) => dispatch(a), []);
  const touched = () => setLastTouch(Date.now());

  const hallNow = () => Date.now() + (state?.serverClockOffsetMs ?? 0);
  const today = () => localDate(hallNow());
  const remaining = limit;

  return (
    <div
      className={`kiosk${elder ? ' elder' : ''}`}
      data-testid="kiosk"
      data-screen={showOos ? 'out-of-service' : screen.name}
      onPointerDown={touched}
      onContextMenu={(e) => e.preventDefault()}
    >
      <Header
        hallName={state?.hallName ?? '政务服务中心'}
        offsetMs={state?.serverClockOffsetMs ?? 0}
        elder={elder}
        canSpeak={canSpeak()}
        onElder={() => setElder((v) => !v)}
      />
      <main className="stage">
        {showOos ? (
          <OutOfServiceScreen reason={oosReason ?? ''} />
        ) : !state ? (
          <WorkingScreen text="正在启动，请稍候…" />
        ) : screen.name === 'home' ? (
          <HomeScreen state={state} act={act} />
        ) : screen.name === 'id-card' ? (
          <IdCardScreen title={`“${screen.service.name}”须实名取号`} act={act} />
        ) : screen.name === 'check-in-id' ? (
          <IdCardScreen title="刷身份证签到" act={act} />
        ) : screen.name === 'check-in' ? (
          <CheckInScreen act={act} />
        ) : screen.name === 'code-keypad' ? (
          <CodeKeypadScreen screen={screen} act={act} today={today} />
        ) : screen.name === 'id-keypad' ? (
          <IdKeypadScreen screen={screen} act={act} today={today} />
        ) : screen.name === 'working' ? (
          <WorkingScreen text={screen.text} />
        ) : screen.name === 'result' ? (
          <ResultScreen ticket={screen.ticket} note={screen.note} seconds={remaining} resetKey={lastTouch} act={act} />
        ) : (
          <ErrorScreen message={screen.message} seconds={remaining} resetKey={lastTouch} act={act} />
        )}
      </main>
    </div>
  );
}
