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
