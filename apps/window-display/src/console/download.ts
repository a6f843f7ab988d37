/**
 * File downloads with the login token: the server's files (XLSX, CSV) need the Authorization
 * header, which a plain link cannot send, so the file is fetched and handed to the browser as a
 * blob under the name the server gave (its RFC 5987 `filename*`, in Chinese).
 */
import { ApiError, NETWORK_FAILED } from './api.js';

/** The name in a Content-Disposition header: `filename*=UTF-8''…` first, then `filename="…"`. */
export function dispositionName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      // a malformed escape: use the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Fetches `path` with the token and saves it; a refusal becomes the server's Chinese message. */
export async function downloadFile(path: string, token: string, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError(NETWORK_FAILED, 'NETWORK', 0);
  }
  if (!res.ok) {
    const err = ((await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(err?.message ?? '下载失败，请稍后重试', err?.code ?? 'HTTP', res.status);
  }
  const name = dispositionName(res.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
