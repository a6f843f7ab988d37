/**
 * 帮办代办与投诉 (HALL-RULES §5) in the console, for staff and managers alike (the server refuses
 * what a role may not do; the pages offer managers their decisions only): 帮办代办, 上门服务,
 * 特事特办, 投诉 as sub-pages, each a list with its registration form, and a page per record.
 */
import type { HallView } from '../../realtime/index.js';
import { navigate } from '../routes.js';
import './assisted.css';
import { ASSISTED_TAB_NAMES, ASSISTED_TABS, type AssistedRoute } from './assisted-route.js';
import { Complaints } from './Complaints.js';
import { HomeVisits } from './HomeVisits.js';
import { ProxyDetail, ProxyHome, ProxyNoticePage } from './ProxyPages.js';
import { Urgent } from './Urgent.js';

/** Alert kinds of this part of the console, in the manager's alert list. */
export const ASSISTED_ALERT_NAMES: Record<string, string> = { 'home-visit-overdue': '上门答复超时', 'complaint-overdue': '投诉反馈超期' };

export function AssistedPage({ route, view }: { route: AssistedRoute; view: HallView }) {
  const overdue = (kind: string) => view.alerts.filter((a) => a.kind === kind).length;
  const badges: Partial<Record<AssistedRoute['tab'], number>> = { 'home-visits': overdue('home-visit-overdue'), complaints: overdue('complaint-overdue') };
  return (
    <div className="assisted" data-testid="assisted">
      <nav className="as-tabs" aria-label="帮办代办与投诉">
        {ASSISTED_TABS.map((t) => {
          const on = route.tab === t;
          return (
            <a
              key={t}
              href={`/console/assisted/${t}`}
              className={on ? 'as-tab on' : 'as-tab'}
              aria-current={on ? 'page' : undefined}
              data-testid={`as-tab-${t}`}
              onClick={(e) => {
                e.preventDefault();
                navigate({ page: 'assisted', tab: t, id: null });
              }}
            >
              {ASSISTED_TAB_NAMES[t]}
              {badges[t] ? <em className="badge">{badges[t]}</em> : null}
            </a>
          );
        })}
      </nav>
      <div className="as-body">
        <Body route={route} view={view} />
      </div>
    </div>
  );
}

function Body({ route, view }: { route: AssistedRoute; view: HallView }) {
  switch (route.tab) {
    case 'proxy':
      return route.id ? route.notice ? <ProxyNoticePage id={route.id} /> : <ProxyDetail key={route.id} id={route.id} /> : <ProxyHome />;
    case 'home-visits':
      return <HomeVisits key={route.id ?? ''} id={route.id} view={view} />;
    case 'urgent':
      return <Urgent view={view} />;
    case 'complaints':
      return <Complaints key={route.id ?? ''} id={route.id} view={view} />;
  }
}
