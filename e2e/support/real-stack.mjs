// The real servers of the end-to-end tests: Jaeger v2 (built from its Go module, memory storage),
// the project's OpenTelemetry Collector and Debian's Prometheus, fed by the OpenTelemetry JS SDK.
//
// HOW A SPEC USES IT
//   Put the spec in e2e/real/ (Playwright project "real"). The project depends on the setup project
//   "real-stack" (e2e/real/stack.setup.ts), which builds the binaries if needed (e2e/servers/build.sh),
//   starts the servers once for the whole run, sends the traffic and waits until Jaeger holds it and
//   Prometheus has scraped span metrics; "real-stack-teardown" stops them after the last spec.
//     import { pointConsoleAt, realStack } from '../support/real-stack.mjs'
//     const stack = realStack()                       // state written by the setup project
//     test.skip(stack.skip !== null, stack.skip ?? '') // only outside CI: in CI a missing server fails
//     await pointConsoleAt(page, { jaegerApi: 'v3' })  // config.json → Jaeger + Prometheus (proxied)
//   stack.jaegerUrl / stack.promUrl / stack.collectorOtlpHttp are direct addresses (for asserting
//   against the servers' own answers); the page reaches them through the preview server's proxy at
//   /jaeger and /prometheus (playwright.config.ts sets TRACELENS_PROXY_*), as a deployment would.
//
// PORTS (loopback only): base = REAL_STACK_PORT_BASE, default 20000 + (E2E_PORT − 4000) × 10
//   base+0 Jaeger query HTTP (/api, /api/v3)       base+1 Jaeger query gRPC   base+2 Jaeger OTLP gRPC
//   base+3 Jaeger health                            base+4 collector OTLP gRPC base+5 collector OTLP HTTP
//   base+6 collector Prometheus exporter (/metrics, OpenMetrics with exemplars)
//   base+7 Prometheus (scrapes base+6 every 2 s, exemplar storage on)
//
// TRAFFIC (e2e/servers/traffic.mjs; stack.manifest has the same facts)
//   services: frontend, checkout, payment, inventory, catalog, recommendations, order-worker,
//   report-builder; operations per service in WORLD (traffic.mjs). Semantic conventions: HTTP
//   (http.request.method, http.route, url.full, server.address, http.response.status_code,
//   error.type), gRPC (rpc.system/service/method, rpc.grpc.status_code), PostgreSQL and Redis
//   (db.system.name, db.namespace, db.operation.name, db.collection.name, db.query.text), Kafka
//   (messaging.system, messaging.operation.type, messaging.destination.name, consumer group).
//   Story traces, fixed ids (STORY_TRACES), sent once at start, dated 30–60 s before the setup ends
//   (a search over the last 15 minutes finds them in any normal run):
//     checkoutOk   e2e00000000000000000000000000200  a checkout that works end to end
//     errorChain   e2e00000000000000000000000000502  payment throws TypeError (exception event)
//                  → 500 to checkout → checkout answers 502 → frontend answers 502
//     swallowed    e2e00000000000000000000000000503  recommendations 503, frontend answers 200
//     asyncFailure e2e0000000000000000000000000a51c  checkout 200; order-worker's consumer span
//                  fails later (UniqueViolationError, INSERT with db.response.status_code 23505)
//     big          e2e00000000000000000000000004e20  report-builder "POST /reports/nightly",
//                  exactly 20,000 spans (report-builder + catalog), ~10 s long
//   Steady load from the start until teardown (STEADY): per second 2 "POST /api/checkout" and
//   3 "GET /api/products/{id}" at frontend (server spans); every 10th checkout is the 500 → 502
//   chain, every 6th product view has the swallowed 503. So frontend serves 5/s, checkout,
//   payment and inventory 2/s, catalog and recommendations 3/s, order-worker consumes 1.8/s
//   (stack.manifest.steadyRates: served and failing per second, per service).
//   Durations are fixed per operation and outcome (frontend "POST /api/checkout" 180 ms, 120 ms when
//   it fails; "GET /api/products/{id}" 60 ms; see checkout() and productView() in traffic.mjs).
//   Span metrics (collector spanmetrics connector, namespace traces.span.metrics: calls_total,
//   duration_milliseconds_bucket, exemplars) and service-graph series (traces_service_graph_*)
//   count every span kind as the collector writes them; a 30 s rate holds ~35 s after the start.
//   Service graph (stack.manifest.edges): the services above, database nodes stock, products, redis,
//   orders, the external api.payments.example.net, and the connector's virtual client "user" in
//   front of frontend and report-builder. Jaeger's /api/dependencies (memory storage) also lists
//   calls within one service (parent and child span of the same service) as self-edges.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PROMETHEUS, prometheusArgs, prometheusMissing } from './prometheus-harness.mjs'
import { sleep, waitFor as waitUntil } from './wait.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const SERVERS = join(ROOT, 'e2e/servers')
const JAEGER = process.env.JAEGER_BIN ?? join(SERVERS, 'bin/jaeger')
const OTELCOL = process.env.OTELCOL_BIN ?? join(SERVERS, 'bin/otelcol')

