import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import reactRefresh from 'eslint-plugin-react-refresh'
import tseslint from 'typescript-eslint'
import { defineConfig, globalIgnores } from 'eslint/config'
import { readdirSync } from 'node:fs'

/** Every view folder under src/features, read from the tree so a new view is covered at once. */
const FEATURES = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)

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
    // test hooks are written in one module (src/lib/test-hooks.ts) and read by e2e through one helper
    // (e2e/support/hooks.ts); the early trace's boot hand-off lives in src/app/boot
    files: ['src/**/*.{ts,tsx}', 'mocks/**/*.ts', 'e2e/**/*.ts'],
    ignores: ['src/lib/test-hooks.ts', 'src/app/boot/**', 'e2e/support/hooks.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "MemberExpression[object.name=/^(window|globalThis|self)$/][property.name=/^__tracelens/]", message: 'Test hooks go through src/lib/test-hooks.ts (console) and e2e/support/hooks.ts (specs).' },
      ],
    },
  },
  {
    files: ['src/api/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.test-util.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/features/**', '**/ui/**', '**/app/**', '**/mocks/**'], message: 'src/api depends only on src/domain and src/lib.' },
      ] }],
      // state lives in instances created with the QueryClient (TraceLoader), not in modules or on window
      'no-restricted-syntax': ['error',
        { selector: "Program > VariableDeclaration[kind='let'], Program > ExportNamedDeclaration > VariableDeclaration[kind='let']", message: 'No module-level mutable state in src/api: keep it in an instance (see src/api/trace-loading).' },
        { selector: "MemberExpression[object.name=/^(window|globalThis|self)$/][property.name=/^__/]", message: 'No window globals in src/api: boot hands what it has over explicitly (src/app/boot).' },
      ],
    },
  },
  {
    files: ['src/lib/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [
      { group: ['**/api/**', '**/features/**', '**/ui/**', '**/app/**', '**/mocks/**'], message: 'src/lib depends only on src/domain.' },
    ] }] },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [
      { group: ['**/features/**', '**/app/**', '**/mocks/**'], message: 'src/ui is shared by the views: it depends on src/api (types, errors), src/lib and src/domain only.' },
    ] }] },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [
      { group: ['**/mocks/**', '!**/mocks/browser'], message: 'The app loads the synthetic backend only through mocks/browser, lazily.' },
    ] }] },
  },
  // one block per feature: never another feature, the app or the synthetic backend (tests may serve it)
  ...FEATURES.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [
      { group: FEATURES.filter((f) => f !== feature).map((f) => `**/features/${f}/**`), message: 'Features never import each other: links between views are URL contracts (src/lib/links.ts).' },
      // the same reached by a relative path that does not name features/ (../../<other view>/…)
      { regex: `^(\\.\\./)+(${FEATURES.filter((f) => f !== feature).join('|')})/`, message: 'Features never import each other: links between views are URL contracts (src/lib/links.ts).' },
      { group: ['**/app/**'], message: 'Features never import the app.' },
      { group: ['**/mocks/**'], message: 'Features never import the synthetic backend: data comes through src/api.' },
    ] }] },
  })),
  {
    files: ['e2e/**/*.{ts,mjs}', 'bench/**/*.{ts,mjs}', '*.config.{ts,js}', 'mocks/**/*.node.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
])
