/**
 * Hall-local time arithmetic. China has one fixed offset (UTC+8, no daylight saving), so a
 * fixed offset is exact; it is still a parameter because the hall config carries it.
 * Instants are epoch milliseconds everywhere in the core.
 */
export const CHINA_UTC_OFFSET_MINUTES = 480;

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface LocalParts {
  /** YYYY-MM-DD in hall local time. */
  date: string;
  /** Minutes since local midnight, 0..1439 (fractional part dropped). */
  minuteOfDay: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export function localParts(ms: number, offsetMinutes = CHINA_UTC_OFFSET_MINUTES): LocalParts {
  const d = new Date(ms + offsetMinutes * MINUTE);
  return {
    date: d.toISOString().slice(0, 10),
    minuteOfDay: d.getUTCHours() * 60 + d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

export function localDate(ms: number, offsetMinutes = CHINA_UTC_OFFSET_MINUTES): string {
  return localParts(ms, offsetMinutes).date;
}

/** "09:30" → 570. Throws on a malformed string (configs are validated before this runs). */
export function parseHhmm(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`bad time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatHhmm(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = Math.floor(minuteOfDay % 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The instant of a local date and minute of day. */
export function localToMs(date: string, minuteOfDay: number, offsetMinutes = CHINA_UTC_OFFSET_MINUTES): number {
  return Date.parse(`${date}T00:00:00Z`) + minuteOfDay * MINUTE - offsetMinutes * MINUTE;
}

/** ISO 8601 with the hall's offset, e.g. 2026-11-23T09:00:00.000+08:00. */
export function toIsoLocal(ms: number, offsetMinutes = CHINA_UTC_OFFSET_MINUTES): string {
  const d = new Date(ms + offsetMinutes * MINUTE);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return d.toISOString().replace('Z', off);
}

/**
 * Parses an ISO 8601 instant. A string without an offset is read as hall local time
 * (the contract: "Asia/Shanghai unless the string says otherwise"). Returns NaN if invalid.
 */
export function parseInstant(text: string, offsetMinutes = CHINA_UTC_OFFSET_MINUTES): number {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return Number.NaN;
  const [, dateRaw, hh = '00', mm = '00', ss = '00', frac = '', zone] = m;
  const date = dateRaw!;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return Number.NaN;
  const base = `${date}T${hh}:${mm}:${ss}${frac}`;
  if (zone) {
    const z = zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    const ms = Date.parse(base + z);
    return validDate(date) ? ms : Number.NaN;
  }
  const utc = Date.parse(`${base}Z`);
  if (Number.isNaN(utc) || !validDate(date)) return Number.NaN;
  return utc - offsetMinutes * MINUTE;
}

/** True for a real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function validDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
