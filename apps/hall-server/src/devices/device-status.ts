/**
 * The devices' last words, in memory: when each device was last heard from (any request with its
 * key, or a status report) and what it last said about its printer. Nothing is stored: after a
 * restart a device is "not heard from" until its next request. The alerts themselves are
 * computed by the pure core (core/device-alerts.ts) and pushed by QueueService.tick.
 */
import { toIsoLocal, type Alert, type DeviceRole, type DeviceStatusView, type PrinterStatus } from '@hall/shared';
import type { Principal } from '../auth/accounts.js';
import { deviceAlerts, deviceSummary, type Clock, type DeviceHealth, type HallHours } from '../core/index.js';
import type { Db } from '../storage/database.js';

type DevicePrincipal = Extract<Principal, { kind: 'device' }>;

export interface DeviceReport {
  printer?: PrinterStatus;
  detail?: string;
}

export class DeviceStatusBoard {
  private readonly heard = new Map<string, DeviceHealth & { detail: string | null }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly hours: HallHours,
    private readonly offsetMinutes: number,
  ) {}

  /** What another board (the hall this one replaces, 立即生效) heard: devices need not speak again. */
  adopt(other: DeviceStatusBoard): void {
    for (const [id, h] of other.heard) this.heard.set(id, { ...h, printer: h.printer ? { ...h.printer } : null });
  }

  /** Any request made with a device key. */
  noteRequest(p: Principal | null): void {
    if (p?.kind !== 'device') return;
    const known = this.heard.get(p.deviceId);
    if (known) known.lastSeen = this.clock.now();
    else this.heard.set(p.deviceId, { id: p.deviceId, name: p.name, role: p.role, windowId: p.windowId, lastSeen: this.clock.now(), printer: null, detail: null });
  }

  /** POST /api/devices/status. A report without `printer` keeps the last printer state. */
  report(p: DevicePrincipal, r: DeviceReport): void {
    this.noteRequest(p);
    const d = this.heard.get(p.deviceId)!;
    if (r.printer) d.printer = { ...r.printer };
    if (r.detail !== undefined) d.detail = r.detail || null;
  }

  alerts(now: number): Alert[] {
    return deviceAlerts([...this.heard.values()], this.hours.isOpenAt(now), now, this.offsetMinutes);
  }

  /** Every registered device (not revoked), kiosks first, with what the hall knows of it. */
  list(): DeviceStatusView[] {
    const now = this.clock.now();
    const rows = this.db.prepare('SELECT id, name, role, window_id FROM devices WHERE revoked_at IS NULL').all() as { id: string; name: string; role: DeviceRole; window_id: string | null }[];
    const order: Record<DeviceRole, number> = { kiosk: 0, 'hall-screen': 1, 'window-display': 2 };
    rows.sort((a, b) => order[a.role] - order[b.role] || (a.window_id ?? '').localeCompare(b.window_id ?? '') || a.name.localeCompare(b.name, 'zh'));
    return rows.map((r) => {
      const h = this.heard.get(r.id);
      const health: DeviceHealth = h ?? { id: r.id, name: r.name, role: r.role, windowId: r.window_id, lastSeen: null, printer: null };
      return {
        id: r.id,
        name: r.name,
        role: r.role,
        windowId: r.window_id,
        lastSeenAt: health.lastSeen === null ? null : toIsoLocal(health.lastSeen, this.offsetMinutes),
        secondsSinceSeen: health.lastSeen === null ? null : Math.max(0, Math.floor((now - health.lastSeen) / 1000)),
        printer: health.printer,
        detail: h?.detail ?? null,
        ...deviceSummary(health, now),
      };
    });
  }
}
