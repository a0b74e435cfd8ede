import { useCallback, useEffect, useState } from 'react'
import { useNavigate } from 'react-router'
import type { TraceFileFormat } from '../../../api/formats/trace-file'
import { useTraceLoader } from '../../../api/trace-loading/hooks'
import type { ReadStage } from '../../../api/trace-loading/files/trace-file-steps'
import type { Trace } from '../../../domain/model'
import { traceHref } from '../../../lib/links'

export type OpenFileState =
  | { status: 'idle' }
  | { status: 'reading'; fileName: string; stage: ReadStage; bytes: number }
  | { status: 'error'; fileName: string; message: string }
  | { status: 'pick'; fileName: string; format: TraceFileFormat; choices: { id: string; trace: Trace }[]; warnings: string[] }

/** Reads a dropped or picked trace file (the trace files source) and opens the trace page, or offers a choice. */
export function useOpenTraceFile({ prepare = true }: { prepare?: boolean } = {}) {
  const { files } = useTraceLoader()
  const navigate = useNavigate()
  const [state, setState] = useState<OpenFileState>({ status: 'idle' })
  // the reader's code loads while the page idles, not after the pick; `prepare` holds it back
  // while the page's first view still loads (its download would share the network with it)
  useEffect(() => {
    if (!prepare) return
    const id = setTimeout(() => files.prepare(), 500)
    return () => clearTimeout(id)
  }, [files, prepare])

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
      let opened = false
      try {
        const read = await files.open(file, {
          onStage: progress,
          onStart: ({ ids }) => {
            performance.mark('tracelens:file-start')
            if (ids.length !== 1) return
            opened = true
            setState({ status: 'idle' })
            void navigate(traceHref(ids[0]))
          },
        })
        performance.mark('tracelens:file-parsed')
        if (opened) return
        const choices = read.traces.map((trace, i) => ({ id: read.ids[i], trace }))
        if (choices.length === 1) {
          setState({ status: 'idle' })
          void navigate(traceHref(choices[0].id))
        } else {
          setState({ status: 'pick', fileName: file.name, format: read.format, choices, warnings: read.warnings })
        }
      } catch (e) {
        setState({ status: 'error', fileName: file.name, message: e instanceof Error ? e.message : String(e) })
      }
    },
    [files, navigate],
  )
  const dismiss = useCallback(() => setState({ status: 'idle' }), [])
  return { state, open, dismiss }
}
