/** Ticket numbers: prefix + zero-padded daily counter (A001). */
export function formatTicketNumber(prefix: string, counter: number, digits = 3): string {
  return `${prefix}${String(counter).padStart(digits, '0')}`;
}

/** Splits "A001" into its prefix and counter; null when it is not a ticket number. */
export function parseTicketNumber(number: string): { prefix: string; counter: number } | null {
  const m = /^([A-Z]{1,3})(\d{1,5})$/.exec(number);
  return m ? { prefix: m[1]!, counter: Number(m[2]) } : null;
}
