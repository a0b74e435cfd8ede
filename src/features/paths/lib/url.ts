/** The paths page's view state in the URL: /paths?view=sources&service=&operation=&tag=k=v&status=&dc=&minDuration=&maxDuration=&compare=&b=&n=&show= plus the time range. */
import type { TagFilter } from '../../../api/sources/data-source'
import { parseTagParams } from '../../../lib/links'

/** slow vs normal; the same window yesterday; another DC; another tag value (a version) */
export type CompareMode = 'none' | 'slow' | 'yesterday' | 'dc' | 'tag'
export type PathsShow = 'tree' | 'icicle' | 'sankey'
/** paths: the tree below an entry; sources: where a service's load comes from */
export type PathsMode = 'paths' | 'sources'

export interface PathsView {
  mode: PathsMode
  service: string | undefined
  operation: string | undefined
  tags: TagFilter[]
  status: 'ok' | 'error' | undefined
  dc: string | undefined
  /** µs */
  minDuration: number | undefined
  maxDuration: number | undefined
  compare: CompareMode
  /** side B: the DC (compare=dc) or the `key=value` tag (compare=tag) */
  b: string | undefined
  /** traces analysed per side */
  size: number
  show: PathsShow
  /** capacity what-if: the entry's traffic × this factor (undefined: none) */
  whatIf: number | undefined
}

export const DEFAULT_SIZE = 500
export const MAX_SIZE = 10_000
const opt = (v: string | null) => (v && v.trim() ? v.trim() : undefined)
const num = (v: string | null) => {
  const n = v === null || v.trim() === '' ? NaN : Number(v)
  return Number.isFinite(n) && n >= 0 ? n : undefined
}
const MODES: CompareMode[] = ['none', 'slow', 'yesterday', 'dc', 'tag']

export function readPathsView(p: URLSearchParams): PathsView {
  const status = p.get('status')
  const compare = p.get('compare') as CompareMode | null
  const size = num(p.get('n'))
  return {
    mode: p.get('view') === 'sources' ? 'sources' : 'paths',
    service: opt(p.get('service')),
    operation: opt(p.get('operation')),
    tags: parseTagParams(p.getAll('tag')),
    status: status === 'ok' || status === 'error' ? status : undefined,
    dc: opt(p.get('dc')),
    minDuration: num(p.get('minDuration')),
    maxDuration: num(p.get('maxDuration')),
    compare: compare && MODES.includes(compare) ? compare : 'none',
    b: opt(p.get('b')),
    size: size === undefined ? DEFAULT_SIZE : Math.max(20, Math.min(MAX_SIZE, Math.round(size))),
    show: p.get('show') === 'icicle' ? 'icicle' : p.get('show') === 'sankey' ? 'sankey' : 'tree',
    whatIf: ((f) => (f !== undefined && f > 0 && f <= 100 ? f : undefined))(num(p.get('whatif'))),
  }
}

/** A copy of `p` with the given fields changed (undefined removes them). */
export function writePathsView(p: URLSearchParams, patch: Partial<PathsView>): URLSearchParams {
  const next = new URLSearchParams(p)
  const set = (k: string, v: string | number | undefined) => (v !== undefined && v !== '' ? next.set(k, String(v)) : next.delete(k))
  if ('mode' in patch) set('view', patch.mode === 'sources' ? 'sources' : undefined)
  if ('service' in patch) set('service', patch.service)
  if ('operation' in patch) set('operation', patch.operation)
  if ('tags' in patch) {
    next.delete('tag')
    for (const t of patch.tags ?? []) next.append('tag', `${t.key}=${t.value}`)
  }
  if ('status' in patch) set('status', patch.status)
  if ('dc' in patch) set('dc', patch.dc)
  if ('minDuration' in patch) set('minDuration', patch.minDuration)
  if ('maxDuration' in patch) set('maxDuration', patch.maxDuration)
  if ('compare' in patch) set('compare', patch.compare === 'none' ? undefined : patch.compare)
  if ('b' in patch) set('b', patch.b)
  if ('size' in patch) set('n', patch.size === DEFAULT_SIZE ? undefined : patch.size)
  if ('whatIf' in patch) set('whatif', patch.whatIf)
  if ('show' in patch) set('show', patch.show === 'tree' ? undefined : patch.show)
  return next
}
