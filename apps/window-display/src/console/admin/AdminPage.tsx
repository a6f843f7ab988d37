/**
 * 管理（大厅配置） for the system administrator: one draft of the whole hall config, edited section
 * by section (业务 with its 办事指南, 窗口, 工作人员, 设备, 办公时间, 节假日调整, 政策), checked by the
 * server as it is edited (POST /api/admin/config/validate: each issue shown beside its field and
 * listed above), saved as a new version (PUT /api/admin/config), exported and imported as a JSON
 * file, and the version history. A saved version takes effect with 立即生效 (after a confirm step:
 * POST /api/admin/config/apply, the server rebuilds the hall and refuses, in Chinese, a version
 * that does not fit the live day) or when the hall server restarts.
 */
import type { HallConfig } from '@hall/shared';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { errorText } from '../api.js';
import { ErrorLine, useConsole } from '../common.js';
import { downloadFile } from '../download.js';
import { navigate } from '../routes.js';
import { ADMIN_TAB_NAMES, ADMIN_TABS, type AdminTab } from './admin-tabs.js';
import { CalendarEditor, DevicesEditor, HoursEditor, PoliciesEditor, ServicesEditor, StaffEditor, WindowsEditor, type EditorProps, type Issue } from './editors.js';
import { VersionHistory } from './VersionHistory.js';
import './admin.css';

interface ConfigAnswer {
  version: number;
  inForceVersion: number;
  pendingVersion: number | null;
  config: HallConfig;
}
interface CheckAnswer {
  ok: boolean;
  issues: Issue[];
  sections?: string[];
}
interface SaveAnswer {
  saved: boolean;
  version: number;
  message: string;
}
interface ApplyAnswer {
  version: number;
  message: string;
}

/** Which tab shows the field at `path` (for the issue list's links). */
function tabOf(path: string): AdminTab {
  const head = path.split('.')[0] ?? '';
  const map: Record<string, AdminTab> = { services: 'services', departments: 'services', windows: 'windows', staff: 'staff', devices: 'devices', hours: 'hours', calendar: 'calendar' };
  return map[head] ?? 'policies';
}

