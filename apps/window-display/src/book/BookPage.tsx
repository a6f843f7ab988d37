/**
 * 网上预约 on a phone: 业务 → 日期 → 时段 → 申请人信息 → 预约成功 (预约码、材料、签到码);
 * 「我的预约」 lists the bookings made on this phone and cancels them with the ID number; a booking
 * made elsewhere (another phone, the kiosk, by phone) is cancelled with its code and the ID number.
 */
import { checkIdNumber, ID_PROBLEM_MESSAGES } from '@hall/shared';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api, errorText, type Booking, type Service, type Slot } from './api.js';
import { QrImage } from './QrImage.js';

const DAYS_SHOWN = 10;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const STORE = 'hall.book.mine';

export interface MyBooking {
  id: string;
  code: string;
  serviceName: string;
  date: string;
  start: string;
  end: string;
  cancelled?: boolean;
}

function loadMine(): MyBooking[] {
  try {
    const v = JSON.parse(localStorage.getItem(STORE) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as MyBooking[]) : [];
  } catch {
    return [];
  }
}
function saveMine(list: MyBooking[]): void {
  try {
    localStorage.setItem(STORE, JSON.stringify(list));
  } catch {
    // private mode: the list lives only as long as the page
  }
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (date: string) => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
const dayLabel = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const hhmm = (iso: string) => iso.slice(11, 16);
const slotText = (b: { date: string; start: string; end: string }) => `${dayLabel(b.date)}（${weekday(b.date)}）${hhmm(b.start)}—${hhmm(b.end)}`;

interface Day {
  date: string;
  slots: Slot[];
  /** Why the day cannot be booked, or null. */
  problem: string | null;
}

type Step = 'service' | 'date' | 'slot' | 'form' | 'done';

export function BookPage({ hallName }: { hallName: string }) {
  const [tab, setTab] = useState<'book' | 'mine'>('book');
  const [mine, setMine] = useState<MyBooking[]>(loadMine);
  const update = (list: MyBooking[]) => {
    setMine(list);
    saveMine(list);
  };
  return (
    <div className="book">
      <header className="book-header">
        <h1>{hallName}</h1>
        <p>网上预约办事</p>
      </header>
      <nav className="tabs">
        <button type="button" className={tab === 'book' ? 'on' : ''} data-testid="tab-book" onClick={() => setTab('book')}>
          我要预约
        </button>
        <button type="button" className={tab === 'mine' ? 'on' : ''} data-testid="tab-mine" onClick={() => setTab('mine')}>
          我的预约{mine.some((b) => !b.cancelled) ? `（${mine.filter((b) => !b.cancelled).length}）` : ''}
        </button>
      </nav>
      <main className="book-main">{tab === 'book' ? <BookFlow onBooked={(b) => update([b, ...mine.filter((x) => x.id !== b.id)])} /> : <MyBookings list={mine} onChange={update} />}</main>
    </div>
  );
}

function BookFlow({ onBooked }: { onBooked: (b: MyBooking) => void }) {
  const [step, setStep] = useState<Step>('service');
  const [services, setServices] = useState<Service[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [service, setService] = useState<Service | null>(null);
  const [days, setDays] = useState<Day[] | null>(null);
  const [day, setDay] = useState<Day | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [booked, setBooked] = useState<Booking | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setLoadError(null);
    api<Service[]>('GET', '/api/services')
      .then((s) => live && setServices(s))
      .catch((e: unknown) => live && setLoadError(errorText(e)));
    return () => {
      live = false;
    };
  }, [attempt]);

  const chooseService = (s: Service) => {
    setService(s);
    setDays(null);
    setStep('date');
    void loadDays(s).then(setDays);
  };

  if (step === 'done' && booked && service && slot) {
    return (
      <Confirmation
        booking={booked}
        serviceName={service.name}
        onAgain={() => {
          setBooked(null);
          setSlot(null);
          setDay(null);
          setStep('service');
        }}
      />
    );
  }

  return (
    <>
      <Steps step={step} />
      {step === 'service' && (
        <section className="card" data-testid="step-service">
          <h2>请选择办理的业务</h2>
          {loadError && <ErrorLine text={loadError} onRetry={() => setAttempt((n) => n + 1)} />}
          {!services && !loadError && <p className="muted">正在加载业务列表…</p>}
          <div className="choice-list">
            {services?.map((s) => (
              <button type="button" key={s.code} className="choice" data-testid={`service-${s.code}`} onClick={() => chooseService(s)}>
                <span className="choice-name">{s.name}</span>
              </button>
            ))}
          </div>
        </section>
      )}
      {step === 'date' && service && (
        <section className="card" data-testid="step-date">
          <Back onClick={() => setStep('service')} />
          <h2>{service.name}：请选择日期</h2>
          {!days && <p className="muted">正在查询可预约的日期…</p>}
          {days && days.every((d) => d.problem) && <p className="error">近期没有可预约的日期，请过几天再来看看，或直接到大厅取号。</p>}
          <div className="day-grid">
            {days?.map((d) => (
              <button
                type="button"
                key={d.date}
                className="day"
                data-testid={`day-${d.date}`}
                disabled={d.problem !== null}
                title={d.problem ?? ''}
                onClick={() => {
                  setDay(d);
                  setStep('slot');
                }}
              >
                <b>{dayLabel(d.date)}</b>
                <span>{weekday(d.date)}</span>
                <small>{d.problem === null ? `余 ${d.slots.filter(open).reduce((n, s) => n + s.remaining, 0)}` : shortProblem(d)}</small>
              </button>
            ))}
          </div>
        </section>
      )}
      {step === 'slot' && service && day && (
        <section className="card" data-testid="step-slot">
          <Back onClick={() => setStep('date')} />
          <h2>
            {dayLabel(day.date)}（{weekday(day.date)}）：请选择时段
          </h2>
          {day.slots.some((s) => !open(s)) && (
            <p className="muted small" data-testid="slot-note">
              {/* The latest slot that can no longer be booked online says the rule and its deadline. */}
              {day.slots.filter((s) => !open(s)).at(-1)!.onlineRefusal}
            </p>
          )}
          <div className="slot-list">
            {day.slots.map((s) => (
              <button
                type="button"
                key={s.start}
                className="slot"
                data-testid={`slot-${hhmm(s.start)}`}
                disabled={s.remaining <= 0 || !open(s)}
                title={s.onlineRefusal ?? ''}
                onClick={() => {
                  setSlot(s);
                  setStep('form');
                }}
              >
                <b>
                  {hhmm(s.start)}—{hhmm(s.end)}
                </b>
                <span className={s.remaining <= 0 || !open(s) ? 'full' : 'left'}>{!open(s) ? '已截止' : s.remaining <= 0 ? '已约满' : `余 ${s.remaining} 个`}</span>
                {s.needsApproval && <small>需窗口确认</small>}
              </button>
            ))}
          </div>
        </section>
      )}
      {step === 'form' && service && day && slot && (
        <ApplicantForm
          service={service}
          slot={slot}
          date={day.date}
          onBack={() => {
            setStep('slot');
            // the places may have moved meanwhile
            void loadDays(service).then((ds) => {
              setDays(ds);
              setDay(ds.find((d) => d.date === day.date) ?? day);
            });
          }}
          onBooked={(b) => {
            setBooked(b);
            setStep('done');
            onBooked({ id: b.id, code: b.code, serviceName: service.name, date: b.date, start: b.start, end: b.end });
          }}
        />
      )}
    </>
  );
}

