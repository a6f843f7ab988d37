import { describe, it, expect } from 'vitest';
import { DEFAULT_VOICE_TEMPLATE, voicePhrase } from './voice.js';

describe('voicePhrase', () => {
  it('fills the default template with the ticket and window number', () => {
    expect(voicePhrase(DEFAULT_VOICE_TEMPLATE, { number: 'A001', windowNo: '3' })).toBe('请A001号到3号窗口办理');
  });

  it('fills every supported field, as often as it appears', () => {
    const template = '{number}，{number}，请到{windowNo}号{windowName}窗口办理{serviceName}';
    expect(voicePhrase(template, { number: 'YB012', windowNo: '12', windowName: '预约专窗', serviceName: '不动产登记' })).toBe(
      'YB012，YB012，请到12号预约专窗窗口办理不动产登记',
    );
  });

  it('leaves unknown placeholders, and known ones with no value, as written', () => {
    expect(voicePhrase('请{number}号到{window}办理{serviceName}', { number: 'A001', windowNo: '3' })).toBe(
      '请A001号到{window}办理{serviceName}',
    );
  });

  it('does not re-expand braces that come from the filled values', () => {
    expect(voicePhrase('{windowName}{number}', { number: 'A001', windowNo: '1', windowName: '{number}' })).toBe('{number}A001');
  });
});
