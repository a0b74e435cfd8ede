/**
 * Builds the span tree of a trace, robust to damaged data: orphans hang under a "missing parent"
 * placeholder, duplicate span ids and parent cycles never loop or crash and become warnings,
 * PostTrace captures get a "missing calls" placeholder under every span that was running before
 * the trigger (over [its start, the trigger]: calls it made then were not kept), and clock skew is
 * corrected (a child moved inside its parent) unless raw timing is asked for.
 *
 * Nodes are stored flat in pre-order (children sorted by start time), so a subtree is the
 * contiguous range [i, i + subtreeSize): row models and filters run in single linear passes,
 * which keeps 100,000-span traces fast. No recursion: deep traces cannot overflow the stack.
 */
import type { Span, Trace } from '../model'
import { correctSkew, finishNodes, treeWarnings } from './tree-passes'

export type TreeNodeKind = 'span' | 'missing-parent' | 'missing-calls'

export interface TreeNode {
  /** position in `nodes` (pre-order) */
  index: number
  kind: TreeNodeKind
  span: Span | null
  /** unique within the tree: the span id, `<id>~dup<n>` for a duplicate, `~…` for placeholders */
  key: string
  parent: number
  children: number[]
  depth: number
  /** nodes in this subtree, itself included */
  subtreeSize: number
  /** µs since epoch, skew-corrected unless raw timing was asked for */
  start: number
  /** µs */
  duration: number
  /** µs added to the raw start by skew correction (0 when none) */
  skewShift: number
  isError: boolean
  /** failed spans strictly below this node */
  errorsBelow: number
  /** the deepest first failure below this node: where a hidden error started (-1 when none) */
  errorOriginBelow: number
  /** the PostTrace trigger span */
  isTrigger: boolean
  /** this span's id was already used by another span */
  isDuplicate: boolean
  /** this span's parent chain loops back on itself; it was cut at this span */
  inCycle: boolean
}

/** Node index by key; a lookup only, so the tree need not copy 100,000 ids into a second map. */
export interface KeyIndex {
  get: (key: string) => number | undefined
}

export interface TraceTree {
  traceId: string
  nodes: TreeNode[]
  roots: number[]
  /** node index by key (span id for the first span with that id) */
  byKey: KeyIndex
  /** µs since epoch */
  start: number
  /** µs since epoch */
  end: number
  spanCount: number
  services: string[]
  maxDepth: number
  errorCount: number
  orphanCount: number
  duplicateIds: string[]
  cycleSpanIds: string[]
  skewAdjustedCount: number
  triggerIndex: number
  /** plain-words warnings about the data (the source's own first) */
  warnings: string[]
  /** the critical path's flags (see criticalPath), when worked out where the tree was built (a worker) */
  critical?: Uint8Array
  /** per node, the index of its span in the trace's span list (-1: a placeholder), when built from that list */
  spanIndex?: Int32Array
}

export interface BuildOptions {
  /** correct clock skew (default true) */
  adjustSkew?: boolean
}

/** A span that failed: error status, or the IsError tag some instrumentations set instead. */
export const isFailedSpan = (s: Span): boolean => s.status === 'error' || s.tags.IsError === 1 || s.tags.IsError === '1' || s.tags.IsError === true

/** A placeholder row standing for something the data lacks (a lost parent, calls missed by PostTrace). */
export interface Placeholder {
  kind: Exclude<TreeNodeKind, 'span'>
  key: string
}

/** The shape of a trace's tree before its nodes are made: what buildTraceTree and depthFirstOrder share. */
export interface TreeOrder {
  /** items in pre-order: spans are 0 … n-1 (their index in the trace), placeholders n, n+1, … */
  order: Int32Array
  /** the item each item hangs under in the walk (-1: a root) */
  parentOf: Int32Array
  /** pre-order positions where each root's subtree starts */
  roots: number[]
  placeholders: Placeholder[]
  keys: string[]
  isDup: Uint8Array
  inCycle: Uint8Array
  firstById: Map<string, number>
  duplicateIds: Set<string>
  cycleSpanIds: string[]
  orphanCount: number
  triggerItem: number | undefined
}

/**
 * Links every span to its parent (placeholders for lost parents and for the calls PostTrace
 * missed), sorts children by start and walks the tree in pre-order.
 *
 * Items are the spans (0 … n-1, in their order in the trace) followed by the placeholders. Links are
 * kept in typed arrays (parent item, children as contiguous segments) rather than objects per span,
 * which keeps 100,000-span traces quick to build and light on garbage.
 */
