import { useState } from 'react'
import { foldText } from '../../../domain/trace/detail'
import { formatCount } from '../../../lib/format'

/** Any string from the trace, shown as inert text; long ones folded behind "show more". */
export function FoldedValue({ value, pre = false }: { value: string; pre?: boolean }) {
  const [open, setOpen] = useState(false)
  const fold = foldText(value)
  const text = open || !fold.folded ? value : fold.head
  const Tag = pre ? 'pre' : 'span'
  return (
    <>
      <Tag className={pre ? 'tp-pre' : 'tp-value'}>
        {text}
        {fold.folded && !open ? '…' : ''}
      </Tag>
      {fold.folded ? (
        <button type="button" className="tp-link-btn" onClick={() => setOpen(!open)}>
          {open ? 'show less' : `show more (${formatCount(fold.hiddenChars)} more characters)`}
        </button>
      ) : null}
    </>
  )
}
