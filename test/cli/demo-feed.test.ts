import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDemoFeed } from '../../src/cli/demo/feed.js';
import { signedHeaders } from '../../src/cli/demo/sign.js';

describe('demo feed', () => {
  const feed = generateDemoFeed();

  it('is deterministic for a seed and different for another', () => {
    const again = generateDemoFeed();
    expect(again.deliveries.map((d) => d.body)).toEqual(feed.deliveries.map((d) => d.body));
    const other = generateDemoFeed({ seed: 1 });
    expect(other.deliveries[0]?.body).not.toBe(feed.deliveries[0]?.body);
  });

  it('covers about 1,000 subjects on both vendors with duplicates and out-of-order deliveries', () => {
    const total = Object.values(feed.subjects).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(1000);
    expect(total).toBeLessThan(1010);
    expect(new Set(feed.deliveries.map((d) => d.source))).toEqual(new Set(['persona', 'aiprise']));
    expect(feed.duplicates).toBeGreaterThan(0);
    // Duplicates are byte-identical repeats; every other body is distinct.
    expect(new Set(feed.deliveries.map((d) => d.body)).size).toBe(feed.uniqueEvents);
    // Out of order: some Persona delivery arrives after one of its stream's later events.
    const lastAt = new Map<string, number>();
    let late = 0;
    for (const d of feed.deliveries) {
      const key = `${d.subject.kind}/${d.subject.id}`;
      if (d.source === 'persona' && (lastAt.get(key) ?? 0) > d.at) late++;
      lastAt.set(key, Math.max(lastAt.get(key) ?? 0, d.at));
    }
    expect(late).toBeGreaterThan(0);
  });

  it('tells the featured story: AML hit and resolution, address change, tag diff; and a redaction', () => {
    const types = feed.deliveries
      .filter((d) => d.subject.id === feed.featured.userProfileId && !d.duplicate)
      .map((d) => d.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'AML_MONITORING_UPDATE',
        'AML_HIT_RESOLVED',
        'ADDRESS_UPDATED',
        'TAGS_UPDATED',
        'CREATE_TICKET',
      ]),
    );
    const redaction = feed.deliveries
      .filter((d) => d.subject.id === feed.redacted.accountId)
      .map((d) => d.type);
    expect(redaction).toContain('account.redacted');
    // The same person is on both vendors under one reference id.
    const persona = feed.deliveries.find((d) => d.subject.id === feed.featured.accountId)!;
    const aiprise = feed.deliveries.find((d) => d.subject.id === feed.featured.userProfileId)!;
    expect(JSON.parse(persona.body).data.attributes.payload.data.attributes['reference-id']).toBe(
      feed.featured.referenceId,
    );
    expect(JSON.parse(aiprise.body).client_reference_id).toBe(feed.featured.referenceId);
  });

  it('the demo lays out one timeline for both vendors, ending when it is posted', () => {
    // AiPrise events happen when they are received (no event time): the demo's feed ends "now".
    const now = Date.UTC(2026, 11, 1, 14, 0, 0);
    const live = generateDemoFeed({ end: now, arrivalStepMs: 1_000 });
    const times = live.deliveries.map((d) => d.at);
    expect(Math.max(...times)).toBe(now);
    // Hours, not days: every person's events sit close to when AiPrise receives theirs.
    expect(now - Math.min(...times)).toBeLessThan(24 * 3_600_000);
    // Same seed and step, same layout as a feed from a fixed start, shifted.
    const fixed = generateDemoFeed({ arrivalStepMs: 1_000 });
    expect(live.deliveries.map((d) => d.type)).toEqual(fixed.deliveries.map((d) => d.type));
    expect(live.deliveries[0]!.at - fixed.deliveries[0]!.at).toBe(
      now - Math.max(...fixed.deliveries.map((d) => d.at)),
    );
    // No session expires before the profile exists (it exists from its receipt, at or after `now`).
    const sessions = live.deliveries.filter((d) => d.source === 'aiprise' && d.type.endsWith('SESSION_URL'));
    expect(sessions.length).toBeGreaterThan(0);
    for (const d of sessions)
      expect((JSON.parse(d.body) as { expires_at: number }).expires_at).toBeGreaterThan(now);
    // The featured person's Persona account exists before their AiPrise profile, the same day.
    const account = live.deliveries.find((d) => d.subject.id === live.featured.accountId)!;
    const profile = live.deliveries.find((d) => d.subject.id === live.featured.userProfileId)!;
    expect(account.at).toBeLessThan(profile.at);
    expect(now - account.at).toBeLessThan(24 * 3_600_000);
    const createdAt = JSON.parse(account.body).data.attributes['created-at'] as string;
    expect(Date.parse(createdAt)).toBe(account.at);
  });

  it('signs bodies like the vendors', () => {
    const body = feed.deliveries[0]!.body;
    const at = new Date('2026-01-05T10:00:00Z');
    const p = signedHeaders('persona', body, { persona: 'wbhsec_x', aiprise: 'key' }, at);
    const t = Math.floor(at.getTime() / 1000);
    expect(p['persona-signature']).toBe(
      `t=${t},v1=${createHmac('sha256', 'wbhsec_x').update(`${t}.${body}`).digest('hex')}`,
    );
    const a = signedHeaders('aiprise', body, { persona: 'wbhsec_x', aiprise: 'key' });
    expect(a['x-hmac-signature']).toBe(createHmac('sha256', 'key').update(body).digest('hex'));
  });
});
