/**
 * Maps keyed by vendor-chosen strings (hit ids, session ids, file uuids, field names). They are
 * null-prototype objects, so an id such as `__proto__`, `constructor` or `toString` is an ordinary
 * key: it never reaches Object.prototype, never finds an inherited value, and serialises to JSON as
 * any other key. States stay plain JSON, which Maps would not.
 */

/** A string-keyed record with no prototype. */
export type Dict<T> = Record<string, T>;

/** An empty null-prototype record. */
export function dict<T>(): Dict<T> {
  return Object.create(null) as Dict<T>;
}

/** The value at `key` when it is the record's own (never an inherited one). */
export function own<T>(record: Dict<T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * Sets `key` as an own, enumerable data property. On a null-prototype record plain assignment
 * does the same; this also holds for a record that came from elsewhere with a prototype.
 */
export function setOwn<T>(record: Dict<T>, key: string, value: T): void {
  if (key === '__proto__' && Object.getPrototypeOf(record) !== null) {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    record[key] = value;
  }
}

/**
 * A deep copy of JSON-like data with null-prototype objects: what interpretation hands to the
 * aggregates, so a state never aliases (and a frozen state never freezes) the stored event's data.
 */
export function plainJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(plainJson) as T;
  const out = dict<unknown>();
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) out[key] = plainJson(item);
  }
  return out as T;
}