/** The first port of the stack (see PORTS above). */
export function realStackPortBase() {
  if (process.env.REAL_STACK_PORT_BASE) return Number(process.env.REAL_STACK_PORT_BASE)
  return 20_000 + (Number(process.env.E2E_PORT ?? 4173) - 4000) * 10
}

export function realStackPorts(base = realStackPortBase()) {
  return { jaegerHttp: base, jaegerGrpc: base + 1, jaegerOtlp: base + 2, jaegerHealth: base + 3, otlpGrpc: base + 4, otlpHttp: base + 5, collectorMetrics: base + 6, prometheus: base + 7 }
}

const stackDir = (base) => join(tmpdir(), `tracelens-real-stack-${base}`)
const stateFile = (base) => join(stackDir(base), 'state.json')

const alive = (pid) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const logTails = (procs) => procs.filter((p) => existsSync(p.log)).map((p) => `--- ${p.log}\n${readFileSync(p.log, 'utf8').slice(-3000)}`).join('\n')

/** Polls check until it holds; fails at once when one of the stack's processes has exited; adds their logs. */
async function waitFor(check, timeoutMs, what, procs = []) {
  const gaveUp = () => {
    const dead = procs.find((p) => !alive(p.pid))
    return dead ? `${dead.name} exited (its log: ${dead.log})` : null
  }
  try {
    await waitUntil(check, timeoutMs, what, { intervalMs: 500, gaveUp })
  } catch (e) {
    throw new Error(`${e.message}\n${logTails(procs)}`)
  }
}

/** Whether nothing listens on the loopback port (a server of another run would answer our checks). */
function portFree(port) {
  return new Promise((done) => {
    const srv = createServer()
    srv.once('error', () => done(false))
    srv.listen(port, '127.0.0.1', () => srv.close(() => done(true)))
  })
}

/**
 * Builds the binaries when they are missing or stale (e2e/servers/build.sh, cached). Returns null when
 * every server can run, else why not, in plain words.
 */
