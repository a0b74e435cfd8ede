/**
 * Records keyed by names that come from data (tag and attribute names, label names). A plain object,
 * which V8 keeps compact and quick to fill and read (an object made without a prototype is a hash
 * table: filling 100,000 spans' tags that way took five times as long). Names from data go in with
 * putData or assignData, never by assignment: assigning "__proto__" to a plain object would change
 * its prototype and drop the tag. Read a name from data with ownValue ("constructor" is inherited).
 */
export function dataRecord<T>(): Record<string, T> {
  return {}
}

/** Puts `value` under `key` as the record's own property, whatever the key ("__proto__" included). */
export function putData<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
  else record[key] = value
}

/** Object.assign for records of names from data: copies `source`'s own names into `target` with putData. */
export function assignData<T>(target: Record<string, T>, source: Readonly<Record<string, T>>): Record<string, T> {
  for (const key in source) if (Object.prototype.hasOwnProperty.call(source, key)) putData(target, key, source[key])
  return target
}

/** The record's own value for `key` (never one inherited from Object.prototype, such as `constructor`). */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined
}
