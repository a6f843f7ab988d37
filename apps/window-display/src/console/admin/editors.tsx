/**
 * The section editors of 管理（大厅配置）: each edits its part of the draft in place and shows the
 * server's issues beside the field they name (by path, e.g. `hours.weekly.1.0.0`).
 */
import type { HallConfig } from '@hall/shared';
import { useEffect, useState, type ReactNode } from 'react';
import { Empty, useConsole } from '../common.js';

export interface Issue {
  path: string;
  message: string;
}
export interface EditorProps {
  draft: HallConfig;
  edit: (fn: (d: HallConfig) => void) => void;
  issues: Issue[];
}

const under = (issues: Issue[], path: string) => issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));

/** The issues at (or under) `path`, in red, announced to screen readers. */
function Issues({ issues, path, testId }: { issues: Issue[]; path: string; testId?: string }) {
  const mine = under(issues, path);
  if (!mine.length) return null;
  return (
    <span className="field-issue" role="alert" data-testid={testId ?? `issue-${path}`}>
      {[...new Set(mine.map((i) => i.message))].join('；')}
    </span>
  );
}

function Text({ label, value, onChange, path, issues, testId, width, placeholder, type }: { label: string; value: string; onChange: (v: string) => void; path: string; issues: Issue[]; testId?: string; width?: number; placeholder?: string; type?: string }) {
  const bad = under(issues, path).length > 0;
  return (
    <label className="af">
      <span className="af-label">{label}</span>
      <input type={type ?? 'text'} value={value} placeholder={placeholder} aria-invalid={bad || undefined} className={bad ? 'bad' : undefined} style={width ? { width } : undefined} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
      <Issues issues={issues} path={path} />
    </label>
  );
}

function Num({ label, value, onChange, path, issues, testId, nullable }: { label: string; value: number | null; onChange: (v: number | null) => void; path: string; issues: Issue[]; testId?: string; nullable?: boolean }) {
  return (
    <Text
      label={label}
      type="number"
      width={90}
      value={value === null || value === undefined ? '' : String(value)}
      placeholder={nullable ? '不限' : undefined}
      onChange={(v) => onChange(v.trim() === '' && nullable ? null : Number(v))}
      path={path}
      issues={issues}
      testId={testId}
    />
  );
}

function Select({ label, value, options, onChange, path, issues, testId }: { label: string; value: string; options: [string, string][]; onChange: (v: string) => void; path: string; issues: Issue[]; testId?: string }) {
  return (
    <label className="af">
      <span className="af-label">{label}</span>
      <select value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, t]) => (
          <option key={v} value={v}>
            {t}
          </option>
        ))}
      </select>
      <Issues issues={issues} path={path} />
    </label>
  );
}

