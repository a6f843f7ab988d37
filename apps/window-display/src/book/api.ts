/** The few hall-server calls the booking page makes; every failure becomes one Chinese sentence. */
import { ERRORS } from '@hall/shared';

export const NETWORK_FAILED = '网络连接失败，请稍后重试';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Service {
  code: string;
  name: string;
  department: string;
}
export interface Slot {
  start: string;
  end: string;
  capacity: number;
  remaining: number;
  session: string;
  needsApproval: boolean;
  /** Why an online booking of this slot would be refused now (lead time, horizon), or null: the server's own sentence. */
  onlineRefusal?: string | null;
}
export interface Booking {
  id: string;
  code: string;
  qrToken?: string;
  status: string;
  statusName: string;
  serviceCode: string;
  date: string;
  start: string;
  end: string;
  name: string;
  idNumber: string;
  phone: string;
  materials?: string[];
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(NETWORK_FAILED, 'NETWORK');
  }
  let data: unknown = null;
  try {
    const text = await res.text();
    data = text ? JSON.parse(text) : null;
  } catch {
    // a proxy's HTML error page, a cut connection…
    if (res.ok) throw new ApiError(NETWORK_FAILED, 'NETWORK');
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
    const code = err?.code ?? 'HTTP';
    const known = (ERRORS as Record<string, { message: string } | undefined>)[code]?.message;
    const message = err?.message && /[\u4e00-\u9fff]/.test(err.message) ? err.message : (known ?? (res.status >= 500 ? '服务器暂时无法处理，请稍后重试' : NETWORK_FAILED));
    throw new ApiError(message, code);
  }
  return data as T;
}

export const errorText = (e: unknown) => (e instanceof ApiError ? e.message : NETWORK_FAILED);
