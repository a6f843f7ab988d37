/**
 * 帮办代办 in the console: the registration form (帮办 or 代办; for 代办 the signed authorisation —
 * services, actions, validity, signed-at — and the materials handed over), the
 * 《帮办服务登记台帐》 between two dates with its CSV and Excel downloads, one request with its
 * trail and the actions its state allows (managers: assign, 改派 and 取消 with a reason), and the
 * printable 《代办受理通知书》.
 */
import { PROXY_ACTION_NAMES, type ProxyAction } from '@hall/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { errorText } from '../api.js';
import { Empty, ErrorLine, Panel, serviceName, useConsole, useHallNow, useLoad } from '../common.js';
import { downloadFile } from '../download.js';
import { addDays, hallDate } from '../format.js';
import { navigate } from '../routes.js';
import { isManager } from '../session.js';
import type { ProxyNotice } from '@hall/shared';
import type { ProxyView } from './types.js';
import { ActionBox, Checks, Facts, RecordLink, Trail, hallMinute, lines, roster, serviceOptions, when } from './widgets.js';

const ACTION_OPTIONS = (Object.keys(PROXY_ACTION_NAMES) as ProxyAction[]).map((a) => ({ value: a, label: PROXY_ACTION_NAMES[a] }));
const open = (id: string, notice = false) => navigate({ page: 'assisted', tab: 'proxy', id, ...(notice ? { notice } : {}) });

// ---------------------------------------------------------------- list + registration

export function ProxyHome() {
  const { api, session, feed } = useConsole();
  const today = hallDate(useHallNow(feed, 60_000));
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [range, setRange] = useState({ from: today, to: today });
  const [tick, setTick] = useState(0);
  const rows = useLoad(() => api.get<ProxyView[]>(`/api/assisted/proxy?from=${range.from}&to=${range.to}`), [range, tick]);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [downloaded, setDownloaded] = useState<string | null>(null);
  const query = `from=${range.from}&to=${range.to}`;
  const download = async (format: 'csv' | 'xlsx') => {
    setDownloadError(null);
    setDownloaded(null);
    try {
      setDownloaded(await downloadFile(`/api/assisted/proxy?${query}&format=${format}`, session.token, `帮办服务登记台帐.${format}`));
    } catch (e) {
      setDownloadError(errorText(e));
    }
  };
  return (
    <div className="as-two" data-testid="proxy-home">
      <ProxyRegister onDone={(r) => open(r.id)} />
      <Panel
        title="《帮办服务登记台帐》"
        className="as-list"
        testId="proxy-ledger"
        extra={
          <form
            className="as-range"
            onSubmit={(e) => {
              e.preventDefault();
              setRange({ from: from.trim(), to: to.trim() });
              setTick((n) => n + 1);
            }}
          >
            <input aria-label="开始日期" data-testid="ledger-from" value={from} onChange={(e) => setFrom(e.target.value)} size={10} />
            至
            <input aria-label="结束日期" data-testid="ledger-to" value={to} onChange={(e) => setTo(e.target.value)} size={10} />
            <button type="submit" className="btn small" data-testid="ledger-query">
              查询
            </button>
            <button type="button" className="btn small" data-testid="ledger-csv" onClick={() => void download('csv')}>
              下载CSV
            </button>
            <button type="button" className="btn small" data-testid="ledger-xlsx" onClick={() => void download('xlsx')}>
              下载Excel
            </button>
          </form>
        }
      >
        <ErrorLine text={rows.error ?? downloadError} testId="ledger-error" />
        {downloaded && (
          <p className="note-line" data-testid="ledger-downloaded">
            已下载：{downloaded}
          </p>
        )}
        {rows.data && rows.data.length === 0 && <Empty>该期间没有帮办代办登记</Empty>}
        {rows.data && rows.data.length > 0 && <ProxyTable rows={rows.data} />}
      </Panel>
    </div>
  );
}

