/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import type { ProxyOptions } from 'vite'

/**
 * Real backends through this server (no CORS needed): TRACELENS_PROXY_JAEGER=http://localhost:16686
 * serves Jaeger under /jaeger, likewise TRACELENS_PROXY_TEMPO (/tempo) and TRACELENS_PROXY_PROMETHEUS
 * (/prometheus). Point config.json (or Settings) at those paths. See docs/data-sources.md.
 */
function backendProxy(): Record<string, ProxyOptions> {
  const out: Record<string, ProxyOptions> = {}
  for (const [name, prefix] of [['JAEGER', '/jaeger'], ['TEMPO', '/tempo'], ['PROMETHEUS', '/prometheus']] as const) {
    const target = process.env[`TRACELENS_PROXY_${name}`]
    if (target) out[prefix] = { target, changeOrigin: true, rewrite: (path) => path.slice(prefix.length) || '/' }
  }
  return out
}

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: true,
    manifest: true,
    // ECharts and Cytoscape are single large chunks, loaded only by the views that draw with them
    chunkSizeWarningLimit: 1200,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, proxy: backendProxy() },
  preview: { host: '127.0.0.1', port: 4173, proxy: backendProxy() },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'mocks/**/*.test.ts'],
    testTimeout: 20_000,
  },
})
