/// <reference types="vitest/config" />
import { build as viteBuild, defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import type { Connect, Plugin, ProxyOptions } from 'vite'
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'

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
 * Bundles one of the page scripts of src/app/boot/page (a typed, tested module and what it imports)
 * into a classic script for index.html: one function scope, no module loading, no global left behind.
 * `define` replaces identifiers the script leaves to the build.
 */
async function pageScript(entry: string, define: Record<string, string> = {}): Promise<string> {
  const out = await viteBuild({
    configFile: false,
    root: fileURLToPath(new URL('.', import.meta.url)),
    logLevel: 'silent',
    publicDir: false,
    define,
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      modulePreload: false,
      rollupOptions: { input: fileURLToPath(new URL(entry, import.meta.url)), output: { format: 'iife' } },
    },
  })
  const outputs = Array.isArray(out) ? out : [out]
  const chunk = outputs.flatMap((o) => ('output' in o ? o.output : [])).find((c) => c.type === 'chunk')
  if (!chunk || chunk.type !== 'chunk') throw new Error(`the page script ${entry} built to nothing`)
  // closing tags inside the script would end it early in the HTML
  return chunk.code.replace(/<\/(script)/gi, '<\\/$1').trim()
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
      async handler(_html, ctx) {
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
        const script = await pageScript('./src/app/boot/page/view-preload.ts', { __TRACELENS_VIEW_FILES__: JSON.stringify(files) })
        return [{ tag: 'script', children: script, injectTo: 'head-prepend' }]
      },
    },
  }
}

/**
 * Writes into index.html the early trace request (src/app/boot/page/early-trace.ts, bundled with
 * src/app/boot/early-trace.ts): on a trace's address,
 * with traces from a console API served for real, the trace is asked for while the shell's code
 * still loads, and the console reads that answer instead of asking again.
 */
function earlyTrace(): Plugin {
  return {
    name: 'tracelens-early-trace',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(_html, ctx) {
        // the reader worker a backend's trace is parsed in, started by that script beside the request
        const reader = Object.values(ctx.bundle ?? {}).find((f) => /(^|\/)backend-trace\.worker-[\w-]+\.js$/.test(f.fileName))
        const define = { __TRACELENS_READER_WORKER__: JSON.stringify(reader ? `/${reader.fileName}` : '') }
        return [{ tag: 'script', children: await pageScript('./src/app/boot/page/early-trace.ts', define), injectTo: 'head-prepend' }]
      },
    },
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
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine. Two there
    // took the whole run from about 600 s to 420 s, every test passing.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
})
