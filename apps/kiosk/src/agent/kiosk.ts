/**
 * The kiosk's Node side: what it knows (hall, printer, server, scanner, reader) and the two things
 * it does — take a ticket, check in a booking — each ending in paper or in a Chinese sentence.
 *
 * Rules it keeps:
 * - a ticket counts only once printed: the printer is asked first, and a ticket that would not
 *   print (after one retry) is voided at the hall (`打印失败作废`) and the kiosk goes out of service;
 * - one job at a time, and a request id answered once: a double tap or a retried request gets the
 *   first answer, never a second ticket;
 * - never a retry of the ticket request itself (an unanswered request may have issued a number);
 * - the printer's state goes to the hall every ~10 s and at once when it changes;
 * - 一次告知: each service's materials list (its 办事指南) is read ahead and kept, so a ticket
 *   carries it to the screen and the paper without waiting for it; a guide that cannot be read
 *   only means no list, never no ticket.
 */
import { randomUUID } from 'node:crypto';
import type { IdCardReader, IdReaderStatus } from '../id-reader/types.js';
import type { CheckInRequest, IdCard, IssuedTicket, JobKind, JobResult, KioskEvent, KioskPrinterState, KioskService, KioskState, TakeBody } from '../protocol.js';
import { printerProblem, type PrinterStatus, type TicketPrinter } from '../printer/types.js';
import type { QrScanner, ScannerStatus } from '../scanner/types.js';
import { HallCallError, SERVER_DOWN, type CheckInBody, type HallClient, type HallService, type HallTicket } from './hall-client.js';
import { DEFAULT_TICKET_MATERIALS, issuedTicket, printableTicket } from './ticket-text.js';

export const VOID_REASON = '打印失败作废';
const BUSY: JobResult = { ok: false, code: 'BUSY', message: '正在出票，请稍候' };

export interface KioskOptions {
  hall: HallClient;
  printer: TicketPrinter;
  scanner: QrScanner;
  idReader: IdCardReader;
  /** Base of the QR code's status page (`{base}/t/{id}`); the server address unless phones reach it elsewhere. */
  statusBase: string;
  printerPollMs?: number;
  hallPollMs?: number;
  reportEveryMs?: number;
  /** Pause before the one print retry. */
  retryDelayMs?: number;
  idleSeconds?: number;
  resultSeconds?: number;
  /** The same code scanned again within this time is the scanner repeating itself. */
  rescanIgnoreMs?: number;
  /** How long a service's materials list is kept before it is read again (a saved hall config may change it). */
  guideRefreshMs?: number;
  /** Items of the materials list printed on the ticket (0: none); the screen shows the whole list. */
  ticketMaterials?: number;
  log?: (message: string, data?: Record<string, unknown>) => void;
  now?: () => number;
}

type Listener = (e: KioskEvent) => void;

export class Kiosk {
  private state: KioskState;
  private readonly listeners = new Set<Listener>();
  private readonly now: () => number;
  private readonly log: (message: string, data?: Record<string, unknown>) => void;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private running: { id: string; promise: Promise<JobResult> } | null = null;
  private readonly answered = new Map<string, JobResult>();
  /** Services the hall refused without an ID card, though its list did not say so. */
  private readonly knownRealName = new Set<string>();
  private printerStatus: PrinterStatus | null = null;
  private reportedPrinter = '';
  private statusRouteMissing = false;
  private lastScan = { text: '', at: 0 };
  private polling = { printer: false, hall: false };
  private guidesRun: Promise<void> | null = null;
  /** Each service's materials list, and when it was read. */
  private readonly guides = new Map<string, { materials: string[]; at: number }>();
  private unsubscribeReader: Array<() => void> = [];

  constructor(private readonly o: KioskOptions) {
    this.now = o.now ?? Date.now;
    this.log = o.log ?? (() => {});
    this.state = {
      hallName: '政务服务中心',
      serverClockOffsetMs: 0,
      hallOpen: null,
      services: [],
      server: { reachable: true, checkedAt: null },
      printer: null,
      outOfService: null,
      scanner: { kind: o.scanner.kind, ...o.scanner.status() },
      idReader: { kind: o.idReader.kind, ...o.idReader.status() },
      timeouts: { idleSeconds: o.idleSeconds ?? 30, resultSeconds: o.resultSeconds ?? 10 },
    };
  }

