/**
 * The console's pages as addresses under /console (the hall server sends console.html for all of
 * them), so that a reload or a bookmark opens the same page. Pure: `parseRoute` and `routePath`
 * are each other's inverse; `useRoute` follows the address bar.
 */
import { useEffect, useState } from 'react';
import { assistedPath, parseAssisted, type AssistedRoute } from './assisted/assisted-route.js';
import type { RatingsTab } from './rating-types.js';
import { ADMIN_TABS, type AdminTab } from './admin/admin-tabs.js';

export type Route =
  | { page: 'home' }
  | { page: 'caller'; windowId: string | null }
  | { page: 'booking' }
  | { page: 'desk' }
  | { page: 'my-ratings' }
  | { page: 'live' }
  | { page: 'ratings'; tab: RatingsTab }
  | { page: 'appointments' }
  | { page: 'records' }
  | { page: 'reports' }
  | { page: 'admin'; tab: AdminTab }
  | AssistedRoute;

export const BASE = '/console';
const RATINGS_TABS: readonly RatingsTab[] = ['list', 'cases', 'appeals', 'awards'];

export function parseRoute(pathname: string): Route {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (parts[0] !== 'console') return { page: 'home' };
  const [, a, b] = parts;
  if (a === 'caller') return { page: 'caller', windowId: b ? decodeURIComponent(b) : null };
  if (a === 'booking') return { page: 'booking' };
  if (a === 'desk') return { page: 'desk' };
  if (a === 'assisted') return parseAssisted(parts);
  if (a === 'my-ratings') return { page: 'my-ratings' };
  if (a === 'admin') return { page: 'admin', tab: ADMIN_TABS.find((t) => t === b) ?? 'services' };
  if (a === 'manager') {
    if (b === 'ratings') return { page: 'ratings', tab: RATINGS_TABS.find((t) => t === parts[3]) ?? 'list' };
    if (b === 'appointments') return { page: 'appointments' };
    if (b === 'records') return { page: 'records' };
    if (b === 'reports') return { page: 'reports' };
    return { page: 'live' };
  }
  return { page: 'home' };
}

export function routePath(r: Route): string {
  switch (r.page) {
    case 'home':
      return BASE;
    case 'caller':
      return r.windowId ? `${BASE}/caller/${encodeURIComponent(r.windowId)}` : `${BASE}/caller`;
    case 'booking':
      return `${BASE}/booking`;
    case 'desk':
      return `${BASE}/desk`;
    case 'my-ratings':
      return `${BASE}/my-ratings`;
    case 'live':
      return `${BASE}/manager`;
    case 'ratings':
      return r.tab === 'list' ? `${BASE}/manager/ratings` : `${BASE}/manager/ratings/${r.tab}`;
    case 'appointments':
      return `${BASE}/manager/appointments`;
    case 'records':
      return `${BASE}/manager/records`;
    case 'reports':
      return `${BASE}/manager/reports`;
    case 'assisted':
      return assistedPath(BASE, r);
    case 'admin':
      return `${BASE}/admin/${r.tab}`;
  }
}

/** The manager's pages: refused to staff in the UI as the API refuses them. */
export const MANAGER_PAGES: ReadonlySet<Route['page']> = new Set(['live', 'appointments', 'records', 'reports', 'ratings']);

const listeners = new Set<() => void>();

export function navigate(r: Route, replace = false): void {
  const path = routePath(r);
  if (path !== location.pathname) {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
  }
  for (const l of listeners) l();
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}
