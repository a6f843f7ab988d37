/**
 * Where a vendor bridge's JSON keeps the name and the ID number. Pure.
 *
 * By default the first of these keys found (any letter case), at the top level or one level down
 * inside `data`, `result`, `resultContent`, `card` or `info` (whichever is an object):
 *   name:     name, partyName, xm                      (xm: GA/T 490's identifier for 姓名)
 *   idNumber: idNumber, IDNumber, certNumber, idNo, gmsfhm   (gmsfhm: 公民身份号码)
 * A bridge that says it otherwise is configured in the spec's fragment, dotted paths from the top:
 *   bridge:http://127.0.0.1:9000/readcard#name=Data.CardInfo.Name&idNumber=Data.CardInfo.No
 * (the fragment never goes to the bridge). A poll whose answer has no non-empty number is "no card".
 */
import { ID_CARD_MAX } from '../protocol.js';

export interface BridgeFields {
  /** Dotted paths; null → the default aliases. */
  name: string | null;
  idNumber: string | null;
}

export const DEFAULT_NAME_KEYS = ['name', 'partyName', 'xm'];
export const DEFAULT_ID_KEYS = ['idNumber', 'IDNumber', 'certNumber', 'idNo', 'gmsfhm'];
export const WRAPPER_KEYS = ['data', 'result', 'resultContent', 'card', 'info'];

/** The URL fragment (without `#`) → the mapping; throws a Chinese sentence for a mistake. */
export function parseBridgeFields(fragment: string): BridgeFields {
  const out: BridgeFields = { name: null, idNumber: null };
  if (!fragment) return out;
  for (const part of fragment.split('&')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
    if (key !== 'name' && key !== 'idNumber') throw new Error(`字段映射“${part}”无法识别：只能设置 name 和 idNumber，如 #name=data.partyName&idNumber=data.certNumber`);
    if (!/^[^.\s]+(\.[^.\s]+)*$/.test(value)) throw new Error(`字段映射“${part}”的取值应为 JSON 中的字段路径，如 data.certNumber`);
    out[key] = value;
  }
  return out;
}

type Found = { kind: 'card'; name: string; idNumber: string } | { kind: 'none' } | { kind: 'bad'; why: string };

/** A bridge's parsed JSON → the card on it, none, or why the answer cannot be a card. */
export function cardFromBridge(json: unknown, fields: BridgeFields): Found {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { kind: 'bad', why: '返回的 JSON 不是一个对象' };
  const idNumber = fields.idNumber ? byPath(json, fields.idNumber) : byAlias(json, DEFAULT_ID_KEYS);
  const name = fields.name ? byPath(json, fields.name) : byAlias(json, DEFAULT_NAME_KEYS);
  const number = typeof idNumber === 'string' ? idNumber.trim() : '';
  if (!number) return { kind: 'none' };
  if (number.length > ID_CARD_MAX) return { kind: 'bad', why: `返回的身份证号码过长（${number.length} 个字符）` };
  return { kind: 'card', name: typeof name === 'string' ? name.trim() : '', idNumber: number };
}

function byPath(json: object, path: string): unknown {
  let at: unknown = json;
  for (const key of path.split('.')) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function byAlias(json: object, aliases: readonly string[]): unknown {
  const levels: object[] = [json];
  for (const [k, v] of Object.entries(json)) {
    if (WRAPPER_KEYS.some((w) => w.toLowerCase() === k.toLowerCase()) && v && typeof v === 'object' && !Array.isArray(v)) levels.push(v);
  }
  for (const level of levels) {
    for (const alias of aliases) {
      const hit = Object.entries(level).find(([k, v]) => k.toLowerCase() === alias.toLowerCase() && typeof v === 'string' && v.trim());
      if (hit) return hit[1];
    }
  }
  return undefined;
}
