import { idCheckChar } from '@hall/shared';
import { describe, expect, it } from 'vitest';
import type { IssuedTicket, KioskService } from '../protocol.js';
import { HOME, idleLimit, materialsPrompt, next, spokenNumber, type Screen } from './flow.js';

const TODAY = '2026-11-23';
const SB: KioskService = { code: 'SB', name: '社会保险', department: 'RSJ', waiting: 2, estimatedWaitMinutes: 15, realName: false };
const BDC: KioskService = { code: 'BDC', name: '不动产登记', department: 'BDC', waiting: 0, estimatedWaitMinutes: null, realName: true };
const ID17 = '11010119850301100';
const VALID_ID = ID17 + idCheckChar(ID17);
const WRONG_ID = ID17 + (idCheckChar(ID17) === '1' ? '2' : '1');
const TICKET: IssuedTicket = { ticketId: 't1', number: 'C003', serviceCode: 'SB', serviceName: '社会保险', priorityLabel: null, peopleAhead: 2, estimatedWaitMinutes: 15, issuedAt: '2026-11-23T09:30:00+08:00', printed: true, materials: ['身份证', '社会保障卡'] };

/** Runs actions from `s`; returns the last screen and every effect asked for. */
function run(s: Screen, ...actions: Parameters<typeof next>[1][]) {
  const effects = [];
  for (const a of actions) {
    const [screen, effect] = next(s, a);
    s = screen;
    if (effect) effects.push(effect);
  }
  return { s, effects };
}
const typeAll = (text: string) => [...text].map((key) => ({ type: 'key' as const, key }));

describe('kiosk flow', () => {
  it('takes an ordinary ticket at the first tap, and ignores a second tap', () => {
    const { s, effects } = run(HOME, { type: 'service', service: SB }, { type: 'service', service: SB });
    expect(s).toMatchObject({ name: 'working', own: true });
    expect(effects).toEqual([{ kind: 'take', serviceCode: 'SB' }]);
  });

  it('asks for the ID card first for a real-name service; the card takes the ticket', () => {
    const { s, effects } = run(HOME, { type: 'service', service: BDC }, { type: 'card', card: { name: '张三', idNumber: '110101198503011003' } });
    expect(s.name).toBe('working');
    expect(effects).toEqual([{ kind: 'take', serviceCode: 'BDC', idNumber: '110101198503011003' }]);
  });

  it('goes to the ID card screen when the hall says the service needs one', () => {
    const [working] = next(HOME, { type: 'service', service: { ...BDC, realName: null } });
    expect(next(working, { type: 'done', result: { ok: false, code: 'ID_CARD_REQUIRED', message: '须实名', needIdCard: true } })[0]).toEqual({ name: 'id-card', service: { code: 'BDC', name: '不动产登记' } });
  });

  it('keypad: X only as the last digit, 18 digits, the check digit verified, in Chinese', () => {
    const start: Screen = { name: 'id-keypad', purpose: { for: 'check-in-id' }, value: '', problem: null };
    expect(run(start, { type: 'key', key: 'X' }).s).toMatchObject({ value: '', problem: '字母 X 只能是身份证号码的最后一位' });
    expect(run(start, ...typeAll('1101'), { type: 'confirm', today: TODAY }).s).toMatchObject({ problem: '身份证号码应为 18 位，已输入 4 位' });
    const wrong = run(start, ...typeAll(WRONG_ID), { type: 'confirm', today: TODAY });
    expect(wrong.s).toMatchObject({ problem: '身份证号码校验位不正确，请核对后重新输入' });
    expect(wrong.effects).toEqual([]);
    // A 19th key is not taken.
    const ok = run(start, ...typeAll(VALID_ID), { type: 'key', key: '1' }, { type: 'confirm', today: TODAY });
    expect(ok.effects).toEqual([{ kind: 'check-in', body: { idNumber: VALID_ID } }]);
  });

  it('check-in by code: the code, then the ID card (or number), then one check-in', () => {
    const { s, effects } = run(
      HOME,
      { type: 'check-in' },
      { type: 'check-in-by-code' },
      ...typeAll('ab2'),
      { type: 'confirm', today: TODAY },
      { type: 'key', key: 'C' },
      { type: 'confirm', today: TODAY },
      { type: 'card', card: { name: '李四', idNumber: '110101198503011008' } },
    );
    expect(s.name).toBe('working');
    expect(effects).toEqual([{ kind: 'check-in', body: { code: 'AB2C', idNumber: '110101198503011008' } }]);
  });

  it('a card means nothing on the home screen', () => {
    expect(next(HOME, { type: 'card', card: { name: '张三', idNumber: '110101198503011008' } })).toEqual([HOME, null]);
  });

  it('a scanned QR code shows progress, then the ticket; an unprinted check-in keeps its number on screen', () => {
    const [working] = next(HOME, { type: 'scan-started' });
    expect(working).toMatchObject({ name: 'working', text: '正在签到，请稍候…', own: false });
    expect(next(working, { type: 'done', result: { ok: true, ticket: TICKET } })[0]).toEqual({ name: 'result', ticket: TICKET, note: null });
    const unprinted = { ...TICKET, printed: false };
    expect(next(working, { type: 'done', result: { ok: false, code: 'PRINT_FAILED', message: '号票打印失败', ticket: unprinted } })[0]).toEqual({ name: 'result', ticket: unprinted, note: '号票打印失败' });
  });

  it('leaves out-of-service answers to the out-of-service screen, shows the others', () => {
    const [working] = next(HOME, { type: 'service', service: SB });
    expect(next(working, { type: 'done', result: { ok: false, code: 'OUT_OF_SERVICE', message: '打印纸已用完，暂停取号，请稍候' } })[0]).toEqual(HOME);
    expect(next(working, { type: 'done', result: { ok: false, code: 'DAILY_CAP_REACHED', message: '该业务今日号源已取完' } })[0]).toEqual({ name: 'error', message: '该业务今日号源已取完' });
  });

  it('times out every screen but home and the wait, the result sooner, the elderly mode later', () => {
    const t = { idleSeconds: 30, resultSeconds: 10 };
    expect(idleLimit(HOME, t, false)).toBeNull();
    expect(idleLimit({ name: 'working', text: '', service: null, own: true }, t, false)).toBeNull();
    expect(idleLimit({ name: 'check-in' }, t, false)).toBe(30);
    expect(idleLimit({ name: 'result', ticket: TICKET, note: null }, t, false)).toBe(10);
    expect(idleLimit({ name: 'result', ticket: TICKET, note: null }, t, true)).toBe(20);
  });

  it('reads ticket numbers digit by digit', () => {
    expect(spokenNumber('YC003')).toBe('YC零零三');
  });

  it('says the materials list as one sentence', () => {
    expect(materialsPrompt(TICKET.materials)).toBe('请备齐以下材料：身份证；社会保障卡');
  });
});
