/**
 * Builds the JSON Schema of the hall configuration (docs/hall-config.schema.json) from the zod
 * declaration in ../src/hall-config.ts, so editors can complete and check a hall's JSON file.
 * `npm run hall-schema` writes it; hall-config-schema.test.ts fails when the file is stale.
 *
 * The schema describes the *input* (fields with defaults are optional). Cross-field rules of the
 * superRefine (unique prefixes, windows naming defined services and staff, non-overlapping
 * periods …) cannot be expressed in JSON Schema; the server checks them on load.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { HallConfigSchema } from '../src/hall-config.js';

/** Where the generated schema is committed, relative to the repository root. */
export const HALL_SCHEMA_FILE = fileURLToPath(new URL('../../../docs/hall-config.schema.json', import.meta.url));

type JsonSchemaObject = Record<string, unknown> & { properties?: Record<string, unknown>; additionalProperties?: unknown };

export function hallConfigJsonSchema(): JsonSchemaObject {
  const generated = z.toJSONSchema(HallConfigSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaObject;
  const { $schema, type, properties, ...rest } = generated;
  return {
    $schema,
    title: '政务服务大厅配置 / Hall configuration',
    description: '见 docs/hall-config.md；示例 resources/halls/demo.json。跨字段规则（前缀不重复、窗口引用的业务与工号须已定义、时段不重叠等）由服务端加载时校验。',
    type,
    properties: {
      // A hall file names this schema for editors ("$schema": "../../docs/hall-config.schema.json");
      // zod strips the key, and the JSON Schema must accept it even if the root ever becomes strict.
      $schema: { type: 'string', description: '指向本 JSON Schema 的路径，供编辑器校验与补全' },
      ...properties,
    },
    ...rest,
  };
}

/** The file's exact text: two-space indentation and a trailing newline. */
export function hallConfigSchemaText(): string {
  return `${JSON.stringify(hallConfigJsonSchema(), null, 2)}\n`;
}
