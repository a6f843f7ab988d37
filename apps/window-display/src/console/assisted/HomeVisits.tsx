/**
 * 上门服务: registration (category, applicant, enterprise name for an enterprise, address,
 * services), the list with each request's same-day answer deadline and an overdue marker, and one
 * request: accept (time, place, two or more staff from the roster, materials), decline with a
 * reason (managers: 报经大厅同意), and the outcome of the visit.
 */
import { HOME_VISIT_CATEGORY_NAMES, type HomeVisitCategory } from '@hall/shared';
import { useEffect, useState, type FormEvent } from 'react';
import type { HallView } from '../../realtime/index.js';
import { errorText } from '../api.js';
import { Empty, ErrorLine, Panel, serviceName, useConsole, useLoad } from '../common.js';
import { navigate } from '../routes.js';
import { isManager } from '../session.js';
import type { HomeVisitView } from './types.js';
import { ActionBox, Checks, Deadline, Facts, RecordLink, Trail, lines, roster, serviceOptions, when } from './widgets.js';

const CATEGORIES = Object.entries(HOME_VISIT_CATEGORY_NAMES) as [HomeVisitCategory, string][];
const open = (id: string | null) => navigate({ page: 'assisted', tab: 'home-visits', id });
/** Lists are re-read when an alert about them comes or goes (a deadline passing), else every 30 s. */
export const alertKey = (view: HallView, kind: string) => view.alerts.filter((a) => a.kind === kind).map((a) => a.key);

export function HomeVisits({ id, view }: { id: string | null; view: HallView }) {
  return id ? <VisitDetail id={id} /> : <VisitHome view={view} />;
}

