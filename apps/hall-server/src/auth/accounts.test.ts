/** Staff accounts seeded from the hall config, on a real SQLite file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_PATH, loadConfigFile } from '../server/app.js';
import { openDatabase, type Db } from '../storage/database.js';
import { Accounts } from './accounts.js';

describe('Accounts.seed', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'accounts-'));
    db = openDatabase(join(dir, 'hall.sqlite'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows a new login name for the same 工号: the hall still starts and the password still works', async () => {
    const config = loadConfigFile(DEMO_CONFIG_PATH);
    const accounts = new Accounts(db, () => Date.now());
    await accounts.seed(config, 'admin-pw-1');
    const who = config.staff.find((s) => s.role === 'staff' && s.initialPassword)!;
    const renamed = { ...config, staff: config.staff.map((s) => (s.username === who.username ? { ...s, username: `${who.username}x` } : s)) };

    await expect(accounts.seed(renamed, undefined)).resolves.toBeNull();
    const login = await accounts.login(`${who.username}x`, who.initialPassword!);
    expect(login.employeeNo).toBe(who.employeeNo);
    await expect(accounts.login(who.username, who.initialPassword!)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const rows = db.prepare('SELECT COUNT(*) AS n FROM users WHERE employee_no = ?').get(who.employeeNo) as { n: number };
    expect(rows.n).toBe(1);
  });
});
