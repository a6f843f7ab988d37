/**
 * The kiosk's QR code scanner, seen from the agent: it reads booking QR codes (and whatever else
 * is held under it) and says whether it is connected. Variants beside this file: a serial scanner
 * (`serial-scanner.ts`), a keyboard-wedge scanner whose keystrokes the page catches
 * (`wedge-scanner.ts` + `wedge-detector.ts`), and none.
 */
export interface ScannerStatus {
  ok: boolean;
  /** In Chinese, for the hall's device list; null when fine. */
  detail: string | null;
}

export interface QrScanner {
  readonly kind: 'serial' | 'wedge' | 'none';
  /** Starts reading; `onRead` gets each code (trimmed printable ASCII), `onStatus` each change of state. */
  start(onRead: (text: string) => void, onStatus: (s: ScannerStatus) => void): void;
  status(): ScannerStatus;
  close(): Promise<void>;
}
