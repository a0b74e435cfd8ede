/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import type { Connect, Plugin, ProxyOptions } from 'vite'
import { readFileSync } from 'node:fs'
import { viewChunkFor } from './src/app/boot/view-path.ts'
import { EARLY_TRACE_SETTINGS, startEarlyTrace } from './src/app/boot/early-trace.ts'

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

/**
 * TRACELENS_CONFIG=/path/to/config.json serves that file as /config.json (dev server and preview),
 * so a local setup (npm run demo:real) can point the console at its servers without touching public/.
 */
function configFile(): Plugin {
  const file = process.env.TRACELENS_CONFIG
  const serve = (middlewares: Connect.Server) => {
    if (!file) return
    middlewares.use('/config.json', (_req, res) => {
      res.setHeader('Content-Type', 'application/json')
      res.setHeader('Cache-Control', 'no-store')
      res.end(readFileSync(file, 'utf8'))
    })
  }
  return { name: 'tracelens-config-file', configureServer: (server) => serve(server.middlewares), configurePreviewServer: (server) => serve(server.middlewares) }
}

/**
 * Writes into index.html a small script that preloads the code of the view the address shows (its
 * chunk, the chunks it imports and its CSS), so that code downloads alongside the shell's instead
 * of after the shell has run. The address → view rule is the console's own (src/app/boot/view-path.ts).
 */
function viewPreload(): Plugin {
  return {
    name: 'tracelens-view-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle
        if (!bundle) return []
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk')
        const entry = chunks.find((c) => c.isEntry)
        const shell = new Set<string>()
        const walk = (file: string, into: Set<string>) => {
          if (into.has(file)) return
          into.add(file)
          const c = bundle[file]
          if (c?.type === 'chunk') for (const i of c.imports) walk(i, into)
        }
        if (entry) walk(entry.fileName, shell)
        const files: Record<string, string[]> = {}
        for (const c of chunks) {
          const view = c.facadeModuleId ? /\/routes\/([a-z]+)-route\.tsx$/.exec(c.facadeModuleId)?.[1] : undefined
          if (!view || !c.isDynamicEntry) continue
          const needed = new Set<string>()
          walk(c.fileName, needed)
          const own = [...needed].filter((f) => !shell.has(f))
          const css = own.flatMap((f) => {
            const n = bundle[f]
            return n?.type === 'chunk' ? [...(n.viteMetadata?.importedCss ?? [])] : []
          })
          files[view] = [...own, ...css].map((f) => `/${f}`)
        }
        const script = `(function(){var files=${JSON.stringify(files)};var view=(${viewChunkFor.toString()})(location.pathname);document.write((files[view]||[]).map(function(f){return /\\.css$/.test(f)?'<link rel="preload" as="style" crossorigin href="'+f+'">':'<link rel="modulepreload" crossorigin href="'+f+'">'}).join(''))})()`
        // written by the parser (document.write) rather than appended: the browser then treats the
        // links like those in the page's own head, and appending them cost tens of ms of main thread
        return [{ tag: 'script', children: script, injectTo: 'head-prepend' }]
      },
    },
  }
}

/**
 * Writes into index.html the early trace request (src/app/boot/early-trace.ts): on a trace's address,
 * with traces from a console API served for real, the trace is asked for while the shell's code
 * still loads, and the console reads that answer instead of asking again.
 */
function earlyTrace(): Plugin {
  return {
    name: 'tracelens-early-trace',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'script', children: `try{(${startEarlyTrace.toString()})(window,${JSON.stringify(EARLY_TRACE_SETTINGS)})}catch(e){}`, injectTo: 'head-prepend' },
    ],
  }
}

export default defineConfig({
  plugins: [react(), viewPreload(), earlyTrace(), configFile()],
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
