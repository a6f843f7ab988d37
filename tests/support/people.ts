/** Valid resident ID numbers (GB 11643) for test people: the n-th person, born 1985. */
import { idCheckChar } from '@hall/shared';

export function personId(n: number): string {
  const first17 = `110101198503${String((n % 28) + 1).padStart(2, '0')}${String(100 + Math.floor(n / 28)).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}
