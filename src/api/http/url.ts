type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[]

/** Builds `path?query`; undefined, null and empty values are left out, arrays repeat the key. */
export function buildUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) {
      for (const v of value as readonly (string | number)[]) params.append(key, String(v))
    } else {
      params.set(key, String(value))
    }
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}
