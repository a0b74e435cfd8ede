/** µs → a Go duration string, as Jaeger's query parameters expect ("1500us", "2ms", "1.5s"). */
export function toGoDuration(us: number): string {
  const v = Math.max(0, Math.round(us))
  if (v % 1_000_000 === 0) return `${v / 1_000_000}s`
  if (v % 1000 === 0) return `${v / 1000}ms`
  return `${v}us`
}

/** Maps with at most `limit` calls in flight (a backend with hundreds of services must not get hundreds of requests at once). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
