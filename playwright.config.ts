import { defineConfig, devices } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/support/browser.mjs'
import { realStackPorts } from './e2e/support/real-stack.mjs'

// E2E_PORT lets several runs share a machine; each builds into its own folder.
const port = Number(process.env.E2E_PORT ?? 4173)
const outDir = `dist-e2e-${port}`
const executablePath = chromiumExecutable()
// the real servers of the "real" project (e2e/support/real-stack.mjs), proxied by the preview server
const real = realStackPorts()
/** Specs of the 1,000-service synthetic world (the "large" project). */
const LARGE = ['topology-large.spec.ts', 'paths-large.spec.ts']
const chromium = {
  ...devices['Desktop Chrome'],
  viewport: { width: 1440, height: 900 },
  launchOptions: { executablePath, args: CHROMIUM_ARGS },
}

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  // the synthetic world computes its answers in the page's own worker: on a 2-core machine running
  // two browsers, a cold world's first topology or series can take several times as long as alone
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
  },
  projects: [
    { name: 'chromium', testIgnore: ['real/**', ...LARGE], use: chromium },
    // the 1,000-service worlds: after the others, one at a time (beside two other browsers their
    // synthetic world's first answers could take longer than its 15 s silence limit)
    { name: 'large', testMatch: LARGE, dependencies: ['chromium', 'real'], workers: 1, use: chromium },
    // real Jaeger, collector and Prometheus: started once by "real-stack", stopped by its teardown
    { name: 'real-stack', testMatch: 'real/stack.setup.ts', teardown: 'real-stack-teardown' },
    { name: 'real-stack-teardown', testMatch: 'real/stack.teardown.ts' },
    { name: 'real', testMatch: 'real/**/*.spec.ts', dependencies: ['real-stack'], use: chromium },
  ],
  webServer: {
    command: `npx vite build --outDir ${outDir} --logLevel warn && npx vite preview --outDir ${outDir} --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    env: {
      TRACELENS_PROXY_JAEGER: `http://127.0.0.1:${real.jaegerHttp}`,
      TRACELENS_PROXY_PROMETHEUS: `http://127.0.0.1:${real.prometheus}`,
    },
  },
})
