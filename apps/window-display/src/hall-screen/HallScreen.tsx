/**
 * The hall screen (大厅综合屏): the latest call large, the calls before it, every window's state,
 * how many wait for each service, and a scrolling notice. `layout="led"` is the same content for a
 * wide, low LED board: the latest call, the windows' numbers and the notice, amber and red on black.
 */
import type { CallEvent, ServiceView, WindowView } from '@hall/shared';
import { FeedFrame, hhmm } from '../common/FeedFrame.js';
import { fetchBoot, type PageBoot } from '../device/boot.js';
import { useConfigReload, useFeed, type HallFeed, type HallView } from '../realtime/index.js';
import { startHallVoice, type HallVoice, type VoiceStatus } from '../voice/hall-voice.js';
import { pageOf, usePage } from './paging.js';
import { useEffect, useRef, useState } from 'react';

export function HallScreen({ feed, boot: loaded, layout, voiceOverride }: { feed: HallFeed; boot: PageBoot; layout: 'full' | 'led'; voiceOverride: string | null }) {
  const state = useFeed(feed);
  // The name, notice and voice policy as in force: read again when a new config takes effect.
  const [boot, setBoot] = useState(loaded);
  useConfigReload(feed, fetchBoot, setBoot);
  const [voice, setVoice] = useState<VoiceStatus | null>(null);
  const speaker = useRef<HallVoice | null>(null);
  useEffect(() => {
    // Started once for the screen's life; a new policy is applied to it, never a second voice.
    if (!speaker.current) speaker.current = startHallVoice(feed, boot.voice, voiceOverride, setVoice);
    else speaker.current.apply(boot.voice);
  }, [feed, boot.voice, voiceOverride]);
  useEffect(() => {
    document.title = `大厅综合屏 · ${boot.hallName}`;
  }, [boot.hallName]);
  return (
    <div className={layout === 'led' ? 'led' : 'hall'}>
      <FeedFrame state={state}>{(view) => (layout === 'led' ? <LedBoard view={view} boot={boot} /> : <FullScreen view={view} boot={boot} />)}</FeedFrame>
      {voice && (
        <p className={voice.needsTap ? 'voice-state voice-tap' : 'voice-state'} data-testid="voice-state" data-engine={voice.engine}>
          {voice.needsTap ? '语音叫号未开启：请点击屏幕任意位置' : voice.engine === 'off' ? voice.detail : `语音叫号 · ${voice.detail}`}
        </p>
      )}
    </div>
  );
}

/** What fits on the 1920×1080 layout; more turn pages. */
const TILES_PER_PAGE = 12;
const QUEUES_PER_PAGE = 9;
const PAGE_MS = 8000;

function FullScreen({ view, boot }: { view: HallView; boot: PageBoot }) {
  const [latest, ...earlier] = view.recentCalls;
  const tiles = pageOf(view.windows, TILES_PER_PAGE, usePage(view.windows.length, TILES_PER_PAGE, PAGE_MS));
  const queues = pageOf(view.services, QUEUES_PER_PAGE, usePage(view.services.length, QUEUES_PER_PAGE, PAGE_MS));
  return (
    <div className="hall-page">
      <header className="hall-head">
        <h1>{boot.hallName}</h1>
        <span>叫号信息</span>
      </header>
      <div className="hall-body">
        <section className="hall-calls">
          {latest ? (
            <div className="latest" key={latest.seq} data-testid="latest-call">
              {latest.recall && <span className="latest-recall">重呼</span>}
              <p className="latest-line">
                请<b className={latest.ticketNumber.length > 4 ? 'latest-number long' : 'latest-number'} data-testid="latest-number">{latest.ticketNumber}</b>号
              </p>
              <p className="latest-window">
                到<b>{latest.windowNo}</b>号窗口办理
              </p>
              <p className="latest-name">{latest.windowName}</p>
            </div>
          ) : (
            <div className="latest latest-empty">暂无叫号</div>
          )}
          <h2>最近叫号</h2>
          <ol className="recent" data-testid="recent-calls">
            {earlier.slice(0, 5).map((c) => (
              <li key={c.ticketId}>
                <b>{c.ticketNumber}</b>
                <span>{c.windowNo}号窗口</span>
                <span className="recent-name">{c.windowName}</span>
                <span className="recent-at">{hhmm(c.at)}</span>
              </li>
            ))}
          </ol>
        </section>
        <section className="hall-side">
          <h2>
            窗口状态
            <PageMark p={tiles} testId="window-page" />
          </h2>
          <div className="tiles" data-testid="window-grid">
            {tiles.items.map((w) => (
              <WindowTile key={w.id} w={w} />
            ))}
          </div>
          <h2>
            等候人数
            <PageMark p={queues} testId="queue-page" />
          </h2>
          <ul className="queues" data-testid="queues">
            {queues.items.map((s) => (
              <QueueRow key={s.code} s={s} />
            ))}
          </ul>
        </section>
      </div>
      <Marquee lines={boot.notices} />
    </div>
  );
}

