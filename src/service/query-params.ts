/**
 * Turns HTTP query strings into the library's query options. Repeated keys and comma lists both
 * work (`types=report/*&types=TICKET_*` or `types=report/*,TICKET_*`).
 */
import type { TimelineOptions } from '../timeline/options.js';
import { InvalidQueryError } from '../timeline/errors.js';

type QueryValue = string | string[] | undefined;
export type QueryBag = Record<string, QueryValue>;

function one(query: QueryBag, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) {
    if (v.length > 1) throw new InvalidQueryError(name, 'give it once');
    return v[0];
  }
  return v;
}

function many(query: QueryBag, name: string): string[] | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(','));
}

function bool(query: QueryBag, name: string): boolean | undefined {
  const v = one(query, name);
  if (v === undefined) return undefined;
  if (v === '' || v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new InvalidQueryError(name, 'must be true or false');
}

function integer(query: QueryBag, name: string): number | undefined {
  const v = one(query, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,9}$/.test(v)) throw new InvalidQueryError(name, 'must be a whole number');
  return Number(v);
}

export function timelineOptionsFromQuery(query: QueryBag): TimelineOptions {
  const order = one(query, 'order');
  if (order !== undefined && order !== 'asc' && order !== 'desc')
    throw new InvalidQueryError('order', 'must be "asc" or "desc"');
  const options: TimelineOptions = {};
  const from = one(query, 'from');
  const to = one(query, 'to');
  const types = many(query, 'types') ?? many(query, 'type');
  const actor = many(query, 'actor');
  const includeRelated = bool(query, 'includeRelated');
  const limit = integer(query, 'limit');
  const cursor = one(query, 'cursor');
  if (from !== undefined) options.from = from;
  if (to !== undefined) options.to = to;
  if (types !== undefined) options.types = types;
  if (actor !== undefined) options.actor = actor;
  if (includeRelated !== undefined) options.includeRelated = includeRelated;
  if (order !== undefined) options.order = order;
  if (limit !== undefined) options.limit = limit;
  if (cursor !== undefined) options.cursor = cursor;
  return options;
}

export function stateOptionsFromQuery(query: QueryBag): { asOf?: string; version?: number } {
  const asOf = one(query, 'asOf');
  const version = integer(query, 'version');
  return { ...(asOf !== undefined ? { asOf } : {}), ...(version !== undefined ? { version } : {}) };
}
