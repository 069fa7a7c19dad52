import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG_CATEGORIES, catalogEntries, catalogEntry } from '../../src/events/catalog/index.js';
import { aggregateOfStream, streamVendorId } from '../../src/events/streams.js';

// The vendor lists live beside the repository (../shared/seeds), or where SEEDS_DIR points.
const SEEDS = process.env.SEEDS_DIR
  ? new URL(`file://${process.env.SEEDS_DIR.replace(/\/?$/, '/')}`)
  : new URL('../../../shared/seeds/', import.meta.url);
const seedsPresent = existsSync(new URL('persona-events.txt', SEEDS));
if (!seedsPresent)
  console.log(
    `event catalog: seed lists not found at ${SEEDS.pathname}; skipping the seed re-count (set SEEDS_DIR)`,
  );

/** Seed files: Persona lists `resource.action` lines; AiPrise lists `| TYPE | description |` table rows. */
function seedNames(): { persona: string[]; aiprise: string[] } {
  const persona = readFileSync(new URL('persona-events.txt', SEEDS), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[a-z][a-z0-9/-]*\.[a-z0-9-]+$/.test(l));
  const aiprise = readFileSync(new URL('aiprise-user-profile-events.txt', SEEDS), 'utf8')
    .split('\n')
    .map((l) => /^([A-Z][A-Z_]+) \|/.exec(l.trim())?.[1])
    .filter((n): n is string => n !== undefined);
  return { persona, aiprise };
}

describe.skipIf(!seedsPresent)('event catalog against the vendor seed lists', () => {
  const seeds = seedsPresent ? seedNames() : { persona: [], aiprise: [] };

  it('holds exactly the seed names: 249 Persona + 31 AiPrise = 280', () => {
    expect(seeds.persona).toHaveLength(249);
    expect(seeds.aiprise).toHaveLength(31);
    expect(new Set(seeds.persona).size).toBe(249);
    expect(catalogEntries('persona').map((e) => e.name)).toEqual(seeds.persona);
    expect(catalogEntries('aiprise').map((e) => e.name)).toEqual(seeds.aiprise);
    expect(catalogEntries()).toHaveLength(280);
  });

  it('describes every entry in its own words', () => {
    const seedText = readFileSync(new URL('persona-events.txt', SEEDS), 'utf8');
    for (const entry of catalogEntries()) {
      expect(entry.description.length).toBeGreaterThan(5);
      expect(seedText.includes(entry.description)).toBe(false);
    }
  });
});

describe('event catalog', () => {
  it('holds 249 Persona and 31 AiPrise entries, unique per vendor', () => {
    expect(new Set(catalogEntries('persona').map((e) => e.name)).size).toBe(249);
    expect(new Set(catalogEntries('aiprise').map((e) => e.name)).size).toBe(31);
  });

  it('names each Persona resource as the part before the last dot', () => {
    for (const entry of catalogEntries('persona')) {
      expect(entry.resource).toBe(entry.name.slice(0, entry.name.lastIndexOf('.')));
    }
    expect(catalogEntry('persona', 'report/watchlist.matched')?.resource).toBe('report/watchlist');
    expect(catalogEntry('persona', 'connect/share-token.ready')?.resource).toBe('connect/share-token');
    expect(catalogEntry('persona', 'inquiry-session.started')?.resource).toBe('inquiry-session');
  });

  it('routes families to the aggregates the design names', () => {
    const kind = (name: string) => catalogEntry('persona', name)?.kind;
    expect(kind('account.created')).toBe('account');
    expect(kind('transaction.labeled')).toBe('account');
    expect(kind('case.resolved')).toBe('case');
    expect(kind('case-comment.created')).toBe('case');
    expect(kind('inquiry.approved')).toBe('inquiry');
    expect(kind('verification.passed')).toBe('inquiry');
    expect(kind('report/watchlist.matched')).toBe('inquiry');
    expect(kind('selfie.processed')).toBe('inquiry');
    expect(kind('workflow.published')).toBeNull();
    expect(kind('account-type.deleted-field')).toBeNull();
    expect(kind('case-template.deleted-field')).toBeNull();
    for (const entry of catalogEntries('aiprise')) expect(entry.kind).toBe('user-profile');
  });

  it('does not know names outside the seeds, and keeps vendors apart', () => {
    expect(catalogEntry('persona', 'account.something-new')).toBeUndefined();
    expect(catalogEntry('aiprise', 'account.created')).toBeUndefined();
    expect(catalogEntry('persona', 'TAGS_UPDATED')).toBeUndefined();
  });

  it('registers its non-aggregate stream categories so stream ids split correctly', () => {
    for (const c of [
      'persona-verification',
      'persona-report',
      'persona-inquiry-session',
      'aiprise-session',
      'aiprise-business-profile',
    ]) {
      expect(CATALOG_CATEGORIES).toContain(c);
    }
    expect(CATALOG_CATEGORIES).not.toContain('persona-account');
    // Aggregate streams are told apart by their kind alone; no other category starts with one.
    expect(aggregateOfStream('persona-inquiry-session-iss_1')).toBeUndefined();
    expect(aggregateOfStream('aiprise-session-0b6f-44aa-9c1d')).toBeUndefined();
    expect(aggregateOfStream('user-profile-up_1')).toEqual({ kind: 'user-profile', id: 'up_1' });
    expect(aggregateOfStream('case-case_1')).toEqual({ kind: 'case', id: 'case_1' });
    expect(streamVendorId('inquiry-inq_a-b')).toBe('inq_a-b');
    for (const c of CATALOG_CATEGORIES) expect(c).toMatch(/^(persona|aiprise)-/);
  });
});
