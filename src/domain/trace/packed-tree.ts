/**
 * A trace's tree as typed columns, so the thread that read the trace (a worker) builds it and the
 * page only puts its nodes together: `packTree` (where the tree was built) → transferred →
 * `TreeAssembler` (on the page), which makes the same `TraceTree` as `buildTraceTree` without
 * linking, sorting, walking or skew-correcting anything again, a slice of nodes at a time.
 *
 * The columns are indexed by node (pre-order, placeholders included); `span` gives each node's
 * span as its index in the spans the page receives (-1 for a placeholder).
 */
import type { Span } from '../model'
import { criticalPath } from './timing'
import type { KeyIndex, TraceTree, TreeNode, TreeNodeKind } from './tree'

const KINDS: readonly TreeNodeKind[] = ['span', 'missing-parent', 'missing-calls']
const IS_ERROR = 1
const IS_TRIGGER = 2
const IS_DUPLICATE = 4
const IN_CYCLE = 8

export interface PackedTree {
  traceId: string
  nodeCount: number
  /** the node's span: its index in the spans handed to the page; -1 for a placeholder */
  span: Int32Array
  /** index into ['span', 'missing-parent', 'missing-calls'] */
  kind: Uint8Array
  parent: Int32Array
  depth: Int32Array
  subtreeSize: Int32Array
  start: Float64Array
  duration: Float64Array
  skewShift: Float64Array
  /** isError 1, isTrigger 2, isDuplicate 4, inCycle 8 */
  flags: Uint8Array
  errorsBelow: Int32Array
  errorOriginBelow: Int32Array
  /** the critical path's flags (criticalPath of the tree) */
  critical: Uint8Array
  /** keys that are not their span's id (placeholders, duplicates): node index, key */
  otherKeys: [number, string][]
  /** whether the tree was built with clock-skew correction */
  adjustSkew: boolean
  facts: Omit<TraceTree, 'traceId' | 'nodes' | 'byKey' | 'critical'>
}

/**
 * Packs `tree`, built from the spans the page receives in the same order (its `spanIndex` gives
 * each node's span among them).
 * Works out the critical path on the way (the Gantt asks for it with a toggle).
 */
export function packTree(tree: TraceTree, adjustSkew = true): PackedTree {
  const spanIndex = tree.spanIndex
  if (!spanIndex) throw new Error('the tree does not say where its spans are')
  const nodes = tree.nodes
  const n = nodes.length
  const p: PackedTree = {
    traceId: tree.traceId,
    nodeCount: n,
    span: new Int32Array(n),
    kind: new Uint8Array(n),
    parent: new Int32Array(n),
    depth: new Int32Array(n),
    subtreeSize: new Int32Array(n),
    start: new Float64Array(n),
    duration: new Float64Array(n),
    skewShift: new Float64Array(n),
    flags: new Uint8Array(n),
    errorsBelow: new Int32Array(n),
    errorOriginBelow: new Int32Array(n),
    critical: tree.critical ?? criticalPath(tree),
    otherKeys: [],
    adjustSkew,
    facts: {
      roots: tree.roots,
      start: tree.start,
      end: tree.end,
      spanCount: tree.spanCount,
      services: tree.services,
      maxDepth: tree.maxDepth,
      errorCount: tree.errorCount,
      orphanCount: tree.orphanCount,
      duplicateIds: tree.duplicateIds,
      cycleSpanIds: tree.cycleSpanIds,
      skewAdjustedCount: tree.skewAdjustedCount,
      triggerIndex: tree.triggerIndex,
      warnings: tree.warnings,
    },
  }
  for (let i = 0; i < n; i++) {
    const node = nodes[i]
    p.span[i] = node.span ? spanIndex[i] : -1
    p.kind[i] = KINDS.indexOf(node.kind)
    p.parent[i] = node.parent
    p.depth[i] = node.depth
    p.subtreeSize[i] = node.subtreeSize
    p.start[i] = node.start
    p.duration[i] = node.duration
    p.skewShift[i] = node.skewShift
    p.flags[i] = (node.isError ? IS_ERROR : 0) | (node.isTrigger ? IS_TRIGGER : 0) | (node.isDuplicate ? IS_DUPLICATE : 0) | (node.inCycle ? IN_CYCLE : 0)
    p.errorsBelow[i] = node.errorsBelow
    p.errorOriginBelow[i] = node.errorOriginBelow
    if (!node.span || node.key !== node.span.spanId) p.otherKeys.push([i, node.key])
  }
  return p
}

