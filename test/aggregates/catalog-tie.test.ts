/**
 * Each aggregate's folded event names, the vendor catalog and docs/aggregates.md must agree: every
 * catalog name an aggregate's stream receives is one it folds, and every name it folds is in its
 * table in the docs (and every table row names something it folds). The aggregates' switches are
 * exhaustive over their declared families at compile time; this ties the declarations to the rest.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AggregateDefinition } from '../../src/aggregates/aggregate.js';
import { aggregates } from '../../src/aggregates/registry.js';
import { AIPRISE_DECISION_CALLBACK } from '../../src/events/aiprise/decision-callback.js';
import { catalogEntries, sessionEventEntries } from '../../src/events/catalog/index.js';

const HEADINGS: Record<string, string> = {
  account: '## Account (',
  inquiry: '## Inquiry (',
  case: '## Case (',
  'user-profile': '## UserProfile (',
};

/** `report/watchlist.matched` -> `report`; `inquiry-session.started` -> `inquiry-session`. */
function familyOf(name: string): string {
  const family = name.slice(0, name.lastIndexOf('.'));
  const slash = family.indexOf('/');
  return slash < 0 ? family : family.slice(0, slash);
}

/** The event names an aggregate folds, from its declared families or channels and the catalog. */
function folded(def: AggregateDefinition): string[] {
  const f = def.folds;
  if (f.source === 'persona') {
    return catalogEntries('persona')
      .map((e) => e.name)
      .filter((name) => (f.families as readonly string[]).includes(familyOf(name)));
  }
  const names: string[] = [];
  if (f.channels.includes('user-profile')) names.push(...catalogEntries('aiprise').map((e) => e.name));
  if (f.channels.includes('session'))
    names.push(...sessionEventEntries().map((e) => e.name), AIPRISE_DECISION_CALLBACK);
  return [...new Set(names)];
}

/** `a.{x, y}` -> [`a.x`, `a.y`], every brace group expanded. */
function expand(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  const close = pattern.indexOf('}', open);
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  return pattern
    .slice(open + 1, close)
    .split(',')
    .flatMap((alt) => expand(`${head}${alt.trim()}${tail}`));
}

/** The name patterns in the first column of the aggregate's table(s) in docs/aggregates.md. */
function documented(kind: string): RegExp[] {
  const docs = readFileSync(new URL('../../docs/aggregates.md', import.meta.url), 'utf8');
  const start = docs.indexOf(HEADINGS[kind]!);
  const end = docs.indexOf('\n## ', start + 1);
  const section = docs.slice(start, end < 0 ? undefined : end);
  const cells = section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !/^\| (event|-)/.test(line))
    .map((line) =>
      line
        .split('|')[1]!
        .trim()
        .replace(/\s*\(.*\)$/, ''),
    );
  return cells
    .flatMap(expand)
    .map((p) => new RegExp(`^${p.replace(/[.]/g, '\\.').replace('<type>', '[a-z0-9-]+')}$`));
}

describe('aggregates, catalog and docs agree', () => {
  for (const [kind, def] of Object.entries(aggregates) as [string, AggregateDefinition][]) {
    it(`${kind}: every catalog name its stream receives is folded, and docs/aggregates.md lists exactly what it folds`, () => {
      const names = folded(def);
      expect(names.length).toBeGreaterThan(0);
      const routedHere = catalogEntries().filter((e) => e.kind === kind && e.vendor === def.folds.source);
      expect(routedHere.map((e) => e.name).filter((n) => !names.includes(n))).toEqual([]);
      const patterns = documented(kind);
      expect(
        names.filter((n) => !patterns.some((p) => p.test(n))),
        'folded but not in the docs table',
      ).toEqual([]);
      expect(
        patterns.filter((p) => !names.some((n) => p.test(n))).map(String),
        'in the docs table but not folded',
      ).toEqual([]);
    });
  }
});
