/**
 * The kiosk's own channels, one typed map each, used by both ends:
 * - the local HTTP API the agent (Node) serves to the kiosk page on 127.0.0.1 (`KioskApi`),
 * - the events it pushes to the page over Server-Sent Events (`KioskEvent`),
 * - the bridge the Electron preload exposes to the page (`KioskBridge`, in bridge.ts).
 * Request bodies are zod schemas (the agent validates with them; the page gets the types).
 */
import { z } from 'zod';

/** What a printer reports (DLE EOT), as in printer/types.ts, plus the out-of-service sentence. */
export interface KioskPrinterState {
  online: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
  coverOpen: boolean;
  error: boolean;
  /** 打印纸已用完 / 打印机盖未关好 / 打印机未连接 / 打印机故障; null when it can print. */
  problem: string | null;
}

export interface KioskService {
  code: string;
  name: string;
  department: string;
  waiting: number;
  /** Minutes a ticket taken now waits; null when the hall cannot say (no window open, or an older server). */
  estimatedWaitMinutes: number | null;
  /** Needs an ID card (实名取号): true / false when the hall says so, null while unknown. */
  realName: boolean | null;
}

export interface KioskState {
  hallName: string;
  /** Hall server clock minus this computer's clock, so the page shows the hall's time (also in training mode). */
  serverClockOffsetMs: number;
  /** Inside opening hours as the hall's windows show it; null while unknown. Issuing is decided by the hall on each ticket. */
  hallOpen: boolean | null;
  services: KioskService[];
  server: { reachable: boolean; checkedAt: string | null };
  /** null until the first status query has answered. */
  printer: KioskPrinterState | null;
  /** Why the kiosk cannot serve now (服务器连接中断, 打印纸已用完, …); null when it can. */
  outOfService: { reason: string; since: string } | null;
  scanner: { kind: 'serial' | 'wedge' | 'none'; ok: boolean; detail: string | null };
  /** The ID card reader; `detail` says what is wrong with it, in Chinese (null when fine). */
  idReader: { kind: 'serial' | 'bridge' | 'simulated' | 'none'; ok: boolean; detail: string | null };
  /** Seconds without a touch before a screen goes back home. */
  timeouts: { idleSeconds: number; resultSeconds: number };
}

/** A ticket the kiosk issued (or checked in) and printed. */
export interface IssuedTicket {
  ticketId: string;
  number: string;
  serviceCode: string;
  serviceName: string;
  /** 预约 / 绿色通道 / 特事特办; null for an ordinary ticket. */
  priorityLabel: string | null;
  peopleAhead: number;
  estimatedWaitMinutes: number | null;
  issuedAt: string;
  /** False only for a check-in whose ticket could not be printed (the booking cannot be checked in twice). */
  printed: boolean;
  /** The service's materials list from its 办事指南 (一次告知); empty when it has none or the guide could not be read. */
  materials: string[];
}

export type JobKind = 'take' | 'check-in';

/** The answer to a take or check-in: the ticket, or why not (a Chinese sentence for the citizen). */
export type JobResult =
  | { ok: true; ticket: IssuedTicket }
  | {
      ok: false;
      code: string;
      message: string;
      /** The hall wants an ID card for this service (实名取号). */
      needIdCard?: boolean;
      /** A check-in whose ticket exists but did not print: show the number on screen. */
      ticket?: IssuedTicket;
    };

export const ID_CARD_MAX = 32;
/** One per tap intent: a repeated request with the same id gets the same answer, never a second ticket. */
const RequestId = z.string().trim().min(8, '请求编号无效').max(64, '请求编号无效');

export const TakeBody = z.strictObject({
  serviceCode: z.string().trim().min(1, '请选择业务').max(32),
  idNumber: z.string().trim().max(ID_CARD_MAX).optional(),
  requestId: RequestId,
});
export type TakeBody = z.infer<typeof TakeBody>;

export const CheckInRequest = z.union([
  z.strictObject({ qrToken: z.string().trim().min(1).max(200), requestId: RequestId }),
  z.strictObject({ code: z.string().trim().min(1).max(16), idNumber: z.string().trim().min(1).max(ID_CARD_MAX), requestId: RequestId }),
  z.strictObject({ idNumber: z.string().trim().min(1).max(ID_CARD_MAX), requestId: RequestId }),
]);
export type CheckInRequest = z.infer<typeof CheckInRequest>;

/** A keyboard-wedge scanner's read, caught by the page and handed to the agent. */
export const ScanBody = z.strictObject({ text: z.string().max(512) });

/** A card for the simulated ID reader (demos and tests). */
export const SimulatedCardBody = z.strictObject({
  name: z.string().trim().min(1, '请填写姓名').max(30),
  idNumber: z.string().trim().min(1, '请填写身份证号码').max(ID_CARD_MAX),
});

/** What an ID card reader read: only what the kiosk needs. */
export interface IdCard {
  name: string;
  idNumber: string;
}

export type KioskEvent =
  | { type: 'state'; state: KioskState }
  | { type: 'id-card'; card: IdCard }
  /** A job the page did not start (a scanned QR code): started, then its result. */
  | { type: 'job'; id: string; kind: JobKind; source: 'scanner'; phase: 'started' }
  | { type: 'job'; id: string; kind: JobKind; source: 'scanner'; phase: 'done'; result: JobResult };

/** The local API: path → request body and answer. Errors answer `{"error":{"code","message"}}`. */
export interface KioskApi {
  'GET /api/state': { body: never; answer: KioskState };
  'POST /api/take': { body: TakeBody; answer: JobResult };
  'POST /api/check-in': { body: CheckInRequest; answer: JobResult };
  'POST /api/scan': { body: z.infer<typeof ScanBody>; answer: { accepted: boolean } };
  'POST /api/id-reader/simulate': { body: z.infer<typeof SimulatedCardBody>; answer: { accepted: true } };
}

export { BRIDGE_LOG_CHANNEL, type KioskBridge } from './bridge.js';
