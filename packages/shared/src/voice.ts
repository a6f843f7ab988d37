import { z } from 'zod';

/** The voice phrase of a call, from the hall's template. */
export const DEFAULT_VOICE_TEMPLATE = '请{number}号到{windowNo}号窗口办理';

export interface VoiceFields {
  number: string;
  windowNo: string;
  windowName?: string;
  serviceName?: string;
}

/** Fills `{number}`, `{windowNo}`, `{windowName}`, `{serviceName}`; unknown fields stay as written. */
export function voicePhrase(template: string, fields: VoiceFields): string {
  return template.replace(/\{(number|windowNo|windowName|serviceName)\}/g, (whole, key: keyof VoiceFields) => fields[key] ?? whole);
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间应为 HH:MM 格式，如 08:30');

/** How the hall screen calls numbers out loud (HALL-RULES §2). */
export const VoicePolicySchema = z
  .object({
    engine: z
      .enum(['auto', 'speech', 'clips', 'off'])
      .default('auto')
      .describe('auto：本机有中文语音合成就用它，否则拼接 resources/voice/clips 中的录音片段；off 为不播报'),
    repeat: z.number().int().min(1).max(5).default(2).describe('每次叫号播报几遍'),
    chime: z.boolean().default(true).describe('播报前先响提示音'),
    numberReading: z.enum(['digits', 'number']).default('digits').describe('digits：A001 读作 A零零一；number：读作 A一'),
    hours: z.tuple([hhmm, hhmm]).nullable().default(null).describe('只在此时段内播报（本地时间 [开始, 结束]）；null 为全天'),
    maxAgeSeconds: z.number().int().min(5).max(600).default(60).describe('超过多少秒的叫号（如断线重连后补发的）只显示不播报'),
  })
  .describe('语音叫号');
export type VoicePolicy = z.infer<typeof VoicePolicySchema>;
