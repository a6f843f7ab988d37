/**
 * 预约签到提醒 on the caller desk: when an appointment holder checks in for a service this window
 * serves, the staff see it at once, with what to do — switch to 预约办理 after the current customer
 * (one click, the same PUT …/mode as F9), or that the window already is in 预约办理. A notice goes
 * when its ticket is called (here or at another window) or when staff press 知道了.
 */
import type { Ticket, WindowView } from '@hall/shared';
import { useEffect, useReducer, useState } from 'react';
import { errorText } from './api.js';
import { initialNotices, noticeReducer, visibleNotices } from './arrival-notices.js';
import { ErrorLine, useConsole } from './common.js';
import { hhmm } from './format.js';

export function ArrivalNotices({ w, queue, canSwitch }: { w: WindowView; queue: { ticket: Ticket }[] | null; canSwitch: boolean }) {
  const { api, feed } = useConsole();
  const [state, dispatch] = useReducer(noticeReducer, w.id, initialNotices);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => feed.onEvent((ev) => dispatch({ type: 'event', ev })), [feed]);
  useEffect(() => {
    if (queue) dispatch({ type: 'queue', ticketIds: queue.map((r) => r.ticket.id) });
  }, [queue]);

  const { shown, more } = visibleNotices(state);
  const switchMode = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/windows/${encodeURIComponent(w.id)}/mode`, { mode: 'appointment' });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const inAppointmentMode = w.mode === 'appointment';
  const advice = inAppointmentMode
    ? '本窗口已切换为预约办理：办完当前群众后叫号，将优先叫到预约群众。'
    : w.current
      ? '请在办完当前群众后切换为预约办理，优先为预约群众办理。'
      : '请切换为预约办理后叫号，优先为预约群众办理。';

  // The live region stays in the page so that a screen reader announces what is added to it.
  return (
    <div className="arrivals" role="status" data-testid="arrivals">
      {shown.length > 0 && (
        <div className="arrivals-box">
          <ul className="arrivals-list">
            {shown.map((n) => (
              <li key={n.ticketId} className="arrival" data-testid={`arrival-${n.ticketNumber}`}>
                <span className="arrival-text">
                  预约号 <b>{n.ticketNumber}</b> 已签到（{n.serviceName}），{hhmm(n.at)} 到达
                </span>
                <button type="button" className="btn small" data-testid={`arrival-dismiss-${n.ticketNumber}`} aria-label={`知道了，预约号 ${n.ticketNumber}`} onClick={() => dispatch({ type: 'dismiss', ticketId: n.ticketId })}>
                  知道了
                </button>
              </li>
            ))}
          </ul>
          {more > 0 && <p className="arrivals-more">另有 {more} 位预约群众已签到，见右侧等候队列。</p>}
          <div className="arrivals-advice">
            <span data-testid="arrivals-advice">{advice}</span>
            {!inAppointmentMode && canSwitch && (
              <button type="button" className="btn small primary" data-testid="arrivals-switch" disabled={busy} onClick={() => void switchMode()}>
                {busy ? '正在切换……' : '切换为预约办理'}
              </button>
            )}
          </div>
          <ErrorLine text={error} testId="arrivals-error" />
        </div>
      )}
    </div>
  );
}