export function AdminPage({ tab }: { tab: AdminTab }) {
  const { api, session } = useConsole();
  const [base, setBase] = useState<ConfigAnswer | null>(null);
  const [draft, setDraft] = useState<HallConfig | null>(null);
  const [check, setCheck] = useState<CheckAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmApply, setConfirmApply] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const fileRef = useRef<HTMLInputElement>(null);

  const load = async (message?: string) => {
    const r = await api.get<ConfigAnswer>('/api/admin/config');
    setBase(r);
    setDraft(r.config);
    setCheck({ ok: true, issues: [], sections: [] });
    setHistoryKey((k) => k + 1);
    if (message) setNotice(message);
  };
  useEffect(() => {
    load().catch((e: unknown) => setError(errorText(e)));
  }, [api]);

  // The server checks the draft shortly after each edit.
  const dirty = base !== null && draft !== null && JSON.stringify(draft) !== JSON.stringify(base.config);
  useEffect(() => {
    if (!draft || !dirty) return;
    let live = true;
    const t = setTimeout(() => {
      api.post<CheckAnswer>('/api/admin/config/validate', draft).then(
        (r) => live && setCheck(r),
        (e: unknown) => live && setError(errorText(e)),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [draft, dirty, api]);

  if (error && !draft) return <ErrorLine text={error} testId="admin-error" />;
  if (!base || !draft) return <p className="center-note">正在读取大厅配置……</p>;

  const edit: EditorProps['edit'] = (fn) => {
    setNotice(null);
    setConfirmApply(false);
    setCheck(null);
    setDraft((d) => {
      const next = structuredClone(d!);
      fn(next);
      return next;
    });
  };
  const issues = dirty ? (check?.issues ?? []) : [];
  const checking = dirty && check === null;

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.put<SaveAnswer>('/api/admin/config', draft);
      await load(r.message);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const apply = async (version: number) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await api.post<ApplyAnswer>('/api/admin/config/apply', { version });
      setConfirmApply(false);
      await load(r.message);
    } catch (e) {
      setConfirmApply(false);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const exportFile = async () => {
    setError(null);
    try {
      const name = await downloadFile('/api/admin/config/export', session.token, '大厅配置.json');
      setNotice(`已导出：${name}`);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    setNotice(null);
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      setError(`文件 ${file.name} 不是有效的 JSON，未导入`);
      return;
    }
    setBusy(true);
    try {
      const r = await api.post<SaveAnswer & { message: string }>('/api/admin/config/import', body);
      await load(`导入 ${file.name}：${r.message}`);
    } catch (err) {
      setError(`导入 ${file.name} 失败：${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  };

  const props: EditorProps = { draft, edit, issues };
  return (
    <div className="admin" data-testid="admin">
      <div className="admin-bar">
        <div className="admin-state">
          <b>大厅配置</b>
          <span data-testid="admin-version">
            编辑基于第 {base.version} 版 · 运行中第 {base.inForceVersion} 版
          </span>
          {base.pendingVersion !== null && (
            <>
              <span className="tag pending" data-testid="admin-pending">
                第 {base.pendingVersion} 版已保存，尚未生效
              </span>
              <button
                type="button"
                className="btn small primary"
                data-testid="admin-apply"
                disabled={busy || dirty || confirmApply}
                title={dirty ? '请先保存或放弃未保存的改动' : '不必重启大厅服务'}
                onClick={() => setConfirmApply(true)}
              >
                立即生效
              </button>
            </>
          )}
        </div>
        <div className="row tight">
          <span className="admin-check" data-testid="admin-check" role="status">
            {!dirty ? '没有未保存的改动' : checking ? '正在检查……' : issues.length ? `草稿有 ${issues.length} 处错误` : `草稿已通过检查${check?.sections?.length ? `，改动：${check.sections.join('、')}` : ''}`}
          </span>
          <button type="button" className="btn" data-testid="admin-discard" disabled={!dirty || busy} onClick={() => void load('已放弃未保存的改动')}>
            放弃改动
          </button>
          <button type="button" className="btn primary" data-testid="admin-save" disabled={!dirty || busy || checking || issues.length > 0} onClick={() => void save()}>
            保存
          </button>
          <button type="button" className="btn" data-testid="admin-export" onClick={() => void exportFile()}>
            导出
          </button>
          <button type="button" className="btn" data-testid="admin-import" disabled={busy} onClick={() => fileRef.current?.click()}>
            导入
          </button>
          <input ref={fileRef} type="file" accept=".json,application/json" hidden data-testid="admin-import-file" aria-label="导入大厅配置文件" onChange={(e) => void importFile(e)} />
        </div>
      </div>
      {confirmApply && base.pendingVersion !== null && (
        <div className="admin-confirm" role="alertdialog" aria-labelledby="admin-confirm-text" data-testid="admin-apply-confirm-box">
          <p id="admin-confirm-text">
            让第 {base.pendingVersion} 版立即生效？大厅服务将按新配置重建（不重启），窗口屏、综合屏、叫号台和取号机会在几秒内自动重新连接；已取的号码、排队和在岗状态不变。与今日运行情况不符的改动（如删除正在办理的窗口）会被拒绝，不作任何改动。
          </p>
          <div className="row tight">
            <button type="button" className="btn primary" data-testid="admin-apply-confirm" disabled={busy} onClick={() => void apply(base.pendingVersion!)}>
              {busy ? '正在生效……' : '确认生效'}
            </button>
            <button type="button" className="btn" data-testid="admin-apply-cancel" disabled={busy} onClick={() => setConfirmApply(false)}>
              取消
            </button>
          </div>
        </div>
      )}
      {notice && (
        <p className="note-line admin-notice" role="status" data-testid="admin-notice">
          {notice}
        </p>
      )}
      <ErrorLine text={error} testId="admin-error" />
      {issues.length > 0 && (
        <ul className="admin-issues" data-testid="admin-issues" aria-label="草稿中的错误">
          {issues.slice(0, 8).map((i) => (
            <li key={`${i.path}|${i.message}`}>
              <a
                href={`/console/admin/${tabOf(i.path)}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ page: 'admin', tab: tabOf(i.path) });
                }}
              >
                {ADMIN_TAB_NAMES[tabOf(i.path)]}
              </a>{' '}
              <code>{i.path || '(根)'}</code>：{i.message}
            </li>
          ))}
          {issues.length > 8 && <li>……另有 {issues.length - 8} 处</li>}
        </ul>
      )}
      <nav className="as-tabs" aria-label="管理（大厅配置）">
        {ADMIN_TABS.map((t) => {
          const on = t === tab;
          const n = issues.filter((i) => tabOf(i.path) === t).length;
          return (
            <a
              key={t}
              href={`/console/admin/${t}`}
              className={on ? 'as-tab on' : 'as-tab'}
              aria-current={on ? 'page' : undefined}
              data-testid={`admin-tab-${t}`}
              onClick={(e) => {
                e.preventDefault();
                navigate({ page: 'admin', tab: t });
              }}
            >
              {ADMIN_TAB_NAMES[t]}
              {n > 0 && t !== 'versions' ? <em className="badge">{n}</em> : null}
            </a>
          );
        })}
      </nav>
      <div className="admin-body">
        {tab === 'services' && <ServicesEditor {...props} />}
        {tab === 'windows' && <WindowsEditor {...props} />}
        {tab === 'staff' && <StaffEditor {...props} />}
        {tab === 'devices' && <DevicesEditor {...props} />}
        {tab === 'hours' && <HoursEditor {...props} />}
        {tab === 'calendar' && <CalendarEditor {...props} />}
        {tab === 'policies' && <PoliciesEditor {...props} />}
        {tab === 'versions' && <VersionHistory key={historyKey} />}
      </div>
    </div>
  );
}
