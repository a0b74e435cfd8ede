/**
 * Values read from the address or from browser storage that the console refused, kept so the
 * shell can say which parameter was not used and why (instead of failing, or silently ignoring it).
 * Each parameter is reported once per page load.
 */
export interface InputNotice {
  /** where the value came from */
  from: 'address' | 'storage'
  /** the parameter or storage key, e.g. "now" or "tracelens.pinnedNow" */
  name: string
  /** the refused value, shortened for display */
  value: string
  /** why it was refused and what the console does instead, in plain words */
  reason: string
}

let notices: readonly InputNotice[] = []
const listeners = new Set<() => void>()

const MAX_VALUE_CHARS = 80

export function refuseInput(notice: InputNotice): void {
  if (notices.some((n) => n.from === notice.from && n.name === notice.name)) return
  const value = notice.value.length > MAX_VALUE_CHARS ? `${notice.value.slice(0, MAX_VALUE_CHARS)}… (${notice.value.length} characters)` : notice.value
  // a new list each time, so a subscriber sees the change
  notices = [...notices, { ...notice, value }]
  for (const l of listeners) l()
}

export function inputNotices(): readonly InputNotice[] {
  return notices
}

export function subscribeInputNotices(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Tests only: forget every notice. */
export function clearInputNotices(): void {
  notices = []
  for (const l of listeners) l()
}
