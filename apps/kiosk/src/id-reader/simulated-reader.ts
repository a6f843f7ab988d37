import type { IdCard, IdCardReader, IdReaderStatus } from './types.js';

const FINE: IdReaderStatus = { ok: true, detail: null };

/**
 * A reader with a card "placed" by software: by the demo and the tests through the agent's
 * `POST /api/id-reader/simulate`. It passes the card on as a reader would — the hall server
 * checks the number, as it does for a real card.
 */
export class SimulatedIdReader implements IdCardReader {
  readonly kind = 'simulated';
  readonly ok = true;
  private listeners: Array<(card: IdCard) => void> = [];

  start(): void {}

  onCard(listener: (card: IdCard) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }

  onStatus(): () => void {
    return () => {};
  }

  status(): IdReaderStatus {
    return FINE;
  }

  present(card: IdCard): void {
    const c = { name: card.name.trim(), idNumber: card.idNumber.trim().toUpperCase() };
    for (const l of [...this.listeners]) l(c);
  }

  async close(): Promise<void> {
    this.listeners = [];
  }
}

/** No reader attached: services that need an ID card then take a typed ID number only. */
export class NoIdReader implements IdCardReader {
  readonly kind = 'none';
  readonly ok = true;
  start(): void {}
  onCard(): () => void {
    return () => {};
  }
  onStatus(): () => void {
    return () => {};
  }
  status(): IdReaderStatus {
    return FINE;
  }
  async close(): Promise<void> {}
}
