/// <reference lib="webworker" />
/** The second reader of a big trace file: reads, parses and converts its tail part (trace-file-parts.ts). */
import { serveTailPart } from './trace-file-parts'
import type { PartPort } from './trace-file-parts'

serveTailPart(self as unknown as PartPort)
