import { z } from 'zod'

/** The first bad field of an answer checked by hand, with its path as zod would give it. */
export type Problem = { path: (string | number)[]; message: string }

/**
 * A schema that validates small answers with `schema` itself and big ones with `check`, a
 * hand-written check of the same rules (zod's per-field work dominates on answers of 100,000
 * items). Either way a bad answer is reported as zod issues naming the first bad field.
 */
export function zodOrHandChecked<T>(
  schema: z.ZodType<T>,
  opts: { big: (body: unknown) => boolean; check: (body: unknown) => Problem | null },
): z.ZodType<T> {
  return z.unknown().transform((body, ctx): T => {
    if (!opts.big(body)) {
      const r = schema.safeParse(body)
      if (r.success) return r.data
      for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) })
      return z.NEVER
    }
    const problem = opts.check(body)
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path })
      return z.NEVER
    }
    // checked field by field against the same rules as `schema` (the tests compare the two)
    return body as T
  })
}
