/** The tokens file: parsing, created tokens, authentication. */
import { describe, expect, it } from 'vitest';
import { createToken, parseTokenFile, tokenRegistry, TokenFileError } from '../../src/access/tokens.js';

describe('API tokens', () => {
  it('creates a token whose line authenticates it with its scopes', () => {
    const { token, line } = createToken('alice', ['read', 'read:pii']);
    expect(token).toMatch(/^ppt_[A-Za-z0-9_-]{32}$/);
    expect(line).toMatch(/^alice read,read:pii sha256:[0-9a-f]{64}$/);
    expect(line).not.toContain(token);
    const registry = tokenRegistry(parseTokenFile(`# tokens\n\n${line}\n`));
    const who = registry.authenticate(token);
    expect(who?.name).toBe('alice');
    expect([...who!.scopes]).toEqual(['read', 'read:pii']);
    expect(registry.authenticate(`${token}x`)).toBeNull();
    expect(registry.authenticate('')).toBeNull();
  });

  it('keeps the single API_TOKEN with every scope', () => {
    const registry = tokenRegistry([], 'single-token-0123456789');
    const who = registry.authenticate('single-token-0123456789');
    expect(who?.name).toBe('api-token');
    expect([...who!.scopes].sort()).toEqual(['export', 'operate', 'read', 'read:pii']);
  });

  it('names every problem of a malformed file by line, never echoing a hash', () => {
    const good = createToken('bob', ['export']).line;
    const text = [good, 'carol read', 'dave rede sha256:' + 'a'.repeat(64), good, 'e$ read sha256:zz'].join(
      '\n',
    );
    let error: unknown;
    try {
      parseTokenFile(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TokenFileError);
    const problems = (error as TokenFileError).problems;
    expect(problems).toEqual([
      expect.stringMatching(/^line 2: expected/),
      expect.stringMatching(/^line 3: scopes "rede"/),
      expect.stringMatching(/^line 4: name "bob" is given twice/),
      expect.stringMatching(/^line 5: name "e\$"/),
    ]);
    expect(problems.join('\n')).not.toContain('a'.repeat(64));
  });
});
