/**
 * The token registry of a service: the named tokens of API_TOKENS_FILE plus the single API_TOKEN
 * (every scope). Read once at start; a malformed file stops the start with every problem named.
 */
import { readFileSync } from 'node:fs';
import { parseTokenFile, tokenRegistry, TokenFileError, type TokenRegistry } from '../access/tokens.js';
import { ConfigError } from './config.js';

export function loadTokenRegistry(options: { apiToken?: string; apiTokensFile?: string }): TokenRegistry {
  let entries: ReturnType<typeof parseTokenFile> = [];
  if (options.apiTokensFile) {
    let text: string;
    try {
      text = readFileSync(options.apiTokensFile, 'utf8');
    } catch (error) {
      throw new ConfigError([
        `API_TOKENS_FILE: cannot read ${options.apiTokensFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      ]);
    }
    try {
      entries = parseTokenFile(text);
    } catch (error) {
      if (error instanceof TokenFileError)
        throw new ConfigError(error.problems.map((p) => `API_TOKENS_FILE: ${p}`));
      throw error;
    }
  }
  return tokenRegistry(entries, options.apiToken);
}
