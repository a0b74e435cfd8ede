import { useEffect, useState } from 'react'

/** Whole seconds since `at` (wall clock ms), re-rendering once a second; null without `at`. */
export function useSecondsSince(at: number | null): number | null {
  const [nowMs, setNowMs] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNowMs(Date.now()), 1000)
    return () => clearInterval(t)
  }, [])
  if (at === null || at === 0) return null
  return Math.max(0, Math.floor((nowMs - at) / 1000))
}
