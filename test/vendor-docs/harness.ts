/**
 * Runs the vendor-documented fixtures (fixture.ts) through the real projector: every fixture's
 * deliveries are ingested, in arrival order, into one projector per store and inflection (fixtures
 * use distinct ids, which `loadFixtures` checks, so they cannot see each other), then every state,
 * timeline and absent-PII expectation is checked. Persona bodies are written in kebab-case and
 * re-inflected to camelCase and snake_case here, as a webhook's Key-Inflection setting would send them.
 */
import { readdirSync } from 'node:fs';
import { expect } from 'vitest';
import { camelizeKeys, inflectKeys, type Inflection } from '../../src/events/inflection.js';
import type { Projector, StoreOption } from '../../src/index.js';
import { openProjector } from '../../src/index.js';
import type { VendorDocFixture } from './fixture.js';

export interface LoadedFixture extends VendorDocFixture {
  file: string;
}

export async function loadFixtures(): Promise<LoadedFixture[]> {
  const out: LoadedFixture[] = [];
  for (const vendor of ['persona', 'aiprise']) {
    const dir = new URL(`./${vendor}/`, import.meta.url);
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .sort()) {
      const mod = (await import(new URL(file, dir).href)) as { fixtures: VendorDocFixture[] };
      for (const fixture of mod.fixtures) out.push({ ...fixture, file: `${vendor}/${file}` });
    }
  }
  checkIsolated(out);
  return out;
}

/** Two fixtures naming the same subject or event id would fold into each other. */
function checkIsolated(fixtures: LoadedFixture[]): void {
  const owner = new Map<string, string>();
  const claim = (key: string, fixture: LoadedFixture): void => {
    const other = owner.get(key);
    if (other !== undefined && other !== fixture.name)
      throw new Error(`fixtures "${other}" and "${fixture.name}" both use ${key}`);
    owner.set(key, fixture.name);
  };
  for (const fixture of fixtures) {
    for (const s of fixture.states) claim(`${s.kind}:${s.id}`, fixture);
    for (const d of fixture.deliveries) {
      const id = eventIdOf(d.body);
      if (id) claim(`event:${id}`, fixture);
    }
  }
}

function eventIdOf(body: Record<string, unknown>): string | undefined {
  const data = body.data as Record<string, unknown> | undefined;
  if (typeof data?.id === 'string' && data.type === 'event') return data.id;
  return typeof body.callback_event_id === 'string' ? body.callback_event_id : undefined;
}

const START = Date.parse('2026-01-01T00:00:00Z');

/** The body as the vendor would POST it under `inflection` (Persona; AiPrise always snake_case). */
export function serialise(
  fixture: VendorDocFixture,
  body: Record<string, unknown>,
  inflection: Inflection,
): string {
  if (fixture.vendor === 'aiprise' || inflection === 'kebab') return JSON.stringify(body);
  return JSON.stringify(inflectKeys(camelizeKeys(body), inflection));
}

export interface Run {
  projector: Projector;
  /** Problems ingest reported, by fixture name (a documented shape must never be refused). */
  refused: Map<string, string[]>;
}

export async function ingestAll(
  store: StoreOption,
  inflection: Inflection,
  fixtures: readonly LoadedFixture[],
): Promise<Run> {
  const projector = await openProjector({ store, allowUnsigned: true });
  const refused = new Map<string, string[]>();
  for (const fixture of fixtures) {
    for (const [i, delivery] of fixture.deliveries.entries()) {
      const receivedAt = delivery.receivedAt ?? new Date(START + i * 60_000).toISOString();
      const result = await projector.ingest(
        fixture.vendor,
        serialise(fixture, delivery.body, inflection),
        delivery.headers ?? {},
        { receivedAt },
      );
      if (result.outcome === 'quarantined' || result.outcome === 'rejected') {
        refused.set(fixture.name, [...(refused.get(fixture.name) ?? []), `delivery ${i}: ${result.reason}`]);
      }
    }
  }
  await projector.catchUp();
  return { projector, refused };
}

/**
 * Where `actual` departs from `expected` under toMatchObject's rules (objects partially, arrays
 * element by element and of the same length), one line per difference, so a failing fixture says
 * exactly which documented fact the projector got wrong.
 */
export function mismatches(actual: unknown, expected: unknown, path = ''): string[] {
  const show = (v: unknown): string => JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return [`${path || '(root)'}: expected ${show(expected)}, got ${show(actual)}`];
    return expected.flatMap((item, i) => mismatches(actual[i], item, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [`${path || '(root)'}: expected ${show(expected)}, got ${show(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) =>
      mismatches((actual as Record<string, unknown>)[key], value, path ? `${path}.${key}` : key),
    );
  }
  return Object.is(actual, expected)
    ? []
    : [`${path || '(root)'}: expected ${show(expected)}, got ${show(actual)}`];
}

/** Every expectation of one fixture, as soft assertions so each failing one is reported. */
export async function checkFixture(run: Run, fixture: LoadedFixture): Promise<void> {
  const { projector } = run;
  expect.soft(run.refused.get(fixture.name) ?? [], 'deliveries refused').toEqual([]);
  const seen = new Map<string, unknown[]>();
  const remember = (kind: string, id: string, value: unknown): void => {
    const key = `${kind}:${id}`;
    seen.set(key, [...(seen.get(key) ?? []), value]);
  };
  for (const s of fixture.states) {
    const options = {
      ...(s.asOf !== undefined ? { asOf: s.asOf } : {}),
      ...(s.version !== undefined ? { version: s.version } : {}),
    };
    const state = await projector.state(s.kind, s.id, options);
    remember(s.kind, s.id, state);
    const label = `${s.kind} ${s.id}${s.asOf ? ` as of ${s.asOf}` : ''}${s.version !== undefined ? ` at version ${s.version}` : ''}: ${s.why}`;
    if (s.state === null) expect.soft(state, label).toBeNull();
    else {
      const diffs = mismatches(state, s.state);
      expect.soft(diffs, `${label}\n  ${diffs.join('\n  ')}`).toEqual([]);
    }
  }
  for (const t of fixture.timelines ?? []) {
    const page = await projector.timeline(t.kind, t.id, {
      order: 'desc',
      limit: 500,
      ...(t.includeRelated ? { includeRelated: true } : {}),
    });
    remember(t.kind, t.id, page.entries);
    const label = `timeline of ${t.kind} ${t.id}: ${t.why}`;
    if (t.types)
      expect
        .soft(
          page.entries.map((e) => e.type),
          label,
        )
        .toEqual(t.types);
    for (const c of t.changes ?? []) {
      const entry = page.entries.find((e) => e.eventId === c.eventId);
      expect.soft(entry, `${label} (entry ${c.eventId})`).toBeDefined();
      expect
        .soft(entry?.changes.find((ch) => ch.path === c.path)?.after, `${label} (${c.eventId} ${c.path})`)
        .toEqual(c.after);
    }
  }
  for (const a of fixture.absent ?? []) {
    // Now, at every version the subject went through, and its whole timeline.
    const current = await projector.state(a.kind, a.id);
    const past: unknown[] = [];
    for (let version = 1; version <= (current?.version ?? 0); version++) {
      past.push(await projector.state(a.kind, a.id, { version }));
    }
    const timeline = await projector.timeline(a.kind, a.id, { limit: 500, includeRelated: true });
    const text = JSON.stringify([current, past, timeline.entries, ...(seen.get(`${a.kind}:${a.id}`) ?? [])]);
    for (const value of a.values) {
      expect.soft(text.includes(value), `${a.kind} ${a.id} must not show "${value}": ${a.why}`).toBe(false);
    }
  }
}
