/**
 * Persona's Events API, `GET /api/v1/events`: newest first, `page[size]` up to 100, `page[after]`
 * (an event id: the page of older events after it), `filter[name]`, `filter[object-id]`. Bearer
 * authentication, `Persona-Version` and `Key-Inflection` as the webhooks use. Rate limited
 * (300 requests a minute): a 429 waits for `ratelimit-reset` seconds (or `retry-after`), 5xx and
 * network errors back off exponentially (p-retry); other 4xx fail at once with the status.
 */
import pRetry, { AbortError } from 'p-retry';

export interface PersonaApiOptions {
  /** Default https://api.withpersona.com (PERSONA_API_BASE). */
  baseUrl?: string;
  apiKey: string;
  personaVersion?: string;
  keyInflection?: 'kebab' | 'camel' | 'snake';
  /** Attempts per page before giving up. Default 8. */
  retries?: number;
  /** Smallest backoff (ms) for 5xx and network errors. Default 500. */
  minBackoffMs?: number;
  /** Test seam for waiting on a 429. */
  sleep?: (ms: number) => Promise<void>;
}

export interface EventsPageRequest {
  after?: string;
  size?: number;
  name?: string[];
  objectId?: string;
}

/** One event as the API lists it: the same object a webhook carries under `data`. */
export interface ListedEvent {
  id: string;
  name: string;
  createdAt: string | null;
  /** The event object exactly as listed (`{ type, id, attributes }`). */
  raw: Record<string, unknown>;
}

export interface EventsPage {
  events: ListedEvent[];
  /** Whether the API says there are older events (`links.next`). */
  hasNext: boolean;
}

export class PersonaApiError extends Error {
  override readonly name = 'PersonaApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class BackfillConfigError extends Error {
  override readonly name = 'BackfillConfigError';
  constructor() {
    super('backfill needs a Persona API key (PERSONA_API_KEY)');
  }
}

const DEFAULT_BASE = 'https://api.withpersona.com';

function attribute(attributes: Record<string, unknown>, camel: string): unknown {
  const kebab = camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const snake = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return attributes[camel] ?? attributes[kebab] ?? attributes[snake];
}

function toListed(raw: unknown): ListedEvent | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const event = raw as Record<string, unknown>;
  const attributes = (event.attributes ?? {}) as Record<string, unknown>;
  if (typeof event.id !== 'string') return null;
  const name = attribute(attributes, 'name');
  const createdAt = attribute(attributes, 'createdAt');
  return {
    id: event.id,
    name: typeof name === 'string' ? name : '(unnamed)',
    createdAt: typeof createdAt === 'string' ? createdAt : null,
    raw: event,
  };
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds to wait after a 429, from the rate-limit headers (at least one second). */
export function rateLimitWaitMs(headers: Headers): number {
  const reset = Number(headers.get('ratelimit-reset') ?? headers.get('retry-after') ?? '1');
  return Math.max(1, Number.isFinite(reset) ? reset : 1) * 1000;
}

export class PersonaEventsClient {
  constructor(private readonly options: PersonaApiOptions) {}

  url(request: EventsPageRequest): string {
    const url = new URL('/api/v1/events', this.options.baseUrl ?? DEFAULT_BASE);
    url.searchParams.set('page[size]', String(Math.min(100, Math.max(1, request.size ?? 100))));
    if (request.after) url.searchParams.set('page[after]', request.after);
    if (request.name?.length) url.searchParams.set('filter[name]', request.name.join(','));
    if (request.objectId) url.searchParams.set('filter[object-id]', request.objectId);
    return url.toString();
  }

  async page(request: EventsPageRequest): Promise<EventsPage> {
    const sleep = this.options.sleep ?? wait;
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.apiKey}`,
      accept: 'application/json',
      'key-inflection': this.options.keyInflection ?? 'kebab',
    };
    if (this.options.personaVersion) headers['persona-version'] = this.options.personaVersion;
    const url = this.url(request);
    return pRetry(
      async () => {
        const response = await fetch(url, { headers });
        if (response.status === 429) {
          await response.body?.cancel();
          await sleep(rateLimitWaitMs(response.headers));
          throw new PersonaApiError(429, 'rate limited');
        }
        if (response.status >= 500) {
          await response.body?.cancel();
          throw new PersonaApiError(response.status, `Persona answered ${response.status}`);
        }
        if (!response.ok) {
          await response.body?.cancel();
          throw new AbortError(new PersonaApiError(response.status, `Persona answered ${response.status}`));
        }
        const body = (await response.json()) as { data?: unknown[]; links?: { next?: string | null } };
        const events = (body.data ?? []).map(toListed).filter((e): e is ListedEvent => e !== null);
        return { events, hasNext: Boolean(body.links?.next) && events.length > 0 };
      },
      {
        retries: this.options.retries ?? 8,
        minTimeout: this.options.minBackoffMs ?? 500,
        maxTimeout: 30_000,
      },
    );
  }
}
