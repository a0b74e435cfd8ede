import type { z } from 'zod'
import { ApiError } from '../errors'

/** Formats a zod issue path the way a developer would write it: `traces[3].duration`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else out += out ? `.${String(seg)}` : String(seg)
  }
  return out || '(root)'
}

/** Validates `body` with `schema`; a mismatch becomes a malformed-response ApiError naming the field. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  body: unknown,
  ctx: { source: string; url: string },
): z.infer<S> {
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = issue ? formatIssuePath(issue.path) : '(root)'
  throw new ApiError({
    kind: 'malformed',
    source: ctx.source,
    url: ctx.url,
    path,
    message: `The ${ctx.source} sent an answer the console cannot read: field "${path}" ${issue ? issue.message.toLowerCase() : 'is invalid'}.`,
  })
}

/** JSON text, then the schema; a body that is not JSON or does not fit is a malformed-answer ApiError. */
export function parseJsonText<S extends z.ZodType>(text: string, schema: S, ctx: { source: string; url: string }): z.infer<S> {
  const { source, url } = ctx
  let body: unknown
  try {
    body = text.length ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  if (body === undefined) {
    throw new ApiError({
      kind: 'malformed',
      source,
      url,
      message: `The ${source} sent an answer that is not JSON (it starts with "${text.trim().slice(0, 40)}").`,
    })
  }
  return parseWith(schema, body, { source, url })
}
