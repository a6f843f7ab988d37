/** electron-builder's own JSON Schema (app-builder-lib/scheme.json), to check installer configs. */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
// The schema is draft-07 (Ajv's default) but uses a non-standard `typeof` keyword, which strict mode refuses.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

export function electronBuilderErrors(config: unknown): ErrorObject[] {
  return validate(config) ? [] : [...(validate.errors ?? [])];
}
