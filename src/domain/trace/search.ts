/**
 * In-trace search and filters. A query is whitespace-separated terms, all of which must match:
 * `key=value` matches a tag or resource field exactly (value case-insensitive); any other term
 * matches a substring of the service, the operation, or a tag/resource key or value.
 */
import type { Span } from '../model'
import type { TraceTree } from './tree'

export type SearchTerm = { kind: 'tag'; key: string; value: string } | { kind: 'text'; text: string }

export function parseSearch(query: string): SearchTerm[] {
  const terms: SearchTerm[] = []
  for (const raw of query.trim().split(/\s+/)) {
    if (!raw) continue
    const eq = raw.indexOf('=')
    if (eq > 0) terms.push({ kind: 'tag', key: raw.slice(0, eq), value: raw.slice(eq + 1).toLowerCase() })
    else terms.push({ kind: 'text', text: raw.toLowerCase() })
  }
  return terms
}

function fieldValue(span: Span, key: string): string | undefined {
  // own keys only: a tag named "constructor" or "__proto__" is a tag like any other, and no
  // inherited member of Object.prototype reads as one
  if (Object.hasOwn(span.tags, key)) return String(span.tags[key])
  if (Object.hasOwn(span.resource, key)) return span.resource[key]
  if (key === 'service') return span.service
  if (key === 'operation' || key === 'name') return span.name
  if (key === 'kind') return span.kind
  if (key === 'status') return span.status
  return undefined
}

function textMatches(span: Span, text: string): boolean {
  if (span.service.toLowerCase().includes(text) || span.name.toLowerCase().includes(text)) return true
  for (const rec of [span.tags, span.resource]) {
    for (const k in rec) {
      if (k.toLowerCase().includes(text) || String(rec[k]).toLowerCase().includes(text)) return true
    }
  }
  return false
}

export function spanMatches(span: Span, terms: SearchTerm[]): boolean {
  for (const t of terms) {
    if (t.kind === 'tag') {
      const v = fieldValue(span, t.key)
      if (v === undefined || v.toLowerCase() !== t.value) return false
    } else if (!textMatches(span, t.text)) return false
  }
  return true
}

export interface SpanFilter {
  /** in-trace search; empty = no search */
  query: string
  errorsOnly: boolean
  /** empty = all services */
  services: string[]
  /** show only the critical path (flags from criticalPath()) */
  criticalOnly: Uint8Array | null
}

export const isFilterActive = (f: SpanFilter): boolean =>
  f.query.trim() !== '' || f.errorsOnly || f.services.length > 0 || f.criticalOnly !== null

/** Flag per node: 1 when the node itself matches every active filter. Placeholders never match. */
export function matchFlags(tree: TraceTree, f: SpanFilter): Uint8Array {
  const terms = parseSearch(f.query)
  const services = new Set(f.services)
  const out = new Uint8Array(tree.nodes.length)
  for (const n of tree.nodes) {
    const span = n.span
    if (!span) continue
    if (f.errorsOnly && !n.isError) continue
    if (services.size > 0 && !services.has(span.service)) continue
    if (f.criticalOnly && !f.criticalOnly[n.index]) continue
    if (terms.length > 0 && !spanMatches(span, terms)) continue
    out[n.index] = 1
  }
  return out
}

/** Node indexes (pre-order) whose flag is set. */
export function flaggedIndexes(flags: Uint8Array): number[] {
  const out: number[] = []
  for (let i = 0; i < flags.length; i++) if (flags[i]) out.push(i)
  return out
}

/** Adds a service to the filter or removes it; the result is sorted, so equal selections give equal URLs. */
export function toggleService(selected: readonly string[], service: string): string[] {
  const next = selected.includes(service) ? selected.filter((s) => s !== service) : [...selected, service]
  return next.sort()
}

/**
 * The service filter in words, for its button: "All services", the one service's name, or how many.
 * Services the trace does not have (a stale link) do not count.
 */
export function describeServiceFilter(selected: readonly string[], available: readonly string[]): string {
  const known = selected.filter((s) => available.includes(s))
  if (known.length === 0 || known.length === available.length) return 'All services'
  if (known.length === 1) return known[0]
  return `${known.length} of ${available.length} services`
}
