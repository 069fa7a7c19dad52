/**
 * Crypto-shredding: events are stored sealed, an erasure destroys the keys of the subject's stream
 * and of the streams that name it, and afterwards no PII string is left in a full pg_dump of the
 * schema nor in the bytes of a PGlite data directory; reads return the events erased and the folds
 * treat the subjects as redacted. A vendor's `*.redacted` event erases the same way.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compose, type Composition } from '../../src/projector/composition.js';
import type { StoreOption } from '../../src/projector/types.js';
import { SubjectNotFoundError } from '../../src/record/erasure/erase.js';
import {
  accountResource,
  inquiryResource,
  personaDelivery,
  randomId,
  stringField,
} from '../support/deliveries.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';

const pg = await probePostgres();
// Each test opens its own PGlite: seconds apiece on a loaded machine.
const MASTER = randomBytes(32).toString('hex');
const run = promisify(execFile);

/** Strings that exist only in this test's deliveries, so finding one anywhere means PII leaked. */
function person() {
  const tag = randomBytes(4).toString('hex');
  return {
    first: `Zebulonia${tag}`,
    last: `Quixotely${tag}`,
    street: `${tag} Xylophone Lane`,
    birthdate: '1931-02-03',
  };
}

async function seed(c: Composition, who: ReturnType<typeof person>) {
  const account = randomId('act');
  const inquiry = randomId('inq');
  const fields = {
    name: { type: 'hash', value: { first: stringField(who.first), last: stringField(who.last) } },
    address: { type: 'hash', value: { street1: stringField(who.street) } },
  };
  const deliveries = [
    personaDelivery({ name: 'account.created', resource: accountResource({ id: account, fields }) }),
    personaDelivery({
      name: 'inquiry.completed',
      resource: inquiryResource({
        id: inquiry,
        accountId: account,
        status: 'completed',
        attributes: {
          nameFirst: who.first,
          nameLast: who.last,
          birthdate: who.birthdate,
          addressStreet1: who.street,
          fields: { nameFirst: stringField(who.first), nameLast: stringField(who.last) },
        },
      }),
    }),
  ];
  for (const body of deliveries) expect((await c.projector.ingest('persona', body)).outcome).toBe('appended');
  // A delivery that names the account and its person but does not validate (no event name).
  const bad = JSON.stringify({
    data: {
      type: 'event',
      id: randomId('evt'),
      attributes: {
        payload: { data: { type: 'account', id: account, attributes: { nameFirst: who.first } } },
      },
    },
  });
  const quarantined = await c.projector.ingest('persona', bad);
  expect(quarantined.outcome).toBe('quarantined');
  return { account, inquiry };
}

function piiOf(who: ReturnType<typeof person>): string[] {
  return [who.first, who.last, who.street];
}

async function bytesUnder(dir: string): Promise<{ path: string; data: Buffer }[]> {
  const out: { path: string; data: Buffer }[] = [];
  for (const entry of await readdir(dir, { recursive: true })) {
    const path = join(dir, entry);
    if ((await stat(path)).isFile()) out.push({ path: entry, data: await readFile(path) });
  }
  return out;
}

/** Every PII value of `who` is absent from every file under `dir`. */
async function expectNoPiiUnder(dir: string, who: ReturnType<typeof person>): Promise<void> {
  const files = await bytesUnder(dir);
  expect(files.length).toBeGreaterThan(10);
  for (const pii of piiOf(who)) {
    const needle = Buffer.from(pii, 'utf8');
    expect(
      files.filter((f) => f.data.includes(needle)).map((f) => f.path),
      pii,
    ).toEqual([]);
  }
}

/**
 * A PGlite data directory with a sealed, seeded subject, whose PII the byte scan sees where it is
 * (the read models hold it in the clear until the erasure).
 */