function VisitHome({ view }: { view: HallView }) {
  const { api, setup } = useConsole();
  const [openOnly, setOpenOnly] = useState(true);
  const [tick, setTick] = useState(0);
  const rows = useLoad(() => api.get<HomeVisitView[]>(`/api/assisted/home-visits${openOnly ? '?open=true' : ''}`), [openOnly, tick, alertKey(view, 'home-visit-overdue')], 30_000);
  return (
    <div className="as-two" data-testid="visit-home">
      <VisitRegister onDone={(r) => open(r.id)} />
      <Panel
        title="上门服务申请"
        className="as-list"
        testId="visit-list"
        extra={
          <label className="field inline">
            <input type="checkbox" data-testid="visit-open-only" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
            只看待答复、待上门的
          </label>
        }
      >
        <ErrorLine text={rows.error} />
        {rows.data?.length === 0 && <Empty>没有上门服务申请</Empty>}
        {rows.data && rows.data.length > 0 && (
          <table className="grid as-table">
            <thead>
              <tr>
                <th>登记号</th>
                <th>对象</th>
                <th>申请人</th>
                <th>办理事项</th>
                <th>答复期限</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.data.map((r) => (
                <tr key={r.id} data-testid={`visit-row-${r.no}`} className={r.replyOverdue ? 'bad-row' : ''}>
                  <td>
                    <RecordLink
                      href={`/console/assisted/home-visits/${r.id}`}
                      onOpen={() => {
                        open(r.id);
                        setTick((n) => n + 1);
                      }}
                    >
                      {r.no}
                    </RecordLink>
                  </td>
                  <td>{r.categoryName}</td>
                  <td>{r.organisation ? `${r.organisation}（${r.applicant.name}）` : r.applicant.name}</td>
                  <td className="why">{r.services.map((s) => serviceName(setup, s)).join('、')}</td>
                  <td>{r.status === 'pending' ? <Deadline at={r.replyBy} overdue={r.replyOverdue} testId={`visit-deadline-${r.no}`} /> : `已答复 ${when(r.answeredAt)}`}</td>
                  <td>{r.statusName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}

function VisitRegister({ onDone }: { onDone: (r: HomeVisitView) => void }) {
  const { api, setup } = useConsole();
  const [category, setCategory] = useState<HomeVisitCategory | ''>('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [address, setAddress] = useState('');
  const [services, setServices] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!category) return setError('请选择服务对象类别');
    setError(null);
    setBusy(true);
    try {
      const body = {
        category,
        applicant: { name: name.trim(), phone: phone.trim(), ...(idNumber.trim() ? { idNumber: idNumber.trim() } : {}) },
        ...(organisation.trim() ? { organisation: organisation.trim() } : {}),
        address: address.trim(),
        services,
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      onDone(await api.post<HomeVisitView>('/api/assisted/home-visits', body));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  return (
    <Panel title="上门服务申请登记" className="as-form" testId="visit-register">
      <form onSubmit={submit} noValidate className="as-grid">
        <label className="field">
          服务对象类别
          <select data-testid="visit-category" value={category} onChange={(e) => setCategory(e.target.value as HomeVisitCategory)}>
            <option value="">请选择</option>
            {CATEGORIES.map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        {category === 'enterprise' ? (
          <label className="field">
            企业名称
            <input data-testid="visit-org" value={organisation} onChange={(e) => setOrganisation(e.target.value)} />
          </label>
        ) : (
          <span />
        )}
        <label className="field">
          {category === 'enterprise' ? '联系人姓名' : '申请人姓名'}
          <input data-testid="visit-name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          联系电话
          <input data-testid="visit-phone" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </label>
        <label className="field">
          身份证号（可不填）
          <input data-testid="visit-id" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} maxLength={18} />
        </label>
        <label className="field">
          上门地址
          <input data-testid="visit-address" value={address} onChange={(e) => setAddress(e.target.value)} />
        </label>
        <div className="field as-wide">
          办理事项
          <Checks options={serviceOptions(setup)} value={services} onChange={setServices} testId="visit-services" />
        </div>
        <label className="field as-wide">
          备注
          <input data-testid="visit-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div className="as-wide">
          <p className="muted">当日答复：工作日下班前受理的，当日下班前答复；下班后或非工作日受理的，下一个工作日下班前答复。</p>
          <button type="submit" className="btn primary" data-testid="visit-submit" disabled={busy}>
            {busy ? '正在登记……' : '登记'}
          </button>
          <ErrorLine text={error} testId="visit-register-error" />
        </div>
      </form>
    </Panel>
  );
}

function VisitDetail({ id }: { id: string }) {
  const { api, setup, session } = useConsole();
  const loaded = useLoad(() => api.get<HomeVisitView>(`/api/assisted/home-visits/${encodeURIComponent(id)}`), id);
  const [r, setR] = useState<HomeVisitView | null>(null);
  useEffect(() => setR(loaded.data), [loaded.data]);
  const staff = roster(setup);
  const [at, setAt] = useState('');
  const [place, setPlace] = useState('');
  const [team, setTeam] = useState<string[]>([]);
  const [materials, setMaterials] = useState('');
  const [acceptNote, setAcceptNote] = useState('');
  const [why, setWhy] = useState('');
  const [outcomeNote, setOutcomeNote] = useState('');
  useEffect(() => {
    if (loaded.data && !place) setPlace(loaded.data.address);
  }, [loaded.data, place]);
  if (loaded.error && !r) return <ErrorLine text={loaded.error} />;
  if (!r) return <div className="center-note">正在读取……</div>;
  const post = async (path: string, body: unknown) => setR(await api.post<HomeVisitView>(`/api/assisted/home-visits/${r.id}/${path}`, body));
  return (
    <div className="as-detail" data-testid="visit-detail">
      <Panel
        title={
          <>
            上门服务 {r.no} <span className="tag" data-testid="visit-status">{r.statusName}</span>
          </>
        }
        className="as-info"
        extra={
          <button type="button" className="btn small" data-testid="visit-back" onClick={() => open(null)}>
            返回列表
          </button>
        }
      >
        <Facts
          testId="visit-facts"
          rows={[
            ['服务对象', r.categoryName],
            ['申请人', `${r.organisation ? `${r.organisation} ` : ''}${r.applicant.name}\u3000${r.applicant.phone}`],
            ['上门地址', r.address],
            ['办理事项', r.services.map((s) => serviceName(setup, s)).join('、')],
            ['受理时间', when(r.receivedAt)],
            ['答复期限', <Deadline key="d" at={r.replyBy} overdue={r.replyOverdue} testId="visit-deadline" />],
            ...(r.visit
              ? ([
                  ['上门时间', when(r.visit.at)],
                  ['上门地点', r.visit.place],
                  ['上门人员', r.visit.staff.map((s) => `${s.name}（${s.employeeNo}）`).join('、')],
                  ['所需材料', r.visit.materials.join('、') || '—'],
                ] as [string, string][])
              : []),
            ...(r.decline ? ([['暂不上门理由', r.decline.reason]] as [string, string][]) : []),
            ...(r.outcome ? ([['上门结果', `${r.outcome.done ? '办成' : '未办成'}：${r.outcome.note}`]] as [string, string][]) : []),
          ]}
        />
        <h3 className="as-sub">办理记录</h3>
        <Trail history={r.history} testId="visit-trail" />
      </Panel>
      <Panel title="答复与结果" className="as-actions" testId="visit-actions">
        <div className="as-action-list">
          {r.status === 'pending' && (
            <ActionBox title="同意上门" button="同意上门" testId="act-accept" run={() => post('accept', { at: at.trim(), place: place.trim(), staffNos: team, materials: lines(materials), ...(acceptNote.trim() ? { note: acceptNote.trim() } : {}) })}>
              <label className="field">
                上门时间（年-月-日 时:分）
                <input data-testid="accept-at" value={at} onChange={(e) => setAt(e.target.value)} placeholder="2026-11-24 10:00" />
              </label>
              <label className="field">
                上门地点
                <input data-testid="accept-place" value={place} onChange={(e) => setPlace(e.target.value)} />
              </label>
              <div className="field">
                上门人员（两名以上）
                <Checks options={staff.map((s) => ({ value: s.employeeNo, label: `${s.name}（${s.employeeNo}）` }))} value={team} onChange={setTeam} testId="accept-staff" />
              </div>
              <label className="field">
                告知所需材料（每行一项）
                <textarea data-testid="accept-materials" rows={2} value={materials} onChange={(e) => setMaterials(e.target.value)} />
              </label>
              <input aria-label="说明" placeholder="说明（可不填）" data-testid="accept-note" value={acceptNote} onChange={(e) => setAcceptNote(e.target.value)} />
            </ActionBox>
          )}
          {r.status === 'pending' && isManager(session.role) && (
            <ActionBox title="暂不上门（报经大厅同意）" button="暂不上门" danger testId="act-decline" run={() => post('decline', { reason: why.trim() })}>
              <input aria-label="理由" placeholder="理由（将告知申请人）" data-testid="decline-reason" value={why} onChange={(e) => setWhy(e.target.value)} />
            </ActionBox>
          )}
          {r.status === 'pending' && !isManager(session.role) && <p className="muted">暂不上门须报经大厅同意，请联系大厅负责人。</p>}
          {r.status === 'accepted' && (
            <>
              <ActionBox title="上门结果" button="已办成" testId="act-done" run={() => post('outcome', { done: true, note: outcomeNote.trim() })}>
                <input aria-label="上门情况说明" placeholder="上门情况说明" data-testid="outcome-note" value={outcomeNote} onChange={(e) => setOutcomeNote(e.target.value)} />
              </ActionBox>
              <ActionBox title="未办成" button="记录未办成" danger testId="act-not-done" run={() => post('outcome', { done: false, note: outcomeNote.trim() })} />
            </>
          )}
          {(r.status === 'declined' || r.status === 'done' || r.status === 'not-done') && <p className="muted">本申请已处理完毕。</p>}
        </div>
      </Panel>
    </div>
  );
}
