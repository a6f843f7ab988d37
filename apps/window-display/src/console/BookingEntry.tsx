/**
 * 现场/电话预约 entered by staff [003 二]: 业务 → 日期 → 时段 (places left, from GET
 * /api/appointments/slots) → 姓名、身份证号、手机号 → 渠道 → POST /api/appointments with the
 * staff token (the server records who entered it); the booking code is shown large to read out.
 */
import { checkIdNumber, ID_PROBLEM_MESSAGES } from '@hall/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { errorText } from './api.js';
import { DayPicker, ErrorLine, Panel, serviceName, useConsole, useHallNow } from './common.js';
import { addDays, dayText, hallDate, hhmm } from './format.js';

interface Slot {
  start: string;
  end: string;
  capacity: number;
  remaining: number;
  session: string;
  needsApproval: boolean;
}
interface Booked {
  id: string;
  code: string;
  status: string;
  statusName: string;
  serviceCode: string;
  date: string;
  start: string;
  end: string;
  channel: string;
  name: string;
  idNumber: string;
  phone: string;
  materials: string[];
}

const CHANNELS = [
  { value: 'onsite', label: '现场预约（群众在窗口）' },
  { value: 'phone', label: '电话预约（群众来电）' },
] as const;

export function BookingEntry() {
  const { api, setup, feed } = useConsole();
  const now = useHallNow(feed, 60_000);
  const today = hallDate(now);
  const [serviceCode, setServiceCode] = useState(setup.services[0]?.code ?? '');
  const [date, setDate] = useState(() => addDays(today, 1));
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [slotError, setSlotError] = useState<string | null>(null);
  const [start, setStart] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [channel, setChannel] = useState<'onsite' | 'phone'>('onsite');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [booked, setBooked] = useState<Booked | null>(null);

  useEffect(() => {
    let live = true;
    setSlots(null);
    setSlotError(null);
    setStart(null);
    if (!serviceCode) return;
    api.get<Slot[]>(`/api/appointments/slots?serviceCode=${encodeURIComponent(serviceCode)}&date=${date}`).then(
      (s) => live && setSlots(s),
      (e: unknown) => live && setSlotError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, serviceCode, date, booked]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!start) return setProblem('请选择预约时段');
    if (!name.trim()) return setProblem('请填写申请人姓名');
    const id = checkIdNumber(idNumber.trim());
    if (!id.valid) return setProblem(`身份证号码：${ID_PROBLEM_MESSAGES[id.problem]}`);
    if (!/^1\d{10}$/.test(phone.trim())) return setProblem('手机号码应为11位数字');
    setProblem(null);
    setBusy(true);
    try {
      const b = await api.post<Booked>('/api/appointments', { serviceCode, start, name: name.trim(), idNumber: id.normalized, phone: phone.trim(), channel });
      setBooked(b);
      setName('');
      setIdNumber('');
      setPhone('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="booking" data-testid="booking-entry">
      <Panel title="录入现场/电话预约" className="booking-form">
        <form onSubmit={submit} noValidate>
          <div className="form-grid">
            <label className="field">
              办理业务
              <select data-testid="book-service" value={serviceCode} onChange={(e) => setServiceCode(e.target.value)}>
                {setup.services.map((s) => (
                  <option key={s.code} value={s.code}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            <div className="field">
              预约日期
              <DayPicker value={date} onChange={setDate} min={addDays(today, 1)} testId="book-date" />
            </div>
          </div>
          <p className="muted">现场、电话预约须至少提前一个工作日（前一工作日 16:30 截止）；非工作日没有可预约的时段。</p>
          <div className="slots" data-testid="book-slots">
            <ErrorLine text={slotError} testId="book-slot-error" />
            {slots?.length === 0 && <p className="muted">该日没有可预约的时段</p>}
            {slots?.map((s) => (
              <button
                key={s.start}
                type="button"
                className={start === s.start ? 'slot on' : 'slot'}
                data-testid={`book-slot-${hhmm(s.start)}`}
                disabled={s.remaining <= 0}
                onClick={() => setStart(s.start)}
              >
                <b>
                  {hhmm(s.start)}—{hhmm(s.end)}
                </b>
                <span>{s.remaining > 0 ? `余 ${s.remaining} 个` : '已约满'}</span>
                {s.needsApproval && <small>须窗口确认</small>}
              </button>
            ))}
          </div>
          <div className="form-grid three">
            <label className="field">
              申请人姓名
              <input data-testid="book-name" maxLength={30} value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <label className="field">
              身份证号码
              <input data-testid="book-id" maxLength={18} value={idNumber} onChange={(e) => setIdNumber(e.target.value.toUpperCase())} />
            </label>
            <label className="field">
              手机号码
              <input data-testid="book-phone" maxLength={11} inputMode="numeric" value={phone} onChange={(e) => setPhone(e.target.value)} />
            </label>
          </div>
          <div className="row">
            {CHANNELS.map((c) => (
              <label key={c.value} className="radio">
                <input type="radio" name="channel" data-testid={`book-channel-${c.value}`} checked={channel === c.value} onChange={() => setChannel(c.value)} />
                {c.label}
              </label>
            ))}
          </div>
          <ErrorLine text={problem ?? error} testId="book-error" />
          <button type="submit" className="btn primary big" data-testid="book-submit" disabled={busy}>
            {busy ? '正在提交……' : '提交预约'}
          </button>
        </form>
      </Panel>
      <Panel title="预约结果" className="booking-result" testId="book-result">
        {booked ? (
          <div className="booked">
            <p>预约码（请告知群众）</p>
            <p className="booking-code" data-testid="booking-code">
              {booked.code}
            </p>
            <dl>
              <dt>状态</dt>
              <dd data-testid="booking-status">{booked.statusName}</dd>
              <dt>业务</dt>
              <dd>{serviceName(setup, booked.serviceCode)}</dd>
              <dt>时间</dt>
              <dd>
                {dayText(booked.date)} {hhmm(booked.start)}—{hhmm(booked.end)}
              </dd>
              <dt>申请人</dt>
              <dd>
                {booked.name}{'\u3000'}{booked.idNumber}{'\u3000'}{booked.phone}
              </dd>
              <dt>渠道</dt>
              <dd>{booked.channel === 'phone' ? '电话预约' : '现场预约'}</dd>
            </dl>
            <p className="muted">确认短信（含材料清单）已发往申请人手机。办理当天凭预约码和身份证在取号机签到。</p>
            <h3>需携带的材料</h3>
            <ol className="materials">
              {booked.materials.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ol>
          </div>
        ) : (
          <p className="muted">提交后在此显示预约码和需携带的材料。</p>
        )}
      </Panel>
    </div>
  );
}
