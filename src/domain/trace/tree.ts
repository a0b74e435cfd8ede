/**
 * Builds the span tree of a trace, robust to damaged data: orphans hang under a "missing parent"
 * placeholder, duplicate span ids and parent cycles never loop or crash and become warnings,
 * PostTrace captures get a placeholder for the calls known to be missing, and clock skew is
 * corrected (a child moved inside its parent) unless raw timing is asked for.
 *
 * Nodes are stored flat in pre-order (children sorted by start time), so a subtree is the
 * contiguous range [i, i + subtreeSize): row models and filters run in single linear passes,
 * which keeps 100,000-span traces fast. No recursion: deep traces cannot overflow the stack.
 */
import type { Span, Trace } from '../model'

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

export interface TraceTree {
  traceId: string
  nodes: TreeNode[]
  roots: number[]
  /** node index by key (span id for the first span with that id) */
  byKey: Map<string, number>
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
}

export interface BuildOptions {
  /** correct clock skew (default true) */
  adjustSkew?: boolean
}

const isFailed = (s: Span): boolean => s.status === 'error' || s.tags.IsError === 1 || s.tags.IsError === '1' || s.tags.IsError === true

interface Proto {
  kind: TreeNodeKind
  span: Span | null
  key: string
  children: number[]
  inCycle: boolean
  isDuplicate: boolean
}

