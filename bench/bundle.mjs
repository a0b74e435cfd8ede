// Bundle sizes from Vite's manifest: what the shell loads before any view, and each view's chunks.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

function gz(file) {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024
}

/** Static import closure of a manifest entry (what loads with it, before any dynamic import). */
function closure(manifest, key, seen = new Set()) {
  if (seen.has(key)) return seen
  seen.add(key)
  for (const dep of manifest[key]?.imports ?? []) closure(manifest, dep, seen)
  return seen
}

const ROUTES = {
  'traces search': 'src/features/traces/routes/search-route.tsx',
  'trace page': 'src/features/traces/routes/trace-route.tsx',
  errors: 'src/features/errors/routes/errors-route.tsx',
  topology: 'src/features/topology/routes/topology-route.tsx',
  metrics: 'src/features/metrics/routes/metrics-route.tsx',
  'synthetic backend (MSW + world)': 'mocks/browser.ts',
}

export function bundleCases(root, outDir) {
  return [
    {
      name: 'bundle: sizes',
      run: async ({ record }) => {
        const dist = path.join(root, outDir)
        const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'))
        const size = (keys) => [...keys].reduce((sum, k) => sum + gz(path.join(dist, manifest[k].file)), 0)
        const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)
        const initial = closure(manifest, entryKey)
        record('initial JS (shell, gzip)', size(initial), 'KB', { target: '≤ 150 KB' })
        for (const [name, src] of Object.entries(ROUTES)) {
          if (!manifest[src]) continue
          const own = [...closure(manifest, src)].filter((k) => !initial.has(k))
          const files = own.map((k) => manifest[k].file)
          const heavy = files.filter((f) => /echart|cytoscape|zrender|dagre|fcose/i.test(f))
          record(`${name} chunks (gzip, beyond the shell)`, size(own), 'KB', { note: heavy.length ? `includes ${heavy.map((f) => path.basename(f)).join(', ')}` : '' })
        }
        // what the search page loads before its first view: the shell and the view's static imports
        // (the scatter's chart library loads after the list, on its own)
        const search = new Set([...initial, ...closure(manifest, ROUTES['traces search'])])
        record('traces search: initial JS, shell + view (gzip)', size(search), 'KB', { target: '≤ 250 KB' })
        const synthetic = new Set([...search, ...closure(manifest, ROUTES['synthetic backend (MSW + world)'])])
        record('traces search: initial JS with the synthetic backend configured (gzip)', size(synthetic), 'KB', {
          note: 'adds MSW on the page; the world itself runs in its workers, loaded beside it',
        })
        const shellFiles = [...initial].map((k) => manifest[k].file).join(' ')
        const leaked = /echart|cytoscape|zrender/i.test(shellFiles)
        record('ECharts or Cytoscape in the shell', leaked ? 1 : 0, leaked ? '(yes)' : '(no)', { target: 'no' })
      },
    },
  ]
}
