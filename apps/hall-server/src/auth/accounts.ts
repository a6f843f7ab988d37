/**
 * Who may do what: user accounts (staff, manager, the `admin` account), their sessions, and
 * device keys. A request's Bearer value is either a session token or a device key.
 */
import { HallError, type HallConfig } from '@hall/shared';
import { randomUUID } from 'node:crypto';
import type { Db } from '../storage/database.js';
import type { Actor } from '../core/index.js';
import { hashPassword, newSecret, secretHash, verifyPassword } from './passwords.js';

export type UserRole = 'staff' | 'manager' | 'admin';
export type DeviceRole = 'kiosk' | 'window-display' | 'hall-screen';

export type Principal =
  | { kind: 'user'; userId: number; username: string; role: UserRole; name: string; employeeNo: string | null }
  | { kind: 'device'; deviceId: string; role: DeviceRole; windowId: string | null; name: string }
  /** A 政务服务平台 API key from the hall config (`platform.api.keys`); valid only on the platform's routes. */
  | { kind: 'platform'; role: 'platform'; name: string };

const SESSION_HOURS = 12;

export class Accounts {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** First start: the hall's staff and demo devices. Returns the admin password if it was generated. */
  async seed(config: HallConfig, adminPassword: string | undefined): Promise<string | null> {
    const at = new Date(this.now()).toISOString();
    let generated: string | null = null;
    const admin = this.db.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: number } | undefined;
    if (!admin) {
      const pw = adminPassword ?? (generated = newSecret().slice(0, 12));
      this.db.prepare("INSERT INTO users (username, name, role, password_hash, created_at) VALUES ('admin', '系统管理员', 'admin', ?, ?)").run(await hashPassword(pw), at);
    } else if (adminPassword !== undefined) {
      this.db.prepare("UPDATE users SET password_hash = ? WHERE username = 'admin'").run(await hashPassword(adminPassword));
    }
    const insertUser = this.db.prepare('INSERT INTO users (username, name, employee_no, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(username) DO NOTHING');
    const inConfig = new Set(config.staff.map((s) => s.username));
    for (const s of config.staff) {
      const exists = this.db.prepare('SELECT 1 FROM users WHERE username = ?').get(s.username);
      if (exists) continue;
      // A new login name for the same 工号 is a rename: the account (password, history) follows it.
      // Inserting would break the unique 工号 and stop the hall from starting.
      const sameNo = this.db.prepare("SELECT id, username FROM users WHERE employee_no = ? AND role != 'admin'").get(s.employeeNo) as { id: number; username: string } | undefined;
      if (sameNo) {
        if (!inConfig.has(sameNo.username)) this.db.prepare('UPDATE users SET username = ? WHERE id = ?').run(s.username, sameNo.id);
        continue;
      }
      // Without an initial password the account cannot log in until an admin sets one.
      const hash = s.initialPassword ? await hashPassword(s.initialPassword) : `disabled$${newSecret()}`;
      insertUser.run(s.username, s.name, s.employeeNo, s.role, hash, at);
    }
    const insertDevice = this.db.prepare('INSERT INTO devices (id, name, role, window_id, key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key_hash) DO NOTHING');
    for (const d of config.devices) {
      if (d.key) insertDevice.run(randomUUID(), d.name, d.role, d.windowId ?? null, secretHash(d.key), at);
    }
    return generated;
  }

  /**
   * Existing staff accounts take the name and role the config in force gives them (at start and
   * at 立即生效; a save alone changes nothing). Passwords, 工号 and the admin account are untouched.
   */
  syncStaff(config: HallConfig): void {
    const update = this.db.prepare("UPDATE users SET name = ?, role = ? WHERE username = ? AND role != 'admin' AND (name != ? OR role != ?)");
    for (const s of config.staff) update.run(s.name, s.role, s.username, s.name, s.role);
  }

  async login(username: string, password: string): Promise<{ token: string; role: UserRole; name: string; employeeNo: string | null }> {
    const u = this.db.prepare('SELECT id, name, role, employee_no, password_hash, active FROM users WHERE username = ?').get(username) as
      | { id: number; name: string; role: UserRole; employee_no: string | null; password_hash: string; active: number }
      | undefined;
    // Hash even for an unknown user, so timing does not tell which usernames exist.
    const ok = await verifyPassword(password, u?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    if (!u || !ok || !u.active) throw new HallError('INVALID_CREDENTIALS');
    const token = newSecret();
    const now = this.now();
    this.db
      .prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(secretHash(token), u.id, new Date(now).toISOString(), new Date(now + SESSION_HOURS * 3_600_000).toISOString());
    return { token, role: u.role, name: u.name, employeeNo: u.employee_no };
  }

  logout(token: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(secretHash(token));
  }

  /** The principal behind a Bearer value, or null. */
  resolve(secret: string): Principal | null {
    if (secret.length < 8 || secret.length > 200) return null;
    const hash = secretHash(secret);
    const s = this.db
      .prepare('SELECT u.id, u.username, u.role, u.name, u.employee_no, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.active = 1')
      .get(hash) as { id: number; username: string; role: UserRole; name: string; employee_no: string | null; expires_at: string } | undefined;
    if (s && Date.parse(s.expires_at) > this.now()) {
      return { kind: 'user', userId: s.id, username: s.username, role: s.role, name: s.name, employeeNo: s.employee_no };
    }
    const d = this.db.prepare('SELECT id, role, window_id, name FROM devices WHERE key_hash = ? AND revoked_at IS NULL').get(hash) as
      | { id: string; role: DeviceRole; window_id: string | null; name: string }
      | undefined;
    return d ? { kind: 'device', deviceId: d.id, role: d.role, windowId: d.window_id, name: d.name } : null;
  }

  registerDevice(role: DeviceRole, windowId: string | null, name: string): { id: string; key: string } {
    const id = randomUUID();
    const key = newSecret();
    this.db.prepare('INSERT INTO devices (id, name, role, window_id, key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, name, role, windowId, secretHash(key), new Date(this.now()).toISOString());
    return { id, key };
  }
}

export function actorOf(p: Principal | null): Actor {
  if (!p) return { kind: 'public', id: 'public' };
  if (p.kind === 'device') return { kind: 'device', id: p.deviceId, name: p.name };
  if (p.kind === 'platform') return { kind: 'device', id: `platform:${p.name}`, name: p.name };
  return { kind: p.role, id: p.username, name: p.name, ...(p.employeeNo ? { employeeNo: p.employeeNo } : {}) };
}
