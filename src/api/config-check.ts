/**
 * Checks of the values a person types into Settings or a deployment writes into config.json, each
 * answering with the reason in plain words (null when the value is fine). Used on read (stored
 * overrides, config.json) and while typing, so a value that would break every request is refused
 * where it was entered instead of surfacing later as a network failure.
 */

/** The longest Authorization value accepted: common servers and proxies refuse header lines over 8 KB. */
export const MAX_AUTH_HEADER_CHARS = 8192

/**
 * A base URL is empty (this server), a path on this server (`/jaeger`), or an absolute http(s) URL.
 * Anything else (`javascript:`, `data:`, `//host`, a relative path) is refused with the reason.
 */
export function checkBaseUrl(raw: string): string | null {
  const v = raw.trim()
  if (v === '') return null
  // eslint-disable-next-line no-control-regex -- the control characters are what this check refuses
  if (/[\u0000-\u001f\u007f\s]/.test(v)) return 'A base URL cannot contain spaces, line breaks or control characters.'
  // browsers read "\" as "/" in http(s) URLs, so "/\host" would leave this server
  if (v.includes('\\')) return 'A base URL cannot contain a backslash (\\).'
  if (v.startsWith('//'))
    return 'It starts with "//", which names another server with this page\u2019s scheme: write it out as http://… or https://….'
  if (v.startsWith('/')) return v.includes('?') || v.includes('#') ? 'A base URL cannot carry a query (?…) or a fragment (#…): the console adds the API paths after it.' : null
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(v)
  if (!scheme)
    return 'Write an absolute URL (http://host:port or https://host) or a path on this server starting with "/" (such as /jaeger).'
  const s = scheme[1].toLowerCase()
  if (s !== 'http' && s !== 'https')
    return `"${s}:" addresses are not allowed: only http:// and https:// URLs, or a path on this server such as /jaeger.`
  let url: URL
  try {
    url = new URL(v)
  } catch {
    return 'This is not a valid URL.'
  }
  if (!url.hostname) return 'The URL names no host.'
  if (url.search || url.hash) return 'A base URL cannot carry a query (?…) or a fragment (#…): the console adds the API paths after it.'
  return null
}

/**
 * The Authorization value is sent as an HTTP header: no line breaks or control characters (a
 * browser refuses to send such a header, which would otherwise look like a network or CORS
 * failure), only ISO-8859-1 characters, and at most MAX_AUTH_HEADER_CHARS.
 */
export function checkAuthHeader(raw: string): string | null {
  if (raw === '') return null
  if (/[\r\n]/.test(raw)) return 'The Authorization value contains a line break, which an HTTP header cannot carry.'
  // eslint-disable-next-line no-control-regex -- the control characters are what this check refuses
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(raw)) return 'The Authorization value contains a control character, which an HTTP header cannot carry.'
  // any UTF-16 code unit above U+00FF (a surrogate half too)
  if (/[\u0100-\uffff]/.test(raw)) return 'The Authorization value contains characters outside ISO-8859-1 (such as emoji or non-Latin letters), which an HTTP header cannot carry.'
  if (raw.length > MAX_AUTH_HEADER_CHARS)
    return `The Authorization value is ${raw.length.toLocaleString('en-US')} characters long; servers and proxies refuse headers over ${MAX_AUTH_HEADER_CHARS.toLocaleString('en-US')} characters.`
  return null
}