/** The buffers of a packed tree, to transfer rather than copy. */
export function packedTreeBuffers(p: PackedTree): ArrayBuffer[] {
  const arrays = [p.span, p.kind, p.parent, p.depth, p.subtreeSize, p.start, p.duration, p.skewShift, p.flags, p.errorsBelow, p.errorOriginBelow, p.critical]
  return arrays.map((a) => a.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer)
}

/** The packed form each assembled tree was put together from (packedFormOf). */
const packedForms = new WeakMap<TraceTree, PackedTree>()

/**
 * The packed columns `tree` was put together from (TreeAssembler), or null when it was built on
 * this thread. Another thread given these columns and the same spans puts the same tree together
 * instead of building it again (the trace views' worker).
 */
export function packedFormOf(tree: TraceTree): PackedTree | null {
  return packedForms.get(tree) ?? null
}

/**
 * Puts a packed tree's nodes together on the page, in pre-order, as their spans arrive: `add`
 * makes the nodes whose spans are in (at most `limit`), `tree` gives the TraceTree once all are.
 */
export class TreeAssembler {
  private readonly nodes: TreeNode[]
  private made = 0
  private readonly keys = new Map<string, number>()
  private readonly otherKeys = new Map<number, string>()

  constructor(private readonly packed: PackedTree) {
    this.nodes = new Array<TreeNode>(packed.nodeCount)
    for (const [i, key] of packed.otherKeys) {
      this.keys.set(key, i)
      this.otherKeys.set(i, key)
    }
  }

  get complete(): boolean {
    return this.made === this.packed.nodeCount
  }

  /** Makes the next nodes whose spans are among `spans` (the spans received so far), at most `limit`; returns how many. */
  add(spans: readonly Span[], limit = Infinity): number {
    const p = this.packed
    const nodes = this.nodes
    const keys = this.keys
    const from = this.made
    const to = Math.min(p.nodeCount, from + limit)
    let i = from
    for (; i < to; i++) {
      const si = p.span[i]
      if (si >= spans.length) break
      const span = si === -1 ? null : spans[si]
      if (si !== -1 && span === undefined) throw new Error(`the tree names span ${si}, which never came`)
      const flags = p.flags[i]
      const parent = p.parent[i]
      const isDuplicate = (flags & IS_DUPLICATE) !== 0
      const node: TreeNode = {
        index: i,
        kind: KINDS[p.kind[i]],
        span,
        key: span && !isDuplicate ? span.spanId : '',
        parent,
        children: [],
        depth: p.depth[i],
        subtreeSize: p.subtreeSize[i],
        start: p.start[i],
        duration: p.duration[i],
        skewShift: p.skewShift[i],
        isError: (flags & IS_ERROR) !== 0,
        errorsBelow: p.errorsBelow[i],
        errorOriginBelow: p.errorOriginBelow[i],
        isTrigger: (flags & IS_TRIGGER) !== 0,
        isDuplicate,
        inCycle: (flags & IN_CYCLE) !== 0,
      }
      nodes[i] = node
      if (node.key === '') {
        node.key = this.otherKey(i)
      } else if (!keys.has(node.key)) keys.set(node.key, i)
      if (parent !== -1) nodes[parent].children.push(i)
    }
    this.made = i
    return i - from
  }

  private otherKey(i: number): string {
    const k = this.otherKeys.get(i)
    if (k === undefined) throw new Error(`the tree gives no key for node ${i}`)
    return k
  }

  /** The tree, once every node is made. */
  tree(): TraceTree {
    if (!this.complete) throw new Error(`${this.made} of the tree's ${this.packed.nodeCount} nodes were put together`)
    const keys = this.keys
    const byKey: KeyIndex = { get: (key) => keys.get(key) }
    const tree: TraceTree = { traceId: this.packed.traceId, nodes: this.nodes, byKey, ...this.packed.facts, critical: this.packed.critical, spanIndex: this.packed.span }
    packedForms.set(tree, this.packed)
    return tree
  }
}

/**
 * The tree of `spans` from its packed columns (which were built from these very spans, in this
 * order), in one go. Throws when they do not fit each other.
 */
export function assembleTree(packed: PackedTree, spans: readonly Span[]): TraceTree {
  if (packed.facts.spanCount !== spans.length) throw new Error(`the tree has ${packed.facts.spanCount} spans, the trace ${spans.length}`)
  const assembler = new TreeAssembler(packed)
  assembler.add(spans)
  return assembler.tree()
}
