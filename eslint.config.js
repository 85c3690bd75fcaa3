import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import prettier from 'eslint-config-prettier';

const platformModules = [
  'electron',
  'react',
  'react-dom',
  'react-dom/*',
  'dexie',
  'dexie-react-hooks',
  'antd',
  'leaflet',
  'fastify',
  'drizzle-orm',
  'drizzle-orm/*',
  '@electric-sql/pglite',
  'zustand',
  'pg',
];

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'src/server/db/migrations/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Formatting is Prettier's (npm run format); lint only checks it.
  prettier,
  {
    // Node-side code: scripts, tests, main process and endpoint.
    files: ['scripts/**', 'tests/**', 'src/main/**', 'src/server/**', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/renderer/**', 'src/preload/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // One alias for shared code everywhere outside it.
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/shared/**', '../shared/**', '../../shared/**', '../../../shared/**'],
              message: 'Import shared code as @shared/….',
            },
          ],
        },
      ],
    },
  },
  {
    // src/shared is pure TypeScript: it must run unchanged in main, preload, renderer, worker and server.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', ...platformModules],
              message: 'src/shared must stay platform-neutral (no electron, node:*, DOM, React or Dexie).',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB'],
    },
  },
  {
    // data/ and sync/ hold storage and sync logic: no UI libraries.
    files: ['src/renderer/src/data/**/*.ts', 'src/renderer/src/sync/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'antd', '@ant-design/*', 'zustand'], message: 'data/ and sync/ never import React or antd.' },
          ],
        },
      ],
    },
  },
);
