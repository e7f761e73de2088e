// Lint rules, including the import direction: client → shared ← server; only
// src/client/db/ talks to Dexie; features do not import each other.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

const nodeAndServerLibraries = ['pg', 'hono', '@hono/*', '@electric-sql/*', 'node:*'];
// ESLint replaces a rule's options in each override, so the feature override repeats these.
const clientPatterns = [
  { group: ['dexie', 'dexie-react-hooks'], message: 'Only src/client/db/ talks to Dexie.' },
  { group: nodeAndServerLibraries, message: 'The client uses no server or Node libraries.' },
  {
    regex: '^(@/server|(\\.\\./)+server)/',
    message: 'The client imports nothing from the server.',
  },
];
const features = readdirSync(new URL('./src/client/features/', import.meta.url), {
  withFileTypes: true,
})
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'data', 'test-results', 'playwright-report', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['*.js'], languageOptions: { globals: { URL: 'readonly' } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'react',
                'react-dom',
                'dexie',
                'dexie-react-hooks',
                'zustand',
                ...nodeAndServerLibraries,
              ],
              message: 'src/shared stays pure: no DOM, Node, storage or framework libraries.',
            },
            {
              regex: '^(@/(client|server)|(\\.\\./)+(client|server))/',
              message: 'src/shared imports nothing from client or server.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/client/**'],
    ignores: ['src/client/db/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [...clientPatterns],
        },
      ],
    },
  },
  ...features.map((feature) => ({
    files: [`src/client/features/${feature}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...clientPatterns,
            {
              regex: `^(@/client/features/(?!${feature}/)|\\.\\./(?!\\.\\./))`,
              message: 'Features do not import each other; compose them in src/client/app/.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'dexie', 'dexie-react-hooks', 'zustand'],
              message: 'The server uses no client libraries.',
            },
            {
              regex: '^(@/client|(\\.\\./)+client)/',
              message: 'The server imports nothing from the client.',
            },
          ],
        },
      ],
    },
  },
);