function PageMark({ p, testId }: { p: { page: number; pages: number }; testId: string }) {
  return p.pages > 1 ? (
    <small className="page-mark" data-testid={testId}>
      第 {p.page + 1}/{p.pages} 页
    </small>
  ) : null;
}

/** What a window is doing, in a few characters. */
function windowWord(w: WindowView): { text: string; tone: 'number' | 'idle' | 'warn' | 'unstaffed' | 'off' } {
  if (w.status === 'paused') return { text: '暂停', tone: 'warn' };
  if (w.status === 'unstaffed') return { text: '空岗', tone: 'unstaffed' };
  if (w.status === 'closed') return { text: '已下班', tone: 'off' };
  if (w.current) return { text: w.current.number, tone: 'number' };
  return { text: '空闲', tone: 'idle' };
}

function WindowTile({ w }: { w: WindowView }) {
  const word = windowWord(w);
  return (
    <div className={`tile tile-${word.tone}`} data-testid={`tile-${w.id}`}>
      <p className="tile-no">{w.no}号窗口</p>
      <p className="tile-name">{w.name}</p>
      <p className="tile-state">
        {word.text}
        {w.mode === 'appointment' && w.status === 'open' && <small>预约</small>}
      </p>
    </div>
  );
}

function QueueRow({ s }: { s: ServiceView }) {
  return (
    <li data-testid={`queue-${s.code}`}>
      <span className="queue-name">{s.name}</span>
      <b>{s.waiting}</b>人
    </li>
  );
}

function Marquee({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  const text = lines.join('　　◆　　');
  // About 7 characters a second, whatever the length.
  return (
    <div className="marquee" data-testid="notice-line">
      <span style={{ animationDuration: `${Math.max(20, text.length / 7)}s` }}>{text}</span>
    </div>
  );
}

function LedBoard({ view, boot }: { view: HallView; boot: PageBoot }) {
  const latest: CallEvent | undefined = view.recentCalls[0];
  const tiles = pageOf(view.windows, TILES_PER_PAGE, usePage(view.windows.length, TILES_PER_PAGE, PAGE_MS));
  return (
    <div className="led-page">
      <div className="led-main">
        <div className="led-call" key={latest?.seq} data-testid="latest-call">
          {latest ? (
            <>
              请<b data-testid="latest-number">{latest.ticketNumber}</b>号到<b>{latest.windowNo}</b>号窗口
            </>
          ) : (
            boot.hallName
          )}
        </div>
        <div className="led-windows" data-testid="window-grid">
          {tiles.items.map((w) => {
            const word = windowWord(w);
            return (
              <p key={w.id} className={`led-${word.tone}`} data-testid={`tile-${w.id}`}>
                <span>{w.no}</span>
                {word.text}
              </p>
            );
          })}
        </div>
      </div>
      <Marquee lines={boot.notices} />
    </div>
  );
}
