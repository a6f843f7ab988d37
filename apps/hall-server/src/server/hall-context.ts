/** What every feature's routes may use; assembled once by the composition root (app.ts). */
import type { HallConfig } from '@hall/shared';
import type { AppointmentService } from '../appointments/appointment-service.js';
import type { Accounts } from '../auth/accounts.js';
import type { DeviceStatusBoard } from '../devices/device-status.js';
import type { Outbox } from '../notifications/outbox.js';
import type { RatingService } from '../ratings/rating-service.js';
import type { SettableClock } from '../core/index.js';
import type { QueueService } from '../queue/queue-service.js';
import type { Db } from '../storage/database.js';
import type { QueueStore } from '../storage/queue-store.js';
import type { RouteRegistry } from './route-kit.js';

export interface HallContext {
  version: string;
  config: HallConfig;
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
}
