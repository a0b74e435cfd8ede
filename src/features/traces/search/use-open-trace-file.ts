import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useState } from 'react'
import { useNavigate } from 'react-router'
import { useDataSource } from '../../../api/source-context'
import { isFormatError } from '../../../api/formats/format-error'
import type { TraceFileFormat } from '../../../api/formats/trace-file'
import type { Trace } from '../../../domain/model'
import { traceHref } from '../../../lib/links'
import { putFileTrace } from './file-trace-cache'
import { readTraceFile } from './read-trace-file'
import type { ReadStage } from './trace-file-steps'

export type OpenFileState =
  | { status: 'idle' }
  | { status: 'reading'; fileName: string; stage: ReadStage; bytes: number }
  | { status: 'error'; fileName: string; message: string }
  | { status: 'pick'; fileName: string; format: TraceFileFormat; choices: { id: string; trace: Trace }[]; warnings: string[] }

/** Reads a dropped or picked trace file, caches its traces and opens the trace page (or offers a choice). */
export function useOpenTraceFile() {
  const queryClient = useQueryClient()
  const source = useDataSource()
  const navigate = useNavigate()
  const [state, setState] = useState<OpenFileState>({ status: 'idle' })

  const open = useCallback(
    async (file: File) => {
      const progress = (stage: ReadStage) => {
        // marks read by the benchmark (bench/cases/trace-file.mjs)
        if (stage === 'parsing') performance.mark('tracelens:file-read')
        setState({ status: 'reading', fileName: file.name, stage, bytes: file.size })
      }
      progress('reading')
      try {
        const parsed = await readTraceFile(file, progress)
        performance.mark('tracelens:file-parsed')
        const choices = parsed.traces.map((trace, i) => ({ id: putFileTrace(queryClient, source, trace, parsed.ids[i]), trace }))
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
        setState({ status: 'error', fileName: file.name, message })
      }
    },
    [queryClient, source, navigate],
  )
  const dismiss = useCallback(() => setState({ status: 'idle' }), [])
  return { state, open, dismiss }
}
