/**
 * The requests of one data source that are on their way, for the console to say what it is
 * waiting for ("Still waiting for Jaeger (12 s)…") and to let the user cancel them. Each source
 * built by createDataSource shares one watch (DataSource.requests); src/api/http/request.ts
 * registers every request it sends there when given one.
 */
export interface WatchedRequest {
  readonly id: number
  /** the backend's name, as in messages ("Jaeger", "synthetic backend") */
  readonly source: string
  readonly url: string
  /** Date.now() when it was sent */
  readonly startedAt: number
  /** Date.now() when the answer's headers came; null while the backend has said nothing */
  firstByteAt: number | null
  /** bytes of the body received so far */
  bytes: number
  /** the body's announced length (Content-Length), when known */
  totalBytes: number | null
  /** Date.now() when the last bytes came */
  lastHeardAt: number
}

export interface WatchHandle {
  /** the answer's headers came (its length, when announced) */
  answered(totalBytes: number | null): void
  /** more of the body came */
  received(bytes: number): void
  /** the request is over (answered, failed or cancelled) */
  end(): void
}

export class RequestWatch {
  private readonly open = new Map<number, { request: WatchedRequest; cancel: () => void }>()
  private readonly listeners = new Set<() => void>()
  private nextId = 1

  /** Registers a request; `cancel` stops it as the user cancelling it (see RequestControl). */
  start(source: string, url: string, cancel: () => void): WatchHandle {
    const id = this.nextId++
    const now = Date.now()
    const request: WatchedRequest = { id, source, url, startedAt: now, firstByteAt: null, bytes: 0, totalBytes: null, lastHeardAt: now }
    this.open.set(id, { request, cancel })
    this.notify()
    return {
      answered: (totalBytes) => {
        request.firstByteAt = Date.now()
        request.lastHeardAt = request.firstByteAt
        request.totalBytes = totalBytes
      },
      received: (bytes) => {
        request.bytes += bytes
        request.lastHeardAt = Date.now()
      },
      end: () => {
        if (this.open.delete(id)) this.notify()
      },
    }
  }

  /** The requests on their way, oldest first (a snapshot: read it again for newer figures). */
  pending(): WatchedRequest[] {
    return [...this.open.values()].map((o) => ({ ...o.request }))
  }

  /** Cancels the given requests (by id) that are still on their way. */
  cancel(ids: readonly number[]): void {
    for (const id of ids) this.open.get(id)?.cancel()
  }

  /** Listeners hear when a request starts or ends (not on every byte: read `pending` for those). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private notify(): void {
    for (const l of this.listeners) l()
  }
}
