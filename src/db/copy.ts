/**
 * COPY FROM for bulk loads, on node-postgres through pg-copy-streams: a transaction executor of
 * PgSqlClient carries `copyFrom`; other executors (PGlite's, see pglite-client.ts) do not, and
 * callers fall back to one multi-row INSERT from a JSON document.
 *
 * `text` is COPY's text format: one line per row, columns separated by tabs, `\N` for NULL, and
 * backslash, newline, carriage return and tab escaped (copyText does that for one value).
 */
import type { SqlExecutor } from './sql-client.js';
import { assertIdentifier } from './identifiers.js';

export interface CopyExecutor extends SqlExecutor {
  copyFrom(table: string, columns: readonly string[], text: string): Promise<void>;
}

/** True when the client's transactions carry copyFrom (PgSqlClient says so). */
export function clientCopies(client: object): boolean {
  return (client as { supportsCopy?: unknown }).supportsCopy === true;
}

export function copyExecutor(tx: SqlExecutor): CopyExecutor | undefined {
  return typeof (tx as Partial<CopyExecutor>).copyFrom === 'function' ? (tx as CopyExecutor) : undefined;
}

/** `copy <table> (<columns>)` with every identifier validated (they cannot be bound). */
export function copyTarget(table: string, columns: readonly string[]): string {
  return `${assertIdentifier(table, 'table')} (${columns.map((c) => assertIdentifier(c, 'column')).join(', ')})`;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One value in COPY text format (null and undefined become NULL). */
export function copyText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const s = String(value);
  return /[\\\n\r\t]/.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!) : s;
}

/** A text[] literal (`{"a","b"}`), to pass through copyText. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
