import { describe, expect, it } from 'vitest'
import { workerRpc } from './worker-rpc'

type Req = { id: number; type: 'double'; n: number }
type Res = { id: number; type: 'double'; n: number } | { id: number; type: 'error'; message: string }

/** A stand-in for a Worker: keeps what was posted, answers when told. */
function fakeWorker() {
  const posted: Req[] = []
  const w = {
    onmessage: null as ((e: MessageEvent<Res>) => void) | null,
    onerror: null as ((e: ErrorEvent) => void) | null,
    postMessage: (m: Req) => posted.push(m),
  }
  const answer = (r: Res) => w.onmessage?.({ data: r } as MessageEvent<Res>)
  const fail = (message: string) => w.onerror?.({ message } as ErrorEvent)
  return { worker: w as unknown as Worker, posted, answer, fail }
}

describe('workerRpc', () => {
  it('settles each request with the answer carrying its id, in whatever order they come', async () => {
    const f = fakeWorker()
    const rpc = workerRpc<Req, Res>(f.worker, (e) => new Error(e.message))
    const a = rpc.send({ type: 'double', n: 1 })
    const b = rpc.send({ type: 'double', n: 2 })
    expect(f.posted.map((p) => p.id)).toEqual([1, 2])
    f.answer({ id: 2, type: 'double', n: 4 })
    f.answer({ id: 1, type: 'double', n: 2 })
    expect(await a).toEqual({ id: 1, type: 'double', n: 2 })
    expect(await b).toEqual({ id: 2, type: 'double', n: 4 })
  })

  it('posts a note without an id, in order with the requests, and waits for no answer', async () => {
    const f = fakeWorker()
    const rpc = workerRpc<Req, Res, { type: 'note'; n: number }>(f.worker, (e) => new Error(e.message))
    const a = rpc.send({ type: 'double', n: 1 })
    rpc.notify({ type: 'note', n: 5 })
    const b = rpc.send({ type: 'double', n: 2 })
    expect(f.posted).toEqual([{ type: 'double', n: 1, id: 1 }, { type: 'note', n: 5 }, { type: 'double', n: 2, id: 2 }])
    f.answer({ id: 1, type: 'double', n: 2 })
    f.answer({ id: 2, type: 'double', n: 4 })
    expect([await a, await b]).toEqual([{ id: 1, type: 'double', n: 2 }, { id: 2, type: 'double', n: 4 }])
  })

  it('rejects a request whose answer is an error, with its message', async () => {
    const f = fakeWorker()
    const rpc = workerRpc<Req, Res>(f.worker, (e) => new Error(e.message))
    const a = rpc.send({ type: 'double', n: 1 })
    f.answer({ id: 1, type: 'error', message: 'too big' })
    await expect(a).rejects.toThrow('too big')
  })

  it('rejects every waiting request when the worker fails or is stopped', async () => {
    const f = fakeWorker()
    const rpc = workerRpc<Req, Res>(f.worker, (e) => new Error(`stopped: ${e.message}`))
    const a = rpc.send({ type: 'double', n: 1 })
    const b = rpc.send({ type: 'double', n: 2 })
    f.fail('out of memory')
    await expect(a).rejects.toThrow('stopped: out of memory')
    await expect(b).rejects.toThrow('stopped: out of memory')
    const c = rpc.send({ type: 'double', n: 3 })
    rpc.rejectAll(new Error('cancelled'))
    await expect(c).rejects.toThrow('cancelled')
  })
})