function Check({ label, value, onChange, testId }: { label: string; value: boolean; onChange: (v: boolean) => void; testId?: string }) {
  return (
    <label className="af check">
      <input type="checkbox" checked={value} data-testid={testId} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

function Section({ title, extra, children, testId }: { title: string; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="admin-section" data-testid={testId}>
      <header>
        <h2>{title}</h2>
        {extra}
      </header>
      {children}
    </section>
  );
}

/** An editable list of lines (办理条件, 申请材料) with add and remove. */
function Lines({ title, items, onChange, path, issues, testId }: { title: string; items: string[]; onChange: (v: string[]) => void; path: string; issues: Issue[]; testId: string }) {
  const [fresh, setFresh] = useState('');
  const add = () => {
    if (!fresh.trim()) return;
    onChange([...items, fresh.trim()]);
    setFresh('');
  };
  return (
    <fieldset className="lines" data-testid={testId}>
      <legend>
        {title}（{items.length} 项）
      </legend>
      <ol>
        {items.map((m, i) => (
          <li key={i}>
            <input aria-label={`${title}第${i + 1}项`} value={m} data-testid={`${testId}-${i}`} onChange={(e) => onChange(items.map((x, j) => (j === i ? e.target.value : x)))} />
            <button type="button" className="btn small" aria-label={`删除${title}第${i + 1}项`} onClick={() => onChange(items.filter((_, j) => j !== i))}>
              删除
            </button>
            <Issues issues={issues} path={`${path}.${i}`} />
          </li>
        ))}
      </ol>
      <div className="row tight">
        <input
          aria-label={`新增${title}`}
          placeholder={`新增${title}，如“身份证原件”`}
          value={fresh}
          data-testid={`${testId}-new`}
          onChange={(e) => setFresh(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="btn small" data-testid={`${testId}-add`} disabled={!fresh.trim()} onClick={add}>
          添加
        </button>
      </div>
    </fieldset>
  );
}

const deptOptions = (d: HallConfig): [string, string][] => d.departments.map((x) => [x.code, x.name]);

// ---------------------------------------------------------------- 业务

export function ServicesEditor({ draft, edit, issues }: EditorProps) {
  const [sel, setSel] = useState(0);
  const i = Math.min(sel, draft.services.length - 1);
  const s = draft.services[i];
  const p = `services.${i}`;
  const set = (fn: (s: HallConfig['services'][number]) => void) => edit((d) => fn(d.services[i]!));
  return (
    <div className="admin-two">
      <Section
        title={`业务（${draft.services.length}）`}
        testId="admin-services"
        extra={
          <button
            type="button"
            className="btn small"
            data-testid="service-add"
            onClick={() => {
              edit((d) => d.services.push({ code: '', name: '新业务', department: d.departments[0]?.code ?? '', prefix: '', dailyCap: null, targetMinutes: 15, realName: false, guide: { conditions: [], materials: [] } }));
              setSel(draft.services.length);
            }}
          >
            新增业务
          </button>
        }
      >
        <ul className="pick-list">
          {draft.services.map((x, k) => (
            <li key={k}>
              <button type="button" className={k === i ? 'pick on' : 'pick'} aria-pressed={k === i} data-testid={`service-pick-${x.code || k}`} onClick={() => setSel(k)}>
                <b>{x.prefix || '?'}</b> {x.name}
                <small>材料 {x.guide.materials.length} 项</small>
                {under(issues, `services.${k}`).length > 0 && <em className="badge">!</em>}
              </button>
            </li>
          ))}
        </ul>
      </Section>
      {s ? (
        <Section
          title={`${s.name} · 业务设置与办事指南`}
          testId="service-form"
          extra={
            <button
              type="button"
              className="btn small"
              data-testid="service-delete"
              disabled={draft.services.length <= 1}
              onClick={() => {
                edit((d) => d.services.splice(i, 1));
                setSel(Math.max(0, i - 1));
              }}
            >
              删除此业务
            </button>
          }
        >
          <div className="af-grid">
            <Text label="业务编码" value={s.code} onChange={(v) => set((x) => (x.code = v))} path={`${p}.code`} issues={issues} testId="service-code" width={110} />
            <Text label="名称" value={s.name} onChange={(v) => set((x) => (x.name = v))} path={`${p}.name`} issues={issues} testId="service-name" />
            <Select label="部门" value={s.department} options={deptOptions(draft)} onChange={(v) => set((x) => (x.department = v))} path={`${p}.department`} issues={issues} />
            <Text label="号码前缀" value={s.prefix} onChange={(v) => set((x) => (x.prefix = v.toUpperCase()))} path={`${p}.prefix`} issues={issues} testId="service-prefix" width={60} />
            <Num label="每日号源" nullable value={s.dailyCap} onChange={(v) => set((x) => (x.dailyCap = v))} path={`${p}.dailyCap`} issues={issues} />
            <Num label="限时办结（分钟）" value={s.targetMinutes} onChange={(v) => set((x) => (x.targetMinutes = v ?? 0))} path={`${p}.targetMinutes`} issues={issues} />
            <Text label="事项编码" value={s.itemCode ?? ''} onChange={(v) => set((x) => (v ? (x.itemCode = v) : delete x.itemCode))} path={`${p}.itemCode`} issues={issues} />
            <Check label="取号须刷身份证" value={s.realName} onChange={(v) => set((x) => (x.realName = v))} />
          </div>
          <h3 className="admin-sub">办事指南（一次性告知）</h3>
          <div className="af-grid">
            <Text label="承诺办结时限" value={s.guide.timeLimit ?? ''} onChange={(v) => set((x) => (v ? (x.guide.timeLimit = v) : delete x.guide.timeLimit))} path={`${p}.guide.timeLimit`} issues={issues} />
            <Text label="收费标准" value={s.guide.fees ?? ''} onChange={(v) => set((x) => (v ? (x.guide.fees = v) : delete x.guide.fees))} path={`${p}.guide.fees`} issues={issues} />
          </div>
          <div className="admin-lines">
            <Lines title="申请材料" items={s.guide.materials} onChange={(v) => set((x) => (x.guide.materials = v))} path={`${p}.guide.materials`} issues={issues} testId="materials" />
            <Lines title="办理条件" items={s.guide.conditions} onChange={(v) => set((x) => (x.guide.conditions = v))} path={`${p}.guide.conditions`} issues={issues} testId="conditions" />
          </div>
          <Issues issues={issues.filter((x) => x.path === p)} path={p} />
        </Section>
      ) : (
        <Empty>没有业务</Empty>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- 窗口

export function WindowsEditor({ draft, edit, issues }: EditorProps) {
  const staffOptions: [string, string][] = draft.staff.map((s) => [s.employeeNo, `${s.name}（${s.employeeNo}）`]);
  return (
    <Section
      title={`窗口（${draft.windows.length}）`}
      testId="admin-windows"
      extra={
        <button type="button" className="btn small" data-testid="window-add" onClick={() => edit((d) => d.windows.push({ id: `W${String(d.windows.length + 1).padStart(2, '0')}`, no: String(d.windows.length + 1), name: '新窗口', department: d.departments[0]?.code ?? '', services: [], appointmentOnly: false, posts: { A: '' } }))}>
          新增窗口
        </button>
      }
    >
      <div className="card-list">
        {draft.windows.map((w, i) => {
          const p = `windows.${i}`;
          const set = (fn: (x: HallConfig['windows'][number]) => void) => edit((d) => fn(d.windows[i]!));
          return (
            <div className="card" key={i} data-testid={`window-${w.id || i}`}>
              <div className="af-grid">
                <Text label="编号" value={w.id} onChange={(v) => set((x) => (x.id = v))} path={`${p}.id`} issues={issues} width={70} />
                <Text label="播报窗口号" value={w.no} onChange={(v) => set((x) => (x.no = v))} path={`${p}.no`} issues={issues} width={60} />
                <Text label="名称" value={w.name} onChange={(v) => set((x) => (x.name = v))} path={`${p}.name`} issues={issues} />
                <Select label="部门" value={w.department} options={deptOptions(draft)} onChange={(v) => set((x) => (x.department = v))} path={`${p}.department`} issues={issues} />
                <Select label="A岗" value={w.posts.A} options={[['', '（请选择）'], ...staffOptions]} onChange={(v) => set((x) => (x.posts.A = v))} path={`${p}.posts.A`} issues={issues} testId={`window-${w.id}-A`} />
                <Select label="B岗" value={w.posts.B ?? ''} options={[['', '（无）'], ...staffOptions]} onChange={(v) => set((x) => (v ? (x.posts.B = v) : delete x.posts.B))} path={`${p}.posts.B`} issues={issues} testId={`window-${w.id}-B`} />
                <Check label="预约专窗" value={w.appointmentOnly} onChange={(v) => set((x) => (x.appointmentOnly = v))} testId={`window-${w.id}-appointment-only`} />
                <button type="button" className="btn small" onClick={() => edit((d) => d.windows.splice(i, 1))} aria-label={`删除窗口 ${w.no}`}>
                  删除
                </button>
              </div>
              <fieldset className="svc-checks">
                <legend>办理业务</legend>
                {draft.services.map((s) => (
                  <Check key={s.code} label={s.name} value={w.services.includes(s.code)} onChange={(on) => set((x) => (x.services = on ? [...x.services, s.code] : x.services.filter((c) => c !== s.code)))} />
                ))}
                <Issues issues={issues} path={`${p}.services`} />
              </fieldset>
            </div>
          );
        })}
      </div>
    </Section>
  );
}

// ---------------------------------------------------------------- 工作人员

export function StaffEditor({ draft, edit, issues }: EditorProps) {
  return (
    <Section
      title={`工作人员（${draft.staff.length}）`}
      testId="admin-staff"
      extra={
        <button type="button" className="btn small" data-testid="staff-add" onClick={() => edit((d) => d.staff.push({ employeeNo: '', name: '', username: '', role: 'staff' }))}>
          新增工作人员
        </button>
      }
    >
      <p className="hint">保存后新账号即可登录（须填初始密码，仅供演示与培训）；已有账号的姓名与角色、岗位安排在「立即生效」（或重启大厅服务）后生效。导出文件不含初始密码。</p>
      <table className="grid admin-table">
        <thead>
          <tr>
            <th>工号</th>
            <th>姓名</th>
            <th>用户名</th>
            <th>角色</th>
            <th>部门</th>
            <th>初始密码（新账号）</th>
            <th>
              <span className="sr-only">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.staff.map((s, i) => {
            const p = `staff.${i}`;
            const set = (fn: (x: HallConfig['staff'][number]) => void) => edit((d) => fn(d.staff[i]!));
            return (
              <tr key={i} data-testid={`staff-row-${i}`}>
                <td>
                  <Text label="工号" value={s.employeeNo} onChange={(v) => set((x) => (x.employeeNo = v))} path={`${p}.employeeNo`} issues={issues} width={70} testId={`staff-${i}-no`} />
                </td>
                <td>
                  <Text label="姓名" value={s.name} onChange={(v) => set((x) => (x.name = v))} path={`${p}.name`} issues={issues} width={90} testId={`staff-${i}-name`} />
                </td>
                <td>
                  <Text label="用户名" value={s.username} onChange={(v) => set((x) => (x.username = v))} path={`${p}.username`} issues={issues} width={100} testId={`staff-${i}-username`} />
                </td>
                <td>
                  <Select label="角色" value={s.role} options={[['staff', '窗口工作人员'], ['manager', '大厅负责人']]} onChange={(v) => set((x) => (x.role = v as 'staff' | 'manager'))} path={`${p}.role`} issues={issues} />
                </td>
                <td>
                  <Select label="部门" value={s.department ?? ''} options={[['', '（无）'], ...deptOptions(draft)]} onChange={(v) => set((x) => (v ? (x.department = v) : delete x.department))} path={`${p}.department`} issues={issues} />
                </td>
                <td>
                  <Text label="初始密码" type="password" value={s.initialPassword ?? ''} placeholder="不改留空" onChange={(v) => set((x) => (v ? (x.initialPassword = v) : delete x.initialPassword))} path={`${p}.initialPassword`} issues={issues} width={110} testId={`staff-${i}-password`} />
                </td>
                <td>
                  <button type="button" className="btn small" onClick={() => edit((d) => d.staff.splice(i, 1))} aria-label={`删除工作人员 ${s.name || i + 1}`}>
                    删除
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}

// ---------------------------------------------------------------- 设备

const DEVICE_ROLES: [string, string][] = [
  ['kiosk', '取号机'],
  ['window-display', '窗口屏'],
  ['hall-screen', '综合屏'],
];

export function DevicesEditor({ draft, edit, issues }: EditorProps) {
  return (
    <Section
      title={`设备（${draft.devices.length}）`}
      testId="admin-devices"
      extra={
        <button type="button" className="btn small" data-testid="device-add" onClick={() => edit((d) => d.devices.push({ name: '新设备', role: 'kiosk' }))}>
          新增设备
        </button>
      }
    >
      <p className="hint">设备密钥不在此显示，也不随配置导出：演示用的固定密钥保存时保留；正式设备请由管理员登记（POST /api/devices），密钥只显示一次。</p>
      <table className="grid admin-table">
        <thead>
          <tr>
            <th>名称</th>
            <th>类型</th>
            <th>所属窗口</th>
            <th>
              <span className="sr-only">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.devices.map((dev, i) => {
            const p = `devices.${i}`;
            const set = (fn: (x: HallConfig['devices'][number]) => void) => edit((d) => fn(d.devices[i]!));
            return (
              <tr key={i}>
                <td>
                  <Text label="名称" value={dev.name} onChange={(v) => set((x) => (x.name = v))} path={`${p}.name`} issues={issues} />
                </td>
                <td>
                  <Select label="类型" value={dev.role} options={DEVICE_ROLES} onChange={(v) => set((x) => (x.role = v as typeof x.role))} path={`${p}.role`} issues={issues} />
                </td>
                <td>
                  <Select label="窗口" value={dev.windowId ?? ''} options={[['', '（无）'], ...draft.windows.map((w): [string, string] => [w.id, `${w.no}号窗口 ${w.name}`])]} onChange={(v) => set((x) => (v ? (x.windowId = v) : delete x.windowId))} path={`${p}.windowId`} issues={issues} />
                </td>
                <td>
                  <button type="button" className="btn small" onClick={() => edit((d) => d.devices.splice(i, 1))} aria-label={`删除设备 ${dev.name}`}>
                    删除
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}

// ---------------------------------------------------------------- 办公时间

const DAYS: [string, string][] = [
  ['1', '周一'],
  ['2', '周二'],
  ['3', '周三'],
  ['4', '周四'],
  ['5', '周五'],
  ['6', '周六'],
  ['0', '周日'],
];
type DayKey = keyof HallConfig['hours']['weekly'];

export function HoursEditor({ draft, edit, issues }: EditorProps) {
  const h = draft.hours;
  const setH = (fn: (x: HallConfig['hours']) => void) => edit((d) => fn(d.hours));
  return (
    <Section title="办公时间" testId="admin-hours">
      <table className="grid admin-table">
        <thead>
          <tr>
            <th>日子</th>
            <th>开放时段（HH:MM，按先后排列、互不重叠）</th>
          </tr>
        </thead>
        <tbody>
          {DAYS.map(([day, name]) => {
            const list = h.weekly[day as DayKey] ?? [];
            const setList = (fn: (l: [string, string][]) => void) =>
              setH((x) => {
                const l = [...(x.weekly[day as DayKey] ?? [])] as [string, string][];
                fn(l);
                if (l.length) x.weekly[day as DayKey] = l;
                else delete x.weekly[day as DayKey];
              });
            return (
              <tr key={day} data-testid={`hours-day-${day}`}>
                <th scope="row">{name}</th>
                <td className="periods">
                  {list.length === 0 && <span className="muted">不开放</span>}
                  {list.map(([a, b], k) => (
                    <span className="period" key={k}>
                      <Text label={`${name}第${k + 1}段开始`} value={a} width={64} onChange={(v) => setList((l) => (l[k] = [v, l[k]![1]]))} path={`hours.weekly.${day}.${k}.0`} issues={issues} testId={`hours-${day}-${k}-start`} />
                      <span aria-hidden="true">—</span>
                      <Text label={`${name}第${k + 1}段结束`} value={b} width={64} onChange={(v) => setList((l) => (l[k] = [l[k]![0], v]))} path={`hours.weekly.${day}.${k}.1`} issues={issues} testId={`hours-${day}-${k}-end`} />
                      <Issues issues={issues.filter((x) => x.path === `hours.weekly.${day}.${k}`)} path={`hours.weekly.${day}.${k}`} />
                      <button type="button" className="btn small" aria-label={`删除${name}第${k + 1}段`} onClick={() => setList((l) => l.splice(k, 1))}>
                        ×
                      </button>
                    </span>
                  ))}
                  <button type="button" className="btn small" onClick={() => setList((l) => l.push(l.length ? ['14:00', '17:00'] : ['09:00', '12:00']))}>
                    加一段
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="af-grid">
        <Num label="下班前停止取号（分钟）" value={h.ticketCutoffMinutes} onChange={(v) => setH((x) => (x.ticketCutoffMinutes = v ?? 0))} path="hours.ticketCutoffMinutes" issues={issues} />
        <Num label="上班前开始取号（分钟）" value={h.issueOpensMinutesBefore} onChange={(v) => setH((x) => (x.issueOpensMinutesBefore = v ?? 0))} path="hours.issueOpensMinutesBefore" issues={issues} />
        <Num label="延时服务上限（分钟）" value={h.overtimeLimitMinutes} onChange={(v) => setH((x) => (x.overtimeLimitMinutes = v ?? 0))} path="hours.overtimeLimitMinutes" issues={issues} />
        <Check label="午休时段可以取号" value={h.issueDuringLunch} onChange={(v) => setH((x) => (x.issueDuringLunch = v))} />
      </div>
    </Section>
  );
}

// ---------------------------------------------------------------- 节假日调整

export function CalendarEditor({ draft, edit, issues }: EditorProps) {
  const c = draft.calendar;
  // The hall's calendar guard, as raised now (the years to enter and what happens meanwhile).
  const guard = useConsole().alertLog.find((e) => !e.cleared && e.alert.kind === 'calendar-uncovered');
  return (
    <Section
      title={`节假日调整（${c.overrides.length}）`}
      testId="admin-calendar"
      extra={
        <button type="button" className="btn small" data-testid="override-add" onClick={() => edit((d) => d.calendar.overrides.push({ date: '', working: false, note: '' }))}>
          新增一天
        </button>
      }
    >
      <div className="af-grid">
        <Select
          label="法定节假日与调休"
          value={c.source}
          options={[
            ['chinese-days', '按国务院办公厅发布的放假安排'],
            ['weekly', '只按每周办公时间'],
          ]}
          onChange={(v) => edit((d) => (d.calendar.source = v as typeof c.source))}
          path="calendar.source"
          issues={issues}
        />
      </div>
      {guard && (
        <p className="calendar-guard" role="status" data-testid="calendar-guard">
          {guard.alert.message}
        </p>
      )}
      <div className="af-grid">
        <Text
          label="已全部录入节假日和调休的年份"
          value={c.enteredYears.join('、')}
          placeholder="如 2027"
          width={160}
          onChange={(v) =>
            edit(
              (d) =>
                (d.calendar.enteredYears = v
                  .split(/[\s,，、]+/)
                  .filter((x) => x !== '')
                  .map(Number)),
            )
          }
          path="calendar.enteredYears"
          issues={issues}
          testId="calendar-entered-years"
        />
        <Num label="提前多少天提醒节假日数据未覆盖" value={c.guardDays} onChange={(v) => edit((d) => (d.calendar.guardDays = v ?? 60))} path="calendar.guardDays" issues={issues} testId="calendar-guard-days" />
      </div>
      <p className="hint">在此调整某一天：临时闭厅（休息）或加班开放（上班，按该星期几的办公时间）。调整优先于放假安排。</p>
      <p className="hint">
        服务器的节假日数据尚未包含的年份（如新一年的放假通知刚发布），请按国务院办公厅通知把该年的放假日（休息）和调休上班日（上班）逐日录入，再在“已全部录入节假日和调休的年份”中填写该年；此后该年其余日子按每周办公时间，预约页面也接受该年的预约。
      </p>
      {c.overrides.length === 0 ? (
        <Empty>没有调整</Empty>
      ) : (
        <table className="grid admin-table">
          <thead>
            <tr>
              <th>日期</th>
              <th>这一天</th>
              <th>说明</th>
              <th>
                <span className="sr-only">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {c.overrides.map((o, i) => {
              const p = `calendar.overrides.${i}`;
              const set = (fn: (x: (typeof c.overrides)[number]) => void) => edit((d) => fn(d.calendar.overrides[i]!));
              return (
                <tr key={i} data-testid={`override-${i}`}>
                  <td>
                    <Text label="日期" type="date" value={o.date} onChange={(v) => set((x) => (x.date = v))} path={`${p}.date`} issues={issues} testId={`override-${i}-date`} />
                  </td>
                  <td>
                    <Select
                      label="上班或休息"
                      value={o.working ? 'work' : 'rest'}
                      options={[
                        ['rest', '休息（不开放）'],
                        ['work', '上班（开放）'],
                      ]}
                      onChange={(v) => set((x) => (x.working = v === 'work'))}
                      path={`${p}.working`}
                      issues={issues}
                      testId={`override-${i}-working`}
                    />
                  </td>
                  <td>
                    <Text label="说明" value={o.note} onChange={(v) => set((x) => (x.note = v))} path={`${p}.note`} issues={issues} testId={`override-${i}-note`} />
                  </td>
                  <td>
                    <button type="button" className="btn small" aria-label={`删除 ${o.date || '这一天'}`} onClick={() => edit((d) => d.calendar.overrides.splice(i, 1))}>
                      删除
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------- 政策

const POLICY_SECTIONS: [keyof HallConfig, string][] = [
  ['appointments', '预约政策（时段、提前量、限额、取消、签到、信用）'],
  ['ratings', '好差评（计分、差评选项、评价器超时）'],
  ['voice', '语音播报'],
  ['queue', '排队规则（号码位数、优先号、过号重排、告警）'],
];

export function PoliciesEditor({ draft, edit, issues }: EditorProps) {
  return (
    <div className="policy-grid" data-testid="admin-policies">
      {POLICY_SECTIONS.map(([key, title]) => (
        <JsonSection key={key} name={key} title={title} value={draft[key]} onChange={(v) => edit((d) => ((d as unknown as Record<string, unknown>)[key] = v))} issues={issues} />
      ))}
    </div>
  );
}

function JsonSection({ name, title, value, onChange, issues }: { name: string; title: string; value: unknown; onChange: (v: unknown) => void; issues: Issue[] }) {
  const pretty = JSON.stringify(value, null, 2);
  const [text, setText] = useState(pretty);
  const [syntax, setSyntax] = useState<string | null>(null);
  useEffect(() => {
    // The draft changed elsewhere (loaded, saved, discarded): show it unless the text already says the same.
    setText((t) => {
      try {
        return JSON.stringify(JSON.parse(t)) === JSON.stringify(value) ? t : pretty;
      } catch {
        return t;
      }
    });
  }, [pretty, value]);
  const mine = under(issues, name);
  return (
    <Section title={title} testId={`policy-${name}`}>
      <textarea
        className={syntax || mine.length ? 'json bad' : 'json'}
        aria-label={`${title}（JSON）`}
        spellCheck={false}
        value={text}
        data-testid={`policy-${name}-json`}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(JSON.parse(e.target.value));
            setSyntax(null);
          } catch (err) {
            setSyntax(`不是有效的 JSON：${(err as Error).message}`);
          }
        }}
      />
      {syntax && (
        <span className="field-issue" role="alert" data-testid={`policy-${name}-syntax`}>
          {syntax}（未计入草稿）
        </span>
      )}
      {mine.map((i) => (
        <span className="field-issue" role="alert" key={`${i.path}|${i.message}`}>
          <code>{i.path.slice(name.length + 1) || name}</code>：{i.message}
        </span>
      ))}
    </Section>
  );
}
