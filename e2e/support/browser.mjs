// Which Chromium Playwright should drive: its own where installed, else the system's.
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

export const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser']

/** Returns undefined to use Playwright's own browser, or the path of a system Chromium. */
export function chromiumExecutable() {
  if (process.env.PW_CHROMIUM_PATH) return process.env.PW_CHROMIUM_PATH
  let own = ''
  try {
    own = chromium.executablePath()
  } catch {
    own = ''
  }
  if (own && existsSync(own)) return undefined
  return SYSTEM_CHROMIUM.find((p) => existsSync(p))
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage',
]
