import { test as setup } from '@playwright/test'
import { ensureRealServers, startRealStack } from '../support/real-stack.mjs'

/**
 * Starts the real servers once for the "real" project (see e2e/support/real-stack.mjs). A server that
 * is missing and cannot be built makes the specs skip with the reason, except in CI, where it fails.
 */
setup('start Jaeger, the collector and Prometheus, and send the traffic', async () => {
  // a cold Go build of Jaeger takes many minutes on two cores (README); a warm check is instant
  setup.setTimeout(40 * 60_000)
  const missing = ensureRealServers()
  if (missing && process.env.CI) throw new Error(`the real servers are required in CI: ${missing}`)
  if (missing) console.log(`[real] skipped: ${missing}`)
  await startRealStack({ skip: missing })
})