/** A slot that can be booked online now (the server says whether the lead time allows it). */
const open = (s: Slot) => !s.onlineRefusal;

/**
 * The next days from today, each with its slots or the reason it cannot be booked. Today is offered
 * when the hall's online lead time allows the same day (seed 003: 3 hours ahead): the slots answer
 * says, per slot, whether an online booking would be refused now; a day with no such slot shows why.
 */
async function loadDays(service: Service): Promise<Day[]> {
  let today: string;
  try {
    today = (await api<{ now: string }>('GET', '/api/health')).now.slice(0, 10);
  } catch {
    today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10); // 北京时间
  }
  const dates = Array.from({ length: DAYS_SHOWN }, (_, i) => addDays(today, i));
  return Promise.all(
    dates.map(async (date): Promise<Day> => {
      try {
        const slots = await api<Slot[]>('GET', `/api/appointments/slots?serviceCode=${encodeURIComponent(service.code)}&date=${date}`);
        if (slots.length === 0) return { date, slots, problem: '当天没有可预约的时段' };
        if (!slots.some(open)) return { date, slots, problem: slots.at(-1)!.onlineRefusal! };
        if (slots.filter(open).every((s) => s.remaining <= 0)) return { date, slots, problem: '当天已约满' };
        return { date, slots, problem: null };
      } catch (e) {
        return { date, slots: [], problem: errorText(e) };
      }
    }),
  );
}

function shortProblem(d: Day): string {
  if (d.problem === '当天已约满') return '已约满';
  if (d.problem === '当天没有可预约的时段') return '无时段';
  if (d.problem?.includes('网络')) return '查询失败';
  if (d.problem?.includes('截止') || d.problem?.includes('已开始或已过去')) return '已截止';
  if (d.problem?.includes('最多可提前')) return '未开放';
  return '不可约';
}

