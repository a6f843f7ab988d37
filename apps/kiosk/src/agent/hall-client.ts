/**
 * The hall server as the kiosk sees it: a few HTTP calls with the device key, each with a
 * timeout. Every failure becomes a `HallCallError` whose `message` is one Chinese sentence for
 * the citizen — the hall's own `message` when it sent one.
 */
import { ERRORS, type ServiceStatus, type TicketStatusView, type WindowView } from '@hall/shared';
import type { PrinterStatus } from '../printer/types.js';

export const SERVER_DOWN = '服务器连接中断';

export class HallCallError extends Error {
  override readonly name = 'HallCallError';
  constructor(
    message: string,
    /** The hall's error code, or NETWORK (no answer) / BAD_ANSWER (not the hall's JSON). */
    readonly code: string,
    /** HTTP status; 0 when the server did not answer. */
    readonly status: number,
  ) {
    super(message);
  }
  /** The hall did not answer at all (down, unreachable, timed out). */
  get unreachable(): boolean {
    return this.code === 'NETWORK';
  }
}

export interface HallHealth {
  ok: boolean;
  version?: string;
  /** The hall's clock (ISO with offset); absent on older servers. */
  now?: string;
  /** The hall's name; absent on older servers. */
  hall?: string;
}

/** A ticket answer: `estimatedWaitMinutes` is absent on servers older than issue #4. */
export type HallTicket = Omit<TicketStatusView, 'estimatedWaitMinutes'> & { estimatedWaitMinutes?: number | null };
export type HallService = Omit<ServiceStatus, 'estimatedWaitMinutes'> & { estimatedWaitMinutes?: number | null; realName?: boolean };

/** `GET /api/services/{code}/guide`: the 办事指南; only the materials list matters to the kiosk. */
export interface HallGuide {
  code: string;
  name: string;
  guide?: { materials?: unknown };
}

export type CheckInBody = { qrToken: string } | { code: string; idNumber: string } | { idNumber: string };

export interface HallClientOptions {
  /** e.g. `http://10.0.0.2:8080` */
  server: string;
  deviceKey: string;
  timeoutMs?: number;
}

export class HallClient {
  readonly server: string;
  private readonly timeoutMs: number;

  constructor(private readonly opts: HallClientOptions) {
    this.server = opts.server.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 8_000;
  }

  health(): Promise<HallHealth> {
    return this.call('GET', '/api/health');
  }
  services(): Promise<HallService[]> {
    return this.call('GET', '/api/services');
  }
  guide(serviceCode: string): Promise<HallGuide> {
    return this.call('GET', `/api/services/${encodeURIComponent(serviceCode)}/guide`);
  }
  windows(): Promise<WindowView[]> {
    return this.call('GET', '/api/windows');
  }
  issueTicket(serviceCode: string, idNumber?: string): Promise<HallTicket> {
    return this.call('POST', '/api/tickets', { serviceCode, ...(idNumber ? { idNumber } : {}) });
  }
  checkIn(body: CheckInBody): Promise<HallTicket> {
    return this.call('POST', '/api/appointments/check-in', body);
  }
  voidTicket(ticketId: string, reason: string): Promise<unknown> {
    return this.call('POST', `/api/tickets/${encodeURIComponent(ticketId)}/cancel`, { reason });
  }
  reportStatus(printer: PrinterStatus, detail?: string): Promise<unknown> {
    return this.call('POST', '/api/devices/status', { printer, ...(detail ? { detail } : {}) });
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.opts.deviceKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await fetch(this.server + path, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await res.text();
    } catch {
      throw new HallCallError(SERVER_DOWN, 'NETWORK', 0);
    }
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      // A proxy's HTML page, a captive portal…: not the hall.
      throw new HallCallError(res.ok ? '服务器的答复无法识别，请联系工作人员' : SERVER_DOWN, res.ok ? 'BAD_ANSWER' : 'NETWORK', res.status);
    }
    if (res.ok) return data as T;
    throw errorFromBody(res.status, data);
  }
}

/** The hall's `{"error":{"code","message"}}` → the sentence a citizen reads. */
export function errorFromBody(status: number, data: unknown): HallCallError {
  const err = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof err?.code === 'string' ? err.code : `HTTP_${status}`;
  const own = typeof err?.message === 'string' && /[\u4e00-\u9fff]/.test(err.message) ? err.message : null;
  const known = (ERRORS as Record<string, { message: string } | undefined>)[code]?.message ?? null;
  const fallback =
    status === 401 || status === 403
      ? '本机未获授权取号（设备密钥无效），请联系工作人员'
      : status >= 500
        ? '服务器暂时无法处理，请稍后再试'
        : '无法办理，请联系工作人员';
  // A kiosk's key refused is the hall's business, not the citizen's: say so plainly.
  const message = code === 'UNAUTHORIZED' ? '本机未获授权取号（设备密钥无效），请联系工作人员' : (own ?? known ?? fallback);
  return new HallCallError(message, code, status);
}
