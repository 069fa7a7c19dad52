import { describe, expect, it } from 'vitest';
import { openProjector } from '../../src/index.js';
import { projectorSuite } from './projector-suite.js';

describe('library API on the memory store', () => {
  projectorSuite(() => 'memory');
});

describe('openProjector options', () => {
  it('rejects malformed options with a TypeError naming them', async () => {
    await expect(openProjector({ store: { nonsense: 1 } } as never)).rejects.toThrow(/options.store must be/);
    await expect(openProjector({ store: 'memory', secrets: { persona: 'one' as never } })).rejects.toThrow(
      /secrets.persona/,
    );
  });

  it('rejects a source with no secret unless allowUnsigned', async () => {
    const strict = await openProjector({ store: 'memory' });
    const body = JSON.stringify({ user_profile_id: 'up_x', user_profile_event_type: 'USER_PROFILE_CREATE' });
    try {
      expect(await strict.ingest('aiprise', body)).toMatchObject({
        outcome: 'rejected',
        reason: expect.stringMatching(/AIPRISE_API_KEY/),
      });
    } finally {
      await strict.close();
    }
    const trusting = await openProjector({ store: 'memory', allowUnsigned: true });
    try {
      expect((await trusting.ingest('aiprise', body)).outcome).toBe('appended');
      expect(await trusting.state('user-profile', 'up_x')).toMatchObject({ version: 1 });
    } finally {
      await trusting.close();
    }
  });
});
