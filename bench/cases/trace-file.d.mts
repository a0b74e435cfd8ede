/** A Jaeger trace file of `n` spans in the query API's shape ({"data":[trace]}), as the trace-file bench opens it. */
export declare function jaegerTrace(n: number, seed?: number): { data: { traceID: string; spans: unknown[]; processes: Record<string, unknown> }[] }
export declare const cases: { name: string; run: (ctx: unknown) => Promise<void> }[]
