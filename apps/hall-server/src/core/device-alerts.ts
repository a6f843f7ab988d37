/**
 * What the hall manager must know about the devices: a kiosk's printer out of paper, with its
 * cover open, in error or not answering; its paper near the end (a warning); a kiosk not heard
 * from for a minute while the hall is open. Pure: computed from the devices' last reports and the
 * time; QueueService.tick diffs successive answers and pushes what appeared or cleared.
 */
import { toIsoLocal, type Alert, type DeviceRole, type PrinterStatus } from '@hall/shared';

/** A kiosk silent for longer than this while the hall is open raises an alert. */
export const DEVICE_SILENCE_SECONDS = 60;

/** What the hall knows of one device since the server started. */
export interface DeviceHealth {
  id: string;
  name: string;
  role: DeviceRole;
  windowId: string | null;
  /** Last request or status report (hall clock, ms); null: not heard from. */
  lastSeen: number | null;
  /** The last reported printer state, or null (no printer, or never reported). */
  printer: PrinterStatus | null;
}

interface Problem {
  code: 'offline' | 'paper-out' | 'cover-open' | 'error' | 'near-end';
  text: string;
  warning: boolean;
}

/** A printer's problems, most urgent first. A printer that does not answer says nothing else. */
export function printerProblems(p: PrinterStatus): Problem[] {
  if (!p.online) return [{ code: 'offline', text: '打印机未连接或无响应', warning: false }];
  const out: Problem[] = [];
  if (p.paperOut) out.push({ code: 'paper-out', text: '打印纸已用完', warning: false });
  if (p.coverOpen) out.push({ code: 'cover-open', text: '打印机盖未关好', warning: false });
  if (p.error) out.push({ code: 'error', text: '打印机故障（切刀或其他错误）', warning: false });
  if (p.paperNearEnd && !p.paperOut) out.push({ code: 'near-end', text: '打印纸即将用完', warning: true });
  return out;
}

const ADVICE: Record<Problem['code'], string> = {
  offline: '取号机不能出票，请检查打印机电源和连线',
  'paper-out': '取号机不能出票，请立即更换打印纸',
  'cover-open': '取号机不能出票，请合上打印机盖',
  error: '取号机不能出票，请检查打印机',
  'near-end': '请准备更换打印纸',
};

function silent(d: DeviceHealth, now: number): boolean {
  return d.role === 'kiosk' && d.lastSeen !== null && now - d.lastSeen > DEVICE_SILENCE_SECONDS * 1000;
}

export function deviceAlerts(devices: readonly DeviceHealth[], hallOpen: boolean, now: number, offsetMinutes: number): Alert[] {
  const alerts: Alert[] = [];
  for (const d of devices) {
    for (const p of d.printer ? printerProblems(d.printer) : []) {
      alerts.push({
        key: `printer:${d.id}:${p.code}`,
        kind: 'printer',
        ...(p.warning ? { severity: 'warning' as const } : {}),
        deviceId: d.id,
        since: toIsoLocal(now, offsetMinutes),
        message: `${d.name}：${p.text}，${ADVICE[p.code]}`,
      });
    }
    if (hallOpen && silent(d, now)) {
      alerts.push({
        key: `device-offline:${d.id}`,
        kind: 'device-offline',
        deviceId: d.id,
        since: toIsoLocal(d.lastSeen! + DEVICE_SILENCE_SECONDS * 1000, offsetMinutes),
        message: `${d.name}超过${DEVICE_SILENCE_SECONDS}秒未联络（最后联络 ${toIsoLocal(d.lastSeen!, offsetMinutes).slice(11, 19)}），请检查取号机电源和网络`,
      });
    }
  }
  return alerts;
}

/** One line for the manager's device list: 正常, or what is wrong. */
export function deviceSummary(d: DeviceHealth, now: number): { ok: boolean; summary: string } {
  if (d.lastSeen === null) return { ok: false, summary: '服务器启动以来未联络' };
  const parts = (d.printer ? printerProblems(d.printer) : []).map((p) => p.text);
  if (silent(d, now)) parts.push(`已${formatSilence(now - d.lastSeen)}未联络`);
  return parts.length === 0 ? { ok: true, summary: '正常' } : { ok: false, summary: parts.join('；') };
}

function formatSilence(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 120) return `${s}秒`;
  if (s < 7200) return `${Math.floor(s / 60)}分钟`;
  return `${Math.floor(s / 3600)}小时`;
}