export function treeOrder(trace: Pick<Trace, 'spans' | 'sampling'>): TreeOrder {
  const spans = trace.spans
  const n = spans.length
  // First item per span id. Walking backwards lets the first occurrence win with one Map write
  // per span (these lookups dominate the build of a 100,000-span tree); duplicates are rare and
  // looked for only when the map came out smaller than the span list.
  const firstById = new Map<string, number>()
  for (let i = n - 1; i >= 0; i--) firstById.set(spans[i].spanId, i)
  const duplicateIds = new Set<string>()
  const keys: string[] = new Array<string>(n)
  const isDup = new Uint8Array(n)
  if (firstById.size === n) {
    for (let i = 0; i < n; i++) keys[i] = spans[i].spanId
  } else {
    const dupCount = new Map<string, number>()
    for (let i = 0; i < n; i++) {
      const id = spans[i].spanId
      if (firstById.get(id) === i) {
        keys[i] = id
        continue
      }
      isDup[i] = 1
      duplicateIds.add(id)
      const k = (dupCount.get(id) ?? 0) + 1
      dupCount.set(id, k)
      keys[i] = `${id}~dup${k}`
    }
  }

  // Parent of every item (-1: a root). Placeholders get items n, n+1, …
  const placeholders: Placeholder[] = []
  const parentItems: number[] = new Array<number>(n)
  const selfLoop = new Uint8Array(n)
  const missingParents = new Map<string, number>()
  let orphanCount = 0
  for (let i = 0; i < n; i++) {
    const span = spans[i]
    const pid = span.parentSpanId
    if (pid === null || pid === span.spanId) {
      if (pid === span.spanId) selfLoop[i] = 1
      parentItems[i] = -1
      continue
    }
    const parent = firstById.get(pid)
    if (parent !== undefined) {
      parentItems[i] = parent
      continue
    }
    orphanCount++
    let holder = missingParents.get(pid)
    if (holder === undefined) {
      holder = n + placeholders.length
      placeholders.push({ kind: 'missing-parent', key: `~missing-parent:${pid}` })
      parentItems.push(-1)
      missingParents.set(pid, holder)
    }
    parentItems[i] = holder
  }

  // PostTrace: calls that finished before capture began are lost. Every captured span that was
  // already running then and can make calls (server, consumer, internal; the trigger itself too)
  // gets a placeholder for the calls it may have made between its start and the trigger.
  const triggerId = trace.sampling.mode === 'posttrace' ? trace.sampling.triggerSpanId : null
  const triggerItem = triggerId ? firstById.get(triggerId) : undefined
  if (triggerItem !== undefined) {
    const trig = spans[triggerItem]
    const at = trace.sampling.triggerTime ?? trig.startTime + trig.duration
    for (let i = 0; i < n; i++) {
      const sp = spans[i]
      if (sp.kind === 'client' || sp.kind === 'producer' || sp.startTime >= at || firstById.get(sp.spanId) !== i) continue
      placeholders.push({ kind: 'missing-calls', key: `~missing-calls:${sp.spanId}` })
      parentItems.push(i)
    }
  }
  const total = n + placeholders.length

  // Children as contiguous segments, in item order, then sorted by start (stable).
  const childStart = new Int32Array(total + 1)
  for (let i = 0; i < total; i++) if (parentItems[i] !== -1) childStart[parentItems[i] + 1]++
  for (let i = 0; i < total; i++) childStart[i + 1] += childStart[i]
  const childItems = new Int32Array(childStart[total])
  const fill = childStart.slice(0, total)
  for (let i = 0; i < total; i++) if (parentItems[i] !== -1) childItems[fill[parentItems[i]]++] = i

  const startKey = new Float64Array(total)
  for (let i = 0; i < n; i++) startKey[i] = spans[i].startTime
  for (let h = n; h < total; h++) {
    if (placeholders[h - n].kind === 'missing-calls') {
      startKey[h] = -Infinity
      continue
    }
    let min = Infinity
    for (let k = childStart[h]; k < childStart[h + 1]; k++) min = Math.min(min, startKey[childItems[k]])
    startKey[h] = min
  }
  const byStart = (a: number, b: number) => startKey[a] - startKey[b]
  for (let p = 0; p < total; p++) {
    const from = childStart[p]
    const to = childStart[p + 1]
    let sorted = true
    for (let k = from + 1; k < to && sorted; k++) if (startKey[childItems[k]] < startKey[childItems[k - 1]]) sorted = false
    if (!sorted) childItems.set(Array.from(childItems.subarray(from, to)).sort(byStart), from)
  }
  const rootItems: number[] = []
  for (let i = 0; i < total; i++) if (parentItems[i] === -1) rootItems.push(i)
  rootItems.sort((a, b) => (a < n ? 0 : 1) - (b < n ? 0 : 1) || startKey[a] - startKey[b])

  // Pre-order traversal with an explicit stack; spans never reached from a root are in cycles.
  const visited = new Uint8Array(total)
  const order = new Int32Array(total)
  let orderLength = 0
  const parentOf = new Int32Array(total).fill(-1)
  const inCycle = selfLoop.slice()
  const cycleSpanIds: string[] = []
  const stack: number[] = []
  const walk = (root: number) => {
    stack.push(root)
    while (stack.length) {
      const p = stack.pop() as number
      if (visited[p]) continue
      visited[p] = 1
      order[orderLength++] = p
      for (let k = childStart[p + 1] - 1; k >= childStart[p]; k--) {
        const c = childItems[k]
        if (!visited[c]) {
          parentOf[c] = p
          stack.push(c)
        }
      }
    }
  }
  const roots: number[] = []
  for (const r of rootItems) {
    roots.push(orderLength)
    walk(r)
  }
  for (let i = 0; i < n; i++) {
    if (visited[i]) continue
    inCycle[i] = 1
    cycleSpanIds.push(spans[i].spanId)
    roots.push(orderLength)
    walk(i)
  }

  return { order: order.subarray(0, orderLength), parentOf, roots, placeholders, keys, isDup, inCycle, firstById, duplicateIds, cycleSpanIds, orphanCount, triggerItem }
}

