/**
 * One line a reviewer can read for a timeline entry: "Tags +APPROVED +VIP_CLIENT -PENDING_REVIEW
 * by system", "Status pending -> approved", "Address updated", "Created by api_key_1". PII values never appear: PII
 * fields are named, not shown, so a summary needs no masking after a redaction.
 */
import type { Change } from '../../aggregates/aggregate.js';
import { touchesPii } from './mask.js';

export interface SummaryInput {
  type: string;
  actor: string | null;
  changes: readonly Change[];
  /** PII paths of the aggregate the changes belong to. */
  piiPaths: readonly string[];
  /** Event name unknown to the catalog. */
  unknown?: boolean;
}

const STATUS_PATHS = ['status', 'result'];

/** Fields every event or the first one sets; not news for a reviewer. */
const BOOKKEEPING: ReadonlySet<string> = new Set([
  'version',
  'updatedAt',
  'createdAt',
  'createdBy',
  'anomalies',
  'id',
  'kind',
]);

/** `USER_PROFILE_CREATE`, `account.created`, `case.created`; not `USER_PROFILE_CREATE_SESSION_URL`. */
const CREATION = /(^|[._/-])created?$/i;

function topField(path: string): string {
  const cut = path.indexOf('.');
  return cut < 0 ? path : path.slice(0, cut);
}

/** Field names and event types repeat across every event of a rebuild: each is worked out once. */
const HUMAN = new Map<string, string>();
const CREATES = new Map<string, boolean>();
const MEMO_LIMIT = 10_000;

function memo<T>(cache: Map<string, T>, key: string, make: (key: string) => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make(key);
    if (cache.size < MEMO_LIMIT) cache.set(key, value);
  }
  return value;
}

function humanField(field: string): string {
  return memo(HUMAN, field, (f) => {
    const words = f.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  });
}

function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function pushTags(into: string[], v: unknown): void {
  if (Array.isArray(v)) for (const t of v) into.push(String(t));
  else if (typeof v === 'string') into.push(v);
}

/** The values of `a` not matched one for one in `b`. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const rest = [...b];
  return a.filter((x) => {
    const i = rest.indexOf(x);
    if (i < 0) return true;
    rest.splice(i, 1);
    return false;
  });
}

/** Multiset difference of tag values before and after, whether the changes are whole arrays or per index. */
function tagDiff(changes: readonly Change[]): { added: string[]; removed: string[] } {
  const before: string[] = [];
  const after: string[] = [];
  for (const c of changes) {
    pushTags(before, c.before);
    pushTags(after, c.after);
  }
  return { added: minus(after, before).sort(), removed: minus(before, after).sort() };
}

export function summarise(input: SummaryInput): string {
  const byField = new Map<string, Change[]>();
  for (const c of input.changes) {
    const field = topField(c.path);
    if (BOOKKEEPING.has(field)) continue;
    const list = byField.get(field);
    if (list) list.push(c);
    else byField.set(field, [c]);
  }
  const parts: string[] = [];
  // A creation sets every field it carries: "Created by …" says it, a list of "X updated" would not.
  const created = memo(CREATES, input.type, (type) => CREATION.test(type));
  if (created) parts.push('Created');
  if (byField.get('redacted')?.some((c) => c.after === true)) parts.push('Redacted');
  byField.delete('redacted');
  byField.delete('redactedAt');
  const tags = byField.get('tags');
  if (tags) {
    const { added, removed } = tagDiff(tags);
    const items = [...added.map((t) => `+${t}`), ...removed.map((t) => `-${t}`)];
    if (items.length > 0 && !parts.includes('Redacted')) parts.push(`Tags ${items.join(' ')}`);
    byField.delete('tags');
  }
  for (const field of STATUS_PATHS) {
    const list = byField.get(field);
    const whole = list?.find((c) => c.path === field);
    if (whole && !touchesPii(field, input.piiPaths)) {
      const from = created && text(whole.before) === 'none' ? '' : `${text(whole.before)} -> `;
      parts.push(`${humanField(field)} ${from}${text(whole.after)}`);
      byField.delete(field);
    }
  }
  const rest = [...byField.keys()];
  if (!parts.includes('Redacted') && !created) {
    for (const field of rest.slice(0, 3)) parts.push(`${humanField(field)} updated`);
    if (rest.length > 3) parts.push(`${rest.length - 3} more fields updated`);
  }
  if (parts.length === 0) parts.push(input.unknown ? `${input.type} (unknown event)` : input.type);
  const line = parts.join('; ');
  return input.actor ? `${line} by ${input.actor}` : line;
}
