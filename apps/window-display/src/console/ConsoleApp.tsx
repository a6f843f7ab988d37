/**
 * The console at /console: a login page first; then, by role, the staff caller (叫号台), the
 * guide desk's tickets (服务台取号, 绿色通道 included) and the staff entry of 现场/电话
 * bookings, and for managers the hall's live view, appointments and
 * credit, and the 延时服务 and device records. One HallFeed per login (the staff token is its
 * credential); a token the server no longer knows, over HTTP or on the socket, ends the login.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { HallFeed, useConfigReload, useFeed, type HallView } from '../realtime/index.js';
import { ConsoleApi, errorText, request } from './api.js';
import { BookingEntry } from './BookingEntry.js';
import { Caller } from './Caller.js';
import { DeskTicket } from './DeskTicket.js';
import { Ctx, ErrorLine, hallNow, type AlertEntry, type ConsoleContext, type Setup } from './common.js';
import { AssistedPage } from './assisted/AssistedPage.js';
import { ManagerAppointments } from './ManagerAppointments.js';
import { ManagerLive } from './ManagerLive.js';
import { ManagerRatings } from './ManagerRatings.js';
import { MyRatings } from './MyRatings.js';
import { ManagerRecords } from './ManagerRecords.js';
import { ManagerReports } from './ManagerReports.js';
import { AdminPage } from './admin/AdminPage.js';
import { MANAGER_PAGES, navigate, useRoute, type Route } from './routes.js';
import { clearSession, isManager, loadSession, saveSession, takeNotice, type Role, type Session } from './session.js';

const ROLE_NAMES: Record<Role, string> = { staff: '窗口工作人员', manager: '大厅负责人', admin: '系统管理员' };
const SESSION_ENDED = '登录已失效（可能已超时或在别处退出），请重新登录';

export function ConsoleApp({ hallName }: { hallName: string }) {
  const [session, setSession] = useState<Session | null>(loadSession);
  const end = (notice?: string) => {
    clearSession(notice);
    setSession(null);
  };
  if (!session) {
    return (
      <Login
        hallName={hallName}
        onLoggedIn={(s) => {
          saveSession(s);
          setSession(s);
        }}
      />
    );
  }
  return <LoggedIn key={session.token} session={session} hallName={hallName} onEnd={end} />;
}

function Login({ hallName, onLoggedIn }: { hallName: string; onLoggedIn: (s: Session) => void }) {
  const [notice] = useState(takeNotice);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) return setError('请输入用户名和密码');
    setBusy(true);
    setError(null);
    try {
      const r = await request<{ token: string; role: Role; name: string; employeeNo: string | null }>('POST', '/api/auth/login', { username: username.trim(), password }, null);
      onLoggedIn({ token: r.token, role: r.role, name: r.name, employeeNo: r.employeeNo, username: username.trim() });
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  return (
    <div className="login-page" data-testid="login-page">
      <form className="login-card" onSubmit={submit} noValidate>
        <h1>{hallName}</h1>
        <p className="login-sub">排队叫号与预约 · 工作人员控制台</p>
        {notice && (
          <p className="login-notice" role="status" data-testid="login-notice">
            {notice}
          </p>
        )}
        <label>
          用户名
          <input data-testid="login-username" autoFocus autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} placeholder="如 s1001" />
        </label>
        <label>
          密码
          <input data-testid="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorLine text={error} testId="login-error" />
        <button type="submit" className="btn primary big" data-testid="login-submit" disabled={busy}>
          {busy ? '正在登录……' : '登录'}
        </button>
        <p className="login-hint">窗口工作人员登录后进入叫号台；大厅负责人进入大厅实况。</p>
      </form>
    </div>
  );
}

function LoggedIn({ session, hallName: loadedName, onEnd }: { session: Session; hallName: string; onEnd: (notice?: string) => void }) {
  const endRef = useRef(onEnd);
  endRef.current = onEnd;
  const api = useMemo(() => new ConsoleApi(session.token, (m) => endRef.current(m)), [session.token]);
  const feed = useMemo(() => new HallFeed({ token: session.token }), [session.token]);
  useEffect(() => () => feed.close(), [feed]);
  const state = useFeed(feed);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [setupError, setSetupError] = useState<string | null>(null);
  const route = useRoute();
  const alertLog = useAlertLog(state.view, feed);

  useEffect(() => {
    api.get<Setup>('/api/console/setup').then(setSetup, (e: unknown) => setSetupError(errorText(e)));
  }, [api]);
  // 立即生效: the hall's name, windows and services as the new config has them, without a reload.
  useConfigReload(feed, () => api.get<Setup>('/api/console/setup'), setSetup);
  const hallName = setup?.hallName ?? loadedName;
  useEffect(() => {
    if (state.connection === 'unauthorized') onEnd(SESSION_ENDED);
  }, [state.connection, onEnd]);
  useEffect(() => {
    if (route.page === 'home') navigate(isManager(session.role) ? { page: 'live' } : { page: 'caller', windowId: null }, true);
  }, [route.page, session.role]);
  useEffect(() => {
    document.title = `${pageTitle(route)} · ${hallName}`;
  }, [route, hallName]);

  const logout = async () => {
    try {
      await api.post('/api/auth/logout');
    } catch {
      // the session ends here anyway
    }
    onEnd('您已退出登录');
  };

  const ctx: ConsoleContext | null = setup ? { session, api, feed, setup, alertLog } : null;
  const activeAlerts = state.view?.alerts.length ?? 0;
  const assistedAlerts = state.view?.alerts.filter((a) => a.kind === 'home-visit-overdue' || a.kind === 'complaint-overdue').length ?? 0;
  const overdueCases = state.view?.alerts.filter((a) => a.kind === 'rating-case-overdue').length ?? 0;
  return (
    <div className="console" data-testid="console" data-role={session.role}>
      <header className="top">
        <div className="brand">
          <b>{hallName}</b>
          <span>控制台</span>
        </div>
        <nav className="tabs" aria-label="页面">
          {isManager(session.role) && (
            <>
              <Tab to={{ page: 'live' }} route={route} label="大厅实况" badge={activeAlerts} testId="nav-live" />
              <Tab to={{ page: 'ratings', tab: 'list' }} route={route} label="好差评" badge={overdueCases} testId="nav-ratings" />
              <Tab to={{ page: 'appointments' }} route={route} label="预约与信用" testId="nav-appointments" />
              <Tab to={{ page: 'records' }} route={route} label="延时服务与设备" testId="nav-records" />
              <Tab to={{ page: 'reports' }} route={route} label="统计报表" testId="nav-reports" />
            </>
          )}
          <Tab to={{ page: 'caller', windowId: null }} route={route} label="叫号台" testId="nav-caller" />
          <Tab to={{ page: 'desk' }} route={route} label="服务台取号" testId="nav-desk" />
          <Tab to={{ page: 'booking' }} route={route} label="现场/电话预约" testId="nav-booking" />
          <Tab to={{ page: 'assisted', tab: 'proxy', id: null }} route={route} label="帮办代办与投诉" badge={assistedAlerts} testId="nav-assisted" />
          {!isManager(session.role) && <Tab to={{ page: 'my-ratings' }} route={route} label="我的评价与申诉" testId="nav-my-ratings" />}
          {session.role === 'admin' && <Tab to={{ page: 'admin', tab: 'services' }} route={route} label="管理" testId="nav-admin" />}
        </nav>
        <div className="who">
          <Connection connection={state.connection} />
          <span data-testid="who">
            {session.name}
            <small>
              {ROLE_NAMES[session.role]}
              {session.employeeNo ? ` · 工号 ${session.employeeNo}` : ''}
            </small>
          </span>
          <button type="button" className="btn ghost" data-testid="logout" onClick={() => void logout()}>
            退出登录
          </button>
        </div>
      </header>
      <main className="page">
        {setupError ? (
          <div className="center-note">
            <ErrorLine text={setupError} />
          </div>
        ) : !ctx || !state.view ? (
          <div className="center-note" data-testid="loading">
            正在连接大厅服务器……
          </div>
        ) : (
          <Ctx.Provider value={ctx}>
            <Page route={route} view={state.view} role={session.role} />
          </Ctx.Provider>
        )}
      </main>
    </div>
  );
}

function Page({ route, view, role }: { route: Route; view: HallView; role: Role }) {
  if (MANAGER_PAGES.has(route.page) && !isManager(role)) {
    return (
      <div className="refused" data-testid="refused">
        <h1>无权访问</h1>
        <p>大厅管理页面仅限大厅负责人和系统管理员使用。您的账号是窗口工作人员，请使用叫号台。</p>
        <button type="button" className="btn primary" onClick={() => navigate({ page: 'caller', windowId: null })}>
          返回叫号台
        </button>
      </div>
    );
  }
  if (route.page === 'admin' && role !== 'admin') {
    return (
      <div className="refused" data-testid="refused">
        <h1>无权访问</h1>
        <p>管理（大厅配置）仅限系统管理员使用。</p>
      </div>
    );
  }
  switch (route.page) {
    case 'admin':
      return <AdminPage tab={route.tab} />;
    case 'caller':
      return <Caller windowId={route.windowId} view={view} />;
    case 'booking':
      return <BookingEntry />;
    case 'desk':
      return <DeskTicket view={view} />;
    case 'assisted':
      return <AssistedPage route={route} view={view} />;
    case 'my-ratings':
      return <MyRatings view={view} />;
    case 'ratings':
      return <ManagerRatings tab={route.tab} view={view} />;
    case 'live':
      return <ManagerLive view={view} />;
    case 'appointments':
      return <ManagerAppointments />;
    case 'records':
      return <ManagerRecords view={view} />;
    case 'reports':
      return <ManagerReports view={view} />;
    case 'home':
      return null;
  }
}

function pageTitle(r: Route): string {
  const names: Record<Route['page'], string> = { home: '控制台', caller: '叫号台', booking: '现场/电话预约', desk: '服务台取号', live: '大厅实况', appointments: '预约与信用', records: '延时服务与设备', reports: '统计报表', ratings: '好差评', 'my-ratings': '我的评价与申诉', assisted: '帮办代办与投诉', admin: '管理（大厅配置）' };
  return names[r.page];
}

function Tab({ to, route, label, badge, testId }: { to: Route; route: Route; label: string; badge?: number; testId: string }) {
  const on = route.page === to.page;
  return (
    <a
      href="#"
      className={on ? 'tab on' : 'tab'}
      aria-current={on ? 'page' : undefined}
      data-testid={testId}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {label}
      {badge ? (
        <em className="badge" data-testid={`${testId}-badge`}>
          {badge}
        </em>
      ) : null}
    </a>
  );
}

function Connection({ connection }: { connection: string }) {
  const live = connection === 'live';
  return (
    <span className={live ? 'conn conn-up' : 'conn conn-down'} data-testid="connection" title={live ? '实时连接正常' : '正在重新连接，数据可能不是最新'}>
      {live ? '● 实时' : connection === 'connecting' ? '● 连接中' : '● 连接中断'}
    </span>
  );
}

/** Every alert raised since login, newest first; one cleared by the server stays, marked 已解除. */
function useAlertLog(view: HallView | null, feed: HallFeed): AlertEntry[] {
  const [log, setLog] = useState<AlertEntry[]>([]);
  const alerts = view?.alerts;
  useEffect(() => {
    if (!alerts) return;
    setLog((prev) => {
      const active = new Set(alerts.map((a) => a.key));
      const known = new Set(prev.filter((e) => !e.cleared).map((e) => e.alert.key));
      const first = prev.length === 0;
      const fresh = alerts
        .filter((a) => !known.has(a.key))
        .map((a): AlertEntry => ({ alert: a, arrivedAt: first ? Date.parse(a.since) : hallNow(feed), cleared: false }))
        .sort((x, y) => y.arrivedAt - x.arrivedAt);
      const updated = prev.map((e) => (!e.cleared && !active.has(e.alert.key) ? { ...e, cleared: true } : e));
      if (fresh.length === 0 && updated.every((e, i) => e === prev[i])) return prev;
      return [...fresh, ...updated].slice(0, 200);
    });
  }, [alerts, feed]);
  return log;
}
