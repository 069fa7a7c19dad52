/**
 * Master-key rotation on a PGlite data directory: data keys wrapped by the old master key open
 * only with it; with the new key current and the old one as previous, everything reads while
 * `rotate-master-key` (the CLI, as an operator runs it) rewraps them; afterwards the new key alone
 * opens every event and quarantined body, and the old key alone opens none. Rotation rewrites the
 * key rows only, never an event.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type Composition } from '../../src/projector/composition.js';
import type { RecordOptions } from '../../src/projector/types.js';
import { UnknownMasterKeyError } from '../../src/record/sealing/key-store.js';
import type { RecordedEvent } from '../../src/events/types.js';
import { accountResource, personaDelivery, randomId, stringField } from '../support/deliveries.js';
import { cliEnv, runCli } from '../cli/run-cli.js';

const OLD = randomBytes(32).toString('hex');
const NEW = randomBytes(32).toString('base64');
const FIRST = `Ottoline${randomBytes(4).toString('hex')}`;

/** The stream's events as read (opened), their data and raw bodies as one text to search. */
async function readAll(c: Composition, streamId: string): Promise<string> {
  const events: RecordedEvent[] = [];
  for await (const e of c.opened.store.readStream(streamId)) events.push(e);
  return JSON.stringify(events.map((e) => [e.data, e.raw]));
}

describe('master-key rotation (PGlite data directory)', { timeout: 180_000 }, () => {
  let dir: string;
  const account = randomId('act');
  const later = randomId('act');
  const stream = `account-${account}`;
  const open = (record: RecordOptions) => compose({ store: { pglite: dir }, allowUnsigned: true, record });
  const fields = { name: { type: 'hash', value: { first: stringField(FIRST) } } };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pp-rotate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('rewraps every data key; the new key alone then opens everything, the old one nothing', async () => {
    const first = await open({ masterKey: OLD });
    try {
      const body = personaDelivery({
        name: 'account.created',
        resource: accountResource({ id: account, fields }),
      });
      expect((await first.projector.ingest('persona', body)).outcome).toBe('appended');
      const bad = JSON.stringify({
        data: { type: 'event', id: randomId('evt'), attributes: { nameFirst: FIRST } },
      });
      expect((await first.projector.ingest('persona', bad)).outcome).toBe('quarantined');
    } finally {
      await first.projector.close();
    }
    const storedBefore = await (async () => {
      const c = await open({ masterKey: OLD });
      try {
        return (await c.opened.sql.query<{ data: unknown }>('select data from events order by position'))
          .rows;
      } finally {
        await c.projector.close();
      }
    })();

    // The new key alone does not open what the old one wrapped.
    const wrongKey = await open({ masterKey: NEW });
    try {
      await expect(readAll(wrongKey, stream)).rejects.toThrow(UnknownMasterKeyError);
    } finally {
      await wrongKey.projector.close();
    }

    // During the rotation: new key current, old key previous. Reads open, new keys use the new one.
    const during = await open({ masterKey: NEW, previousMasterKeys: [OLD] });
    try {
      expect(await readAll(during, stream)).toContain(FIRST);
      const body = personaDelivery({
        name: 'account.created',
        resource: accountResource({ id: later, fields }),
      });
      expect((await during.projector.ingest('persona', body)).outcome).toBe('appended');
    } finally {
      await during.projector.close();
    }

    const env = cliEnv({ DATA_DIR: dir, RECORD_MASTER_KEY: NEW, RECORD_MASTER_KEY_PREVIOUS: ` ${OLD} ` });
    const rotated = await runCli(['rotate-master-key', '--json'], env);
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    // The account's stream and the quarantined body had old keys; the later account a new one.
    expect(JSON.parse(rotated.stdout)).toEqual({
      rewrapped: 2,
      current: 1,
      destroyed: 0,
      unopenable: [],
      changedMeanwhile: 0,
    });
    const again = await runCli(['rotate-master-key', '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ rewrapped: 0, current: 3 });

    const after = await open({ masterKey: NEW });
    try {
      expect(await readAll(after, stream)).toContain(FIRST);
      expect(await readAll(after, `account-${later}`)).toContain(FIRST);
      const [entry] = await after.projector.quarantine.list({ status: 'all' });
      expect(
        Buffer.from((await after.projector.quarantine.show(entry!.id))!.body).toString('utf8'),
      ).toContain(FIRST);
      // Events were not rewritten: their sealed data is byte for byte what it was.
      const stored = (
        await after.opened.sql.query<{ data: unknown }>('select data from events order by position')
      ).rows;
      expect(stored.slice(0, storedBefore.length)).toEqual(storedBefore);
      // Erasure still shreds after a rotation.
      await after.projector.record.erase('account', account, { reason: 'test' });
      expect(await readAll(after, stream)).not.toContain(FIRST);
    } finally {
      await after.projector.close();
    }

    const oldOnly = await open({ masterKey: OLD });
    try {
      await expect(readAll(oldOnly, `account-${later}`)).rejects.toThrow(UnknownMasterKeyError);
    } finally {
      await oldOnly.projector.close();
    }
  });

  it('the CLI refuses without a master key, and says which key is missing when none opens', async () => {
    const none = await runCli(['rotate-master-key'], cliEnv({ DATA_DIR: dir }));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('RECORD_MASTER_KEY');
    const stranger = randomBytes(32).toString('hex');
    const partial = await runCli(
      ['rotate-master-key', '--json'],
      cliEnv({ DATA_DIR: dir, RECORD_MASTER_KEY: stranger }),
    );
    expect(partial.code).toBe(5);
    expect(JSON.parse(partial.stdout).unopenable).toContain(`account-${later}`);
    expect(partial.stderr).toContain('RECORD_MASTER_KEY_PREVIOUS');
    expect(partial.stderr).not.toContain(NEW);
  });
});
