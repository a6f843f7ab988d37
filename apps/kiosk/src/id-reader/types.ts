/**
 * The second-generation resident ID card reader (二代身份证阅读器) seen from the kiosk: it says
 * when a card was placed on it and what the card carries that the kiosk needs (name, ID number).
 *
 * Only a simulated reader is provided. Real readers decode the card through a security module
 * (SAM) certified by the Ministry of Public Security (GA 467); the frame layout between the PC and
 * the module is vendor-published, but a reader is only usable with the vendor's driver or SDK
 * (often a Windows DLL such as `termb.dll` / `sdtapi.dll`), and none was available here to check
 * an implementation against. A real adapter implements this interface and is chosen in
 * `openIdReader` (index.ts); nothing else in the kiosk changes.
 */
import type { IdCard } from '../protocol.js';

export type { IdCard };

export interface IdCardReader {
  readonly kind: 'simulated' | 'none';
  /** Calls `listener` with each card placed from now on; returns an unsubscribe function. */
  onCard(listener: (card: IdCard) => void): () => void;
  /** Connected and ready. */
  readonly ok: boolean;
  close(): Promise<void>;
}
