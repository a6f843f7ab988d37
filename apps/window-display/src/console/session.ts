/**
 * The login of this browser tab: kept in sessionStorage (closing the tab logs out; another tab
 * logs in on its own), and a one-off notice for the login page (why the session ended).
 */
export type Role = 'staff' | 'manager' | 'admin';

export interface Session {
  token: string;
  role: Role;
  name: string;
  employeeNo: string | null;
  username: string;
}

const KEY = 'hall.console.session';
const NOTICE = 'hall.console.notice';

export function loadSession(): Session | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<Session> | null;
    if (v && typeof v.token === 'string' && (v.role === 'staff' || v.role === 'manager' || v.role === 'admin')) {
      return { token: v.token, role: v.role, name: v.name ?? '', employeeNo: v.employeeNo ?? null, username: v.username ?? '' };
    }
  } catch {
    // unreadable: log in again
  }
  return null;
}

export function saveSession(s: Session): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    // storage disabled: the login lasts as long as the page
  }
}

/** Ends the session; `notice` is shown once on the login page. */
export function clearSession(notice?: string): void {
  try {
    sessionStorage.removeItem(KEY);
    if (notice) sessionStorage.setItem(NOTICE, notice);
  } catch {
    // nothing kept
  }
}

export function takeNotice(): string | null {
  try {
    const n = sessionStorage.getItem(NOTICE);
    sessionStorage.removeItem(NOTICE);
    return n;
  } catch {
    return null;
  }
}

export const isManager = (role: Role) => role === 'manager' || role === 'admin';