async function openSeededDir(dir: string) {
  // The first open of a data directory turns WAL recycling off; it applies from the next start.
  await (await compose({ store: { pglite: dir }, allowUnsigned: true })).projector.close();
  const c = await compose({ store: { pglite: dir }, allowUnsigned: true, record: { masterKey: MASTER } });
  const who = person();
  const ids = await seed(c, who);
  await c.projector.catchUp();
  await c.opened.sql.query('checkpoint');
  const seen = (await bytesUnder(dir)).filter((f) => f.data.includes(Buffer.from(who.first, 'utf8')));
  expect(seen.length).toBeGreaterThan(0);
  return { c, who, ids };
}

/** Persona's account.redacted for the account, as a webhook delivers it. */
async function redactedByPersona(c: Composition, account: string): Promise<void> {
  const body = personaDelivery({
    name: 'account.redacted',
    resource: accountResource({ id: account, redactedAt: new Date().toISOString(), fields: {} }),
  });
  expect((await c.projector.ingest('persona', body)).outcome).toBe('appended');
}

async function expectErased(c: Composition, ids: { account: string; inquiry: string }) {
  for (const q of await c.projector.quarantine.list({ status: 'all' }))
    expect((await c.projector.quarantine.show(q.id))?.body.length).toBe(0);
  const account = await c.projector.state('account', ids.account);
  const inquiry = await c.projector.state('inquiry', ids.inquiry);
  expect(account?.redacted).toBe(true);
  expect(inquiry?.redacted).toBe(true);
  for await (const event of c.opened.store.readStream(`inquiry-${ids.inquiry}`)) {
    expect(event.raw).toBe('');
    expect(event.data.erased).toBe(true);
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('erasure: memory store', { timeout: 120_000 }, () => {
  it('reads PII back while the key lives, erased after; unknown subjects are refused', async () => {
    const c = await compose({ store: 'memory', allowUnsigned: true, record: { masterKey: MASTER } });
    try {
      const who = person();
      const ids = await seed(c, who);
      const inquiryBefore = await c.projector.state('inquiry', ids.inquiry);
      expect(inquiryBefore?.redacted).toBe(false);
      // The store as written holds ciphertext; the store as read opens it.
      for await (const e of c.opened.stored.readStream(`inquiry-${ids.inquiry}`))
        expect(JSON.stringify({ ...e, position: String(e.position) })).not.toContain(who.first);
      const opened: string[] = [];
      for await (const e of c.opened.store.readStream(`inquiry-${ids.inquiry}`)) opened.push(e.raw);
      expect(opened.join('')).toContain(who.first);
      // Quarantined bodies too: sealed where stored, opened by show.
      const { rows: stored } = await c.opened.sql.query<{ body: Uint8Array }>(
        'select body from intake_quarantine',
      );
      expect(stored).toHaveLength(1);
      expect(Buffer.from(stored[0]!.body).toString('utf8')).not.toContain(who.first);
      const [entry] = await c.projector.quarantine.list();
      expect((await c.projector.quarantine.show(entry!.id))?.body.toString('utf8')).toContain(who.first);

      await expect(c.projector.record.erase('account', 'act_nobody', { reason: 'test' })).rejects.toThrow(
        SubjectNotFoundError,
      );
      const report = await c.projector.record.erase('account', ids.account, { reason: 'GDPR art. 17' });
      expect(report).toMatchObject({
        subject: { kind: 'account', id: ids.account },
        streams: [`account-${ids.account}`, `inquiry-${ids.inquiry}`],
        events: 2,
        unsealedEvents: 0,
        quarantined: 1,
        keysDestroyed: true,
      });
      await expectErased(c, ids);
      // Idempotent; the chain still verifies (it covers what is stored).
      await c.projector.record.erase('account', ids.account, { reason: 'again' });
      expect((await c.projector.record.verify()).intact).toBe(true);
    } finally {
      await c.projector.close();
    }
  });

  it("a vendor's account.redacted erases the account and its inquiries", async () => {
    const c = await compose({ store: 'memory', allowUnsigned: true, record: { masterKey: MASTER } });
    try {
      const who = person();
      const ids = await seed(c, who);
      await redactedByPersona(c, ids.account);
      await expectErased(c, ids);
      const { rows } = await c.opened.sql.query<{ trigger: string; streams: string[] }>(
        'select trigger, streams from record_erasures',
      );
      expect(rows).toEqual([
        { trigger: 'vendor', streams: [`account-${ids.account}`, `inquiry-${ids.inquiry}`] },
      ]);
    } finally {
      await c.projector.close();
    }
  });

  it('without a master key events are stored as they come and erasure masks only', async () => {
    const c = await compose({ store: 'memory', allowUnsigned: true });
    try {
      const ids = await seed(c, person());
      const report = await c.projector.record.erase('account', ids.account, { reason: 'test' });
      expect(report).toMatchObject({ keysDestroyed: false, unsealedEvents: 2 });
      expect((await c.projector.state('account', ids.account))?.redacted).toBe(true);
    } finally {
      await c.projector.close();
    }
  });
});

describe.skipIf(!pg.available)(
  'erasure: PostgreSQL, a full pg_dump of the schema',
  { timeout: 120_000 },
  () => {
    it('holds none of the PII after erasure', async () => {
      const schema: TestSchema = await createTestSchema(pg.url, 'pp_erase');
      cleanups.push(() => schema.drop());
      const store: StoreOption = { postgres: pg.url, schema: schema.schema };
      const c = await compose({ store, allowUnsigned: true, record: { masterKey: MASTER } });
      const who = person();
      try {
        const ids = await seed(c, who);
        const before = await c.projector.state('account', ids.account);
        expect(JSON.stringify(before)).toContain(who.first);
        // Enough events for a fold snapshot (state_snapshots holds the folded state, PII included).
        const t0 = Date.now();
        for (let i = 0; i < 130; i++) {
          const body = personaDelivery({
            name: 'account.tag-added',
            createdAt: new Date(t0 + i).toISOString(),
            resource: accountResource({ id: ids.account, tags: [`t${i}`] }),
          });
          expect((await c.projector.ingest('persona', body)).outcome).toBe('appended');
        }
        await c.projector.state('account', ids.account, { version: 131 });
        const snapshots = await c.opened.sql.query('select 1 from state_snapshots');
        expect(snapshots.rows.length).toBeGreaterThan(0);
        const dumped = await run('pg_dump', ['--dbname', pg.url, '--schema', schema.schema], {
          maxBuffer: 64 * 1024 * 1024,
        });
        expect(dumped.stdout).toContain(who.first); // the dump shows PII while it is there
        await c.projector.record.erase('account', ids.account, { reason: 'test' });
        await expectErased(c, ids);
        await c.projector.catchUp();
      } finally {
        await c.projector.close();
      }
      const { stdout } = await run('pg_dump', ['--dbname', pg.url, '--schema', schema.schema], {
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(stdout).toContain('record_keys');
      expect(stdout).toContain('state_snapshots');
      for (const pii of piiOf(who)) expect(stdout).not.toContain(pii);
    });
  },
);

describe('erasure: PGlite, the bytes of its data directory', { timeout: 120_000 }, () => {
  it('hold none of the PII after erasure', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pp-erase-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const { c, who, ids } = await openSeededDir(dir);
    try {
      const report = await c.projector.record.erase('account', ids.account, { reason: 'test' });
      expect(report.storage).toMatchObject({ walRotated: true });
      expect(report.storage?.vacuumed).toContain('record_keys');
      await expectErased(c, ids);
    } finally {
      await c.projector.close();
    }
    await expectNoPiiUnder(dir, who);
  });
});

describe("erasure: PGlite, a vendor's redaction during intake", { timeout: 120_000 }, () => {
  it('leaves none of the PII in the data directory once the service closes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pp-erase-vendor-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const { c, who, ids } = await openSeededDir(dir);
    try {
      // The webhook's answer does not wait for the scrub: it runs in the background after the
      // projections have masked the read models, and closing waits for it.
      await redactedByPersona(c, ids.account);
      await expectErased(c, ids);
    } finally {
      await c.projector.close();
    }
    await expectNoPiiUnder(dir, who);
  });
});
