import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import reactRefresh from 'eslint-plugin-react-refresh'
import tseslint from 'typescript-eslint'
import { defineConfig, globalIgnores } from 'eslint/config'

export default defineConfig([
  globalIgnores([
    'dist', 'dist-*', 'playwright-report', 'test-results', 'bench/results', 'public/mockServiceWorker.js', 'node_modules',
  ]),
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended, reactHooks.configs.flat.recommended, reactRefresh.configs.vite],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'react-refresh/only-export-components': 'off',
    },
  },
  {
    // The domain layer is pure: no React, no network, no other layer.
    files: ['src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['react', 'react-dom', 'react-router', '@tanstack/*', 'echarts*', 'cytoscape*', 'msw*'], message: 'src/domain is pure TypeScript.' },
        { group: ['**/api/**', '**/features/**', '**/ui/**', '**/app/**', '**/mocks/**'], message: 'src/domain imports nothing from other layers.' },
      ] }],
      'no-restricted-globals': ['error', 'fetch', 'document', 'window'],
    },
  },
  {
    files: ['src/api/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [
      { group: ['**/features/**', '**/ui/**', '**/app/**', '**/mocks/**'], message: 'src/api depends only on src/domain and src/lib.' },
    ] }] },
  },
  {
    files: ['src/features/traces/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/features/errors/**', '**/features/topology/**', '**/features/metrics/**', '**/app/**'], message: 'Features never import each other or the app.' }] }] },
  },
  {
    files: ['src/features/errors/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/features/traces/**', '**/features/topology/**', '**/features/metrics/**', '**/app/**'], message: 'Features never import each other or the app.' }] }] },
  },
  {
    files: ['src/features/topology/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/features/traces/**', '**/features/errors/**', '**/features/metrics/**', '**/app/**'], message: 'Features never import each other or the app.' }] }] },
  },
  {
    files: ['src/features/metrics/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/features/traces/**', '**/features/errors/**', '**/features/topology/**', '**/app/**'], message: 'Features never import each other or the app.' }] }] },
  },
  {
    files: ['e2e/**/*.{ts,mjs}', 'bench/**/*.{ts,mjs}', '*.config.{ts,js}', 'mocks/**/*.node.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
])
