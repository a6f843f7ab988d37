/**
 * Fault injection for the SMS sender, for restart tests and drills (`HALL_SMS_FAULT`, read by
 * main.ts; never set in production):
 *
 * - `fail-after:N` — the gateway takes N messages, then fails every send (N = 0: down from the
 *   start). Messages stay in the outbox, retried with backoff.
 * - `crash-after:N` — the process dies (SIGKILL) right after the N-th message reached the
 *   gateway, before the outbox records it as sent: the window in which a restart could send it
 *   twice.
 */
import type { OutgoingMessage, SmsSender } from './sms-sender.js';

export type SmsFault = { kind: 'fail-after' | 'crash-after'; n: number };

export function parseSmsFault(spec: string): SmsFault {
  const m = /^(fail-after|crash-after):(\d{1,6})$/.exec(spec.trim());
  if (!m) throw new Error(`HALL_SMS_FAULT 应为 fail-after:N 或 crash-after:N（N 为非负整数），收到：${spec}`);
  return { kind: m[1] as SmsFault['kind'], n: Number(m[2]) };
}

export function describeSmsFault(f: SmsFault): string {
  return f.kind === 'fail-after' ? `短信网关在接收 ${f.n} 条后不可用` : `发出第 ${f.n} 条短信后、记录发送结果前进程终止`;
}

export function faultySender(inner: SmsSender, fault: SmsFault, die: () => void = () => process.kill(process.pid, 'SIGKILL')): SmsSender {
  let taken = 0;
  return {
    async send(m: OutgoingMessage): Promise<void> {
      if (fault.kind === 'fail-after' && taken >= fault.n) throw new Error('短信网关不可用（HALL_SMS_FAULT 模拟）');
      await inner.send(m);
      taken++;
      if (fault.kind === 'crash-after' && taken === fault.n) {
        die();
        // Never answer: the outbox must not get to record this message.
        await new Promise<never>(() => undefined);
      }
    },
  };
}
