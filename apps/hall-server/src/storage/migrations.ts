/**
 * Numbered schema migrations. The database's `user_version` is the number of the last one
 * applied; a migration, once released, is never edited — add the next one instead.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: queue, event log, broadcasts, auth, devices, hall config
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE hall_config (
    version INTEGER PRIMARY KEY AUTOINCREMENT,
    json TEXT NOT NULL,
    source TEXT NOT NULL,
    loaded_at TEXT NOT NULL
  );
  CREATE TABLE tickets (
    id TEXT PRIMARY KEY,
    business_date TEXT NOT NULL,
    number TEXT NOT NULL,
    service_code TEXT NOT NULL,
    priority TEXT NOT NULL,
    status TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    called_at TEXT,
    started_at TEXT,
    finished_at TEXT,
    window_id TEXT,
    staff_no TEXT,
    target_window_id TEXT,
    transferred_from TEXT REFERENCES tickets(id),
    channel TEXT NOT NULL,
    id_number TEXT,
    phone TEXT,
    recall_count INTEGER NOT NULL DEFAULT 0,
    case_no TEXT,
    appointment_id TEXT,
    queue_key REAL NOT NULL
  );
  CREATE INDEX tickets_day ON tickets(business_date, service_code);
  CREATE INDEX tickets_live ON tickets(status) WHERE status IN ('waiting', 'called', 'serving', 'skipped');
  CREATE INDEX tickets_id_number ON tickets(id_number) WHERE id_number IS NOT NULL;
  -- A number is issued once per business day: the database refuses a second (transfers reuse it).
  CREATE UNIQUE INDEX tickets_number_once ON tickets(business_date, number) WHERE channel <> 'transfer';
  CREATE TABLE counters (
    business_date TEXT NOT NULL,
    prefix TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (business_date, prefix)
  );
  CREATE TABLE windows_runtime (id TEXT PRIMARY KEY, json TEXT NOT NULL);
  CREATE TABLE overtime_records (
    id TEXT PRIMARY KEY,
    business_date TEXT NOT NULL,
    window_id TEXT NOT NULL,
    staff_no TEXT,
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    ticket_number TEXT NOT NULL,
    service_code TEXT NOT NULL,
    closing_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    minutes_past_closing INTEGER NOT NULL
  );
  CREATE INDEX overtime_day ON overtime_records(business_date);
  CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    input TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL
  );
  CREATE INDEX events_at ON events(at);
  CREATE TABLE broadcasts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    payload TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    employee_no TEXT UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('staff', 'manager', 'admin')),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('kiosk', 'window-display', 'hall-screen')),
    window_id TEXT,
    key_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  `,
  // 2: mark re-queued tickets explicitly (their arrival key alone cannot tell)
  `
  ALTER TABLE tickets ADD COLUMN requeued_at TEXT;
  `,
  // 3: notification outbox (SMS): written in the transaction that causes the message
  `
  CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    body TEXT NOT NULL,
    dedupe_key TEXT UNIQUE,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at TEXT,
    last_error TEXT
  );
  CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE sent_at IS NULL;
  `,
  // 4: appointments, no-show records and credit bans (whole records as JSON, keys indexed)
  `
  CREATE TABLE appointments (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    service_code TEXT NOT NULL,
    date TEXT NOT NULL,
    id_number TEXT NOT NULL,
    status TEXT NOT NULL,
    json TEXT NOT NULL
  );
  CREATE INDEX appointments_date ON appointments(date, service_code);
  CREATE TABLE no_shows (id TEXT PRIMARY KEY, id_number TEXT NOT NULL, date TEXT NOT NULL, json TEXT NOT NULL);
  CREATE INDEX no_shows_date ON no_shows(date);
  CREATE TABLE bans (id TEXT PRIMARY KEY, id_number TEXT NOT NULL, until TEXT NOT NULL, json TEXT NOT NULL);
  `,
  // 5: 好差评 — one answer per service episode (the unique ticket_id makes a second one impossible);
  // status 'valid' until an upheld appeal (申诉) takes it out of the scores
  `
  CREATE TABLE ratings (
    id TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL UNIQUE REFERENCES tickets(id),
    business_date TEXT NOT NULL,
    window_id TEXT NOT NULL,
    staff_no TEXT,
    department TEXT NOT NULL,
    level INTEGER CHECK (level BETWEEN 1 AND 5),
    status TEXT NOT NULL DEFAULT 'valid',
    json TEXT NOT NULL
  );
  CREATE INDEX ratings_day ON ratings(business_date);
  `,
  // 6: 政务服务平台对接 — the platform journal (every queue, appointment and rating event in commit
  // order; `seq` is the paged API's cursor) and the delivery outbox (one row per event per receiver:
  // webhook endpoints, the provincial 好差评 upload), both written in the transaction of the change
  // that causes them. Times of delivery attempts are wall-clock epoch ms.
  `
  CREATE TABLE platform_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    subject TEXT NOT NULL,
    audit_id INTEGER NOT NULL,
    data TEXT NOT NULL
  );
  CREATE TABLE platform_deliveries (
    id TEXT PRIMARY KEY,
    target TEXT NOT NULL,
    event_seq INTEGER NOT NULL REFERENCES platform_events(seq),
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_attempt_at INTEGER,
    delivered_at INTEGER,
    last_error TEXT,
    last_error_at INTEGER,
    UNIQUE (target, event_seq)
  );
  CREATE INDEX platform_deliveries_queue ON platform_deliveries(target, state, event_seq);
  CREATE INDEX platform_deliveries_errors ON platform_deliveries(target, last_error_at) WHERE last_error_at IS NOT NULL;
  `,
  // 7: 好差评 follow-up (issue #6 item 3) — a case per 差评 (opened in the rating's transaction:
  // 当场解决 / 整改 within 5 working days / 回访), one appeal (申诉复核) per rating, and the monthly
  // 服务之星 parts a manager enters per staff member. Whole records as JSON, keys indexed.
  `
  CREATE TABLE rating_cases (
    id TEXT PRIMARY KEY,
    rating_id TEXT NOT NULL UNIQUE REFERENCES ratings(id),
    business_date TEXT NOT NULL,
    status TEXT NOT NULL,
    due_date TEXT NOT NULL,
    json TEXT NOT NULL
  );
  CREATE INDEX rating_cases_status ON rating_cases(status, due_date);
  CREATE TABLE rating_appeals (
    id TEXT PRIMARY KEY,
    rating_id TEXT NOT NULL UNIQUE REFERENCES ratings(id),
    staff_no TEXT NOT NULL,
    status TEXT NOT NULL,
    filed_at TEXT NOT NULL,
    json TEXT NOT NULL
  );
  CREATE INDEX rating_appeals_staff ON rating_appeals(staff_no, filed_at);
  CREATE TABLE award_entries (
    month TEXT NOT NULL,
    staff_no TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (month, staff_no)
  );
  `,
  // 8: assisted services (issue #7 items 1–4) — 帮办代办, 上门服务, 特事特办, 投诉: whole records as
  // JSON, keys indexed; `open` = still needs someone to act (kept in memory whatever its age)
  `
  CREATE TABLE assisted_cases (
    id TEXT PRIMARY KEY,
    no TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    status TEXT NOT NULL,
    open INTEGER NOT NULL,
    json TEXT NOT NULL
  );
  CREATE INDEX assisted_cases_kind_date ON assisted_cases(kind, date);
  CREATE INDEX assisted_cases_open ON assisted_cases(open) WHERE open = 1;
  `,
  // 9: 政务服务平台 — voided ratings and journal retention. A delivery may be 'cancelled' (a 好差评
  // upload whose rating was voided before it went up: never to be sent), so the outbox is rebuilt
  // with that state (SQLite cannot change a CHECK in place); deliveries are found by event (the
  // retention prune deletes them with their events, and the foreign key's check needs the index)
  // and journal events by subject (the upload of a rating that is being voided).
  `
  CREATE TABLE platform_deliveries_v9 (
    id TEXT PRIMARY KEY,
    target TEXT NOT NULL,
    event_seq INTEGER NOT NULL REFERENCES platform_events(seq),
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_attempt_at INTEGER,
    delivered_at INTEGER,
    last_error TEXT,
    last_error_at INTEGER,
    UNIQUE (target, event_seq)
  );
  INSERT INTO platform_deliveries_v9 SELECT id, target, event_seq, event_id, kind, body, state, created_at, attempts, next_attempt_at,
    last_attempt_at, delivered_at, last_error, last_error_at FROM platform_deliveries;
  DROP TABLE platform_deliveries;
  ALTER TABLE platform_deliveries_v9 RENAME TO platform_deliveries;
  CREATE INDEX platform_deliveries_queue ON platform_deliveries(target, state, event_seq);
  CREATE INDEX platform_deliveries_errors ON platform_deliveries(target, last_error_at) WHERE last_error_at IS NOT NULL;
  CREATE INDEX platform_deliveries_event ON platform_deliveries(event_seq);
  CREATE INDEX platform_events_subject ON platform_events(subject, kind);
  `,
];
