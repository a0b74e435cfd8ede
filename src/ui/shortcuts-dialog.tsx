import { useEffect, useRef, useState } from 'react'
import './shortcuts-dialog.css'

interface Keys {
  keys: string[]
  what: string
}
interface Section {
  title: string
  keys: Keys[]
}

/** Every view's keys. Kept next to the dialog so one place lists them all; each handler's comment points here. */
export const SHORTCUTS: readonly Section[] = [
  {
    title: 'Everywhere',
    keys: [
      { keys: ['?'], what: 'Open this list of shortcuts' },
      { keys: ['Esc'], what: 'Close a dialog, menu or pop-up' },
      { keys: ['Tab', 'Shift Tab'], what: 'Move between controls; "Skip to content" is the first stop' },
    ],
  },
  {
    title: 'Trace: timeline (Gantt)',
    keys: [
      { keys: ['/'], what: 'Search spans' },
      { keys: ['Enter', 'Shift Enter'], what: 'In the search box: next / previous match' },
      { keys: ['↓', '↑'], what: 'Next / previous span (the timeline has focus when the page opens)' },
      { keys: ['→', '←'], what: 'Expand, go to the first child / collapse, go to the parent' },
      { keys: ['Enter', 'Space'], what: 'Expand or collapse the span' },
      { keys: ['Home', 'End'], what: 'First / last span' },
      { keys: ['Page Down', 'Page Up'], what: 'Twenty spans down / up' },
      { keys: ['e', 'Shift E'], what: 'Next / previous error (error origins first)' },
    ],
  },
  {
    title: 'Trace: minimap and splitters',
    keys: [
      { keys: ['←', '→'], what: 'Minimap: move the zoom window by a tenth of its width' },
      { keys: ['Shift ←', 'Shift →'], what: 'Minimap: narrow / widen the zoom window' },
      { keys: ['Page Up', 'Page Down'], what: 'Minimap: move the zoom window by ten steps' },
      { keys: ['Esc'], what: 'Minimap: show the whole trace' },
      { keys: ['←', '→'], what: 'Column and panel splitters: narrower / wider (Shift: larger steps); Home / End: smallest / largest' },
    ],
  },
  {
    title: 'Trace: flame graph',
    keys: [
      { keys: ['←', '→'], what: 'Previous / next frame on the same row' },
      { keys: ['↑', '↓'], what: 'Parent frame / first child frame' },
      { keys: ['Page Up', 'Page Down'], what: 'Ten frames left / right' },
      { keys: ['Home'], what: 'Back to the first frame under the zoom' },
      { keys: ['Enter', 'Space'], what: 'Zoom into the frame and list its spans' },
      { keys: ['Esc', 'Backspace'], what: 'Zoom out one level' },
    ],
  },
  {
    title: 'Metrics charts',
    keys: [
      { keys: ['←', '→'], what: 'Previous / next point (the cursor starts at the selection, else at the latest point)' },
      { keys: ['Page Up', 'Page Down'], what: 'Ten points back / forward' },
      { keys: ['Home', 'End'], what: 'First / last visible point' },
      { keys: ['Shift ←', 'Shift →'], what: 'Extend a range from the cursor' },
      { keys: ['↑', '↓'], what: 'Previous / next line' },
      { keys: ['e', 'Shift E'], what: 'Next / previous exemplar' },
      { keys: ['Enter', 'Space'], what: 'List the traces of the point or range (on an exemplar: open its trace)' },
      { keys: ['Esc'], what: 'Step back: exemplar, range, selection, cursor' },
    ],
  },
]

const OPEN_EVENT = 'tracelens:shortcuts'

const typing = (t: EventTarget | null) => {
  const el = t as HTMLElement | null
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
}

/** `?` (outside text fields) opens the list of every view's keyboard shortcuts; Esc closes it. */
export function ShortcutsDialog() {
  const [open, setOpen] = useState(false)
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return
      e.preventDefault()
      setOpen(true)
    }
    const onAsk = () => setOpen(true)
    window.addEventListener('keydown', onKey)
    window.addEventListener(OPEN_EVENT, onAsk)
    return () => {
      window.removeEventListener('keydown', onKey)
      window.removeEventListener(OPEN_EVENT, onAsk)
    }
  }, [])
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) {
      if (typeof d.showModal === 'function') d.showModal()
      else d.setAttribute('open', '')
    } else if (!open && d.open) d.close()
  }, [open])
  return (
    <dialog ref={ref} className="shortcuts" aria-labelledby="shortcuts-title" onClose={() => setOpen(false)} onClick={(e) => e.target === e.currentTarget && setOpen(false)}>
      {open ? (
        <div className="shortcuts-body">
          <div className="shortcuts-head">
            <h2 id="shortcuts-title">Keyboard shortcuts</h2>
            <button type="button" className="btn" onClick={() => setOpen(false)} autoFocus>
              Close
            </button>
          </div>
          <div className="shortcuts-sections">
            {SHORTCUTS.map((s) => (
              <section key={s.title} aria-label={s.title}>
                <h3>{s.title}</h3>
                <dl>
                  {s.keys.map((k, i) => (
                    <div key={i} className="shortcuts-row">
                      <dt>
                        {k.keys.map((key, j) => (
                          <span key={j}>
                            {j > 0 ? <span className="muted"> / </span> : null}
                            <kbd>{key}</kbd>
                          </span>
                        ))}
                      </dt>
                      <dd>{k.what}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
        </div>
      ) : null}
    </dialog>
  )
}

/** A button for the shortcuts list, for those who do not know to press `?`. */
export function ShortcutsButton() {
  return (
    <button
      type="button"
      className="btn btn-ghost"
      aria-label="Keyboard shortcuts"
      title="Keyboard shortcuts (?)"
      onClick={() => window.dispatchEvent(new Event(OPEN_EVENT))}
    >
      ?
    </button>
  )
}
