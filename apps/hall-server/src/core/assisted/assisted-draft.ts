/**
 * A draft of one assisted-service transition (reads see what was staged, writes keep their
 * before/after for the audit log), and what every kind shares: who may do what, staff and
 * service look-ups, 登记号, working-day deadlines and the Chinese wording of times.
 */
import { HallError, addDays, formatHhmm, localParts, parseInstant, toIsoLocal, weekdayOf } from '@hall/shared';
import {
  KIND_PREFIX,
  type ActorRef,
  type AssistedCase,
  type AssistedChanges,
  type AssistedContext,
  type AssistedKind,
  type AssistedOutcome,
  type AssistedState,
  type StaffRef,
} from './assisted-state.js';

const STAFF = new Set(['staff', 'manager', 'admin']);
const MANAGERS = new Set(['manager', 'admin']);
/** Bounds every walk over the calendar (the longest holiday is 9 days). */
const MAX_WALK_DAYS = 60;
const WEEKDAY = '日一二三四五六';

export class AssistedDraft {
  private readonly staged = new Map<string, AssistedCase>();
  private readonly before = new Map<string, AssistedCase | undefined>();

  constructor(
    readonly state: AssistedState,
    readonly ctx: AssistedContext,
  ) {}

  get nowIso(): string {
    return isoOf(this.ctx, this.ctx.now);
  }

  get today(): string {
    return localParts(this.ctx.now, this.ctx.config.hall.utcOffsetMinutes).date;
  }

  get actorRef(): ActorRef {
    const a = this.ctx.actor;
    return { kind: a.kind, id: a.id, name: a.name ?? null, employeeNo: a.employeeNo ?? null };
  }

  get(id: string): AssistedCase | undefined {
    return this.staged.get(id) ?? this.state.cases.get(id);
  }

  /** A record of one kind, or NOT_FOUND in words. */
  find<K extends AssistedKind>(kind: K, id: string): Extract<AssistedCase, { kind: K }> {
    const c = this.get(id) ?? this.getByNo(id);
    if (!c || c.kind !== kind) throw new HallError('NOT_FOUND', `找不到该${KIND_WORDS[kind]}（${id}）`);
    return c as Extract<AssistedCase, { kind: K }>;
  }

  private getByNo(no: string): AssistedCase | undefined {
    const id = this.state.byNo.get(no);
    return id === undefined ? undefined : this.get(id);
  }

  put(c: AssistedCase): void {
    if (!this.before.has(c.id)) this.before.set(c.id, this.state.cases.get(c.id));
    this.staged.set(c.id, c);
  }

  /** The next 登记号 of a kind today: DB20261123001. */
  nextNo(kind: AssistedKind): string {
    const stem = `${KIND_PREFIX[kind]}${this.today.replaceAll('-', '')}`;
    let max = 0;
    const seen = new Set<string>();
    for (const c of [...this.staged.values(), ...this.state.cases.values()]) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      if (c.no.startsWith(stem)) max = Math.max(max, Number(c.no.slice(stem.length)));
    }
    return `${stem}${String(max + 1).padStart(3, '0')}`;
  }

  finish(type: string, subject: string, input: unknown): AssistedChanges {
    const cases = [...this.staged.values()];
    return {
      cases,
      log:
        cases.length === 0
          ? null
          : {
              type,
              actor: this.ctx.actor,
              at: this.nowIso,
              subject,
              input,
              before: { assisted: [...this.before.values()].filter((c): c is AssistedCase => c !== undefined) },
              after: { assisted: cases },
            },
    };
  }
}

const KIND_WORDS: Record<AssistedKind, string> = { proxy: '帮办代办登记', 'home-visit': '上门服务申请', urgent: '特事特办事项', complaint: '投诉' };

/** Runs one transition body on a fresh draft and returns its value with the change set. */
export function runAssisted<T>(
  state: AssistedState,
  ctx: AssistedContext,
  type: string,
  subject: string,
  input: unknown,
  body: (d: AssistedDraft) => T,
): AssistedOutcome<T> {
  const d = new AssistedDraft(state, ctx);
  const value = body(d);
  return { value, changes: d.finish(type, subject, input) };
}

// ---------------------------------------------------------------- who may

export function assertStaff(ctx: AssistedContext, what: string): void {
  if (!STAFF.has(ctx.actor.kind)) throw new HallError('FORBIDDEN', `${what}须由大厅工作人员操作`);
}

export function isManager(ctx: AssistedContext): boolean {
  return MANAGERS.has(ctx.actor.kind);
}

export function assertManager(ctx: AssistedContext, what: string): void {
  assertStaff(ctx, what);
  if (!isManager(ctx)) throw new HallError('FORBIDDEN', `${what}须由大厅负责人（管理人员）操作`);
}

