/**
 * What an API token may do. `read` shows states and timelines with PII masked; `read:pii` shows
 * them unmasked (with `read` or `export`); `export` writes case files; `operate` works the
 * quarantine (list, replay) and may read the access log.
 */
export const SCOPES = ['read', 'read:pii', 'export', 'operate'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is asking: a token's name and what it may do. */
export interface Principal {
  name: string;
  scopes: ReadonlySet<Scope>;
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.has(scope);
}

/** Whether PII is shown to this principal (redacted subjects never show it to anyone). */
export function seesPii(principal: Principal): boolean {
  return principal.scopes.has('read:pii');
}

/** Thrown (and answered 403) when a principal lacks a scope; the message names it. */
export class MissingScopeError extends Error {
  override readonly name = 'MissingScopeError';
  constructor(readonly scope: Scope) {
    super(`this token lacks the "${scope}" scope`);
  }
}

export function requireScope(principal: Principal, scope: Scope): void {
  if (!hasScope(principal, scope)) throw new MissingScopeError(scope);
}
