import { useState } from 'react'
import { foldText } from '../../../../domain/trace/detail'
import { formatCount, showControls } from '../../../../lib/format'

/** Any string from the trace, shown as inert text; long ones folded behind "show more". */
export function FoldedValue({ value, pre = false }: { value: string; pre?: boolean }) {
  const [open, setOpen] = useState(false)
  const fold = foldText(value)
  const text = open || !fold.folded ? value : fold.head
  const Tag = pre ? 'pre' : 'span'
  return (
    <>
      <Tag className={pre ? 'tp-pre' : 'tp-value'}>
        {pre ? <Frames text={text} /> : <bdi>{showControls(text)}</bdi>}
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

/** Where a long frame may wrap: after path and package separators and argument commas, never inside a name. */
const BREAK_AFTER = /([/\\,(])/

/** Multi-line text such as a stack trace: one block per line (frame), wrapping only at separators. */
function Frames({ text }: { text: string }) {
  return text.split('\n').map((line, i) => (
    <span key={i} className="tp-frame">
      {line.split(BREAK_AFTER).map((part, j) => (j % 2 === 1 ? <span key={j}>{part}<wbr /></span> : part))}
      {line === '' ? '\u00a0' : null}
    </span>
  ))
}
