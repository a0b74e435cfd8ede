/// <reference lib="webworker" />
/** Reads one backend's trace answer off the main thread (backend-trace-steps.ts). */
import { serveBackendTrace } from './backend-trace-steps'
import type { BackendTraceRequest, BackendTraceResponse, TracePort } from './backend-trace-steps'

serveBackendTrace(self as unknown as TracePort<BackendTraceRequest, BackendTraceResponse>)
