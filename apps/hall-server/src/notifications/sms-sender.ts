/**
 * Where messages go. A sender must be idempotent by message id (SMS gateways take a client
 * message id for this): the outbox may hand the same message again after a crash between
 * sending and recording, and the id is what makes that a no-op.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface OutgoingMessage {
  id: string;
  kind: string;
  recipient: string;
  body: string;
}

export interface SmsSender {
  send(message: OutgoingMessage): Promise<void>;
}

/** Where the default sender writes: `sms-outbox.log` beside the database. */
export function smsLogPath(dbPath: string): string {
  return resolve(dirname(dbPath), 'sms-outbox.log');
}

/** The default sender: one JSON line per message in a log file; remembers ids it already wrote. */
export class LogFileSender implements SmsSender {
  private readonly written = new Set<string>();
  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path)) {
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          this.written.add((JSON.parse(line) as { id: string }).id);
        } catch {
          // A line cut short by a crash: the message it held is sent again.
        }
      }
    }
  }

  async send(m: OutgoingMessage): Promise<void> {
    if (this.written.has(m.id)) return;
    appendFileSync(this.path, `${JSON.stringify({ ...m, at: new Date().toISOString() })}\n`);
    this.written.add(m.id);
  }
}
