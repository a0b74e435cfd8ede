import { showControls } from '../lib/format'

/**
 * A string from data (service, span, tag name or value) in the page: isolated from the text around
 * it (`<bdi>`: a right-to-left name does not reorder the words next to it) and with its hidden
 * control characters shown (see showControls).
 */
export function UserText({ text, className, title }: { text: string; className?: string; title?: string }) {
  return (
    <bdi className={className} title={title === undefined ? undefined : showControls(title)}>
      {showControls(text)}
    </bdi>
  )
}
