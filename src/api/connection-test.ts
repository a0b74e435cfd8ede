/**
 * "Test connection" for the settings page: one small request to a source as the form describes it
 * (saved or not), and what happened in plain words. Nothing is kept; the request uses the same
 * fetch wrapper as the sources, so failures read the same way.
 */
import { z } from 'zod'
import type { SourceConfig } from './config'
import { now } from '../lib/clock'
import { syntheticBackendSettled } from '../lib/synthetic-world'
import { isApiError } from './errors'
import { buildUrl } from './http/url'
import { fetchText } from './http/request'
import { ServicesResponseSchema } from './schemas/service'
import { CONSOLE_API_PATH } from './sources/console-api'

export interface ConnectionResult {
  ok: boolean
  /** one or two sentences a person can act on */
  message: string
  /** the address asked, for the message's reader */
  url: string | null
}

/** How long the test waits for an answer. */
export const CONNECTION_TEST_SILENCE_MS = 10_000

interface Probe {
  name: string
  path: string
  schema: z.ZodType
  /** what the answer holds, for the OK message */
  found: (answer: never) => string
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

const PROBES: Record<string, Probe> = {
  synthetic: {
    name: 'synthetic world',
    path: `${CONSOLE_API_PATH}/services`,
    schema: ServicesResponseSchema,
    found: (a: z.infer<typeof ServicesResponseSchema>) => plural(a.services.length, 'service'),
  },
  jaeger: {
    name: 'Jaeger',
    path: '/api/services',
    schema: z.object({ data: z.array(z.string()).nullable() }),
    found: (a: { data: string[] | null }) => plural(a.data?.length ?? 0, 'service'),
  },
  tempo: {
    name: 'Tempo',
    path: '/api/search/tags',
    schema: z.object({ tagNames: z.array(z.string()) }),
    found: (a: { tagNames: string[] }) => plural(a.tagNames.length, 'tag name'),
  },
  prometheus: {
    name: 'Prometheus',
    path: '/api/v1/label/__name__/values',
    schema: z.object({ status: z.literal('success'), data: z.array(z.string()) }),
    found: (a: { data: string[] }) => plural(a.data.length, 'metric name'),
  },
}

/** Asks the source the form describes one small question and says what happened. */
export async function testConnection(c: SourceConfig, signal?: AbortSignal): Promise<ConnectionResult> {
  const probe = PROBES[c.kind]
  if (!probe) return { ok: true, message: 'Nothing to connect to: this source is turned off.', url: null }
  const base = c.kind === 'synthetic' ? '' : (c.baseUrl ?? '').trim().replace(/\/+$/, '')
  const shown = `${base}${probe.path}`
  const t = now()
  const url = buildUrl(shown, c.kind === 'synthetic' ? { from: t - 30 * 60_000, to: t } : {})
  // the synthetic world answers once its service worker controls the page (boot starts it)
  if (c.kind === 'synthetic') await syntheticBackendSettled()
  let text: string
  try {
    text = await fetchText(url, {
      signal,
      source: c.kind === 'synthetic' ? probe.name : `${probe.name} server`,
      silenceMs: CONNECTION_TEST_SILENCE_MS,
      headers: c.authHeader ? { Authorization: c.authHeader } : undefined,
    })
  } catch (e) {
    return { ok: false, url, message: failureText(e, probe, shown) }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    const html = /^\s*</.test(text)
    return {
      ok: false,
      url,
      message: `Wrong kind of answer: ${shown} answered with ${html ? 'an HTML page' : 'text that is not JSON'}, not as ${probe.name} does. Is the base URL the address ${probe.name} is served at?`,
    }
  }
  const parsed = probe.schema.safeParse(json)
  if (!parsed.success) {
    return { ok: false, url, message: `Wrong kind of answer: ${shown} answered with JSON, but not as ${probe.name} does. Is the base URL the address ${probe.name} is served at?` }
  }
  return { ok: true, url, message: `OK: ${probe.name} answered at ${shown} with ${(probe.found as (a: unknown) => string)(parsed.data)}.` }
}

function failureText(e: unknown, probe: Probe, url: string): string {
  if (!isApiError(e)) return `The test failed: ${e instanceof Error ? e.message : String(e)}`
  if (e.kind === 'timeout') return `Timed out: ${url} did not answer within ${CONNECTION_TEST_SILENCE_MS / 1000} s.`
  if (e.kind === 'offline') return `Network or CORS: ${e.message}`
  if (e.kind === 'aborted') return 'The test was cancelled.'
  if (e.status === 401 || e.status === 403)
    return `Refused (${e.status}): ${probe.name} at ${url} did not accept the request's credentials. Check the Authorization header.`
  if (e.status === 404) return `Not found (404): nothing answers at ${url}. The base URL's path is probably wrong.`
  return e.message
}
