import { http } from 'msw'
import { setupWorker } from 'msw/browser'
import { EARLIEST_TIME_MS, isPinned, LATEST_TIME_MS, now, parseTimeValue } from '../src/lib/clock'
import type { SyntheticWorldInfo } from '../src/lib/synthetic-world'
import { refuseInput } from '../src/lib/input-notices'
import { exposeMockHooks } from '../src/lib/test-hooks'
import { clearFaults, controlHandler, injectAnswer, injectFault, scenario, setLatency } from './control'
import type { Fault, InjectedAnswer } from './control'
import { startWorldWorker } from './world/client'
import type { TraceTiming, WorldKnobs } from './world/protocol'

const SCALE_KEY = 'tracelens.worldScale'
const ANCHOR_KEY = 'tracelens.worldAnchor'

/**
 * World knobs read at boot and kept for the tab's session (like `?now=`): `?scale=<n>` services
 * (up to 1,000), and the minute the world first ran, so incidents and trace ids survive reloads.
 * A link from another tab names that tab's minute (`?anchor=`), so it shows the same incidents
 * and traces there as here.
 */
function readWorldKnobs(params: URLSearchParams, storage: Storage | null): WorldKnobs {
  const fromAddress = params.get('scale')
  const rawScale = fromAddress ?? storage?.getItem(SCALE_KEY) ?? null
  let scale: number | null = null
  if (rawScale !== null && /^\d{1,7}$/.test(rawScale)) {
    scale = Number(rawScale) // the world clamps it to what it can build
    storage?.setItem(SCALE_KEY, String(scale))
  } else if (rawScale !== null) {
    if (fromAddress === null) storage?.removeItem(SCALE_KEY)
    refuseInput({
      from: fromAddress === null ? 'storage' : 'address',
      name: fromAddress === null ? SCALE_KEY : 'scale',
      value: rawScale,
      reason: 'it is not a number of services (a whole number such as 1000); the synthetic world has its default size',
    })
  }
  const givenRaw = params.get('anchor')
  const given = givenRaw === null ? null : parseTimeValue(givenRaw)
  if (givenRaw !== null && given && !given.ok)
    refuseInput({ from: 'address', name: 'anchor', value: givenRaw, reason: `${given.reason}; the synthetic world keeps this tab's own anchor` })
  const saved = Number(storage?.getItem(ANCHOR_KEY) ?? NaN)
  // the link's anchor, else the minute the world first ran (a time the clock accepts), else now
  const anchor = given?.ok ? given.ms : Number.isFinite(saved) && saved >= EARLIEST_TIME_MS && saved < LATEST_TIME_MS ? saved : Date.now()
  storage?.setItem(ANCHOR_KEY, String(anchor))
  return { scale, anchor: Math.floor(anchor / 60_000) * 60_000, anchorGiven: given?.ok ?? false, pinnedNow: isPinned() ? now() : null }
}

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    return null
  }
}

export interface MockControl {
  injectFault: (fault: Fault) => void
  injectAnswer: (answer: InjectedAnswer) => void
  clearFaults: () => void
  setLatency: (ms: number) => void
  scenario: typeof scenario
  /** Whether the synthetic backend answers the page's requests yet (the page is drawn before it does). */
  ready: () => boolean
  /** Benchmarks: time to generate and to serialise a trace in the world worker, apart from delivery. */
  timeTrace: (traceId: string) => Promise<TraceTiming | null>
}


/**
 * Starts the synthetic backend in the browser. MSW's handlers run on the page's main thread (the
 * service worker only forwards requests), so only latency and injected faults are decided there;
 * the world itself answers from a dedicated worker (mocks/world), off the page's main thread.
 */
export async function startSyntheticBackend(opts: { latencyMs?: number } = {}): Promise<SyntheticWorldInfo> {
  setLatency(opts.latencyMs ?? 120)
  const params = new URLSearchParams(window.location.search)
  const latency = params.get('latency')
  if (latency !== null && /^\d{1,6}$/.test(latency)) setLatency(Number(latency))
  else if (latency !== null)
    refuseInput({ from: 'address', name: 'latency', value: latency, reason: 'it is not a delay in milliseconds (a whole number up to 999999); the default delay is used' })
  // Two copies of the same deterministic world, as a trace store and a metrics store are two
  // backends: a trace search never queues behind metric series, topology or events, nor they behind it.
  const knobs = readWorldKnobs(params, sessionStore())
  // the world workers and MSW's service worker start side by side: neither needs the other to start
  const stores = Promise.all([startWorldWorker(knobs, 'synthetic-traces'), startWorldWorker(knobs, 'synthetic-metrics')])
  const route = async (request: Request) => {
    const [traceStore, metricStore] = await stores
    return (new URL(request.url).pathname.startsWith('/api/v1/traces') ? traceStore : metricStore).fetch(request)
  }
  const worker = setupWorker(controlHandler, http.all('/api/v1/*', ({ request }) => route(request)))
  // MSW's service worker hands the page a copy of every response's body (a stream teed from the
  // one the browser reads) for these events. Nothing here reads it, and an unread branch of a tee
  // keeps every chunk: the service worker would hold a copy of every answer until the tab closes
  // (about 5 MB a minute on the live topology at ?scale=1000). Cancelling the copy lets it go.
  const dropCopy = ({ response }: { response: Response }) => {
    response.body?.cancel().catch(() => {})
  }
  worker.events.on('response:mocked', dropCopy)
  worker.events.on('response:bypass', dropCopy)
  let ready = false
  // Test hooks: fault injection and chart instances, only present with the synthetic backend.
  exposeMockHooks({ injectFault, injectAnswer, clearFaults, setLatency, scenario, ready: () => ready, timeTrace: async (id) => (await stores)[0].timeTrace(id) } satisfies MockControl)
  const [[traceStore]] = await Promise.all([
    stores,
    worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } }).then((registration) => untilControlledBy(registration?.active ?? null)),
  ])
  ready = true
  return {
    // a pinned clock is the anchor unless a link named one: links then carry now= alone
    anchor: knobs.anchorGiven || knobs.pinnedNow === null ? knobs.anchor : null,
    services: traceStore.size.services,
    baseServices: traceStore.size.base,
  }
}

/**
 * On a tab's first visit the page may not be controlled by the freshly activated worker yet, and
 * after a reload it may still be controlled by the worker of the page before (which lets every
 * request through once that page has gone) until the one just started claims it. Requests sent
 * meanwhile would reach the static server instead of the synthetic backend, so the console sends
 * none until the worker MSW started controls the page (src/app/boot/backend-ready.ts). A page it
 * does not come to control is told so instead of showing views of failed requests.
 */
async function untilControlledBy(worker: ServiceWorker | null, timeoutMs = 20_000): Promise<void> {
  const container = navigator.serviceWorker
  // the browser gives the page one object per service worker, so the controller is the started worker itself
  const controlled = () => container.controller !== null && (worker === null || container.controller === worker)
  if (controlled()) return
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      container.removeEventListener('controllerchange', check)
      reject(new Error(`The synthetic backend did not start: its service worker did not take control of this page within ${timeoutMs / 1000} s. Reload the page.`))
    }, timeoutMs)
    function check() {
      if (!controlled()) return
      clearTimeout(timer)
      container.removeEventListener('controllerchange', check)
      resolve()
    }
    container.addEventListener('controllerchange', check)
  })
}
