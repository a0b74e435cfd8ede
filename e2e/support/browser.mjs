// Which Chromium Playwright should drive: its own where installed, else the system's.
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

export const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser']

/** Whether Playwright's own Chromium is installed on this machine. */
export function ownChromiumInstalled() {
  try {
    const own = chromium.executablePath()
    return Boolean(own) && existsSync(own)
  } catch {
    return false
  }
}

/**
 * Returns undefined to use Playwright's own browser (or when there is no browser at all), or the
 * path of a system Chromium.
 */
export function chromiumExecutable() {
  if (process.env.PW_CHROMIUM_PATH) return process.env.PW_CHROMIUM_PATH
  if (ownChromiumInstalled()) return undefined
  return SYSTEM_CHROMIUM.find((p) => existsSync(p))
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage',
]
