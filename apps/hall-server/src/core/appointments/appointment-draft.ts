/**
 * A draft of one appointment transition: reads see what was staged so far, writes are kept with
 * their before/after for the audit log. Nothing here touches the state it reads.
 */
import { toIsoLocal } from '@hall/shared';
import { slotKey } from './appointment-state.js';
import type {
  ActorRef,
  Appointment,
  AppointmentChanges,
  AppointmentContext,
  AppointmentOutcome,
  AppointmentState,
  Ban,
  NoShowRecord,
  Notice,
} from './appointment-state.js';

export class AppointmentDraft {
  private readonly appointments = new Map<string, Appointment>();
  private readonly appointmentsBefore = new Map<string, Appointment | undefined>();
  private readonly bans = new Map<string, Ban>();
  private readonly bansBefore = new Map<string, Ban | undefined>();
  private readonly noShows: NoShowRecord[] = [];
  readonly notices: Notice[] = [];
  subject: string;

  constructor(
    readonly state: AppointmentState,
    readonly ctx: AppointmentContext,
    subject: string,
  ) {
    this.subject = subject;
  }

  get nowIso(): string {
    return toIsoLocal(this.ctx.now, this.ctx.config.hall.utcOffsetMinutes);
  }

  get actorRef(): ActorRef {
    const a = this.ctx.actor;
    return { kind: a.kind, id: a.id, name: a.name ?? null, employeeNo: a.employeeNo ?? null };
  }

  appointment(id: string): Appointment | undefined {
    return this.appointments.get(id) ?? this.state.appointments.get(id);
  }

  *allAppointments(): Iterable<Appointment> {
    for (const [id, a] of this.state.appointments) if (!this.appointments.has(id)) yield a;
    yield* this.appointments.values();
  }

  /** The applicant's (not the agent's) appointments, staged ones included. */
  *appointmentsOf(idNumber: string): Iterable<Appointment> {
    yield* this.indexed(this.state.byPerson.get(idNumber), (a) => a.idNumber === idNumber);
  }

  /** The appointments of a service's slot (any status), staged ones included. */
  *appointmentsInSlot(serviceCode: string, start: string): Iterable<Appointment> {
    yield* this.indexed(this.state.bySlot.get(slotKey(serviceCode, start)), (a) => a.serviceCode === serviceCode && a.start === start);
  }

  appointmentByCode(code: string): Appointment | undefined {
    for (const a of this.appointments.values()) if (a.code === code) return a;
    const id = this.state.byCode.get(code);
    return id === undefined ? undefined : this.appointment(id);
  }

  /** State appointments named by an index (their staged version if any), then staged ones that match. */
  private *indexed(ids: ReadonlySet<string> | undefined, matches: (a: Appointment) => boolean): Iterable<Appointment> {
    for (const id of ids ?? []) if (!this.appointments.has(id)) yield this.state.appointments.get(id)!;
    for (const a of this.appointments.values()) if (matches(a)) yield a;
  }

  putAppointment(a: Appointment): void {
    if (!this.appointmentsBefore.has(a.id)) this.appointmentsBefore.set(a.id, this.state.appointments.get(a.id));
    this.appointments.set(a.id, a);
  }

  *allBans(): Iterable<Ban> {
    for (const [id, b] of this.state.bans) if (!this.bans.has(id)) yield b;
    yield* this.bans.values();
  }

  putBan(b: Ban): void {
    if (!this.bansBefore.has(b.id)) this.bansBefore.set(b.id, this.state.bans.get(b.id));
    this.bans.set(b.id, b);
  }

  *allNoShows(): Iterable<NoShowRecord> {
    yield* this.state.noShows.values();
    yield* this.noShows;
  }

  addNoShow(r: NoShowRecord): void {
    this.noShows.push(r);
  }

  notify(n: Notice): void {
    this.notices.push(n);
  }

  get touched(): boolean {
    return this.appointments.size > 0 || this.bans.size > 0 || this.noShows.length > 0 || this.notices.length > 0;
  }

  finish(type: string, input: unknown): AppointmentChanges {
    const appointments = [...this.appointments.values()];
    const bans = [...this.bans.values()];
    return {
      appointments,
      noShows: [...this.noShows],
      bans,
      notices: [...this.notices],
      log: this.touched
        ? {
            type,
            actor: this.ctx.actor,
            at: this.nowIso,
            subject: this.subject,
            input,
            before: {
              appointments: [...this.appointmentsBefore.values()].filter((a): a is Appointment => a !== undefined),
              bans: [...this.bansBefore.values()].filter((b): b is Ban => b !== undefined),
            },
            after: { appointments, bans },
          }
        : null,
    };
  }
}

/** Runs one transition body on a fresh draft and returns its value with the change set. */
export function runAppointment<T>(
  state: AppointmentState,
  ctx: AppointmentContext,
  type: string,
  subject: string,
  input: unknown,
  body: (d: AppointmentDraft) => T,
): AppointmentOutcome<T> {
  const d = new AppointmentDraft(state, ctx, subject);
  const value = body(d);
  return { value, changes: d.finish(type, input) };
}
