import { describe, it, expect } from 'vitest';
import { isValidUscc, usccCheckChar } from './uscc.js';

// Published codes of real companies; their check characters were verified by hand with the
// GB 32100 MOD 31 algorithm (weights 3^i mod 31), independently of the code under test.
const FUZHOU_EXAMPLE = '91350100M000100Y43';
const TENCENT = '9144030071526726XG';
const HUAWEI = '914403001922038216';
const ALIBABA = '91330100799655058B';

describe('isValidUscc (GB 32100)', () => {
  it('accepts well-formed codes with a correct check character', () => {
    for (const code of [FUZHOU_EXAMPLE, TENCENT, HUAWEI, ALIBABA]) expect(isValidUscc(code), code).toBe(true);
  });

  it('computes the check character, letter or digit', () => {
    expect(usccCheckChar(FUZHOU_EXAMPLE.slice(0, 17))).toBe('3');
    expect(usccCheckChar(TENCENT.slice(0, 17))).toBe('G');
    expect(usccCheckChar(HUAWEI.slice(0, 17))).toBe('6');
    expect(usccCheckChar(ALIBABA.slice(0, 17))).toBe('B');
  });

  it('accepts lowercase and surrounding spaces as typed by an applicant', () => {
    expect(isValidUscc(' 9144030071526726xg ')).toBe(true);
  });

  it('rejects a wrong check character and a single mistyped character', () => {
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc('9144030071526726XH')).toBe(false);
    expect(isValidUscc('91350100M000200Y43')).toBe(false);
    // Adjacent characters swapped.
    expect(isValidUscc('91350100M001000Y43')).toBe(false);
  });

  const ALL_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

  it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the excluded letter %s whatever the check character', (letter) => {
    // In the organisation code part and as the organisation type: no 18th character makes it valid.
    for (const first17 of [`91350100M000100${letter}4`, `9${letter}350100M000100Y4`]) {
      const accepted = ALL_CHARS.filter((c) => isValidUscc(first17 + c));
      expect(accepted, first17).toEqual([]);
    }
    expect(isValidUscc(`91350100M000100Y4${letter}`)).toBe(false);
  });

  it('only ever produces check characters from the 31-character set, and all of them', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 3000; n++) {
      const org = (n * 7919).toString(36).toUpperCase().padStart(9, '0').replace(/[IOZSV]/g, 'A');
      seen.add(usccCheckChar(`91${String(350100 + (n % 97)).padStart(6, '0')}${org}`));
    }
    expect([...seen].filter((c) => 'IOZSV'.includes(c))).toEqual([]);
    expect(seen.size).toBe(31);
  });

  it('rejects letters in the six-digit region code whatever the check character', () => {
    expect(ALL_CHARS.filter((c) => isValidUscc(`9135A100M000100Y4${c}`))).toEqual([]);
  });

  it('rejects wrong lengths and the old 15-digit registration number', () => {
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(isValidUscc('91350100M000100Y433')).toBe(false);
    expect(isValidUscc('350100400001234')).toBe(false);
    expect(isValidUscc('')).toBe(false);
  });
});
