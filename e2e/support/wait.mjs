// Waiting for servers that the end-to-end tests start themselves.

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * Polls check until it returns true; throws `${what} within N s` (with the last error) when the time
 * is up. gaveUp(), when given, is asked before each try: a reason it returns ends the wait at once.
 */
export async function waitFor(check, timeoutMs, what, { intervalMs = 250, gaveUp = () => null } = {}) {
  const until = Date.now() + timeoutMs
  let last = null
  while (Date.now() < until) {
    const reason = gaveUp()
    if (reason) throw new Error(`${what}: ${reason}`)
    try {
      if (await check()) return
    } catch (e) {
      last = e
    }
    await sleep(intervalMs)
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s${last ? ` (${last.message})` : ''}`)
}