  // ------------------------------------------------------------------ life cycle

  /** First look at the hall and the printer, then keep watching both. */
  async start(): Promise<void> {
    this.o.scanner.start(
      (text) => void this.scanned(text),
      (s) => this.noteScanner(s),
    );
    this.unsubscribeReader = [this.o.idReader.onCard((card) => this.emit({ type: 'id-card', card })), this.o.idReader.onStatus((s) => this.noteIdReader(s))];
    this.o.idReader.start();
    await Promise.all([this.pollHall(), this.pollPrinter()]);
    await this.refreshGuides(); // the first tickets already carry their lists
    this.every(this.o.hallPollMs ?? 3_000, () => this.pollHall());
    this.every(this.o.printerPollMs ?? 1_000, () => this.pollPrinter());
    this.every(this.o.reportEveryMs ?? 10_000, () => this.report(true));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const u of this.unsubscribeReader) u();
    await Promise.all([this.running?.promise.catch(() => {}), this.guidesRun]);
    await Promise.allSettled([this.o.scanner.close(), this.o.idReader.close(), this.o.printer.close()]);
  }

  snapshot(): KioskState {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ------------------------------------------------------------------ jobs

  take(body: TakeBody): Promise<JobResult> {
    return this.job(body.requestId, () => this.takeTicket(body.serviceCode, body.idNumber || undefined));
  }

  checkIn(req: CheckInRequest): Promise<JobResult> {
    const { requestId, ...rest } = req;
    return this.job(requestId, () => this.checkInBooking(rest as CheckInBody));
  }

  /** A QR code from the scanner (serial, or a wedge read the page caught): a booking check-in. */
  async scanned(raw: string): Promise<JobResult | null> {
    const text = raw.trim();
    if (!text) return null;
    const at = this.now();
    if (text === this.lastScan.text && at - this.lastScan.at < (this.o.rescanIgnoreMs ?? 3_000)) return null;
    this.lastScan = { text, at };
    const id = randomUUID();
    this.emit({ type: 'job', id, kind: 'check-in', source: 'scanner', phase: 'started' });
    const result = looksLikeQrToken(text)
      ? await this.job(id, () => this.checkInBooking({ qrToken: text }))
      : { ok: false as const, code: 'BAD_QR', message: '无法识别该二维码，请出示预约成功页面或短信中的签到二维码' };
    this.log('扫码签到', { chars: text.length, ok: result.ok, ...(result.ok ? { number: result.ticket.number } : { code: result.code }) });
    this.emit({ type: 'job', id, kind: 'check-in' as JobKind, source: 'scanner', phase: 'done', result });
    return result;
  }

  /** For the simulated reader: a card "placed" on it. */
  presentCard(card: IdCard): boolean {
    const reader = this.o.idReader as IdCardReader & { present?: (c: IdCard) => void };
    if (typeof reader.present !== 'function') return false;
    reader.present(card);
    return true;
  }

  private async job(requestId: string, run: () => Promise<JobResult>): Promise<JobResult> {
    const earlier = this.answered.get(requestId);
    if (earlier) return earlier;
    if (this.running) return this.running.id === requestId ? this.running.promise : BUSY;
    const promise = run().catch((err: unknown): JobResult => {
      this.log('取号机内部错误', { error: String(err) });
      return { ok: false, code: 'INTERNAL', message: '本机出现故障，请联系工作人员' };
    });
    this.running = { id: requestId, promise };
    try {
      const result = await promise;
      this.answered.set(requestId, result);
      if (this.answered.size > 200) this.answered.delete(this.answered.keys().next().value!);
      return result;
    } finally {
      this.running = null;
    }
  }

  private async takeTicket(serviceCode: string, idNumber: string | undefined): Promise<JobResult> {
    const service = this.state.services.find((s) => s.code === serviceCode);
    if (this.state.services.length && !service) return { ok: false, code: 'UNKNOWN_SERVICE', message: '没有这项业务，请重新选择' };
    if (service?.realName && !idNumber) return { ok: false, code: 'ID_CARD_REQUIRED', message: `“${service.name}”须实名取号，请在感应区放置身份证`, needIdCard: true };
    const blocked = await this.readyToPrint();
    if (blocked) return blocked;

    let t: HallTicket;
    try {
      t = await this.o.hall.issueTicket(serviceCode, idNumber);
    } catch (err) {
      return this.refused(err, idNumber === undefined ? serviceCode : null);
    }
    this.noteServer(true);
    const ticket = issuedTicket(t, service?.name ?? serviceCode, true, this.materialsOf(serviceCode));
    const printed = await this.printWithRetry(ticket);
    if (printed !== true) {
      let voided = false;
      try {
        await this.o.hall.voidTicket(t.id, VOID_REASON);
        voided = true;
      } catch (err) {
        this.log('号票打印失败，作废未成功', { ticket: t.number, error: (err as Error).message });
      }
      this.log('号票打印失败', { ticket: t.number, ticketId: t.id, voided, problem: printed });
      void this.pollHall();
      return {
        ok: false,
        code: 'PRINT_FAILED',
        message: voided ? `号票打印失败（${printed}），该号码已作废，未占用排队位置。请稍候再取号或联系工作人员` : `号票打印失败（${printed}），请联系工作人员`,
      };
    }
    this.log('已出票', { ticket: t.number, service: serviceCode });
    void this.pollHall();
    return { ok: true, ticket };
  }

  private async checkInBooking(body: CheckInBody): Promise<JobResult> {
    const blocked = await this.readyToPrint();
    if (blocked) return blocked;
    let t: HallTicket;
    try {
      t = await this.o.hall.checkIn(body);
    } catch (err) {
      return this.refused(err, null);
    }
    this.noteServer(true);
    const name = this.state.services.find((s) => s.code === t.serviceCode)?.name ?? t.serviceCode;
    const ticket = issuedTicket(t, name, true, this.materialsOf(t.serviceCode));
    const printed = await this.printWithRetry(ticket);
    void this.pollHall();
    if (printed !== true) {
      // A booking checks in once: voiding its ticket would leave the applicant with nothing.
      // The number stays valid and is shown on the screen instead.
      this.log('预约号票打印失败', { ticket: t.number, problem: printed });
      return {
        ok: false,
        code: 'PRINT_FAILED',
        message: `号票打印失败（${printed}）。您已签到成功，请记下屏幕上的号码并留意叫号，或请工作人员协助`,
        ticket: { ...ticket, printed: false },
      };
    }
    this.log('预约已签到', { ticket: t.number });
    return { ok: true, ticket };
  }

  /** Null when the kiosk can print now; otherwise the refusal (nothing has been issued). */
  private async readyToPrint(): Promise<JobResult | null> {
    if (!this.state.server.reachable) return { ok: false, code: 'OUT_OF_SERVICE', message: `${SERVER_DOWN}，暂停取号，请稍候` };
    const s = await this.o.printer.status();
    this.notePrinter(s);
    const problem = printerProblem(s);
    return problem ? { ok: false, code: 'OUT_OF_SERVICE', message: `${problem}，暂停取号，请稍候` } : null;
  }

  /** true, or why it did not print (after one retry). */
  private async printWithRetry(ticket: IssuedTicket): Promise<true | string> {
    const paper = printableTicket(ticket, this.state.hallName, this.o.statusBase, this.o.ticketMaterials ?? DEFAULT_TICKET_MATERIALS);
    let why = '打印机故障';
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        await this.o.printer.print(paper);
        return true;
      } catch (err) {
        const e = err as Error & { status?: PrinterStatus; detail?: string };
        why = e.message || why;
        this.log('打印失败', { attempt, ticket: ticket.number, error: e.message, detail: e.detail });
        if (e.status) this.notePrinter(e.status);
        if (attempt === 1) await sleep(this.o.retryDelayMs ?? 300);
      }
    }
    // What the printer says now decides the out-of-service screen.
    const after = await this.o.printer.status();
    this.notePrinter(after);
    if (!printerProblem(after)) {
      // It claims to be fine but would not print: keep the kiosk out of service until it does.
      this.notePrinter({ ...after, error: true });
    }
    return why;
  }

  /** A hall refusal or an unreachable hall → the answer for the citizen. */
  private refused(err: unknown, maybeRealNameService: string | null): JobResult {
    if (!(err instanceof HallCallError)) throw err;
    if (err.unreachable) {
      this.noteServer(false);
      return { ok: false, code: 'NETWORK', message: `${SERVER_DOWN}，暂停取号，请稍候` };
    }
    this.noteServer(true);
    if (maybeRealNameService && err.code === 'VALIDATION_FAILED' && /实名|身份证/.test(err.message)) {
      this.knownRealName.add(maybeRealNameService);
      this.setServices(this.state.services);
      return { ok: false, code: 'ID_CARD_REQUIRED', message: err.message, needIdCard: true };
    }
    return { ok: false, code: err.code, message: err.message };
  }

  // ------------------------------------------------------------------ watching

  private async pollHall(): Promise<void> {
    if (this.polling.hall || this.stopped) return;
    this.polling.hall = true;
    try {
      const [health, services, windows] = await Promise.allSettled([this.o.hall.health(), this.o.hall.services(), this.o.hall.windows()]);
      const down = [health, services, windows].every((r) => r.status === 'rejected' && r.reason instanceof HallCallError && r.reason.unreachable);
      if (down) return this.noteServer(false);
      const patch: Partial<KioskState> = {};
      if (health.status === 'fulfilled') {
        if (typeof health.value.hall === 'string' && health.value.hall) patch.hallName = health.value.hall;
        const hallNow = health.value.now ? Date.parse(health.value.now) : NaN;
        if (Number.isFinite(hallNow)) patch.serverClockOffsetMs = Math.round((hallNow - this.now()) / 1000) * 1000;
      }
      if (windows.status === 'fulfilled' && Array.isArray(windows.value) && windows.value.length) {
        // Outside opening hours a window nobody staffs is `closed`; inside, `unstaffed`.
        patch.hallOpen = !windows.value.some((w) => w.status === 'closed');
      }
      this.update(patch);
      if (services.status === 'fulfilled' && Array.isArray(services.value)) this.setServices(services.value);
      this.noteServer(true, true);
    } finally {
      this.polling.hall = false;
    }
    void this.refreshGuides();
  }

  /** The materials list of `code` as last read; empty when it has none or was never read. */
  private materialsOf(code: string): string[] {
    return this.guides.get(code)?.materials ?? [];
  }

  /**
   * Reads the 办事指南 of each listed service not read yet, or read longer ago than
   * `guideRefreshMs`; a reading already under way is the one to wait for.
   */
  private refreshGuides(): Promise<void> {
    if (this.guidesRun) return this.guidesRun;
    if (this.stopped || !this.state.server.reachable) return Promise.resolve();
    const at = this.now();
    const due = this.state.services.filter((s) => at - (this.guides.get(s.code)?.at ?? -Infinity) >= (this.o.guideRefreshMs ?? 300_000));
    if (!due.length) return Promise.resolve();
    this.guidesRun = this.readGuides(due, at).finally(() => (this.guidesRun = null));
    return this.guidesRun;
  }

  private async readGuides(due: readonly KioskService[], at: number): Promise<void> {
    await Promise.all(
      due.map(async ({ code }) => {
        try {
          const g = await this.o.hall.guide(code);
          const list = g?.guide?.materials;
          const materials = Array.isArray(list) ? list.filter((m): m is string => typeof m === 'string' && m.trim() !== '').map((m) => m.trim()) : [];
          this.guides.set(code, { materials, at });
        } catch (err) {
          // Unreachable: read it next time. Refused (an older hall without guides, a service
          // gone): no list until the next refresh. Either way the ticket does not wait for it.
          if (err instanceof HallCallError && err.unreachable) return;
          if (!this.guides.has(code)) this.log('办事指南读取失败，取号页不显示材料清单', { service: code, error: (err as Error).message });
          this.guides.set(code, { materials: this.materialsOf(code), at });
        }
      }),
    );
  }

  private setServices(list: readonly (HallService | KioskService)[]): void {
    const services: KioskService[] = list.map((s) => ({
      code: s.code,
      name: s.name,
      department: s.department,
      waiting: s.waiting,
      estimatedWaitMinutes: typeof s.estimatedWaitMinutes === 'number' ? s.estimatedWaitMinutes : null,
      realName: this.knownRealName.has(s.code) ? true : typeof s.realName === 'boolean' ? s.realName : null,
    }));
    this.update({ services });
  }

  private async pollPrinter(): Promise<void> {
    if (this.polling.printer || this.stopped || this.running) return;
    this.polling.printer = true;
    try {
      this.notePrinter(await this.o.printer.status());
    } finally {
      this.polling.printer = false;
    }
  }

  private notePrinter(s: PrinterStatus): void {
    this.printerStatus = s;
    const printer: KioskPrinterState = { online: s.online, paperNearEnd: s.paperNearEnd, paperOut: s.paperOut, coverOpen: s.coverOpen, error: s.error, problem: printerProblem(s) };
    this.update({ printer });
    void this.report(false);
  }

  private noteServer(reachable: boolean, emitAlways = false): void {
    const server = { reachable, checkedAt: new Date(this.now()).toISOString() };
    if (reachable !== this.state.server.reachable) this.log(reachable ? '服务器已恢复连接' : '服务器连接中断');
    if (reachable !== this.state.server.reachable || emitAlways) this.update({ server });
    else this.state = { ...this.state, server };
  }

  private noteScanner(s: ScannerStatus): void {
    this.log(s.ok ? '扫码器已连接' : '扫码器异常', { detail: s.detail });
    this.update({ scanner: { kind: this.o.scanner.kind, ok: s.ok, detail: s.detail } });
    void this.report(true);
  }

  private noteIdReader(s: IdReaderStatus): void {
    this.log(s.ok ? '身份证阅读器已连接' : '身份证阅读器异常', { detail: s.detail });
    this.update({ idReader: { kind: this.o.idReader.kind, ok: s.ok, detail: s.detail } });
    void this.report(true);
  }

  /** Sends the printer's state to the hall: on change, and every `reportEveryMs` when `periodic`. */
  private async report(periodic: boolean): Promise<void> {
    const s = this.printerStatus;
    if (!s || this.stopped || this.statusRouteMissing) return;
    const key = JSON.stringify(s);
    if (!periodic && key === this.reportedPrinter) return;
    this.reportedPrinter = key;
    // The printer's state is structured; what else is wrong (scanner, ID reader) goes as one sentence.
    const problems = [this.state.scanner, this.state.idReader].filter((d) => !d.ok && d.detail).map((d) => d.detail!);
    const detail = problems.length ? problems.join('；').slice(0, 200) : undefined;
    try {
      await this.o.hall.reportStatus(s, detail);
    } catch (err) {
      if (err instanceof HallCallError && err.status === 404 && err.code === 'NOT_FOUND') {
        // A hall server without device status (older than issue #4): stop asking.
        this.statusRouteMissing = true;
        this.log('服务器不支持设备状态上报，已停止上报');
      } else if (!(err instanceof HallCallError && err.unreachable)) {
        this.log('设备状态上报失败', { error: (err as Error).message });
      }
      this.reportedPrinter = ''; // try again next time
    }
  }

  // ------------------------------------------------------------------ state

  private update(patch: Partial<KioskState>): void {
    const next = { ...this.state, ...patch };
    const reason = !next.server.reachable ? SERVER_DOWN : (next.printer?.problem ?? null);
    next.outOfService = reason === null ? null : this.state.outOfService?.reason === reason ? this.state.outOfService : { reason, since: new Date(this.now()).toISOString() };
    const changed = JSON.stringify({ ...next, server: next.server.reachable }) !== JSON.stringify({ ...this.state, server: this.state.server.reachable });
    if (next.outOfService?.reason !== this.state.outOfService?.reason) this.log(next.outOfService ? `暂停服务：${next.outOfService.reason}` : '恢复服务');
    this.state = next;
    if (changed) this.emit({ type: 'state', state: next });
  }

  private emit(e: KioskEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // a closed page's stream; it unsubscribes itself
      }
    }
  }

  private every(ms: number, f: () => Promise<void>): void {
    const t = setInterval(() => void f().catch((err: unknown) => this.log('后台任务失败', { error: String(err) })), ms);
    t.unref();
    this.timers.push(t);
  }
}

/** The hall's check-in tokens are QR alphanumeric text; anything else is not a booking. */
export function looksLikeQrToken(text: string): boolean {
  return /^[0-9A-Z$%*+\-./:]{10,200}$/.test(text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
