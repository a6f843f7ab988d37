/**
 * The second-generation resident ID card reader (二代身份证阅读器) seen from the kiosk: it says
 * when a card was placed on it and what the card carries that the kiosk needs (name, ID number),
 * and whether it is connected. The hall server checks the number, whatever the reader.
 *
 * Variants beside this file (chosen by `--id-reader`, see index.ts):
 * - `serial:PATH[:baud]` (sam-reader.ts): a reader whose security module (SAM, GA 467) speaks its
 *   framed protocol on a serial line (sam-protocol.ts); polled find → select → read;
 * - `bridge:URL` (bridge-reader.ts): a vendor's local HTTP service that answers with the card as
 *   JSON (bridge-fields.ts maps its field names);
 * - `simulated` (demos and tests: a card "placed" through the agent's API) and `none`.
 * Each delivers a card once per placement (placement.ts).
 */
import type { IdCard } from '../protocol.js';

export type { IdCard };

export type IdReaderKind = 'serial' | 'bridge' | 'simulated' | 'none';

export interface IdReaderStatus {
  ok: boolean;
  /** In Chinese, for the kiosk's log and the hall's device list; null when fine. */
  detail: string | null;
}

export interface IdCardReader {
  readonly kind: IdReaderKind;
  /** Starts reading (a real reader opens its port or starts polling its bridge). */
  start(): void;
  /** Calls `listener` with each card placed from now on; returns an unsubscribe function. */
  onCard(listener: (card: IdCard) => void): () => void;
  /** Calls `listener` with each change of state; returns an unsubscribe function. */
  onStatus(listener: (s: IdReaderStatus) => void): () => void;
  status(): IdReaderStatus;
  /** Connected and ready (`status().ok`). */
  readonly ok: boolean;
  close(): Promise<void>;
}
