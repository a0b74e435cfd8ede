import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'

/**
 * A button that opens a panel beside it (a menu, a filter list): a click outside or Escape closes
 * the panel, and Escape gives focus back to the button. Put `rootRef` and `onKeyDown` on the element
 * holding both, `buttonRef` on the button.
 */
export function useDisclosure() {
  const [open, setOpen] = useState(false)
  const id = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (!open) return
    const onDown = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onDown)
    return () => document.removeEventListener('pointerdown', onDown)
  }, [open])
  const close = () => {
    setOpen(false)
    buttonRef.current?.focus()
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.stopPropagation()
      close()
    }
  }
  return { open, setOpen, close, id, rootRef, buttonRef, onKeyDown }
}