export function buildTraceTree(trace: Trace, options: BuildOptions = {}): TraceTree {
  const adjustSkew = options.adjustSkew ?? true
  const spans = trace.spans
  const protos: Proto[] = []
  const firstById = new Map<string, number>()
  const duplicateIds = new Set<string>()
  const dupCount = new Map<string, number>()

  for (const span of spans) {
    let key = span.spanId
    let isDuplicate = false
    if (firstById.has(span.spanId)) {
      isDuplicate = true
      duplicateIds.add(span.spanId)
      const n = (dupCount.get(span.spanId) ?? 0) + 1
      dupCount.set(span.spanId, n)
      key = `${span.spanId}~dup${n}`
    } else {
      firstById.set(span.spanId, protos.length)
    }
    protos.push({ kind: 'span', span, key, children: [], inCycle: false, isDuplicate })
  }

  const rootProtos: number[] = []
  const missingParents = new Map<string, number>()
  let orphanCount = 0
  const spanProtoCount = protos.length
  for (let i = 0; i < spanProtoCount; i++) {
    const span = protos[i].span as Span
    const pid = span.parentSpanId
    if (pid === null || pid === span.spanId) {
      if (pid === span.spanId) protos[i].inCycle = true
      rootProtos.push(i)
      continue
    }
    const parent = firstById.get(pid)
    if (parent !== undefined) {
      protos[parent].children.push(i)
      continue
    }
    orphanCount++
    let holder = missingParents.get(pid)
    if (holder === undefined) {
      holder = protos.length
      protos.push({ kind: 'missing-parent', span: null, key: `~missing-parent:${pid}`, children: [], inCycle: false, isDuplicate: false })
      missingParents.set(pid, holder)
      rootProtos.push(holder)
    }
    protos[holder].children.push(i)
  }

  // PostTrace: calls of the trigger's ancestors that finished before capture began are lost.
  const triggerId = trace.sampling.mode === 'posttrace' ? trace.sampling.triggerSpanId : null
  const triggerProto = triggerId ? firstById.get(triggerId) : undefined
  if (triggerProto !== undefined) {
    const trig = protos[triggerProto].span as Span
    const parent = trig.parentSpanId ? firstById.get(trig.parentSpanId) : undefined
    const holderParent = parent ?? triggerProto
    const placeholder = protos.length
    protos.push({ kind: 'missing-calls', span: null, key: `~missing-calls:${trig.spanId}`, children: [], inCycle: false, isDuplicate: false })
    protos[holderParent].children.push(placeholder)
  }

  const startOf = (p: number): number => {
    const pr = protos[p]
    if (pr.span) return pr.span.startTime
    if (pr.kind === 'missing-calls') return -Infinity
    let min = Infinity
    for (const c of pr.children) min = Math.min(min, protos[c].span?.startTime ?? Infinity)
    return min
  }
  for (const pr of protos) if (pr.children.length > 1) pr.children.sort((a, b) => startOf(a) - startOf(b))
  rootProtos.sort((a, b) => {
    const ra = protos[a].kind === 'span' ? 0 : 1
    const rb = protos[b].kind === 'span' ? 0 : 1
    return ra - rb || startOf(a) - startOf(b)
  })

  // Pre-order traversal with an explicit stack; protos never reached from a root are in cycles.
  const visited = new Uint8Array(protos.length)
  const order: number[] = []
  const parentOf: number[] = new Array<number>(protos.length).fill(-1)
  const cycleSpanIds: string[] = []
  const walk = (root: number) => {
    const stack = [root]
    while (stack.length) {
      const p = stack.pop() as number
      if (visited[p]) continue
      visited[p] = 1
      order.push(p)
      const ch = protos[p].children
      for (let k = ch.length - 1; k >= 0; k--) {
        if (!visited[ch[k]]) {
          parentOf[ch[k]] = p
          stack.push(ch[k])
        }
      }
    }
  }
  const roots: number[] = []
  for (const r of rootProtos) {
    roots.push(order.length)
    walk(r)
  }
  for (let i = 0; i < spanProtoCount; i++) {
    if (visited[i]) continue
    protos[i].inCycle = true
    cycleSpanIds.push(protos[i].span?.spanId ?? protos[i].key)
    roots.push(order.length)
    walk(i)
  }

  const indexOfProto = new Int32Array(protos.length).fill(-1)
  for (let i = 0; i < order.length; i++) indexOfProto[order[i]] = i
  const nodes: TreeNode[] = new Array<TreeNode>(order.length)
  const byKey = new Map<string, number>()
  const services = new Set<string>()
  let maxDepth = 0
  let errorCount = 0
  let triggerIndex = -1
  for (let i = 0; i < order.length; i++) {
    const pr = protos[order[i]]
    const pp = parentOf[order[i]]
    const parent = pp === -1 ? -1 : indexOfProto[pp]
    const depth = parent === -1 ? 0 : nodes[parent].depth + 1
    if (depth > maxDepth) maxDepth = depth
    const span = pr.span
    const isError = span ? isFailed(span) : false
    if (isError) errorCount++
    if (span) services.add(span.service)
    const isTrigger = triggerProto !== undefined && order[i] === triggerProto
    if (isTrigger) triggerIndex = i
    nodes[i] = {
      index: i,
      kind: pr.kind,
      span,
      key: pr.key,
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
      isDuplicate: pr.isDuplicate,
      inCycle: pr.inCycle,
    }
    byKey.set(pr.key, i)
    if (parent !== -1) nodes[parent].children.push(i)
  }

  // Skew correction, top-down: a child (with its subtree) is moved inside its parent.
  let skewAdjustedCount = 0
  const inherited = new Float64Array(nodes.length)
  for (const n of nodes) {
    if (!n.span) continue
    const p = n.parent === -1 ? null : nodes[n.parent]
    let shift = p && p.span ? inherited[p.index] : 0
    n.start = n.span.startTime + shift
    // Messaging is asynchronous: a consumer may run long after its producer finished.
    const async = p?.span ? p.span.kind === 'producer' || n.span.kind === 'consumer' : false
    if (p && p.span && !async) {
      const end = n.start + n.duration
      const pEnd = p.start + p.duration
      let extra = 0
      if (n.start < p.start || n.duration > p.duration) extra = p.start - n.start
      else if (end > pEnd) extra = pEnd - end
      if (extra !== 0) {
        skewAdjustedCount++
        if (adjustSkew) {
          shift += extra
          n.start += extra
          n.skewShift = extra
        }
      }
    }
    inherited[n.index] = shift
  }

  // Placeholders take the extent of what they stand for; bottom-up aggregates.
  let traceStart = Infinity
  let traceEnd = -Infinity
  for (const n of nodes) {
    if (!n.span) continue
    if (n.start < traceStart) traceStart = n.start
    if (n.start + n.duration > traceEnd) traceEnd = n.start + n.duration
  }
  if (!Number.isFinite(traceStart)) {
    traceStart = 0
    traceEnd = 0
  }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]
    if (n.kind === 'missing-parent') {
      let s = Infinity
      let e = -Infinity
      for (const c of n.children) {
        s = Math.min(s, nodes[c].start)
        e = Math.max(e, nodes[c].start + nodes[c].duration)
      }
      n.start = Number.isFinite(s) ? s : traceStart
      n.duration = Number.isFinite(e) ? e - n.start : 0
    } else if (n.kind === 'missing-calls') {
      const parent = n.parent === -1 ? null : nodes[n.parent]
      const from = parent ? parent.start : traceStart
      const to = trace.sampling.triggerTime ?? (triggerIndex >= 0 ? nodes[triggerIndex].start : from)
      n.start = from
      n.duration = Math.max(0, to - from)
    }
    if (n.parent !== -1) {
      const p = nodes[n.parent]
      p.subtreeSize += n.subtreeSize
      p.errorsBelow += n.errorsBelow + (n.isError ? 1 : 0)
    }
  }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]
    for (const c of n.children) {
      const below = nodes[c].errorOriginBelow
      if (below !== -1) {
        n.errorOriginBelow = below
        break
      }
      if (nodes[c].isError) {
        n.errorOriginBelow = c
        break
      }
    }
  }

  const warnings = [...trace.warnings]
  if (orphanCount > 0) {
    warnings.push(`${orphanCount} span${orphanCount > 1 ? 's have' : ' has'} a parent that is not in the trace; shown under "missing parent".`)
  }
  if (duplicateIds.size > 0) {
    warnings.push(`${duplicateIds.size} span id${duplicateIds.size > 1 ? 's are' : ' is'} used more than once (${[...duplicateIds].slice(0, 5).join(', ')}); every copy is shown.`)
  }
  if (cycleSpanIds.length > 0) {
    warnings.push(`Parent links form a loop at ${cycleSpanIds.slice(0, 5).join(', ')}; the loop was cut there.`)
  }
  if (skewAdjustedCount > 0) {
    const what = `${skewAdjustedCount} span${skewAdjustedCount > 1 ? 's' : ''}`
    warnings.push(
      adjustSkew
        ? `Clock skew: ${what} started or ended outside ${skewAdjustedCount > 1 ? 'their parents' : 'its parent'} and ${skewAdjustedCount > 1 ? 'were' : 'was'} moved inside.`
        : `Clock skew: ${what} start or end outside ${skewAdjustedCount > 1 ? 'their parents' : 'its parent'} (raw timing shown).`,
    )
  }

  return {
    traceId: trace.traceId,
    nodes,
    roots,
    byKey,
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
