import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useState } from 'react'
import { useNavigate } from 'react-router'
import { useDataSource } from '../../../api/source-context'
import { isFormatError } from '../../../api/formats/format-error'
import type { TraceFileFormat } from '../../../api/formats/trace-file'
import type { Trace } from '../../../domain/model'
import { traceHref } from '../../../lib/links'
import { putFileTrace } from './file-trace-cache'
import { prepareTraceFileReader, readTraceFile } from './read-trace-file'
import { useTraceLoader } from '../../../api/trace-loading/hooks'
import { traceKey } from '../../../api/trace-loading/trace-key'
import type { TraceKey } from '../../../api/trace-loading/trace-key'
import type { TraceLoadProgress } from '../../../api/sources/data-source'
import type { ReadStage } from './trace-file-steps'

export type OpenFileState =
  | { status: 'idle' }
  | { status: 'reading'; fileName: string; stage: ReadStage; bytes: number }
  | { status: 'error'; fileName: string; message: string }
  | { status: 'pick'; fileName: string; format: TraceFileFormat; choices: { id: string; trace: Trace }[]; warnings: string[] }

/** Longest the file reader holds back for the page to draw a trace's first rows. */
const FIRST_ROWS_WAIT_MS = 800

/** Reads a dropped or picked trace file, caches its traces and opens the trace page (or offers a choice). */
export function useOpenTraceFile() {
  const queryClient = useQueryClient()
  const loader = useTraceLoader()
  const source = useDataSource()
  const navigate = useNavigate()
  const [state, setState] = useState<OpenFileState>({ status: 'idle' })
  // the reader's code loads while the page idles, not after the pick
  useEffect(() => {
    const id = setTimeout(prepareTraceFileReader, 500)
    return () => clearTimeout(id)
  }, [])

  const open = useCallback(
    async (file: File) => {
      const progress = (stage: ReadStage) => {
        // marks read by the benchmark (bench/cases/trace-file.mjs)
        if (stage === 'parsing') performance.mark('tracelens:file-read')
        setState({ status: 'reading', fileName: file.name, stage, bytes: file.size })
      }
      progress('reading')
      // a file of one trace opens its page as soon as it is read, and the page shows the first
      // rows while the rest of the spans are handed over
      const opened: { current: { key: TraceKey; last: TraceLoadProgress | null } | null } = { current: null }
      try {
        const parsed = await readTraceFile(file, {
          onStage: progress,
          onStart: ({ ids }) => {
            performance.mark('tracelens:file-start')
            if (ids.length !== 1) return
            opened.current = { key: traceKey(source.id, ids[0]), last: null }
            loader.progress.clear(opened.current.key)
            setState({ status: 'idle' })
            void navigate(traceHref(ids[0]))
          },
          onProgress: (_, p) => {
            if (!opened.current) return
            opened.current.last = p
            loader.progress.report(opened.current.key, p)
          },
          // the trace page says when it has drawn them; a trace without first rows does not wait
          firstRowsShown: () => (opened.current?.last?.preview ? loader.rows.when(opened.current.key, FIRST_ROWS_WAIT_MS) : Promise.resolve()),
        })
        performance.mark('tracelens:file-parsed')
        // "all spans received" is painted before the page builds the tree
        if (opened.current) await loader.progress.finish(opened.current.key)
        const choices = parsed.traces.map((trace, i) => ({ id: putFileTrace(queryClient, source, trace, parsed.ids[i]), trace }))
        if (opened.current) return
        if (choices.length === 1) {
          setState({ status: 'idle' })
          void navigate(traceHref(choices[0].id))
        } else {
          setState({ status: 'pick', fileName: file.name, format: parsed.format, choices, warnings: parsed.warnings })
        }
      } catch (e) {
        const message = isFormatError(e)
          ? e.message
          : `The file "${file.name}" could not be read${e instanceof Error && e.message ? `: ${e.message}` : ''}.`
        // the trace page is already open: it says so there
        const o = opened.current
        if (o) loader.progress.report(o.key, { spans: o.last?.spans ?? 0, total: o.last?.total ?? 0, failed: message })
        setState({ status: 'error', fileName: file.name, message })
      }
    },
    [queryClient, loader, source, navigate],
  )
  const dismiss = useCallback(() => setState({ status: 'idle' }), [])
  return { state, open, dismiss }
}