// ---------------------------------------------------------------- look-ups and input

export function staffRef(ctx: AssistedContext, employeeNo: string): StaffRef {
  const s = ctx.config.staff.find((x) => x.employeeNo === employeeNo.trim());
  if (!s) throw new HallError('VALIDATION_FAILED', `没有工号为 ${employeeNo} 的工作人员`);
  return { employeeNo: s.employeeNo, name: s.name };
}

export function serviceName(ctx: AssistedContext, code: string): string {
  return ctx.config.services.find((s) => s.code === code)?.name ?? code;
}

/** Known service codes, without repeats, in the order given. */
export function serviceList(ctx: AssistedContext, codes: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of codes) {
    const code = raw.trim();
    if (!ctx.config.services.some((s) => s.code === code)) throw new HallError('UNKNOWN_SERVICE', `没有编码为 ${code} 的业务`);
    if (!out.includes(code)) out.push(code);
  }
  if (out.length === 0) throw new HallError('VALIDATION_FAILED', '请至少选择一项业务');
  return out;
}

export function required(value: string | undefined | null, what: string, max = 200): string {
  const v = (value ?? '').trim();
  if (v === '') throw new HallError('VALIDATION_FAILED', `请填写${what}`);
  if (v.length > max) throw new HallError('VALIDATION_FAILED', `${what}最多 ${max} 字`);
  return v;
}

export function optional(value: string | undefined | null): string | null {
  const v = (value ?? '').trim();
  return v === '' ? null : v;
}

// ---------------------------------------------------------------- time

export function isoOf(ctx: Pick<AssistedContext, 'config'>, ms: number): string {
  return toIsoLocal(ms, ctx.config.hall.utcOffsetMinutes);
}

/** An instant from the wire (ISO 8601; without an offset it is hall time), or VALIDATION_FAILED naming the field. */
export function instant(ctx: AssistedContext, text: string, what: string): number {
  const ms = parseInstant(text, ctx.config.hall.utcOffsetMinutes);
  if (Number.isNaN(ms)) throw new HallError('VALIDATION_FAILED', `${what}“${text}”格式不正确，应为 ISO 8601，如 2026-11-24T09:00:00+08:00`);
  return ms;
}

/** "11月23日（周一）17:00". */
export function whenText(ctx: Pick<AssistedContext, 'config'>, ms: number): string {
  const p = localParts(ms, ctx.config.hall.utcOffsetMinutes);
  return `${dateText(p.date)}${formatHhmm(p.minuteOfDay)}`;
}

export function dateText(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日（周${WEEKDAY[weekdayOf(date)]}）`;
}

/** Closing time of a working day (the end of its last opening period); null on a day off. */
function closingOf(ctx: AssistedContext, date: string): number | null {
  return ctx.hours.closingAt(date);
}

/** The first working day on or after `date` and its closing instant. */
function nextWorkingClose(ctx: AssistedContext, date: string): number {
  let d = date;
  for (let i = 0; i <= MAX_WALK_DAYS; i++, d = addDays(d, 1)) {
    const close = closingOf(ctx, d);
    if (close !== null) return close;
  }
  throw new HallError('NOT_A_WORKING_DAY', `${date}之后${MAX_WALK_DAYS}天内没有工作日，无法计算答复期限，请检查大厅日历`);
}

/**
 * 上门服务 must be answered 当日 [001 第二章 三]: by the end (closing time) of the working day it
 * arrived on; a request that arrives after closing, or on a day off, by the end of the next
 * working day. A request before opening on a working day is due that day.
 */
export function replyDeadline(ctx: AssistedContext, receivedMs: number): number {
  const date = localParts(receivedMs, ctx.config.hall.utcOffsetMinutes).date;
  const close = closingOf(ctx, date);
  if (close !== null && receivedMs < close) return close;
  return nextWorkingClose(ctx, addDays(date, 1));
}

/**
 * "Within n working days" [004 投诉 三(三)2: 2 个工作日内]: the day it arrived does not count
 * (as in 民法典 第201条); the deadline is the closing time of the n-th working day after it.
 * A complaint on Friday is due by Tuesday's closing; on Thursday before a holiday, by the
 * second working day after the holiday.
 */
export function workingDaysDeadline(ctx: AssistedContext, receivedMs: number, n: number): number {
  let d = localParts(receivedMs, ctx.config.hall.utcOffsetMinutes).date;
  let close = 0;
  for (let found = 0, steps = 0; found < n; steps++) {
    if (steps > MAX_WALK_DAYS * n) throw new HallError('NOT_A_WORKING_DAY', '找不到足够的工作日，无法计算反馈期限，请检查大厅日历');
    d = addDays(d, 1);
    const c = closingOf(ctx, d);
    if (c !== null) {
      found++;
      close = c;
    }
  }
  return close;
}
