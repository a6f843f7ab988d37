/** A small JSON-over-HTTP client on node:http with keep-alive connections (one per concurrent caller, as real devices have). */
import { Agent, request } from 'node:http';

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
}

export class HttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 512 });
  private readonly url: URL;

  constructor(baseUrl: string) {
    this.url = new URL(baseUrl);
    if (this.url.hostname !== '127.0.0.1' && this.url.hostname !== 'localhost' && this.url.hostname !== '[::1]') {
      throw new Error(`压测只访问本机回环地址，收到 ${baseUrl}`);
    }
  }

  send<T = unknown>(method: string, path: string, body?: unknown, token?: string, timeoutMs = 30_000): Promise<JsonResponse<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = {};
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    if (token) headers.authorization = `Bearer ${token}`;
    return new Promise((resolve, reject) => {
      const req = request({ host: this.url.hostname, port: this.url.port, path, method, headers, agent: this.agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : null) as T });
          } catch (e) {
            reject(new Error(`${method} ${path}：回应不是 JSON（${res.statusCode}）：${text.slice(0, 200)}；${String(e)}`));
          }
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} 超时（${timeoutMs} ms）`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
