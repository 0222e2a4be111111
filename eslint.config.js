// @ts-check
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import tseslint from 'typescript-eslint'

/** Forbids imports matching `groups` in `files`: how the one-way layering is enforced. */
const forbid = (files, groups, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
  },
})

const SERVER = 'packages/server/src'

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.basalt/**', 'bench/results/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // Layers go one way: tools -> adapters -> core -> api -> index.
  forbid(
    [`${SERVER}/tools/**`],
    ['**/adapters/**', '**/core/**', '**/api/**', 'fastify', '@fastify/*'],
    'tools are leaf helpers: they import no other layer.',
  ),
  forbid(
    [`${SERVER}/adapters/**`],
    ['**/core/**', '**/api/**', 'fastify', '@fastify/*'],
    'adapters know nothing of core services or HTTP.',
  ),
  forbid(
    [`${SERVER}/core/**`],
    ['**/api/**', 'fastify', '@fastify/*', '**/adapters/*/*/**'],
    'core services know nothing of HTTP, and use adapters through their interfaces only.',
  ),
  forbid(
    [`${SERVER}/api/**`],
    ['**/adapters/*/*/**', '**/index.js', '**/database.js', '**/functions.js'],
    'the API layer uses services and interfaces; only src/index.ts picks implementations.',
  ),
  {
    files: ['packages/protocol/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^(?!\\./)', message: 'the protocol package has no dependencies.' }],
        },
      ],
    },
  },
  forbid(
    ['packages/client/src/**'],
    ['@basalt/server', '@basalt/server/*', 'node:*', 'fastify'],
    'the client imports the protocol only, and runs in browsers.',
  ),
  // Configuration flows inward once: only the CLI reads the environment.
  {
    files: ['packages/{server,client,protocol}/src/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only packages/cli reads process.env.' },
      ],
    },
  },
)
