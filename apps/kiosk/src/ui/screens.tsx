/** The kiosk's screens. Large type, big targets, Chinese only; test ids name what a test looks for. */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { localParts } from '@hall/shared';
import type { IssuedTicket, KioskService, KioskState } from '../protocol.js';
import { CODE_MAX, groupId, ID_LENGTH, type Action, type Screen } from './flow.js';

type Act = (a: Action) => void;
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

// ---------------------------------------------------------------- header

export function Header(p: { hallName: string; offsetMs: number; elder: boolean; canSpeak: boolean; onElder: () => void }) {
  return (
    <header className="top">
      <div className="hall">
        <h1 data-testid="hall-name">{p.hallName}</h1>
        <p>自助取号 · 预约签到</p>
      </div>
      <Clock offsetMs={p.offsetMs} />
      <button className={`elder-toggle${p.elder ? ' on' : ''}`} data-testid="elder-toggle" aria-pressed={p.elder} onClick={p.onElder}>
        <span className="big">长辈模式</span>
        <span className="small">{p.elder ? '已开启 · 点此关闭' : p.canSpeak ? '大字 · 高对比 · 语音提示' : '大字 · 高对比'}</span>
      </button>
    </header>
  );
}

function Clock({ offsetMs }: { offsetMs: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const p = localParts(now + offsetMs);
  const [, m, d] = p.date.split('-').map(Number);
  const hh = String(Math.floor(p.minuteOfDay / 60)).padStart(2, '0');
  const mm = String(p.minuteOfDay % 60).padStart(2, '0');
  return (
    <div className="clock" data-testid="clock">
      <div className="time">
        {hh}:{mm}
      </div>
      <div className="date">
        {m}月{d}日 {WEEKDAYS[p.weekday % 7]}
      </div>
    </div>
  );
}

// ---------------------------------------------------------------- home

function waitText(s: KioskService): string {
  // null: no window serving it is open now, so even an empty queue is not "no wait".
  if (s.estimatedWaitMinutes === null) return '暂无预计时间';
  if (s.estimatedWaitMinutes < 1) return '预计无需等候';
  return `预计等候约 ${Math.round(s.estimatedWaitMinutes)} 分钟`;
}

export function HomeScreen({ state, act }: { state: KioskState; act: Act }) {
  return (
    <section className="screen home" data-testid="screen-home">
      {state.hallOpen === false && (
        <p className="banner" data-testid="hall-closed">
          现在不是办公时间，取号以各业务的取号时间为准
        </p>
      )}
      <h2 className="prompt">请选择要办理的业务</h2>
      <div className="services" data-count={state.services.length}>
        {state.services.map((s) => (
          <button key={s.code} className="service" data-testid={`service-${s.code}`} onClick={() => act({ type: 'service', service: s })}>
            <span className="name">{s.name}</span>
            <span className="waiting">
              等候 <b data-testid={`waiting-${s.code}`}>{s.waiting}</b> 人{s.realName && <span className="tag badge">须刷身份证</span>}
            </span>
            <span className="wait" data-testid={`wait-${s.code}`}>
              {waitText(s)}
            </span>
          </button>
        ))}
        {state.services.length === 0 && <p className="empty">正在读取业务列表…</p>}
      </div>
      <button className="check-in-entry" data-testid="check-in-entry" onClick={() => act({ type: 'check-in' })}>
        <span className="big">预约签到</span>
        <span className="small">已预约的群众：扫二维码 · 刷身份证 · 输入预约码</span>
      </button>
    </section>
  );
}

// ---------------------------------------------------------------- ID card, check-in

export function IdCardScreen({ title, act }: { title: string; act: Act }) {
  return (
    <section className="screen id-card" data-testid="screen-id-card">
      <h2 className="sub">{title}</h2>
      <div className="card-reader" aria-hidden="true">
        <div className="id-card-shape">
          <span className="photo" />
          <span className="lines" />
        </div>
        <div className="reader-pad" />
      </div>
      <p className="prompt big" data-testid="id-card-prompt">
        请在感应区放置身份证
      </p>
      <p className="hint">感应区在屏幕下方，放好后请稍候，不要移动</p>
      <div className="actions">
        <button className="secondary" data-testid="type-id" onClick={() => act({ type: 'type-id' })}>
          手工输入身份证号码
        </button>
        <BackHome act={act} />
      </div>
    </section>
  );
}

export function CheckInScreen({ act }: { act: Act }) {
  return (
    <section className="screen check-in" data-testid="screen-check-in">
      <h2 className="prompt">预约签到</h2>
      <div className="scan-hint">
        <div className="qr-shape" aria-hidden="true" />
        <p className="big">请将预约二维码对准扫描口</p>
        <p className="hint">二维码在预约成功页面或预约短信中</p>
      </div>
      <div className="choices">
        <button className="choice" data-testid="check-in-card" onClick={() => act({ type: 'check-in-by-card' })}>
          <span className="big">刷身份证签到</span>
          <span className="small">预约人本人或代理人的身份证</span>
        </button>
        <button className="choice" data-testid="check-in-code" onClick={() => act({ type: 'check-in-by-code' })}>
          <span className="big">输入预约码签到</span>
          <span className="small">还需核对身份证</span>
        </button>
      </div>
      <div className="actions">
        <BackHome act={act} />
      </div>
    </section>
  );
}

// ---------------------------------------------------------------- keypads

function Keys({ keys, act, cols }: { keys: string[]; act: Act; cols: number }) {
  return (
    <div className="keys" style={{ gridTemplateColumns: `repeat(${cols}, 1fr)` }}>
      {keys.map((k) =>
        k === '删除' ? (
          <button key={k} className="key fn" data-testid="key-backspace" onClick={() => act({ type: 'backspace' })}>
            删除
          </button>
        ) : (
          <button key={k} className="key" data-testid={`key-${k}`} onClick={() => act({ type: 'key', key: k })}>
            {k}
          </button>
        ),
      )}
    </div>
  );
}

function KeypadFrame(p: { title: string; shown: string; placeholder: string; problem: string | null; children: React.ReactNode; act: Act; today: () => string; note?: string }) {
  return (
    <section className="screen keypad" data-testid="screen-keypad">
      <h2 className="sub">{p.title}</h2>
      {p.note && <p className="hint">{p.note}</p>}
      <div className={`entry${p.shown ? '' : ' empty'}`} data-testid="keypad-value">
        {p.shown || p.placeholder}
      </div>
      <p className="problem" data-testid="keypad-problem" role="alert">
        {p.problem ?? ' '}
      </p>
      {p.children}
      <div className="actions">
        <button className="secondary" data-testid="key-clear" onClick={() => p.act({ type: 'clear' })}>
          清空
        </button>
        <BackHome act={p.act} />
        <button className="primary" data-testid="confirm" onClick={() => p.act({ type: 'confirm', today: p.today() })}>
          确定
        </button>
      </div>
    </section>
  );
}

export function IdKeypadScreen({ screen, act, today }: { screen: Extract<Screen, { name: 'id-keypad' }>; act: Act; today: () => string }) {
  const title = screen.purpose.for === 'take' ? `请输入身份证号码（“${screen.purpose.service.name}”须实名）` : screen.purpose.for === 'check-in-code' ? `预约码 ${screen.purpose.code}：请核对身份证` : '请输入预约人的身份证号码';
  return (
    <KeypadFrame
      title={title}
      shown={groupId(screen.value)}
      placeholder={`共 ${ID_LENGTH} 位`}
      problem={screen.problem}
      act={act}
      today={today}
      note={screen.purpose.for === 'take' ? undefined : '也可以直接在感应区放置身份证'}
    >
      <Keys keys={['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0', '删除']} act={act} cols={3} />
    </KeypadFrame>
  );
}

const CODE_KEYS = [...'1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

export function CodeKeypadScreen({ screen, act, today }: { screen: Extract<Screen, { name: 'code-keypad' }>; act: Act; today: () => string }) {
  return (
    <KeypadFrame title="请输入预约码" shown={screen.value} placeholder={`预约码见预约短信（最多 ${CODE_MAX} 位）`} problem={screen.problem} act={act} today={today}>
      <Keys keys={[...CODE_KEYS, '删除']} act={act} cols={8} />
    </KeypadFrame>
  );
}

// ---------------------------------------------------------------- answers

export function WorkingScreen({ text }: { text: string }) {
  return (
    <section className="screen working" data-testid="screen-working">
      <div className="spinner" aria-hidden="true" />
      <p className="big">{text}</p>
    </section>
  );
}

function Countdown({ seconds, resetKey }: { seconds: number | null; resetKey: number }) {
  const [left, setLeft] = useState(seconds ?? 0);
  useEffect(() => {
    setLeft(seconds ?? 0);
    const t = setInterval(() => setLeft((v) => Math.max(0, v - 1)), 1000);
    return () => clearInterval(t);
  }, [seconds, resetKey]);
  return seconds === null ? null : <span data-testid="countdown">{left} 秒后自动返回</span>;
}

export function ResultScreen(p: { ticket: IssuedTicket; note: string | null; seconds: number | null; resetKey: number; act: Act }) {
  const t = p.ticket;
  const wait = t.estimatedWaitMinutes === null ? '等候时间暂无法估算' : t.estimatedWaitMinutes < 1 ? '预计很快叫号' : `预计等候约 ${Math.round(t.estimatedWaitMinutes)} 分钟`;
  const materials = t.materials;
  return (
    <section className={`screen result${materials.length ? ' with-materials' : ''}`} data-testid="screen-result">
      <div className="ticket-info">
        <div className="ticket-main">
          <p className="sub">
            <span data-testid="result-service">{t.serviceName}</span>
            {t.priorityLabel && (
              <span className="tag" data-testid="result-priority">
                {t.priorityLabel}
              </span>
            )}
          </p>
          <p className="label">您的号码</p>
          <p className="number" data-testid="result-number">
            {t.number}
          </p>
        </div>
        <div className="ticket-side">
          <p className="ahead">
            前面还有 <b data-testid="result-ahead">{t.peopleAhead}</b> 人
          </p>
          <p className="wait" data-testid="result-wait">
            {wait}
          </p>
          {p.note ? (
            <p className="note" data-testid="result-note" role="alert">
              {p.note}
            </p>
          ) : (
            <p className="take-away" data-testid="take-away">
              <span className="arrow" aria-hidden="true">
                ↓
              </span>
              请取走您的号票
            </p>
          )}
        </div>
      </div>
      {materials.length > 0 && <Materials items={materials} />}
      <div className="ticket-foot">
        <p className="hint">请留意大厅叫号屏和语音提示，过号需重新排队</p>
        <div className="actions">
          <button className="primary" data-testid="back-home" onClick={() => p.act({ type: 'home' })}>
            完成 <Countdown seconds={p.seconds} resetKey={p.resetKey} />
          </button>
        </div>
      </div>
    </section>
  );
}

/** 一次告知: the service's materials list while the citizen waits; a list longer than its box scrolls. */
function Materials({ items }: { items: string[] }) {
  const box = useRef<HTMLOListElement>(null);
  const [more, setMore] = useState(false);
  const check = () => {
    const el = box.current;
    if (el) setMore(el.scrollTop + el.clientHeight < el.scrollHeight - 2);
  };
  useLayoutEffect(() => {
    check();
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const watch = new ResizeObserver(check);
    watch.observe(el);
    return () => watch.disconnect();
  }, [items]);
  return (
    <div className="materials" data-testid="materials">
      <h3 className="materials-title">
        请备齐以下材料<span className="count">（共 {items.length} 项）</span>
      </h3>
      <ol ref={box} className="materials-list" onScroll={check} aria-label="所需材料">
        {items.map((m, i) => (
          <li key={i} data-testid="material">
            <span className="no" aria-hidden="true">
              {i + 1}
            </span>
            <span className="text">{m}</span>
          </li>
        ))}
      </ol>
      {more && (
        <p className="materials-more" data-testid="materials-more" aria-hidden="true">
          ↕ 上下滑动查看全部材料
        </p>
      )}
    </div>
  );
}

export function ErrorScreen(p: { message: string; seconds: number | null; resetKey: number; act: Act }) {
  return (
    <section className="screen error" data-testid="screen-error">
      <div className="icon" aria-hidden="true">
        !
      </div>
      <p className="message" data-testid="error-message" role="alert">
        {p.message}
      </p>
      <div className="actions">
        <button className="primary" data-testid="back-home" onClick={() => p.act({ type: 'home' })}>
          返回首页 <Countdown seconds={p.seconds} resetKey={p.resetKey} />
        </button>
      </div>
    </section>
  );
}

export function OutOfServiceScreen({ reason }: { reason: string }) {
  return (
    <section className="screen oos" data-testid="screen-out-of-service">
      <p className="title">暂停服务</p>
      <p className="reason" data-testid="oos-reason">
        {reason}
      </p>
      <p className="hint">工作人员正在处理，恢复后本机将自动开放。急需办理请到咨询台人工取号。</p>
    </section>
  );
}

function BackHome({ act }: { act: Act }) {
  return (
    <button className="secondary" data-testid="back" onClick={() => act({ type: 'home' })}>
      返回首页
    </button>
  );
}
