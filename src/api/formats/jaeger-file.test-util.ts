/** A Jaeger answer with what real exports have, for the tests of reading Jaeger in parts. */
type Obj = Record<string, unknown>

/**
 * A Jaeger trace with what a real export has: processes after the spans, a span that starts
 * before its parent (clock skew), a producer → consumer link, a sampling tag, span warnings, a
 * span naming a process the file does not describe, logs, and ids in no particular order.
 */
export function jaegerFile(n: number, opts: { samplingOn?: number; missingProcessOn?: number } = {}): Obj {
  const traceID = 'a1b2c3d4e5f60718'
  const spans: Obj[] = []
  for (let i = 0; i < n; i++) {
    const parent = i === 0 ? null : Math.floor((i * 7919) % i)
    const start = 1_700_000_000_000_000 + i * 13 - (i % 17 === 5 ? 40 : 0)
    const tags: Obj[] = [
      { key: 'span.kind', type: 'string', value: i % 23 === 3 ? 'producer' : i % 23 === 4 ? 'consumer' : i % 2 ? 'client' : 'server' },
      { key: 'http.status_code', type: 'int64', value: i % 31 === 0 ? 500 : 200 },
      { key: 'note', type: 'string', value: `<b>span ${i}</b> ✓` },
    ]
    if (i % 31 === 0) tags.push({ key: 'error', type: 'bool', value: true })
    if (i === opts.samplingOn) tags.push({ key: 'sampler.type', type: 'string', value: 'probabilistic' }, { key: 'sampler.param', type: 'float64', value: 0.25 })
    spans.push({
      traceID,
      spanID: `s${((i * 40503) % 65536).toString(16)}-${i}`,
      operationName: `op-${i % 9}`,
      references: parent === null ? [] : [{ refType: 'CHILD_OF', traceID, spanID: `s${((parent * 40503) % 65536).toString(16)}-${parent}` }],
      startTime: start,
      duration: 1000 + ((i * 37) % 500),
      tags,
      logs: i % 31 === 0 ? [{ timestamp: start + 5, fields: [{ key: 'event', type: 'string', value: 'panic' }, { key: 'stack', type: 'string', value: 'main.go:12' }] }] : [],
      processID: i === opts.missingProcessOn ? 'p-gone' : `p${i % 5}`,
      warnings: i % 97 === 1 ? [`odd span ${i}`] : null,
    })
  }
  // shuffle deterministically: the file's order is not the tree's
  for (let i = spans.length - 1; i > 0; i--) {
    const j = (i * 2654435761) % (i + 1)
    ;[spans[i], spans[j]] = [spans[j], spans[i]]
  }
  const processes = Object.fromEntries(
    Array.from({ length: 5 }, (_, k) => [`p${k}`, { serviceName: `svc-${k}`, tags: [{ key: 'hostname', type: 'string', value: `host-${k}` }] }]),
  )
  return { data: [{ traceID, spans, processes, warnings: ['from the exporter'] }], total: 0, limit: 0, offset: 0, errors: null }
}
