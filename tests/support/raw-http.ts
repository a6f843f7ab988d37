/**
 * A bare HTTP client for tests that must send what `fetch` refuses or rewrites: bodies on GET,
 * paths with `..` or broken percent-escapes, any content type, chunked bodies, odd headers.
 */
import { request, type IncomingHttpHeaders } from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent as is (no normalisation, no escaping). */
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Send the body in several chunks without a content-length. */
  chunked?: boolean;
  timeoutMs?: number;
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined if it is not JSON. */
  json: unknown;
}

export function rawRequest(baseUrl: string, req: RawRequest): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined && !req.chunked && headers['content-length'] === undefined) headers['content-length'] = Buffer.byteLength(req.body);
    // Node only chunks POST/PUT/PATCH bodies by default; say it for every method.
    if (req.body !== undefined && req.chunked && headers['transfer-encoding'] === undefined) headers['transfer-encoding'] = 'chunked';
    const r = request(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent: false, timeout: req.timeoutMs ?? 10_000 },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () => undefined);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    // The server may answer early (413, 415) and close while the body is still being written.
    r.on('error', (err) => {
      if (!answered) reject(new Error(`${req.method} ${req.path.slice(0, 120)}: ${err.message}`));
    });
    r.on('timeout', () => r.destroy(new Error('timeout')));
    if (req.body === undefined) return void r.end();
    if (!req.chunked) return void r.end(req.body);
    const buf = Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
    const step = 16 * 1024;
    for (let i = 0; i < buf.length; i += step) r.write(buf.subarray(i, i + step));
    r.end();
  });
}
