import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { verifyAiPriseSignature } from '../../src/intake/signatures/aiprise.js';
import { parsePersonaSignature, verifyPersonaSignature } from '../../src/intake/signatures/persona.js';
import {
  aiPriseSignature,
  personaSignature,
  personaSignaturePair,
  TEST_AIPRISE_API_KEY,
  TEST_PERSONA_ROTATED_SECRET,
  TEST_PERSONA_SECRET,
  unixSeconds,
} from '../support/signing.js';

const now = new Date('2025-03-01T12:00:00Z');
const t = unixSeconds(now);
const body = Buffer.from('{"data":{"type":"event","id":"evt_1","attributes":{"name":"inquiry.created"}}}');
const secrets = [TEST_PERSONA_SECRET];

describe('Persona-Signature', () => {
  it('accepts a genuine signature on the raw bytes', () => {
    const headers = { 'Persona-Signature': personaSignature(body, TEST_PERSONA_SECRET, t) };
    expect(verifyPersonaSignature(body, headers, { secrets, now })).toEqual({ ok: true });
  });

  it('reads the header in any case', () => {
    const headers = { 'PERSONA-SIGNATURE': personaSignature(body, TEST_PERSONA_SECRET, t) };
    expect(verifyPersonaSignature(body, headers, { secrets, now }).ok).toBe(true);
  });

  it('accepts a rotation header when any pair matches any configured secret', () => {
    const header = personaSignature(body, ['wbhsec_unknown_old', TEST_PERSONA_ROTATED_SECRET], t);
    expect(header.split(' ')).toHaveLength(2);
    const verdict = verifyPersonaSignature(
      body,
      { 'persona-signature': header },
      {
        secrets: [TEST_PERSONA_SECRET, TEST_PERSONA_ROTATED_SECRET],
        now,
      },
    );
    expect(verdict).toEqual({ ok: true });
  });

  it('rejects a tampered body as a mismatch', () => {
    const headers = { 'persona-signature': personaSignature(body, TEST_PERSONA_SECRET, t) };
    const tampered = Buffer.from(body.toString().replace('evt_1', 'evt_2'));
    expect(verifyPersonaSignature(tampered, headers, { secrets, now })).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('hashes the bytes as received, not re-serialised JSON', () => {
    const spaced = Buffer.from('{ "a" : 1 }');
    const headers = { 'persona-signature': personaSignature(spaced, TEST_PERSONA_SECRET, t) };
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(spaced.toString())));
    expect(verifyPersonaSignature(spaced, headers, { secrets, now }).ok).toBe(true);
    expect(verifyPersonaSignature(reserialised, headers, { secrets, now }).ok).toBe(false);
  });

  it('rejects a genuine but stale timestamp, either side of now, and honours the tolerance', () => {
    const old = { 'persona-signature': personaSignature(body, TEST_PERSONA_SECRET, t - 301) };
    const future = { 'persona-signature': personaSignature(body, TEST_PERSONA_SECRET, t + 301) };
    expect(verifyPersonaSignature(body, old, { secrets, now })).toMatchObject({ ok: false, reason: 'stale' });
    expect(verifyPersonaSignature(body, future, { secrets, now })).toMatchObject({
      ok: false,
      reason: 'stale',
    });
    expect(verifyPersonaSignature(body, old, { secrets, now, toleranceSeconds: 600 }).ok).toBe(true);
    const edge = { 'persona-signature': personaSignature(body, TEST_PERSONA_SECRET, t - 300) };
    expect(verifyPersonaSignature(body, edge, { secrets, now }).ok).toBe(true);
  });

  it('says missing or malformed headers apart', () => {
    expect(verifyPersonaSignature(body, {}, { secrets, now })).toMatchObject({ reason: 'missing_header' });
    expect(verifyPersonaSignature(body, undefined, { secrets, now })).toMatchObject({
      reason: 'missing_header',
    });
    for (const bad of [
      'garbage',
      't=abc,v1=00',
      `t=${t}`,
      `v1=${'a'.repeat(64)}`,
      `t=${t},v1=${'a'.repeat(63)}`,
    ]) {
      expect(verifyPersonaSignature(body, { 'persona-signature': bad }, { secrets, now })).toMatchObject({
        ok: false,
        reason: 'malformed',
      });
    }
  });

  it('rejects a signature made with a secret that is not configured', () => {
    const headers = { 'persona-signature': personaSignature(body, 'wbhsec_attacker', t) };
    expect(verifyPersonaSignature(body, headers, { secrets, now })).toMatchObject({ reason: 'mismatch' });
    expect(verifyPersonaSignature(body, headers, { secrets: [], now })).toMatchObject({ reason: 'mismatch' });
  });

  /** Secrets that count how often the verifier starts iterating them (once per pair it HMACs). */
  function countingSecrets(list: string[]): { secrets: string[]; uses: () => number } {
    let uses = 0;
    const secrets = new Proxy(list, {
      get(target, key, receiver) {
        if (key === Symbol.iterator) uses += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    return { secrets, uses: () => uses };
  }

  it('checks a rotation header of up to five pairs', () => {
    const pairs = [1, 2, 3, 4].map((i) => personaSignaturePair(body, `wbhsec_old_${i}`, t));
    const header = [...pairs, personaSignaturePair(body, TEST_PERSONA_SECRET, t)].join(' ');
    expect(verifyPersonaSignature(body, { 'persona-signature': header }, { secrets, now })).toEqual({
      ok: true,
    });
  });

  it('refuses more than five pairs before any HMAC, even when one of them is genuine', () => {
    const forged = Array.from({ length: 190 }, (_, i) => personaSignaturePair(body, `wbhsec_forged_${i}`, t));
    const genuine = personaSignaturePair(body, TEST_PERSONA_SECRET, t);
    const counting = countingSecrets([TEST_PERSONA_SECRET]);
    // Six short pairs fit the length cap: the pair cap refuses them.
    const six = [...forged.slice(0, 5), genuine].join(' ');
    expect(six.length).toBeLessThan(1024);
    expect(
      verifyPersonaSignature(body, { 'persona-signature': six }, { secrets: counting.secrets, now }),
    ).toMatchObject({
      ok: false,
      reason: 'malformed',
      message: expect.stringContaining('more than 5'),
    });
    // 190 pairs (the reported attack) exceed the length cap.
    const many = [...forged, genuine].join(' ');
    expect(
      verifyPersonaSignature(body, { 'persona-signature': many }, { secrets: counting.secrets, now }),
    ).toMatchObject({
      ok: false,
      reason: 'malformed',
      message: expect.stringContaining('longer than 1024'),
    });
    expect(counting.uses()).toBe(0);
  });

  it('parses rotation pairs and ignores unknown keys', () => {
    const header = `${personaSignaturePair(body, 'a', 10)},v0=zz  ${personaSignaturePair(body, 'b', 11)}`;
    expect(parsePersonaSignature(header).map((p) => p.t)).toEqual([10, 11]);
  });

  it('accepts only the genuine signature for arbitrary bodies (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 512 }),
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        (a, b) => {
          const headers = { 'persona-signature': personaSignature(a, TEST_PERSONA_SECRET, t) };
          expect(verifyPersonaSignature(a, headers, { secrets, now }).ok).toBe(true);
          const other = Buffer.concat([Buffer.from(a), Buffer.from(b)]);
          expect(verifyPersonaSignature(other, headers, { secrets, now }).ok).toBe(false);
        },
      ),
    );
  });
});

