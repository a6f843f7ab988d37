import type { ReactNode } from 'react';
import type { FeedState, HallView } from '../realtime/index.js';

/**
 * What every screen shows around its content: a notice until the first hall state arrives (or
 * when the device key is refused), and the stale banner while the link to the hall is down.
 */
export function FeedFrame({ state, children }: { state: FeedState; children: (view: HallView) => ReactNode }) {
  if (state.connection === 'unauthorized') {
    return <Notice title="设备密钥无效" detail="请管理员核对设备登记，并用 ?key=设备密钥 重新打开本页" />;
  }
  if (!state.view) {
    return (
      <>
        {state.connection === 'stale' && <StaleBanner since={state.staleSince} />}
        <Notice title="正在连接大厅服务器……" />
      </>
    );
  }
  const stale = state.connection !== 'live';
  return (
    <>
      {stale && <StaleBanner since={state.staleSince} />}
      <div className={stale ? 'content stale' : 'content'}>{children(state.view)}</div>
    </>
  );
}

function StaleBanner({ since }: { since: number | null }) {
  const at = since ? new Date(since).toLocaleTimeString('zh-CN', { hour12: false }) : '';
  return (
    <div className="stale-banner" role="alert" data-testid="stale-banner">
      与大厅服务器的连接已中断{at && `（${at} 起）`}，正在重新连接，屏幕内容可能不是最新
    </div>
  );
}

export function Notice({ title, detail }: { title: string; detail?: string }) {
  return (
    <div className="notice" data-testid="notice">
      <h1>{title}</h1>
      {detail && <p>{detail}</p>}
    </div>
  );
}

/** The hall-local HH:MM of an ISO 8601 time with offset (the server sends hall time). */
export function hhmm(iso: string): string {
  return iso.slice(11, 16);
}
