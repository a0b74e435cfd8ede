import type { z } from 'zod'
import { formatIssuePath } from '../http/parse'

export type FormatErrorKind = 'empty' | 'too-big' | 'not-json' | 'unknown-format' | 'invalid' | 'no-spans'

/** The one error the format converters throw: a plain message, plus where the problem is. */
export class FormatError extends Error {
  readonly kind: FormatErrorKind
  /** for invalid files: the offending field, e.g. "data[0].spans[3].startTime" */
  readonly path: string | null

  constructor(kind: FormatErrorKind, message: string, path: string | null = null) {
    super(message)
    this.name = 'FormatError'
    this.kind = kind
    this.path = path
  }
}

export function isFormatError(e: unknown): e is FormatError {
  return e instanceof FormatError
}

/** Validates with zod; a mismatch becomes a FormatError naming the field and what was expected. */
export function parseFormat<S extends z.ZodType>(
  schema: S,
  body: unknown,
  what: string,
  prefix: readonly PropertyKey[] = [],
): z.infer<S> {
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = formatIssuePath([...prefix, ...(issue?.path ?? [])])
  const detail = issue ? issue.message.replace(/^Invalid input: /, '') : 'invalid'
  const missing = /received undefined$/.exec(detail)
  throw new FormatError(
    'invalid',
    missing
      ? `This ${what} lacks the field "${path}" (${detail.replace(/, received undefined$/, '')}).`
      : `This ${what} has an invalid field "${path}": ${detail}.`,
    path,
  )
}
