/**
 * The kiosk's Electron app without Electron (its binary cannot be downloaded here): the build
 * that electron-builder.yml packages, what its bundles need at run time, and the preload's bridge.
 * The preload is run in a Node VM with a stand-in for Electron's `contextBridge`/`ipcRenderer`
 * that records what the page would get.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../apps/kiosk/scripts/build.js';
import { BRIDGE_LOG_CHANNEL, type KioskBridge } from '../apps/kiosk/src/bridge.js';

const KIOSK_PKG = JSON.parse(readFileSync(new URL('../apps/kiosk/package.json', import.meta.url), 'utf8')) as { main: string; version: string; dependencies: Record<string, string> };

/** The packages a bundle loads at run time. */
function imports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)["']([^"']+)["']/g)) found.add(m[1]!);
  return [...found];
}

describe('kiosk Electron build', () => {
  let out: string;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'kiosk-electron-'));
    await buildElectron(out);
  }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes the main process where package.json and the installer expect it', () => {
    expect(KIOSK_PKG.main).toBe('dist/electron/main.js');
    expect(existsSync(join(out, 'main.js'))).toBe(true);
    expect(existsSync(join(out, 'preload.cjs'))).toBe(true);
    const builder = parse(readFileSync(new URL('../electron-builder.yml', import.meta.url), 'utf8')) as { directories: { app: string }; files: string[] };
    expect(builder.directories.app).toBe('apps/kiosk');
    expect(builder.files).toContain('dist/**/*'); // dist/ui, dist/electron
  });

  it('bundles @hall/shared (TypeScript source) and loads only Electron, Node and the kiosk’s declared dependencies', () => {
    const allowed = new Set(['electron', ...Object.keys(KIOSK_PKG.dependencies).filter((d) => d !== '@hall/shared')]);
    const main = imports(readFileSync(join(out, 'main.js'), 'utf8'));
    const foreign = main.filter((m) => !m.startsWith('node:') && !builtinModules.includes(m) && !allowed.has(m));
    expect(foreign).toEqual([]);
    expect(main).toContain('electron');
    expect(main).toContain('serialport'); // native: must stay a real module
    expect(main.some((m) => m.startsWith('@hall/'))).toBe(false);
  });

  it('gives the page one narrow bridge and nothing else', () => {
    const code = readFileSync(join(out, 'preload.cjs'), 'utf8');
    expect(imports(code)).toEqual(['electron']);
    const exposed: Record<string, unknown> = {};
    const sent: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (exposed[name] = api) },
      ipcRenderer: { send: (...args: unknown[]) => sent.push(args) },
    };
    runInNewContext(code, { require: (m: string) => (m === 'electron' ? electron : undefined), module: { exports: {} }, exports: {} });
    expect(Object.keys(exposed)).toEqual(['kioskShell']);
    const bridge = exposed.kioskShell as KioskBridge;
    expect(Object.keys(bridge).sort()).toEqual(['logError', 'shell', 'version']);
    expect(bridge).toMatchObject({ shell: 'electron', version: KIOSK_PKG.version });
    bridge.logError('x'.repeat(5_000));
    expect(sent).toEqual([[BRIDGE_LOG_CHANNEL, 'x'.repeat(2_000)]]);
  });
});
