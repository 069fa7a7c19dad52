/**
 * Console sessions: signing in with an API token starts a server-side session (lru-cache with an
 * idle timeout); the browser holds only a random session id in an HttpOnly, SameSite=Strict
 * cookie, never the token. Each session has its own CSRF token for the console's POST forms.
 */
import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Principal } from '../../access/scopes.js';

export interface ConsoleSession {
  principal: Principal;
  csrf: string;
}

export interface SessionStore {
  create(principal: Principal): { id: string; session: ConsoleSession };
  get(id: string | undefined): ConsoleSession | undefined;
  end(id: string | undefined): void;
}

export const SESSION_COOKIE = 'pp_console';

export function sessionStore(options: { idleMs?: number; max?: number } = {}): SessionStore {
  const sessions = new LRUCache<string, ConsoleSession>({
    max: options.max ?? 10_000,
    ttl: options.idleMs ?? 8 * 3600_000,
    updateAgeOnGet: true,
  });
  return {
    create(principal) {
      const id = randomBytes(32).toString('base64url');
      const session = { principal, csrf: randomBytes(24).toString('base64url') };
      sessions.set(id, session);
      return { id, session };
    },
    get: (id) => (id ? sessions.get(id) : undefined),
    end(id) {
      if (id) sessions.delete(id);
    },
  };
}
