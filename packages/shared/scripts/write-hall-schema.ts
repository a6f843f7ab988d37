/** `npm run hall-schema`: regenerates docs/hall-config.schema.json from HallConfigSchema. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { HALL_SCHEMA_FILE, hallConfigSchemaText } from './hall-schema.js';

mkdirSync(dirname(HALL_SCHEMA_FILE), { recursive: true });
writeFileSync(HALL_SCHEMA_FILE, hallConfigSchemaText());
console.log(`已写入 ${relative(process.cwd(), HALL_SCHEMA_FILE)}`);