describe('X-HMAC-SIGNATURE (AiPrise)', () => {
  const aiBody = Buffer.from('{"user_profile_id":"up_1","user_profile_event_type":"USER_PROFILE_CREATE"}');

  it('accepts the lower-case hex HMAC of the raw body, header in any case', () => {
    expect(
      verifyAiPriseSignature(aiBody, { 'X-HMAC-Signature': aiPriseSignature(aiBody) }, TEST_AIPRISE_API_KEY),
    ).toEqual({
      ok: true,
    });
  });

  it('rejects tampering, a wrong key, a missing or malformed header', () => {
    const sig = aiPriseSignature(aiBody);
    const tampered = Buffer.from(aiBody.toString().replace('up_1', 'up_2'));
    expect(verifyAiPriseSignature(tampered, { 'x-hmac-signature': sig }, TEST_AIPRISE_API_KEY)).toMatchObject(
      {
        reason: 'mismatch',
      },
    );
    expect(verifyAiPriseSignature(aiBody, { 'x-hmac-signature': sig }, 'other-key')).toMatchObject({
      reason: 'mismatch',
    });
    expect(verifyAiPriseSignature(aiBody, {}, TEST_AIPRISE_API_KEY)).toMatchObject({
      reason: 'missing_header',
    });
    expect(verifyAiPriseSignature(aiBody, { 'x-hmac-signature': 'zz' }, TEST_AIPRISE_API_KEY)).toMatchObject({
      reason: 'malformed',
    });
  });
});
