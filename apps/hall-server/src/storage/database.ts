/** Opens the hall database: WAL, synchronous=FULL, foreign keys, migrations applied. */
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export function openDatabase(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: a ticket acknowledged to a citizen survives a power cut, not only a process crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`数据库版本（${current}）比本程序（${MIGRATIONS.length}）新，请升级程序后再启动`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/**
 * A second connection to an open hall database, for bookkeeping whose loss in a power cut only
 * repeats work (which platform deliveries went through: a lost mark means one more delivery of
 * the same event, dropped by the receiver). synchronous=NORMAL: in WAL mode its commits survive
 * a crash of the process but are not fsync'd one by one, so they do not hold up the hall's own
 * transactions on the main thread. The schema is the main connection's (already migrated).
 */
export function openSideConnection(db: Db): Db {
  const side = new Database(db.name, { fileMustExist: true });
  side.pragma('journal_mode = WAL');
  side.pragma('synchronous = NORMAL');
  side.pragma('foreign_keys = ON');
  side.pragma('busy_timeout = 5000');
  return side;
}
