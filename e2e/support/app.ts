import type { Page } from '@playwright/test'
import { readHooks, waitForHooks } from './hooks'

/** A fixed "now" inside the synthetic incident, so runs and screenshots are reproducible. */
export const PINNED_NOW = '2026-11-23T10:00:00.000Z'

/** Opens a console path with the clock pinned and no artificial latency. */
export async function openConsole(page: Page, path: string, extra: Record<string, string> = {}): Promise<void> {
  const url = new URL(path, 'http://x')
  if (!url.searchParams.has('now')) url.searchParams.set('now', PINNED_NOW)
  if (!url.searchParams.has('latency')) url.searchParams.set('latency', '0')
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v)
  await page.goto(`${url.pathname}${url.search}`)
}

/**
 * Injects a failure into the synthetic backend of the page. The page is drawn before the synthetic
 * backend's code has loaded, so this waits for its controls first.
 */
export async function injectFault(page: Page, fault: { path: string; status: number; message?: string; times: number }) {
  await waitForHooks(page, (h) => h.mock !== undefined)
  await readHooks(page, (h, f) => h.mock?.injectFault(f), fault)
}

/** Makes the synthetic backend answer requests under `path` with `body` (a valid answer of that endpoint) instead of the world's. */
export async function injectAnswer(page: Page, answer: { path: string; body: unknown; times: number }) {
  await readHooks(page, (h, a) => h.mock?.injectAnswer(a), answer)
}

/** Clears every injected failure: the synthetic backend answers normally again. */
export async function clearFaults(page: Page) {
  await waitForHooks(page, (h) => h.mock !== undefined)
  await readHooks(page, (h) => h.mock?.clearFaults())
}
