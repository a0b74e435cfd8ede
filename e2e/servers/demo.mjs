// npm run demo:real — builds (if needed) and starts real Jaeger, the collector and Prometheus, sends
// the traffic of e2e/servers/traffic.mjs (and keeps sending it), and serves the console pointed at
// them on http://127.0.0.1:5173. Ctrl-C stops everything. Ports: REAL_STACK_PORT_BASE (default 21000),
// console: DEMO_PORT (default 5173). See docs/data-sources.md, "Real servers on this machine".
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureRealServers, startRealStack, stopRealStack } from '../support/real-stack.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const base = Number(process.env.REAL_STACK_PORT_BASE ?? 21_000)
const port = Number(process.env.DEMO_PORT ?? 5173)

console.log('checking the real servers (the first build of Jaeger takes a while, see README)…')
const missing = ensureRealServers()
if (missing) {
  console.error(`cannot start the demo: ${missing}`)
  process.exit(1)
}
console.log('starting Jaeger, the collector and Prometheus, and sending the traffic…')
const stack = await startRealStack({ base })
if (stack.skip !== null) throw new Error(stack.skip)
const configFile = join(stack.dir, 'config.json')
writeFileSync(configFile, JSON.stringify({ traces: { kind: 'jaeger', baseUrl: '/jaeger' }, metrics: { kind: 'prometheus', baseUrl: '/prometheus' } }, null, 2))

const vite = spawn(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, TRACELENS_CONFIG: configFile, TRACELENS_PROXY_JAEGER: stack.jaegerUrl, TRACELENS_PROXY_PROMETHEUS: stack.promUrl },
})

const t = stack.manifest.traces
console.log(`
  console       http://127.0.0.1:${port}/traces            (Jaeger traces · Prometheus metrics)
  Jaeger API    ${stack.jaegerUrl}/api/services   (built from the Go module: its own UI is a placeholder)
  Prometheus    ${stack.promUrl}
  OTLP in       ${stack.collectorOtlpHttp}/v1/traces (HTTP), 127.0.0.1:${stack.ports.otlpGrpc} (gRPC)

  try: the 500 → 502 chain  http://127.0.0.1:${port}/traces/${t.errorChain}
       20,000 spans          http://127.0.0.1:${port}/traces/${t.big}
       span metrics          http://127.0.0.1:${port}/metrics?service=frontend
       service graph         http://127.0.0.1:${port}/topology
  logs and configs: ${stack.dir}        Ctrl-C stops everything
`)

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  vite.kill('SIGTERM')
  await stopRealStack(base)
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
vite.on('exit', stop)
