import { useMemo } from 'react'
import { Link } from 'react-router'
import type { PathAggregate } from '../../../domain/paths/aggregate'
import { formatDuration, formatPercent } from '../../../lib/format'
import { traceHref } from '../../../lib/links'

interface Cell {
  key: string
  label: string
  depth: number
  x: number
  w: number
  time: number
  traceId: string
  spanId: string
}

/**
 * The entry's mean latency as an icicle: each node's width is the critical-path time of its
 * subtree per request, children laid out under their parent. Async work has no width (it is
 * not part of the entry's latency).
 */
export function Icicle({ agg }: { agg: PathAggregate }) {
  const cells = useMemo(() => {
    const byKey = new Map(agg.nodes.map((n) => [n.key, n]))
    const subtree = new Map<string, number>()
    for (let i = agg.nodes.length - 1; i >= 0; i--) {
      const n = agg.nodes[i]
      if (!n) continue
      subtree.set(n.key, n.criticalPerEntry.value + n.children.reduce((s, c) => s + (subtree.get(c) ?? 0), 0))
    }
    const total = agg.nodes.filter((n) => n.parent === null).reduce((s, n) => s + (subtree.get(n.key) ?? 0), 0)
    const out: Cell[] = []
    const place = (key: string, x: number) => {
      const n = byKey.get(key)
      const t = subtree.get(key) ?? 0
      if (!n || t <= 0 || total <= 0) return
      out.push({ key, label: `${n.service} ${n.operation}`, depth: n.depth, x: x / total, w: t / total, time: t, traceId: n.example.traceId, spanId: n.example.spanId })
      let cx = x + n.criticalPerEntry.value
      for (const c of n.children) {
        place(c, cx)
        cx += subtree.get(c) ?? 0
      }
    }
    let x = 0
    for (const n of agg.nodes) if (n.parent === null) {
      place(n.key, x)
      x += subtree.get(n.key) ?? 0
    }
    return out
  }, [agg])
  const depth = Math.max(1, ...cells.map((c) => c.depth + 1))
  return (
    <div className="paths-icicle" style={{ height: `${depth * 26}px` }} role="img" aria-label="Where the entry's latency goes, as an icicle of critical-path time">
      {cells.map((c) => (
        <Link
          key={c.key}
          to={traceHref(c.traceId, { span: c.spanId })}
          className="paths-icicle-cell"
          style={{ left: `${c.x * 100}%`, width: `${c.w * 100}%`, top: `${c.depth * 26}px` }}
          title={`${c.key}\n${formatDuration(c.time)} per request (${formatPercent(c.w)} of the entry's latency) with what it calls`}
        >
          {c.w > 0.04 ? c.label : ''}
        </Link>
      ))}
    </div>
  )
}