function ApplicantForm({ service, slot, date, onBack, onBooked }: { service: Service; slot: Slot; date: string; onBack: () => void; onBooked: (b: Booking) => void }) {
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [problems, setProblems] = useState<{ name?: string; idNumber?: string; phone?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const p: typeof problems = {};
    if (!name.trim()) p.name = '请填写姓名';
    const id = checkIdNumber(idNumber, date);
    if (!idNumber.trim()) p.idNumber = '请填写身份证号码';
    else if (!id.valid) p.idNumber = ID_PROBLEM_MESSAGES[id.problem];
    if (!/^1\d{10}$/.test(phone.trim())) p.phone = '手机号码应为11位数字';
    setProblems(p);
    setError(null);
    if (Object.keys(p).length > 0) return;
    setBusy(true);
    try {
      const b = await api<Booking>('POST', '/api/appointments', {
        serviceCode: service.code,
        start: slot.start,
        name: name.trim(),
        idNumber: id.valid ? id.normalized : idNumber.trim(),
        phone: phone.trim(),
        channel: 'online',
      });
      onBooked(b);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" data-testid="step-form" onSubmit={(e) => void submit(e)} noValidate>
      <Back onClick={onBack} />
      <h2>填写申请人信息</h2>
      <p className="summary" data-testid="form-summary">
        {service.name}
        <br />
        {slotText({ date, start: slot.start, end: slot.end })}
      </p>
      <Field label="姓名" problem={problems.name}>
        <input data-testid="input-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" maxLength={30} />
      </Field>
      <Field label="身份证号码" problem={problems.idNumber} testId="problem-id">
        <input data-testid="input-id" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} inputMode="text" maxLength={18} autoComplete="off" />
      </Field>
      <Field label="手机号码" problem={problems.phone}>
        <input data-testid="input-phone" value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="numeric" type="tel" maxLength={11} autoComplete="tel" />
      </Field>
      {error && (
        <p className="error" role="alert" data-testid="submit-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" data-testid="submit" disabled={busy}>
        {busy ? '正在提交…' : '提交预约'}
      </button>
      <p className="muted small">预约成功后会向该手机号发送短信。请按时到大厅签到，多次爽约将暂时不能预约。</p>
    </form>
  );
}

function Field({ label, problem, testId, children }: { label: string; problem?: string | undefined; testId?: string; children: ReactNode }) {
  return (
    <label className={`field${problem ? ' bad' : ''}`}>
      <span>{label}</span>
      {children}
      {problem && (
        <em className="problem" data-testid={testId}>
          {problem}
        </em>
      )}
    </label>
  );
}

function Confirmation({ booking, serviceName, onAgain }: { booking: Booking; serviceName: string; onAgain: () => void }) {
  return (
    <section className="card done" data-testid="confirmation">
      <h2 className="ok">{booking.status === 'booked' ? '预约成功' : booking.statusName}</h2>
      <p className="muted">预约码</p>
      <p className="code" data-testid="booking-code">
        {booking.code}
      </p>
      <dl className="facts">
        <dt>业务</dt>
        <dd>{serviceName}</dd>
        <dt>时间</dt>
        <dd data-testid="booking-time">{slotText(booking)}</dd>
        <dt>姓名</dt>
        <dd>{booking.name}</dd>
        <dt>证件</dt>
        <dd>{booking.idNumber}</dd>
      </dl>
      {booking.qrToken && <QrImage token={booking.qrToken} />}
      <p className="muted small">到大厅后在取号机扫签到码，或输入预约码并刷身份证签到。</p>
      {booking.materials && booking.materials.length > 0 && (
        <>
          <h3>请携带以下材料</h3>
          <ol className="materials" data-testid="materials">
            {booking.materials.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ol>
        </>
      )}
      <button type="button" className="secondary" onClick={onAgain}>
        再预约一项
      </button>
    </section>
  );
}

function MyBookings({ list, onChange }: { list: MyBooking[]; onChange: (l: MyBooking[]) => void }) {
  const [open, setOpen] = useState<string | null>(null);
  const [idNumber, setIdNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const cancel = async (b: MyBooking) => {
    const id = checkIdNumber(idNumber);
    if (!id.valid) return setError(ID_PROBLEM_MESSAGES[id.problem]);
    setBusy(true);
    setError(null);
    try {
      await api('DELETE', `/api/appointments/${encodeURIComponent(b.id)}`, { idNumber: id.normalized });
      onChange(list.map((x) => (x.id === b.id ? { ...x, cancelled: true } : x)));
      setOpen(null);
      setIdNumber('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const byCode = <CancelByCode onCancelled={(code) => onChange(list.map((x) => (x.code === code ? { ...x, cancelled: true } : x)))} />;
  if (list.length === 0) {
    return (
      <>
        <section className="card" data-testid="my-bookings">
          <h2>我的预约</h2>
          <p className="muted">本机还没有预约记录。在本手机上预约后，可在这里查看和取消。</p>
        </section>
        {byCode}
      </>
    );
  }
  return (
    <>
      <section className="card" data-testid="my-bookings">
        <h2>我的预约</h2>
        <p className="muted small">仅显示在本手机上提交的预约。取消须输入预约人的身份证号码。</p>
        <ul className="mine">
          {list.map((b) => (
            <li key={b.id} data-testid={`mine-${b.code}`} className={b.cancelled ? 'cancelled' : ''}>
              <div className="mine-head">
                <b>{b.serviceName}</b>
                <span className="mine-code">{b.code}</span>
              </div>
              <div>{slotText(b)}</div>
              {b.cancelled ? (
                <div className="mine-status" data-testid="mine-status">
                  已取消
                </div>
              ) : open === b.id ? (
                <div className="cancel-box">
                  <label className="field">
                    <span>预约人身份证号码</span>
                    <input data-testid="cancel-id" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} maxLength={18} autoComplete="off" />
                  </label>
                  {error && (
                    <p className="error" role="alert" data-testid="cancel-error">
                      {error}
                    </p>
                  )}
                  <div className="row">
                    <button type="button" className="danger" data-testid="cancel-confirm" disabled={busy} onClick={() => void cancel(b)}>
                      {busy ? '正在取消…' : '确认取消'}
                    </button>
                    <button type="button" className="secondary" onClick={() => setOpen(null)}>
                      不取消
                    </button>
                  </div>
                </div>
              ) : (
                <button
                  type="button"
                  className="link"
                  data-testid="cancel-open"
                  onClick={() => {
                    setOpen(b.id);
                    setIdNumber('');
                    setError(null);
                  }}
                >
                  取消预约
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
      {byCode}
    </>
  );
}

/** A booking not made on this phone: cancel with the code from the SMS and the ID number. */
function CancelByCode({ onCancelled }: { onCancelled: (code: string) => void }) {
  const [code, setCode] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim().toUpperCase();
    if (c.length < 4) return setError('请输入预约成功短信中的预约码');
    const id = checkIdNumber(idNumber);
    if (!id.valid) return setError(ID_PROBLEM_MESSAGES[id.problem]);
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await api<{ code: string; start: string; end: string }>('POST', '/api/appointments/cancel', { code: c, idNumber: id.normalized });
      setDone(`已取消${slotText({ date: r.start.slice(0, 10), start: r.start, end: r.end })}的预约（预约码 ${r.code}）`);
      onCancelled(r.code);
      setCode('');
      setIdNumber('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card cancel-code" data-testid="cancel-by-code">
      <h2>用预约码取消</h2>
      <p className="muted small">在其他手机、自助终端或电话预约的，输入短信中的预约码和预约人的身份证号码即可取消（取消截止时间见预约成功短信）。</p>
      <form onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>预约码</span>
          <input data-testid="code-input" value={code} onChange={(e) => setCode(e.target.value)} maxLength={16} autoComplete="off" autoCapitalize="characters" />
        </label>
        <label className="field">
          <span>预约人身份证号码</span>
          <input data-testid="code-id" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} maxLength={18} autoComplete="off" />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="code-error">
            {error}
          </p>
        )}
        {done && (
          <p className="ok" role="status" data-testid="code-done">
            {done}
          </p>
        )}
        <button type="submit" className="danger" data-testid="code-cancel" disabled={busy}>
          {busy ? '正在取消…' : '取消该预约'}
        </button>
      </form>
    </section>
  );
}

function Steps({ step }: { step: Step }) {
  const names: [Step, string][] = [
    ['service', '业务'],
    ['date', '日期'],
    ['slot', '时段'],
    ['form', '信息'],
  ];
  const at = names.findIndex(([s]) => s === step);
  return (
    <ol className="steps">
      {names.map(([s, n], i) => (
        <li key={s} className={i < at ? 'past' : i === at ? 'now' : ''}>
          {n}
        </li>
      ))}
    </ol>
  );
}

function Back({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="back" onClick={onClick}>
      ‹ 返回
    </button>
  );
}

function ErrorLine({ text, onRetry }: { text: string; onRetry: () => void }) {
  return (
    <p className="error" role="alert">
      {text}{' '}
      <button type="button" className="link" onClick={onRetry}>
        重试
      </button>
    </p>
  );
}
