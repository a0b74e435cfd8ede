import type { TagFilter } from './data-source'
import type { JaegerDialect } from './jaeger-dialect'

export interface SearchNoteFacts {
  backend: string
  dialect: JaegerDialect
  /** the services searched */
  services: readonly string[]
  /** the services whose search found traces */
  withHits: readonly string[]
  /** traces the server sent, over all services */
  fetched: number
  /** traces asked for per service */
  depth: number
  /** a service's search came back full: older traces of the window were not looked at */
  reachedDepth: boolean
  clientTags: readonly TagFilter[]
  clientStatus: 'ok' | 'error' | null
  /** the called service of a "calls from A to B" search */
  call?: string
  /** no service was chosen: every service was searched */
  searchedAll: boolean
}

const list = (names: readonly string[], max = 6): string =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`

/**
 * The plain-words account of a Jaeger search that the server could not run whole: which filters were
 * applied in the browser, to how many traces, and which services were searched. Null when the server
 * applied every filter itself to the one service chosen.
 */
export function searchNote(f: SearchNoteFacts): string | null {
  const parts: string[] = []
  if (f.searchedAll)
    parts.push(
      `${f.backend} searches one service at a time, so each of its ${f.services.length} services was searched (up to ${f.depth} most recent traces each); ` +
        (f.withHits.length ? `traces were found in ${f.withHits.length} (${list(f.withHits)}).` : 'none had matching traces.'),
    )
  const inBrowser: string[] = []
  if (f.clientTags.length) inBrowser.push(`the tag filter${f.clientTags.length > 1 ? 's' : ''} ${f.clientTags.map((t) => `${t.key}=${t.value}`).join(', ')}`)
  if (f.clientStatus) inBrowser.push(`the status (${f.clientStatus === 'error' ? 'failed spans' : 'spans without error'})`)
  if (f.call) inBrowser.push(`the call to ${f.call}`)
  if (inBrowser.length) {
    const why =
      f.dialect.api === 'v3' && !f.dialect.attributes && (f.clientTags.length || f.clientStatus)
        ? `this ${f.backend} version's API reads no attribute filters (Jaeger 2.19 and later do)`
        : f.dialect.api === 'legacy' && f.clientStatus
          ? `the classic API's status filter is not reliable on every storage`
          : `${f.backend} stores no caller–callee field`
    const scope = f.searchedAll ? 'per service' : `of ${f.services[0] ?? ''}`
    const what = inBrowser.join(' and ')
    parts.push(
      `${what.charAt(0).toUpperCase()}${what.slice(1)} ${inBrowser.length > 1 ? 'were' : 'was'} applied in the browser (${why}), on the span` +
        ` level, to the ${f.fetched} trace${f.fetched === 1 ? '' : 's'} ${f.backend} returned (up to ${f.depth} most recent ${scope})` +
        (f.reachedDepth ? '; older matching traces in this window were not looked at: narrow the time range to reach them.' : '.'),
    )
  }
  return parts.length ? parts.join(' ') : null
}
