import { useEffect, useSyncExternalStore } from 'react'

/**
 * What a view shows when it is not the header's range (a trace's own time, a marked point):
 * the view says it here and the header shows it beside the range, so nobody reads the range as
 * the window of what is on screen.
 */
export interface ViewWindowNote {
  /** e.g. "This trace" */
  label: string
  from: number
  to: number
}

let note: ViewWindowNote | null = null
const listeners = new Set<() => void>()
const subscribe = (l: () => void) => {
  listeners.add(l)
  return () => listeners.delete(l)
}
const read = () => note

function setNote(next: ViewWindowNote | null) {
  note = next
  for (const l of listeners) l()
}

/** A view announces the window it shows while it is mounted; null announces nothing. */
export function useAnnounceViewWindow(next: ViewWindowNote | null): void {
  const label = next?.label
  const from = next?.from
  const to = next?.to
  useEffect(() => {
    if (label === undefined || from === undefined || to === undefined) return
    setNote({ label, from, to })
    return () => setNote(null)
  }, [label, from, to])
}

export function useViewWindowNote(): ViewWindowNote | null {
  return useSyncExternalStore(subscribe, read, read)
}
