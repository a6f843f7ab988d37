import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { HALL_SCHEMA_FILE, hallConfigJsonSchema, hallConfigSchemaText } from '../scripts/hall-schema.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON, mutated to break it
type Raw = any;
const demoText = readFileSync(new URL('../../../resources/halls/demo.json', import.meta.url), 'utf8');

// Ajv's strict mode (the default) also checks that the generated schema uses no unknown keywords.
const validate = new Ajv2020({ allErrors: true }).compile(hallConfigJsonSchema());

describe('docs/hall-config.schema.json', () => {
  it('is what `npm run hall-schema` generates from HallConfigSchema now (run it after changing the config schema)', () => {
    expect(readFileSync(HALL_SCHEMA_FILE, 'utf8')).toBe(hallConfigSchemaText());
  });

  it('is pretty-printed JSON ending in one newline', () => {
    const text = hallConfigSchemaText();
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "properties": {\n');
    expect(JSON.parse(text)).toEqual(hallConfigJsonSchema());
  });

  it('carries the Chinese field descriptions and defaults a hall admin needs', () => {
    const text = hallConfigSchemaText();
    expect(text).toContain('限时办结：受理目标时长（分钟）');
    expect(text).toContain('下班前多少分钟停止取号');
    expect(text).toContain('"default": 480');
  });

  it('accepts the demo hall, including its "$schema" key', () => {
    const demo = JSON.parse(demoText);
    expect(demo.$schema).toBe('../../docs/hall-config.schema.json');
    expect(validate(demo), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects what an editor should flag: a Y prefix, a bad time, a missing name, an unknown weekday, a wrong type', () => {
    const cases: [string, (c: Raw) => void][] = [
      ['/services/0/prefix', (c) => (c.services[0].prefix = 'YA')],
      ['/hours/weekly/1/0/0', (c) => (c.hours.weekly['1'][0][0] = '9:00')],
      ['/hall', (c) => delete c.hall.name],
      ['/hours/weekly', (c) => (c.hours.weekly['7'] = [])],
      ['/services/0/targetMinutes', (c) => (c.services[0].targetMinutes = '40')],
      ['/staff/0/role', (c) => (c.staff[0].role = 'boss')],
    ];
    for (const [path, breakIt] of cases) {
      const cfg = JSON.parse(demoText);
      breakIt(cfg);
      expect(validate(cfg), path).toBe(false);
      expect(validate.errors?.map((e) => e.instancePath), path).toContain(path);
    }
  });
});
