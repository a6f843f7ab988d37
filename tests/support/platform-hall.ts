/** A hall config with the 政务服务平台 section switched on, written beside a test's database. */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './server-process.js';

/** The platform's API key for tests (the config holds only its SHA-256). */
export const PLATFORM_KEY = 'city-platform-key-0123456789abcdef';
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** 事项编码 of the demo hall's services, as a province's 事项目录 would give them. */
export const ITEM_CODES: Record<string, string> = {
  BDC: '000154023000',
  SW: '000143001000',
  SB: '000120001000',
  YB: '000120101000',
  GJJ: '000125003000',
  HZ: '000101015000',
  QYKB: '000114002000',
  ZH: '000199000000',
};

/** Writes demo.json + `platform` (+ 事项编码 on every service) to `dir/hall.json`; returns its path. */
export function writePlatformHall(dir: string, platform: Record<string, unknown>): string {
  const config = JSON.parse(readFileSync(join(REPO_ROOT, 'resources/halls/demo.json'), 'utf8')) as { $schema?: string; services: { code: string; itemCode?: string }[] };
  delete config.$schema;
  for (const s of config.services) s.itemCode = ITEM_CODES[s.code];
  const path = join(dir, 'hall.json');
  writeFileSync(path, JSON.stringify({ ...config, platform }, null, 2));
  return path;
}