/** The tree of a trace, with its nodes in pre-order (see treeOrder), skew-corrected and summed up. */
export function buildTraceTree(trace: Trace, options: BuildOptions = {}): TraceTree {
  const adjustSkew = options.adjustSkew ?? true
  const spans = trace.spans
  const n = spans.length
  const { order, parentOf, roots, placeholders, keys, isDup, inCycle, firstById, duplicateIds, cycleSpanIds, orphanCount, triggerItem } = treeOrder(trace)
  const orderLength = order.length
  const total = n + placeholders.length
  const indexOfItem = new Int32Array(total).fill(-1)
  for (let i = 0; i < orderLength; i++) indexOfItem[order[i]] = i
  const nodes: TreeNode[] = new Array<TreeNode>(orderLength)
  // Keys of placeholders and duplicates; the first span of each id is found through firstById.
  const otherKeys = new Map<string, number>()
  const byKey: KeyIndex = {
    get: (key) => {
      const item = firstById.get(key)
      if (item !== undefined && isDup[item] === 0) return indexOfItem[item] === -1 ? undefined : indexOfItem[item]
      return otherKeys.get(key)
    },
  }
  const services = new Set<string>()
  let maxDepth = 0
  let errorCount = 0
  let triggerIndex = -1
  for (let i = 0; i < orderLength; i++) {
    const item = order[i]
    const pp = parentOf[item]
    const parent = pp === -1 ? -1 : indexOfItem[pp]
    const depth = parent === -1 ? 0 : nodes[parent].depth + 1
    if (depth > maxDepth) maxDepth = depth
    const span = item < n ? spans[item] : null
    const isError = span ? isFailedSpan(span) : false
    if (isError) errorCount++
    if (span) services.add(span.service)
    const isTrigger = triggerItem !== undefined && item === triggerItem
    if (isTrigger) triggerIndex = i
    const key = span ? keys[item] : placeholders[item - n].key
    nodes[i] = {
      index: i,
      kind: span ? 'span' : placeholders[item - n].kind,
      span,
      key,
      parent,
      children: [],
      depth,
      subtreeSize: 1,
      start: span ? span.startTime : 0,
      duration: span ? span.duration : 0,
      skewShift: 0,
      isError,
      errorsBelow: 0,
      errorOriginBelow: -1,
      isTrigger,
      isDuplicate: span ? isDup[item] === 1 : false,
      inCycle: span ? inCycle[item] === 1 : false,
    }
    if (!span || isDup[item] === 1) otherKeys.set(key, i)
    if (parent !== -1) nodes[parent].children.push(i)
  }

  const skewAdjustedCount = correctSkew(nodes, adjustSkew)
  const { start: traceStart, end: traceEnd } = finishNodes(nodes, trace.sampling, triggerIndex)
  const warnings = treeWarnings(trace.warnings, { orphanCount, duplicateIds, cycleSpanIds, skewAdjustedCount, adjustSkew })

  const spanIndex = new Int32Array(orderLength)
  for (let i = 0; i < orderLength; i++) spanIndex[i] = order[i] < n ? order[i] : -1
  return {
    traceId: trace.traceId,
    nodes,
    roots,
    byKey,
    spanIndex,
    start: traceStart,
    end: traceEnd,
    spanCount: spans.length,
    services: [...services].sort(),
    maxDepth,
    errorCount,
    orphanCount,
    duplicateIds: [...duplicateIds],
    cycleSpanIds,
    skewAdjustedCount,
    triggerIndex,
    warnings,
  }
}

/** Indexes of the ancestors of `index`, root first. */
export function ancestorsOf(tree: TraceTree, index: number): number[] {
  const out: number[] = []
  let p = tree.nodes[index]?.parent ?? -1
  while (p !== -1) {
    out.push(p)
    p = tree.nodes[p].parent
  }
  return out.reverse()
}