function ProxyTable({ rows }: { rows: ProxyView[] }) {
  const { setup } = useConsole();
  return (
    <table className="grid as-table">
      <thead>
        <tr>
          <th>登记号</th>
          <th>登记时间</th>
          <th>类型</th>
          <th>申请人</th>
          <th>办理事项</th>
          <th>人员</th>
          <th>状态</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid={`proxy-row-${r.no}`}>
            <td>
              <RecordLink href={`/console/assisted/proxy/${r.id}`} onOpen={() => open(r.id)}>
                {r.no}
              </RecordLink>
            </td>
            <td>{when(r.receivedAt)}</td>
            <td>{r.modeName}</td>
            <td>{r.applicant.name}</td>
            <td className="why">{r.services.map((s) => serviceName(setup, s)).join('、')}</td>
            <td>{r.agent?.name ?? '未分派'}</td>
            <td data-testid={`proxy-status-${r.no}`}>{r.statusName}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProxyRegister({ onDone }: { onDone: (r: ProxyView) => void }) {
  const { api, setup, feed } = useConsole();
  const now = useHallNow(feed, 60_000);
  const today = hallDate(now);
  const [mode, setMode] = useState<'help' | 'proxy'>('proxy');
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [services, setServices] = useState<string[]>([]);
  const [scope, setScope] = useState<string[]>([]);
  const [actions, setActions] = useState<string[]>([]);
  const [validFrom, setValidFrom] = useState(today);
  const [validTo, setValidTo] = useState(() => addDays(today, 6));
  const [signedAt, setSignedAt] = useState(() => hallMinute(now));
  const [received, setReceived] = useState('');
  const [missing, setMissing] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const body = {
        mode,
        applicant: { name: name.trim(), idNumber: idNumber.trim(), phone: phone.trim() },
        ...(organisation.trim() ? { organisation: organisation.trim() } : {}),
        services,
        ...(mode === 'proxy'
          ? {
              authorization: { services: scope, actions, validFrom: validFrom.trim(), validTo: validTo.trim(), signedAt: signedAt.trim() },
              materials: [...lines(received).map((n) => ({ name: n, received: true })), ...lines(missing).map((n) => ({ name: n, received: false }))],
            }
          : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      onDone(await api.post<ProxyView>('/api/assisted/proxy', body));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <Panel title="帮办代办登记" className="as-form" testId="proxy-register">
      <form onSubmit={submit} noValidate className="as-grid">
        <div className="field as-wide" role="radiogroup" aria-label="类型">
          类型
          <div className="row">
            <label className="radio">
              <input type="radio" name="proxy-mode" data-testid="proxy-mode-proxy" checked={mode === 'proxy'} onChange={() => setMode('proxy')} />
              代办（申请人委托，工作人员代为办理）
            </label>
            <label className="radio">
              <input type="radio" name="proxy-mode" data-testid="proxy-mode-help" checked={mode === 'help'} onChange={() => setMode('help')} />
              帮办（工作人员陪同申请人办理）
            </label>
          </div>
        </div>
        <label className="field">
          申请人姓名
          <input data-testid="proxy-name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          身份证号
          <input data-testid="proxy-id" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} maxLength={18} />
        </label>
        <label className="field">
          联系电话
          <input data-testid="proxy-phone" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </label>
        <label className="field">
          单位名称（企业申请时填写）
          <input data-testid="proxy-org" value={organisation} onChange={(e) => setOrganisation(e.target.value)} />
        </label>
        <div className="field as-wide">
          办理事项
          <Checks options={serviceOptions(setup)} value={services} onChange={setServices} testId="proxy-services" />
        </div>
        {mode === 'proxy' && (
          <fieldset className="as-wide as-box" data-testid="proxy-authorization">
            <legend>委托书</legend>
            <div className="field">
              授权事项
              <Checks options={serviceOptions(setup)} value={scope} onChange={setScope} testId="auth-services" />
            </div>
            <div className="field">
              授权权限
              <Checks options={ACTION_OPTIONS} value={actions} onChange={setActions} testId="auth-actions" />
            </div>
            <div className="as-grid">
              <label className="field">
                有效期自（年-月-日）
                <input data-testid="auth-from" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
              </label>
              <label className="field">
                有效期至（年-月-日）
                <input data-testid="auth-to" value={validTo} onChange={(e) => setValidTo(e.target.value)} />
              </label>
              <label className="field as-wide">
                签署时间（年-月-日 时:分）
                <input data-testid="auth-signed" value={signedAt} onChange={(e) => setSignedAt(e.target.value)} />
              </label>
            </div>
          </fieldset>
        )}
        {mode === 'proxy' && (
          <>
            <label className="field">
              已交接材料（每行一项）
              <textarea data-testid="materials-received" rows={3} value={received} onChange={(e) => setReceived(e.target.value)} />
            </label>
            <label className="field">
              尚缺材料（每行一项，一次性告知）
              <textarea data-testid="materials-missing" rows={3} value={missing} onChange={(e) => setMissing(e.target.value)} />
            </label>
          </>
        )}
        <label className="field as-wide">
          备注
          <input data-testid="proxy-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div className="as-wide">
          <button type="submit" className="btn primary" data-testid="proxy-submit" disabled={busy}>
            {busy ? '正在登记……' : '登记'}
          </button>
          <ErrorLine text={error} testId="proxy-register-error" />
        </div>
      </form>
    </Panel>
  );
}

// ---------------------------------------------------------------- one request

export function ProxyDetail({ id }: { id: string }) {
  const { api } = useConsole();
  const [tick, setTick] = useState(0);
  const r = useLoad(() => api.get<ProxyView>(`/api/assisted/proxy/${encodeURIComponent(id)}`), [id, tick]);
  const [data, setData] = useState<ProxyView | null>(null);
  useEffect(() => setData(r.data), [r.data]);
  if (r.error && !data) return <ErrorLine text={r.error} testId="proxy-load-error" />;
  if (!data) return <div className="center-note">正在读取……</div>;
  return <ProxyRecord r={data} onChange={(next) => (next ? setData(next) : setTick((n) => n + 1))} />;
}

function ProxyRecord({ r, onChange }: { r: ProxyView; onChange: (next?: ProxyView) => void }) {
  const { setup } = useConsole();
  const names = (codes: string[]) => codes.map((s) => serviceName(setup, s)).join('、');
  const a = r.authorization;
  return (
    <div className="as-detail" data-testid="proxy-detail">
      <Panel
        title={
          <>
            {r.modeName} {r.no} <span className={`tag as-status-${r.status}`} data-testid="proxy-status">{r.statusName}</span>
          </>
        }
        className="as-info"
        extra={
          <span className="row tight">
            <button type="button" className="btn small" data-testid="proxy-notice" onClick={() => open(r.id, true)}>
              {r.mode === 'proxy' ? '代办受理通知书' : '帮办受理通知书'}
            </button>
            <button type="button" className="btn small" data-testid="proxy-back" onClick={() => navigate({ page: 'assisted', tab: 'proxy', id: null })}>
              返回台帐
            </button>
          </span>
        }
      >
        <Facts
          testId="proxy-facts"
          rows={[
            ['申请人', `${r.applicant.name}\u3000${r.applicant.idNumber}\u3000${r.applicant.phone}`],
            ...(r.organisation ? ([['单位', r.organisation]] as [string, string][]) : []),
            ['办理事项', names(r.services)],
            ['登记时间', `${when(r.receivedAt)}（${r.createdBy.name ?? ''}）`],
            ['帮办代办人员', r.agent ? `${r.agent.name}（工号${r.agent.employeeNo}）` : '尚未分派'],
            ...(a
              ? ([
                  ['授权事项', names(a.services)],
                  ['授权权限', a.actions.map((x) => PROXY_ACTION_NAMES[x as ProxyAction] ?? x).join('、')],
                  ['有效期限', `${a.validFrom} 至 ${a.validTo}`],
                  ['委托书签署', when(a.signedAt)],
                ] as [string, string][])
              : []),
            ...(r.handBack ? ([['交还', `${r.handBack.items.join('、')} → ${r.handBack.to.name}（${when(r.handBack.at)}）`]] as [string, string][]) : []),
            ...(r.cancellation ? ([['取消原因', r.cancellation.reason]] as [string, string][]) : []),
          ]}
        />
        {r.materials.length > 0 && (
          <>
            <h3 className="as-sub">材料交接</h3>
            <ul className="as-materials" data-testid="proxy-materials">
              {r.materials.map((m) => (
                <li key={m.name} className={m.received ? 'got' : 'missing'}>
                  {m.received ? '✔' : '✘'} {m.name}
                  <span className="muted">{m.received ? `已交接 ${when(m.receivedAt)}` : '尚未交来'}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        <h3 className="as-sub">办理记录</h3>
        <Trail history={r.history} testId="proxy-trail" />
      </Panel>
      <Panel title="办理" className="as-actions" testId="proxy-actions">
        <ProxyActions r={r} onChange={onChange} />
      </Panel>
    </div>
  );
}

function ProxyActions({ r, onChange }: { r: ProxyView; onChange: (next?: ProxyView) => void }) {
  const { api, setup, session } = useConsole();
  const manager = isManager(session.role);
  const staff = roster(setup);
  const post = async (path: string, body?: unknown) => onChange(await api.post<ProxyView>(`/api/assisted/proxy/${r.id}/${path}`, body));
  const [got, setGot] = useState<string[]>([]);
  const [agentNo, setAgentNo] = useState(staff[0]?.employeeNo ?? '');
  const [reassignNo, setReassignNo] = useState(staff.find((s) => s.employeeNo !== r.agent?.employeeNo)?.employeeNo ?? '');
  const [reassignWhy, setReassignWhy] = useState('');
  const [cancelWhy, setCancelWhy] = useState('');
  const [stepService, setStepService] = useState(r.services[0] ?? '');
  const [stepAction, setStepAction] = useState<ProxyAction>('submit');
  const [stepNote, setStepNote] = useState('');
  const [doneNote, setDoneNote] = useState('');
  const [items, setItems] = useState('');
  const [toName, setToName] = useState(r.applicant.name);
  const [toId, setToId] = useState('');
  const [toRelation, setToRelation] = useState('本人');
  const missing = r.materials.filter((m) => !m.received).map((m) => m.name);
  const live = r.status === 'registered' || r.status === 'assigned' || r.status === 'in-progress';
  const staffSelect = (value: string, set: (v: string) => void, testId: string) => (
    <select aria-label={`${r.modeName}人员`} data-testid={testId} value={value} onChange={(e) => set(e.target.value)}>
      {staff.map((s) => (
        <option key={s.employeeNo} value={s.employeeNo}>
          {s.name}（{s.employeeNo}）
        </option>
      ))}
    </select>
  );

  return (
    <div className="as-action-list">
      {!live && r.status !== 'completed' && <p className="muted">{r.status === 'cancelled' ? '已取消，无需再办理。' : '已交还办理结果，本件已结束。'}</p>}
      {live && missing.length > 0 && (
        <ActionBox title="材料交接（补交）" button="确认已收到" testId="act-materials" disabled={got.length === 0} run={async () => post('materials', { received: got }).then(() => setGot([]))}>
          <Checks options={missing.map((m) => ({ value: m, label: m }))} value={got} onChange={setGot} testId="materials-got" />
        </ActionBox>
      )}
      {r.status === 'registered' && manager && (
        <ActionBox title="分派人员（部门负责人）" button="分派" testId="act-assign" run={() => post('assign', { agentNo })}>
          {staffSelect(agentNo, setAgentNo, 'assign-agent')}
        </ActionBox>
      )}
      {r.status === 'registered' && !manager && <p className="muted">等待部门负责人分派{r.modeName}人员。</p>}
      {r.status === 'assigned' && <ActionBox title="开始办理" button="开始办理" testId="act-start" run={() => post('start')} />}
      {r.status === 'in-progress' && (
        <ActionBox title="记录办理情况" button="记录" testId="act-step" run={() => post('steps', { serviceCode: stepService, action: stepAction, ...(stepNote.trim() ? { note: stepNote.trim() } : {}) }).then(() => setStepNote(''))}>
          <div className="row tight">
            <select aria-label="业务" data-testid="step-service" value={stepService} onChange={(e) => setStepService(e.target.value)}>
              {setup.services.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
            <select aria-label="办理事项" data-testid="step-action" value={stepAction} onChange={(e) => setStepAction(e.target.value as ProxyAction)}>
              {ACTION_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <input aria-label="说明" placeholder="说明（可不填）" data-testid="step-note" value={stepNote} onChange={(e) => setStepNote(e.target.value)} />
        </ActionBox>
      )}
      {r.status === 'in-progress' && (
        <ActionBox title="办结" button="办结" testId="act-complete" run={() => post('complete', doneNote.trim() ? { note: doneNote.trim() } : {})}>
          <input aria-label="办结说明" placeholder="办结说明（可不填）" data-testid="complete-note" value={doneNote} onChange={(e) => setDoneNote(e.target.value)} />
        </ActionBox>
      )}
      {r.status === 'completed' && (
        <ActionBox
          title="交还办理结果及材料"
          button="确认交还"
          testId="act-hand-back"
          run={() => post('hand-back', { items: lines(items), to: { name: toName.trim(), ...(toId.trim() ? { idNumber: toId.trim() } : {}), ...(toRelation.trim() ? { relation: toRelation.trim() } : {}) } })}
        >
          <label className="field">
            交还的材料或结果（每行一项）
            <textarea data-testid="hand-back-items" rows={3} value={items} onChange={(e) => setItems(e.target.value)} />
          </label>
          <div className="row tight">
            <label className="field">
              领取人
              <input data-testid="hand-back-name" value={toName} onChange={(e) => setToName(e.target.value)} size={8} />
            </label>
            <label className="field">
              与申请人关系
              <input data-testid="hand-back-relation" value={toRelation} onChange={(e) => setToRelation(e.target.value)} size={6} />
            </label>
          </div>
          <label className="field">
            领取人身份证号（非本人领取时填写）
            <input data-testid="hand-back-id" value={toId} onChange={(e) => setToId(e.target.value)} maxLength={18} />
          </label>
        </ActionBox>
      )}
      {manager && (r.status === 'assigned' || r.status === 'in-progress') && (
        <ActionBox title="改派（须说明原因，留痕）" button="批准改派" testId="act-reassign" run={() => post('reassign', { agentNo: reassignNo, reason: reassignWhy.trim() }).then(() => setReassignWhy(''))}>
          {staffSelect(reassignNo, setReassignNo, 'reassign-agent')}
          <input aria-label="改派原因" placeholder="改派原因" data-testid="reassign-reason" value={reassignWhy} onChange={(e) => setReassignWhy(e.target.value)} />
        </ActionBox>
      )}
      {manager && live && (
        <ActionBox title="取消（须说明原因）" button="批准取消" danger testId="act-cancel" run={() => post('cancel', { reason: cancelWhy.trim() })}>
          <input aria-label="取消原因" placeholder="取消原因" data-testid="cancel-reason" value={cancelWhy} onChange={(e) => setCancelWhy(e.target.value)} />
        </ActionBox>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- 《代办受理通知书》

export function ProxyNoticePage({ id }: { id: string }) {
  const { api } = useConsole();
  const n = useLoad(() => api.get<ProxyNotice>(`/api/assisted/proxy/${encodeURIComponent(id)}/notice`), id);
  const d = n.data;
  return (
    <div className="as-notice-page" data-testid="proxy-notice-page">
      <div className="row as-noprint">
        <button type="button" className="btn primary" data-testid="notice-print" disabled={!d} onClick={() => window.print()}>
          打印通知书
        </button>
        <button type="button" className="btn" data-testid="notice-back" onClick={() => open(id)}>
          返回登记
        </button>
      </div>
      <ErrorLine text={n.error} testId="notice-error" />
      {d && (
        <article className="as-notice" data-testid="notice-sheet">
          <h1>{d.hallName}</h1>
          <h2>《{d.title}》</h2>
          <p className="as-notice-no">登记号：{d.no}{'\u3000\u3000'}受理时间：{d.receivedAt}</p>
          <table className="gs-table">
            <tbody>
              <tr>
                <th>申请人</th>
                <td>{d.applicant.name}</td>
                <th>身份证号</th>
                <td>{d.applicant.idNumber}</td>
              </tr>
              <tr>
                <th>联系电话</th>
                <td>{d.applicant.phone}</td>
                <th>单位</th>
                <td>{d.applicant.organisation ?? '—'}</td>
              </tr>
              <tr>
                <th>办理事项</th>
                <td colSpan={3}>{d.services.join('、')}</td>
              </tr>
              {d.authorization && (
                <>
                  <tr>
                    <th>授权事项</th>
                    <td colSpan={3}>{d.authorization.services.join('、')}</td>
                  </tr>
                  <tr>
                    <th>授权权限</th>
                    <td colSpan={3}>{d.authorization.actions.join('、')}</td>
                  </tr>
                  <tr>
                    <th>有效期限</th>
                    <td data-testid="notice-validity">
                      {d.authorization.validFrom} 至 {d.authorization.validTo}
                    </td>
                    <th>委托书签署</th>
                    <td>{d.authorization.signedAt}</td>
                  </tr>
                </>
              )}
              {d.materials.length > 0 && (
                <tr>
                  <th>交接材料</th>
                  <td colSpan={3}>{d.materials.map((m) => `${m.name}（${m.received ? '已交' : '未交'}）`).join('、')}</td>
                </tr>
              )}
              <tr>
                <th>{d.mode}人员</th>
                <td>{d.agent ? `${d.agent.name}（工号${d.agent.employeeNo}）` : '待分派'}</td>
                <th>状态</th>
                <td>{d.status}</td>
              </tr>
            </tbody>
          </table>
          <ol className="as-terms">
            {d.terms.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ol>
          <div className="as-sign">
            <span>申请人（签字）：</span>
            <span>{d.mode}人员（签字）：</span>
            <span>日期：</span>
          </div>
        </article>
      )}
    </div>
  );
}
