/**
 * A hand-written check equivalent to (or stricter than) OtlpTracesSchema, much faster on large
 * files. When it says yes, the zod schema would too; when it says no, the caller runs the schema,
 * which names the offending field. Keep it in step with otlp.ts.
 */
type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isStr = (v: unknown): v is string => typeof v === 'string'
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const opt = (v: unknown, ok: (x: unknown) => boolean) => v === undefined || ok(v)
const nanosOk = (v: unknown) => (isStr(v) && /^\d+$/.test(v)) || (isNum(v) && v >= 0)

function anyValueOk(v: unknown, depth = 0): boolean {
  if (!isObj(v) || depth > 16) return false
  if (!opt(v.stringValue, isStr) || !opt(v.boolValue, (x) => typeof x === 'boolean') || !opt(v.bytesValue, isStr)) return false
  if (!opt(v.intValue, (x) => isStr(x) || isNum(x)) || !opt(v.doubleValue, (x) => isStr(x) || isNum(x))) return false
  if (!opt(v.arrayValue, (a) => isObj(a) && opt(a.values, (xs) => Array.isArray(xs) && xs.every((x) => anyValueOk(x, depth + 1))))) return false
  return opt(v.kvlistValue, (a) => isObj(a) && opt(a.values, (xs) => Array.isArray(xs) && xs.every((x) => kvOk(x, depth + 1))))
}

function kvOk(kv: unknown, depth = 0): boolean {
  return isObj(kv) && isStr(kv.key) && opt(kv.value, (v) => anyValueOk(v, depth))
}

const kvsOk = (v: unknown) => Array.isArray(v) && v.every((kv) => kvOk(kv))

function spanOk(s: unknown): boolean {
  if (!isObj(s)) return false
  if (!isStr(s.traceId) || s.traceId.length === 0 || !isStr(s.spanId) || s.spanId.length === 0) return false
  if (!opt(s.parentSpanId, isStr) || !isStr(s.name) || !opt(s.kind, (k) => isNum(k) || isStr(k))) return false
  if (!nanosOk(s.startTimeUnixNano) || !nanosOk(s.endTimeUnixNano) || !opt(s.attributes, kvsOk)) return false
  if (!opt(s.status, (st) => isObj(st) && opt(st.code, (c) => isNum(c) || isStr(c)) && opt(st.message, isStr))) return false
  return opt(s.events, (es) => Array.isArray(es) && es.every((e) => isObj(e) && nanosOk(e.timeUnixNano) && opt(e.name, isStr) && opt(e.attributes, kvsOk)))
}

export function otlpLooksValid(doc: unknown): boolean {
  if (!isObj(doc) || !Array.isArray(doc.resourceSpans)) return false
  for (const rs of doc.resourceSpans) {
    if (!isObj(rs) || !opt(rs.resource, (r) => isObj(r) && opt(r.attributes, kvsOk))) return false
    const ok = opt(rs.scopeSpans, (sss) =>
      Array.isArray(sss) &&
      sss.every((ss) =>
        isObj(ss) &&
        opt(ss.scope, (sc) => isObj(sc) && opt(sc.name, isStr) && opt(sc.version, isStr)) &&
        opt(ss.spans, (sp) => Array.isArray(sp) && sp.every(spanOk)),
      ),
    )
    if (!ok) return false
  }
  return true
}