export function ensureRealServers({ build = true } = {}) {
  const noPrometheus = prometheusMissing()
  if (noPrometheus) return noPrometheus
  if (build && !process.env.JAEGER_BIN && !process.env.OTELCOL_BIN) {
    const r = spawnSync('bash', [join(SERVERS, 'build.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    if (r.status !== 0) return `the real servers could not be built (e2e/servers/build.sh exited ${r.status}): ${(r.stderr || r.stdout).trim().slice(-1500)}`
  }
  for (const bin of [JAEGER, OTELCOL]) if (!existsSync(bin)) return `${bin} is missing: run bash e2e/servers/build.sh (needs Go)`
  return null
}

function jaegerConfig(p) {
  return `service:
  extensions: [jaeger_storage, jaeger_query, healthcheckv2]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
    traces:
      level: none
    logs:
      level: warn
extensions:
  healthcheckv2:
    use_v2: true
    http:
      endpoint: 127.0.0.1:${p.jaegerHealth}
  jaeger_query:
    enable_tracing: false
    storage:
      traces: memstore
    http:
      endpoint: 127.0.0.1:${p.jaegerHttp}
    grpc:
      endpoint: 127.0.0.1:${p.jaegerGrpc}
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 200000
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:${p.jaegerOtlp}
        max_recv_msg_size_mib: 64
processors:
  batch:
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
`
}

function collectorConfig(p) {
  return `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:${p.otlpGrpc}
      http:
        endpoint: 127.0.0.1:${p.otlpHttp}
processors:
  batch:
    send_batch_size: 1000
    send_batch_max_size: 2000
    timeout: 500ms
connectors:
  spanmetrics:
    namespace: traces.span.metrics
    metrics_flush_interval: 2s
    exemplars:
      enabled: true
  servicegraph:
    metrics_flush_interval: 2s
    store:
      ttl: 10s
      max_items: 100000
    database_name_attributes: [db.namespace, db.name, db.system.name, db.system]
    virtual_node_peer_attributes: [peer.service, server.address, db.namespace, db.name, db.system.name, db.system]
exporters:
  otlp/jaeger:
    endpoint: 127.0.0.1:${p.jaegerOtlp}
    tls:
      insecure: true
  prometheus:
    endpoint: 127.0.0.1:${p.collectorMetrics}
    enable_open_metrics: true
    metric_expiration: 60m
service:
  telemetry:
    metrics:
      level: none
    traces:
      level: none
    logs:
      level: warn
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [otlp/jaeger, spanmetrics, servicegraph]
    metrics:
      receivers: [spanmetrics, servicegraph]
      exporters: [prometheus]
`
}

function prometheusConfig(p) {
  return `global:
  scrape_interval: 2s
  evaluation_interval: 2s
scrape_configs:
  - job_name: otel-collector
    static_configs:
      - targets: ['127.0.0.1:${p.collectorMetrics}']
`
}

/** Starts a process in its own group, detached from the caller (it outlives a Playwright worker). */
function launch(dir, name, cmd, args) {
  const log = join(dir, `${name}.log`)
  const out = openSync(log, 'a')
  // no self-tracing: the servers' own SDKs would otherwise export to localhost:4317
  const env = name === 'traffic' ? process.env : { ...process.env, OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'none' }
  const child = spawn(cmd, args, { cwd: ROOT, detached: true, stdio: ['ignore', out, out], env })
  child.unref()
  // what identifies the process as ours (its first argument names a file in this stack's folder)
  return { name, pid: child.pid, match: args[0], log }
}

/** Stops the processes recorded in the state file (only those whose command line is still ours). */
export async function stopRealStack(base = realStackPortBase()) {
  const file = stateFile(base)
  if (!existsSync(file)) return
  const state = JSON.parse(readFileSync(file, 'utf8'))
  const ours = (proc) => {
    try {
      return readFileSync(`/proc/${proc.pid}/cmdline`, 'utf8').includes(proc.match)
    } catch {
      return false
    }
  }
  const stop = async (proc) => {
    try {
      process.kill(-proc.pid, 'SIGTERM')
    } catch {
      /* already gone */
    }
    const until = Date.now() + 5000
    while (alive(proc.pid) && Date.now() < until) await sleep(100)
    if (alive(proc.pid)) process.kill(-proc.pid, 'SIGKILL')
  }
  const procs = (state.processes ?? []).filter(ours)
  // the traffic first (it flushes what it holds), then the servers side by side
  await Promise.all(procs.filter((p) => p.name === 'traffic').map(stop))
  await Promise.all(procs.filter((p) => p.name !== 'traffic').map(stop))
  if (!process.env.REAL_STACK_KEEP_LOGS) rmSync(stackDir(base), { recursive: true, force: true })
}

/** The stack's state, as written by the setup project (see HOW A SPEC USES IT). */
export function realStack(base = realStackPortBase()) {
  const file = stateFile(base)
  if (!existsSync(file)) return { skip: 'the real servers were not started: run the Playwright project "real" (it depends on "real-stack")' }
  return JSON.parse(readFileSync(file, 'utf8'))
}

/**
 * Starts Jaeger, the collector, Prometheus and the traffic; waits until Jaeger holds every story
 * trace (the big one whole) and Prometheus has span metrics with exemplars and service-graph series.
 * Records the state for realStack() and stopRealStack(). With a reason (skip), records only that.
 */
export async function startRealStack({ base = realStackPortBase(), skip = null } = {}) {
  await stopRealStack(base)
  const dir = stackDir(base)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  if (skip) {
    writeFileSync(stateFile(base), JSON.stringify({ skip }))
    return realStack(base)
  }
  const p = realStackPorts(base)
  const jaegerUrl = `http://127.0.0.1:${p.jaegerHttp}`
  const promUrl = `http://127.0.0.1:${p.prometheus}`
  const collectorOtlpHttp = `http://127.0.0.1:${p.otlpHttp}`
  for (const [name, text] of [['jaeger.yaml', jaegerConfig(p)], ['otelcol.yaml', collectorConfig(p)], ['prometheus.yml', prometheusConfig(p)]]) writeFileSync(join(dir, name), text)
  const processes = []
  const save = (extra = {}) => writeFileSync(stateFile(base), JSON.stringify({ skip: null, base, ports: p, jaegerUrl, promUrl, collectorOtlpHttp, dir, processes, ...extra }, null, 2))
  const logs = () => processes
  for (const [name, port] of Object.entries(p))
    if (!(await portFree(port))) throw new Error(`port ${port} (${name}) is in use on 127.0.0.1: another run's servers? Stop them or set REAL_STACK_PORT_BASE (now ${base})`)
  try {
    processes.push(launch(dir, 'prometheus', PROMETHEUS, prometheusArgs({ config: join(dir, 'prometheus.yml'), storage: join(dir, 'prom-data'), port: p.prometheus })))
    processes.push(launch(dir, 'jaeger', JAEGER, [`--config=${join(dir, 'jaeger.yaml')}`]))
    processes.push(launch(dir, 'otelcol', OTELCOL, [`--config=${join(dir, 'otelcol.yaml')}`]))
    save()
    await waitFor(async () => (await fetch(`${jaegerUrl}/api/services`)).ok, 60_000, 'Jaeger did not answer', logs())
    await waitFor(async () => (await fetch(`http://127.0.0.1:${p.collectorMetrics}/metrics`)).ok, 60_000, 'the collector did not start', logs())
    await waitFor(async () => (await fetch(`${promUrl}/-/ready`)).ok, 60_000, 'Prometheus was not ready', logs())

    const manifestFile = join(dir, 'manifest.json')
    processes.unshift(launch(dir, 'traffic', process.execPath, [join(SERVERS, 'traffic.mjs'), '--otlp', collectorOtlpHttp, '--manifest', manifestFile, '--steady']))
    save()
    await waitFor(() => existsSync(manifestFile), 120_000, 'the traffic was not sent', logs())
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
    for (const [key, id] of Object.entries(manifest.traces)) {
      const want = key === 'big' ? manifest.bigTraceSpans : 1
      await waitFor(
        async () => {
          const r = await fetch(`${jaegerUrl}/api/traces/${id}`)
          if (!r.ok) return false
          const body = await r.json()
          return (body.data?.[0]?.spans?.length ?? 0) >= want
        },
        120_000,
        `Jaeger did not hold trace ${key} (${id})${key === 'big' ? ` with ${want} spans` : ''}`,
        logs(),
      )
    }
    const now = Math.floor(Date.now() / 1000)
    await waitFor(
      async () => {
        const q = async (path) => (await (await fetch(`${promUrl}${path}`)).json()).data ?? []
        const calls = await q(`/api/v1/query?query=${encodeURIComponent('count(traces_span_metrics_calls_total)')}`)
        const graph = await q(`/api/v1/query?query=${encodeURIComponent('count(traces_service_graph_request_total)')}`)
        const ex = await q(`/api/v1/query_exemplars?query=${encodeURIComponent('traces_span_metrics_duration_milliseconds_bucket')}&start=${now - 600}&end=${now + 600}`)
        return calls.result?.length > 0 && graph.result?.length > 0 && ex.length > 0
      },
      60_000,
      'Prometheus had no span metrics, service-graph series or exemplars',
      logs(),
    )
    save({ manifest, startedAt: new Date().toISOString() })
    return realStack(base)
  } catch (e) {
    await stopRealStack(base).catch(() => {})
    throw e
  }
}

/** Serves config.json to the page: Jaeger traces and Prometheus metrics, through the preview server's proxy. */
export async function pointConsoleAt(page, { jaegerApi = 'auto', metrics = 'prometheus' } = {}) {
  await page.route('**/config.json', (route) =>
    route.fulfill({
      json: {
        traces: { kind: 'jaeger', baseUrl: '/jaeger', api: jaegerApi },
        metrics: metrics === 'prometheus' ? { kind: 'prometheus', baseUrl: '/prometheus' } : { kind: 'none' },
      },
    }),
  )
}
