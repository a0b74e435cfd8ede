// Starts a real Prometheus (Debian's package) scraping the test exporter, with half an hour
// of backfilled history and exemplar storage; stops both. Used by e2e/backends-prometheus.spec.ts.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { backfill, startExporter } from './prometheus-exporter.mjs'
import { sleep, waitFor } from './wait.mjs'

export const PROMETHEUS = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus'
const PROMTOOL = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool'

/** Why the integration test cannot run here, or null when it can. */
export function prometheusMissing() {
  if (!existsSync(PROMETHEUS) || !existsSync(PROMTOOL))
    return `Prometheus is not installed (${PROMETHEUS}, ${PROMTOOL}): install Debian's "prometheus" package (apt-get install -y prometheus) to run the integration test.`
  return null
}

/** Prometheus's arguments for the tests: loopback only, its own storage, exemplar storage on. */
export function prometheusArgs({ config, storage, port }) {
  return [`--config.file=${config}`, `--storage.tsdb.path=${storage}`, `--web.listen-address=127.0.0.1:${port}`, '--enable-feature=exemplar-storage', '--log.level=warn']
}

/**
 * { promUrl, exporter, t0, exemplarTime, stop }. Counters start half an hour ago; live scrapes every 2 s
 * continue the backfilled series. The backfill reaches a few seconds ahead (about Prometheus's start-up
 * time; scrapes before its end are refused), so there is no gap between backfill and live samples.
 */
export async function startPrometheusStack({ promPort, exporterPort }) {
  const dir = mkdtempSync(join(tmpdir(), 'tracelens-prom-'))
  const now = Math.floor(Date.now() / 1000)
  const t0 = now - 1800
  const exemplarTime = now - 30
  // exemplars arrive with live scrapes only (promtool does not backfill them)
  const file = join(dir, 'backfill.om')
  const storage = join(dir, 'data')
  writeFileSync(file, backfill(t0, now + 12, 2, { job: 'tracelens-exporter', instance: `127.0.0.1:${exporterPort}` }))
  const tool = spawnSync(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', '-q', file, storage], { encoding: 'utf8' })
  if (tool.status !== 0) throw new Error(`promtool backfill failed: ${tool.stderr || tool.stdout}`)

  const exporter = await startExporter({ port: exporterPort, t0, exemplarTime })
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 2s',
      '  evaluation_interval: 2s',
      'scrape_configs:',
      '  - job_name: tracelens-exporter',
      '    honor_timestamps: true',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${exporterPort}']`,
      '',
    ].join('\n'),
  )
  const prom = spawn(PROMETHEUS, [...prometheusArgs({ config: join(dir, 'prometheus.yml'), storage, port: promPort }), '--web.enable-lifecycle'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  prom.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)))
  const promUrl = `http://127.0.0.1:${promPort}`
  const stop = async () => {
    if (prom.exitCode === null) {
      prom.kill('SIGTERM')
      await Promise.race([new Promise((r) => prom.once('exit', r)), sleep(5000)])
      if (prom.exitCode === null) prom.kill('SIGKILL')
    }
    await exporter.close()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await waitFor(async () => (await fetch(`${promUrl}/-/ready`)).ok, 30_000, 'Prometheus was not ready')
    await waitFor(
      async () => {
        const r = await fetch(`${promUrl}/api/v1/query_exemplars?query=traces_spanmetrics_latency_bucket&start=${now - 3600}&end=${now + 3600}`)
        const body = await r.json()
        return body.status === 'success' && body.data.length > 0 && Date.now() / 1000 > now + 15
      },
      30_000,
      'Prometheus had not scraped the exporter',
    )
  } catch (e) {
    await stop()
    throw new Error(`${e.message}\n${stderr}`)
  }
  return { promUrl, exporter, t0, exemplarTime, stop }
}
