import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'test-output/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The domain core is platform-free: no Node, no database, no network, no wall clock.
    files: ['apps/hall-server/src/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'net', 'http'], message: '领域核心不得依赖 Node 平台模块' },
            { group: ['better-sqlite3', 'fastify', 'socket.io', 'electron', 'chinese-days', '../storage/*', '../server/*'], message: '领域核心不得依赖存储、网络或外壳' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: '用注入的 Clock，不要直接读系统时间' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: '用注入的 Clock，不要直接读系统时间' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: '用注入的 id 生成器' },
      ],
    },
  },
);
