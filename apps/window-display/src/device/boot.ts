/**
 * Facts about the hall from its config, written into the page by the hall server
 * (apps/hall-server/src/server/routes/pages.ts) as `<script id="hall-boot">`, and served at
 * /display/boot, which a page reads again when a new config takes effect (立即生效).
 */
import type { VoicePolicy } from '@hall/shared';

export interface PageBoot {
  hallName: string;
  /** Department code → name. */
  departments: Record<string, string>;
  /** Opening hours in words, e.g. 周一至周五 09:00—12:00、13:00—17:00. */
  hours: string;
  /** Lines for the hall screen's scrolling notice. */
  notices: string[];
  /** The evaluation pad's policy (HALL-RULES §4). */
  ratings: RatingPadPolicy;
  /** Voice calling on the hall screen. */
  voice: VoicePolicy;
  /** 工号 of the staff with a photo at /display/staff-photo/{工号}. */
  staffWithPhoto: string[];
}

export interface RatingPadPolicy {
  badDetails: string[];
  padTimeoutSeconds: number;
  thanksSeconds: number;
  acceptWithinMinutes: number;
}

const DEFAULT_VOICE: VoicePolicy = { engine: 'auto', repeat: 2, chime: true, numberReading: 'digits', hours: null, maxAgeSeconds: 60 };
const DEFAULT_PAD: RatingPadPolicy = { badDetails: ['服务态度不好', '等候时间太长', '业务不熟练', '其他'], padTimeoutSeconds: 60, thanksSeconds: 5, acceptWithinMinutes: 30 };

export function readBoot(): PageBoot {
  let raw: Partial<PageBoot> = {};
  try {
    raw = JSON.parse(document.getElementById('hall-boot')?.textContent ?? '{}') as Partial<PageBoot>;
  } catch {
    // A page not served by the hall server: show what the socket gives.
  }
  return withDefaults(raw);
}

/** The config in force now, from the server (after 立即生效); throws when it cannot be read. */
export async function fetchBoot(): Promise<PageBoot> {
  const res = await fetch('/display/boot', { cache: 'no-store' });
  if (!res.ok) throw new Error(`大厅配置无法读取（${res.status}）`);
  return withDefaults((await res.json()) as Partial<PageBoot>);
}

function withDefaults(raw: Partial<PageBoot>): PageBoot {
  return { hallName: raw.hallName ?? '政务服务中心', departments: raw.departments ?? {}, hours: raw.hours ?? '', notices: raw.notices ?? [], ratings: raw.ratings ?? DEFAULT_PAD, voice: raw.voice ?? DEFAULT_VOICE, staffWithPhoto: raw.staffWithPhoto ?? [] };
}
