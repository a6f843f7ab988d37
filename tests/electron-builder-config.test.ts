/**
 * electron-builder.yml (packaging of the kiosk) checked against the JSON Schema that
 * electron-builder itself ships, so a typo in a key or a wrong type fails here rather than at
 * packaging time on a build machine. Electron is not downloaded; only the schema is used.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { electronBuilderErrors as errorsOf } from './support/electron-builder-schema.js';

const CONFIG_PATH = new URL('../electron-builder.yml', import.meta.url);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, mutated to break it
type Config = any;
const loadConfig = (): Config => parse(readFileSync(CONFIG_PATH, 'utf8'));


describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib/scheme.json', () => {
    expect(errorsOf(loadConfig())).toEqual([]);
  });

  it('packages the kiosk app from apps/kiosk into dist/installers', () => {
    const c = loadConfig();
    expect(c.appId).toBe('cn.gov.hall.kiosk');
    expect(c.productName).toBe('政务大厅取号机');
    expect(c.directories).toMatchObject({ app: 'apps/kiosk', output: 'dist/installers' });
    expect(c.asar).toBe(true);
    expect(c.files).toContain('dist/**/*');
    // The app's entry point must be among the packaged files.
    const kiosk = JSON.parse(readFileSync(new URL('../apps/kiosk/package.json', import.meta.url), 'utf8'));
    expect(kiosk.main).toBe('dist/electron/main.js');
    // …which the kiosk's build writes (tests/kiosk-electron.test.ts runs it).
    expect(kiosk.scripts.build).toBe('tsx scripts/build.ts --force');
  });

  it('builds AppImage and deb for Linux and an assisted, per-machine NSIS installer for Windows', () => {
    const c = loadConfig();
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.linux.category).toBe('Office');
    expect(c.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/); // a .deb needs a maintainer e-mail
    expect(c.win.target.map((t: Config) => t.target ?? t)).toEqual(['nsis']);
    expect(c.nsis).toMatchObject({ oneClick: false, perMachine: true });
  });

  it('ships the voice clips and hall configs as extra resources', () => {
    const c = loadConfig();
    expect(c.extraResources.map((r: Config) => [r.from, r.to])).toEqual([
      ['resources/voice', 'voice'],
      ['resources/halls', 'halls'],
    ]);
  });

  it('rejects a wrong type and a misspelt key, so the check above can fail', () => {
    const wrongType = loadConfig();
    wrongType.appId = 123;
    expect(errorsOf(wrongType).map((e) => e.instancePath)).toContain('/appId');

    const misspelt = loadConfig();
    misspelt.nsiss = misspelt.nsis;
    delete misspelt.nsis;
    expect(errorsOf(misspelt)).toContainEqual(
      expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'nsiss' } }),
    );

    const nested = loadConfig();
    nested.nsis.oneclick = false;
    expect(errorsOf(nested).length).toBeGreaterThan(0);

    const badTarget = loadConfig();
    badTarget.linux.category = ['Office'];
    expect(errorsOf(badTarget).map((e) => e.instancePath)).toContain('/linux/category');
  });
});
