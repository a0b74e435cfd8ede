/**
 * Records keyed by names that come from data (tag and attribute names, label names): made without
 * a prototype, so a key such as "__proto__" or "constructor" is stored and read like any other
 * (on a plain `{}`, assigning "__proto__" would change the object's prototype and drop the tag).
 */
export function dataRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

/** The record's own value for `key` (never one inherited from Object.prototype, such as `constructor`). */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined
}
