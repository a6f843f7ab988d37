import { describe, expect, it } from 'vitest';
import { parseBridgeFields, cardFromBridge } from './bridge-fields.js';
import { cleanCard, PlacementTracker } from './placement.js';

const A = { name: '张三', idNumber: '110101198503011003' };
const B = { name: '李四', idNumber: '110101198503021007' };

describe('once per placement', () => {
  it('hands a card on once while it lies there, and again after it was taken away', () => {
    const t = new PlacementTracker(1_000);
    expect(t.observe({ kind: 'card', card: A }, 0)).toEqual(A);
    expect(t.observe({ kind: 'card', card: A }, 500)).toBeNull();
    // The module's "no card" every other find while a read card stays: not a removal.
    expect(t.observe({ kind: 'absent' }, 1_000)).toBeNull();
    expect(t.observe({ kind: 'present' }, 1_400)).toBeNull();
    expect(t.observe({ kind: 'absent' }, 2_000)).toBeNull();
    expect(t.observe({ kind: 'card', card: A }, 2_200)).toBeNull();
    expect(t.onReader).toBe(A.idNumber);
    // Taken away: a second of "no card".
    expect(t.observe({ kind: 'absent' }, 2_700)).toBeNull();
    expect(t.observe({ kind: 'absent' }, 3_300)).toBeNull();
    expect(t.onReader).toBeNull();
    expect(t.observe({ kind: 'card', card: A }, 3_800)).toEqual(A);
  });

  it('hands a different card on at once, and ignores polls that saw nothing', () => {
    const t = new PlacementTracker(1_000);
    expect(t.observe({ kind: 'card', card: A }, 0)).toEqual(A);
    expect(t.observe({ kind: 'card', card: B }, 100)).toEqual(B);
    expect(t.observe({ kind: 'unknown' }, 5_000)).toBeNull();
    expect(t.onReader).toBe(B.idNumber);
    expect(t.observe({ kind: 'present' }, 5_000)).toBeNull();
    expect(t.observe({ kind: 'card', card: B }, 5_100)).toBeNull();
  });

  it('cleans a card as the simulated reader does', () => {
    expect(cleanCard(' 张三 ', ' 11010119850301100x ')).toEqual({ name: '张三', idNumber: '11010119850301100X' });
  });
});

describe('a bridge’s JSON', () => {
  const defaults = parseBridgeFields('');

  it('finds the usual field names at the top or one level down, any letter case', () => {
    expect(cardFromBridge({ name: '张三', idNumber: A.idNumber }, defaults)).toEqual({ kind: 'card', name: '张三', idNumber: A.idNumber });
    expect(cardFromBridge({ resultFlag: 0, resultContent: { partyName: '张三', certNumber: A.idNumber } }, defaults)).toMatchObject({ kind: 'card', name: '张三' });
    expect(cardFromBridge({ code: 0, data: { Name: '张三', IDNumber: A.idNumber } }, defaults)).toMatchObject({ kind: 'card', idNumber: A.idNumber });
    expect(cardFromBridge({ xm: '张三', gmsfhm: ` ${A.idNumber} ` }, defaults)).toMatchObject({ kind: 'card', idNumber: A.idNumber });
  });

  it('says "no card" for an answer without a number, and refuses what cannot be a card', () => {
    expect(cardFromBridge({ code: -1, msg: '请放卡' }, defaults)).toEqual({ kind: 'none' });
    expect(cardFromBridge({ data: { name: '张三', idNumber: '' } }, defaults)).toEqual({ kind: 'none' });
    expect(cardFromBridge({ idNumber: 110101 }, defaults)).toEqual({ kind: 'none' });
    expect(cardFromBridge([1, 2], defaults)).toEqual({ kind: 'bad', why: '返回的 JSON 不是一个对象' });
    expect(cardFromBridge(null, defaults)).toMatchObject({ kind: 'bad' });
    expect(cardFromBridge({ idNumber: '1'.repeat(40) }, defaults)).toMatchObject({ kind: 'bad', why: expect.stringContaining('过长') });
  });

  it('follows a configured mapping', () => {
    const fields = parseBridgeFields('name=Data.CardInfo.Name&idNumber=Data.CardInfo.No');
    expect(fields).toEqual({ name: 'Data.CardInfo.Name', idNumber: 'Data.CardInfo.No' });
    expect(cardFromBridge({ Data: { CardInfo: { Name: '李四', No: B.idNumber } } }, fields)).toEqual({ kind: 'card', name: '李四', idNumber: B.idNumber });
    // The mapping, not the aliases: a top-level idNumber is not looked at.
    expect(cardFromBridge({ idNumber: A.idNumber }, fields)).toEqual({ kind: 'none' });
    expect(parseBridgeFields('idNumber=card.no')).toEqual({ name: null, idNumber: 'card.no' });
  });

  it('refuses a mapping it does not understand, in Chinese', () => {
    expect(() => parseBridgeFields('photo=x')).toThrow('只能设置 name 和 idNumber');
    expect(() => parseBridgeFields('idNumber=')).toThrow('字段路径');
    expect(() => parseBridgeFields('idNumber=a..b')).toThrow('字段路径');
  });
});
