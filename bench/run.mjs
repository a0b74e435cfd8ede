// Benchmark harness: builds the console, serves it, drives headless Chromium through Playwright
// and writes JSON plus a markdown table to bench/results/.
//   npm run bench                      all cases
//   npm run bench -- --filter topology only cases whose name contains "topology"
//   npm run bench -- --no-build        reuse dist-bench from a previous run
import { spawn, execSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/support/browser.mjs'
import { bundleCases } from './bundle.mjs'
import { routeCases } from './routes.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const filter = args.includes('--filter') ? args[args.indexOf('--filter') + 1] : null
const noBuild = args.includes('--no-build')
const port = Number(process.env.BENCH_PORT ?? 4300)
// BENCH_OUT_DIR lets two runs share a machine without rebuilding each other's served files
const outDir = process.env.BENCH_OUT_DIR ?? 'dist-bench'
const baseUrl = `http://127.0.0.1:${port}`

async function waitForServer(url, timeoutMs = 60_000) {
  const t0 = Date.now()
  while (Date.now() - t0 < timeoutMs) {
    try {
      const r = await fetch(url)
      if (r.ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`The preview server did not start on ${url} within ${timeoutMs / 1000} s.`)
}

/** Case modules export `cases`, and may export `teardown()` (e.g. to stop a server they started). */
const teardowns = []
async function loadCaseModules() {
  const dir = path.join(root, 'bench', 'cases')
  const files = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()
  const cases = []
  for (const f of files) {
    const mod = await import(pathToFileURL(path.join(dir, f)).href)
    for (const c of mod.cases ?? []) cases.push({ ...c, file: `bench/cases/${f}` })
    if (typeof mod.teardown === 'function') teardowns.push(mod.teardown)
  }
  return cases
}

async function main() {
  if (!noBuild) {
    console.log(`building into ${outDir} …`)
    execSync(`npx vite build --outDir ${outDir} --logLevel warn`, { cwd: root, stdio: 'inherit' })
  }
  const server = spawn(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const results = []
  const record = (caseName) => (metric, value, unit, extra = {}) => {
    results.push({ case: caseName, metric, value: Math.round(value * 100) / 100, unit, target: extra.target ?? '', note: extra.note ?? '' })
    console.log(`  ${metric}: ${Math.round(value * 100) / 100} ${unit}${extra.target ? `  (target ${extra.target})` : ''}`)
  }
  let browser
  try {
    await waitForServer(baseUrl)
    browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS })
    const all = [...bundleCases(root, outDir), ...routeCases, ...(await loadCaseModules())]
    const selected = all.filter((c) => !filter || c.name.includes(filter))
    for (const c of selected) {
      console.log(`\n▶ ${c.name}`)
      try {
        await c.run({ browser, baseUrl, record: record(c.name), root })
      } catch (e) {
        console.error(`  failed: ${e instanceof Error ? e.message : String(e)}`)
        results.push({ case: c.name, metric: 'error', value: NaN, unit: '', target: '', note: String(e instanceof Error ? e.message : e).slice(0, 200) })
      }
    }
  } finally {
    await browser?.close()
    server.kill()
    for (const t of teardowns) await t()
  }
  const machine = {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    chromium: await chromiumVersion(),
  }
  mkdirSync(path.join(root, 'bench', 'results'), { recursive: true })
  // to the second, so two runs in one minute keep both files
  const stamp = machine.date.slice(0, 19).replace(/[:T]/g, '-')
  const json = JSON.stringify({ machine, filter, results }, null, 2)
  writeFileSync(path.join(root, 'bench', 'results', `latest.json`), json)
  writeFileSync(path.join(root, 'bench', 'results', `${stamp}.json`), json)
  const md = [
    `# Benchmark results`,
    '',
    `${machine.date} · ${machine.cpu} · ${machine.cores} cores · ${machine.memoryGiB} GiB · Node ${machine.node} · Chromium ${machine.chromium}`,
    '',
    '| case | metric | value | target | note |',
    '| --- | --- | ---: | --- | --- |',
    ...results.map((r) => `| ${r.case} | ${r.metric} | ${Number.isNaN(r.value) ? 'failed' : `${r.value} ${r.unit}`} | ${r.target} | ${r.note} |`),
    '',
  ].join('\n')
  writeFileSync(path.join(root, 'bench', 'results', 'latest.md'), md)
  console.log(`\nwrote bench/results/latest.json and latest.md (${results.length} measurements)`)
  if (results.some((r) => r.metric === 'error')) process.exitCode = 1
}

async function chromiumVersion() {
  try {
    const b = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS })
    const v = b.version()
    await b.close()
    return v
  } catch {
    return 'unknown'
  }
}

await main()
