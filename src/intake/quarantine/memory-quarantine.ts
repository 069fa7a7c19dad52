/** In-process quarantine for the memory store and tests; same semantics as the SQL one. */
import { createHash } from 'node:crypto';
import type { Problem } from '../../events/parse-result.js';
import type {
  QuarantineEntry,
  QuarantineInput,
  QuarantineListOptions,
  QuarantineStore,
  QuarantineSummary,
} from './quarantine.js';

function summary(entry: QuarantineEntry): QuarantineSummary {
  const { body: _body, headers: _headers, ...rest } = entry;
  return structuredClone(rest);
}

export class MemoryQuarantine implements QuarantineStore {
  private readonly entries = new Map<string, QuarantineEntry>();
  private readonly byBody = new Map<string, string>();
  private nextId = 1;

  async add(input: QuarantineInput): Promise<{ id: string; created: boolean }> {
    const key = `${input.source}:${createHash('sha256').update(input.body).digest('hex')}`;
    const existing = this.byBody.get(key);
    if (existing) {
      this.entries.get(existing)!.deliveries += 1;
      return { id: existing, created: false };
    }
    const id = String(this.nextId++);
    this.entries.set(id, {
      id,
      source: input.source,
      reason: input.reason,
      problems: structuredClone(input.problems),
      line: input.line ?? null,
      bytes: input.body.byteLength,
      receivedAt: input.receivedAt.toISOString(),
      deliveries: 1,
      replayedAt: null,
      replayedEventId: null,
      body: Buffer.from(input.body),
      headers: { ...input.headers },
    });
    this.byBody.set(key, id);
    return { id, created: true };
  }

  async list(options: QuarantineListOptions = {}): Promise<QuarantineSummary[]> {
    const status = options.status ?? 'pending';
    const after = options.afterId ? Number(options.afterId) : 0;
    const out: QuarantineSummary[] = [];
    for (const entry of this.entries.values()) {
      if (Number(entry.id) <= after) continue;
      if (options.source && entry.source !== options.source) continue;
      if (status === 'pending' && entry.replayedAt) continue;
      if (status === 'replayed' && !entry.replayedAt) continue;
      out.push(summary(entry));
      if (out.length >= (options.limit ?? 100)) break;
    }
    return out;
  }

  async get(id: string): Promise<QuarantineEntry | null> {
    const entry = this.entries.get(id);
    return entry ? { ...summary(entry), body: Buffer.from(entry.body), headers: { ...entry.headers } } : null;
  }

  async markReplayed(id: string, eventId: string, at: Date): Promise<void> {
    const entry = this.entries.get(id);
    if (entry && !entry.replayedAt) {
      entry.replayedAt = at.toISOString();
      entry.replayedEventId = eventId;
    }
  }

  async recordFailedReplay(id: string, problems: Problem[], reason: string): Promise<void> {
    const entry = this.entries.get(id);
    if (entry) {
      entry.problems = structuredClone(problems);
      entry.reason = reason;
    }
  }
}
