/**
 * The console's HTTP client: every call carries the login token; every failure becomes the
 * Chinese sentence the server sent (or one of ours when the network failed); a 401 ends the
 * session (the console goes back to its login page and says why).
 */
import { ERRORS } from '@hall/shared';

export const NETWORK_FAILED = '网络连接失败，请检查网络后重试';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const errorText = (e: unknown): string => (e instanceof ApiError ? e.message : NETWORK_FAILED);

const HAS_CHINESE = /[\u4e00-\u9fff]/;

export async function request<T>(method: string, path: string, body: unknown, token: string | null): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch {
    throw new ApiError(NETWORK_FAILED, 'NETWORK', 0);
  }
  let data: unknown = null;
  try {
    const text = await res.text();
    data = text ? JSON.parse(text) : null;
  } catch {
    if (res.ok) throw new ApiError(NETWORK_FAILED, 'NETWORK', res.status);
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
    const code = err?.code ?? 'HTTP';
    const known = (ERRORS as Record<string, { message: string } | undefined>)[code]?.message;
    const message = err?.message && HAS_CHINESE.test(err.message) ? err.message : (known ?? (res.status >= 500 ? '服务器暂时无法处理，请稍后重试' : NETWORK_FAILED));
    throw new ApiError(message, code, res.status);
  }
  return data as T;
}

/** Calls made with one login; `onUnauthorized` runs once when the server no longer knows the token. */
export class ConsoleApi {
  private ended = false;
  constructor(
    readonly token: string,
    private readonly onUnauthorized: (message: string) => void,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.call<T>('POST', path, body ?? {});
  }
  put<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PUT', path, body);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await request<T>(method, path, body, this.token);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401 && !this.ended) {
        this.ended = true;
        this.onUnauthorized('登录已失效（可能已超时或在别处退出），请重新登录');
      }
      throw e;
    }
  }
}
