/** Edges a user hits on the command line, as real processes (the test bundle). */
import { describe, expect, it } from 'vitest';
import { cliEnv, runCli } from './run-cli.js';

describe('CLI edges', { timeout: 120_000 }, () => {
  it('timeline of an unknown kind says the kind is unknown, as state does (exit 2)', async () => {
    const env = cliEnv({ DATA_DIR: '/nonexistent/never-opened' });
    for (const command of ['state', 'timeline']) {
      const result = await runCli([command, 'widget', 'x'], env);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim()).toBe(
        'profile-projector: unknown kind "widget": one of account, case, inquiry, user-profile (timelines also take persona-<resource> and aiprise-<resource>)',
      );
    }
  });
});
