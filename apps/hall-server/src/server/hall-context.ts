/** What every feature's routes may use; assembled once by the composition root (app.ts). */
import type { HallConfig } from '@hall/shared';
import type { AppointmentService } from '../appointments/appointment-service.js';
import type { Accounts } from '../auth/accounts.js';
import type { DeviceStatusBoard } from '../devices/device-status.js';
import type { Outbox } from '../notifications/outbox.js';
import type { RatingService } from '../ratings/rating-service.js';
import type { Actor, SettableClock } from '../core/index.js';
import type { QueueService } from '../queue/queue-service.js';
import type { Db } from '../storage/database.js';
import type { QueueStore } from '../storage/queue-store.js';
import type { RouteRegistry } from './route-kit.js';

/** The answer of 立即生效 (POST /api/admin/config/apply). */
export interface AppliedConfig {
  version: number;
  previousVersion: number;
  changed: string[];
  sections: string[];
  message: string;
  /** Milliseconds from the request to the new hall taking requests. */
  tookMs: number;
}

export interface HallContext {
  version: string;
  config: HallConfig;
  /** The stored version (`hall_config`) this hall was built from: the one in force. */
  configVersion: number;
  db: Db;
  queue: QueueService;
  store: QueueStore;
  accounts: Accounts;
  /** Devices' last contact and printer status (in memory). */
  devices: DeviceStatusBoard;
  appointments: AppointmentService;
  ratings: RatingService;
  outbox: Outbox;
  registry: RouteRegistry;
  /** Present only when started with --fake-clock. */
  settableClock: SettableClock | null;
  /** 立即生效: builds the hall again from the newest stored config (null: not run by a HallRunner). */
  applyConfig: ((actor: Actor) => Promise<AppliedConfig>) | null;
}
