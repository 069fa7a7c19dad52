import { describe, expect, it } from 'vitest';
import { userProfile } from '../../src/aggregates/user-profile.js';
import {
  additionalMedia,
  addressUpdated,
  amlHitResolved,
  sampleAiPrisePayload,
  tagsUpdated,
  userVerificationResult,
} from '../support/deliveries.js';
import { given } from '../support/given.js';
import { aiprise, profileEvent } from './fixtures.js';

const UP = 'up_spec1';
const created = () =>
  profileEvent('USER_PROFILE_CREATE', UP, { author_id: 'api_key_abc' }, '2024-01-01T00:00:00.000Z');
const sample = (type: string) => aiprise(sampleAiPrisePayload(type, UP));

describe('user profile: lifecycle and sessions', () => {
  it('USER_PROFILE_CREATE starts the profile and records its author', () => {
    given(userProfile, created()).then((s) => {
      expect(s).toMatchObject({
        id: UP,
        kind: 'user-profile',
        version: 1,
        createdBy: 'api_key_abc',
        result: null,
        redacted: false,
      });
    });
  });

  it('USER_PROFILE_INFO_UPDATE takes the client reference id and data', () => {
    given(userProfile, created())
      .when(
        profileEvent('USER_PROFILE_INFO_UPDATE', UP, {
          client_reference_id: 'ref-9',
          client_reference_data: { segment: 'retail' },
        }),
      )
      .then((s) => {
        expect(s.clientReferenceId).toBe('ref-9');
        expect(s.clientReferenceData).toEqual({ segment: 'retail' });
      });
  });

  it('USER_PROFILE_CREATE_SESSION_URL keeps the session by id: url, expiry, channel', () => {
    given(userProfile, created())
      .when(sample('USER_PROFILE_CREATE_SESSION_URL'))
      .then((s) =>
        expect(s.sessions.vs_link1).toMatchObject({
          url: 'https://verify.example.test/user/abc',
          expiresAt: new Date(1_709_370_000_000).toISOString(),
          channel: 'LINK',
          email: null,
        }),
      );
  });

  it('USER_PROFILE_EMAIL_SESSION_URL also keeps the email it went to', () => {
    given(userProfile, created())
      .when(sample('USER_PROFILE_EMAIL_SESSION_URL'))
      .then((s) =>
        expect(s.sessions.vs_link1).toMatchObject({ channel: 'EMAIL', email: 'person@example.test' }),
      );
  });

  const lifecycle: [string, string][] = [
    ['VERIFICATION_SESSION_STARTED', 'STARTED'],
    ['VERIFICATION_REQUEST_SUBMITTED', 'SUBMITTED'],
    ['VERIFICATION_SESSION_COMPLETION', 'COMPLETED'],
  ];
  it('DECISION_CALLBACK sets the session decision and run status, not its lifecycle or runs', () => {
    given(userProfile, created())
      .when(profileEvent('VERIFICATION_SESSION_STARTED', UP, { verification_session_id: 'vs_dc' }))
      .when(
        aiprise({
          user_profile_id: UP,
          verification_session_id: 'vs_dc',
          aiprise_summary: { verification_result: 'DECLINED', status: 'COMPLETED' },
          user_profile_result: 'DECLINED',
        }),
      )
      .then((s) => {
        expect(s.sessions.vs_dc).toMatchObject({
          status: 'STARTED',
          runs: [],
          decision: 'DECLINED',
          runStatus: 'COMPLETED',
        });
        expect(s.result).toBe('DECLINED');
      });
  });

  for (const [type, status] of lifecycle) {
    it(`${type} sets the session status ${status}`, () => {
      given(userProfile, created())
        .when(profileEvent(type, UP, { verification_session_id: 'vs_9' }))
        .then((s) => expect(s.sessions.vs_9?.status).toBe(status));
    });
  }

  for (const type of [
    'RUN_USER_VERIFICATION',
    'RUN_DOCUMENT_CHECK',
    'MAKE_DECISION',
    'RUN_RISK_SCORING',
  ] as const) {
    it(`${type} sets the session decision and run status and the profile result`, () => {
      given(userProfile, created())
        .when(
          aiprise(
            userVerificationResult({ userProfileId: UP, result: 'DECLINED', sessionId: 'vs_run', type }),
          ),
        )
        .then((s) => {
          expect(s.result).toBe('DECLINED');
          expect(s.sessions.vs_run).toMatchObject({
            decision: 'DECLINED',
            runStatus: 'COMPLETED',
            templateId: 'tmpl_kyc_basic',
            runs: [type],
          });
        });
    });
  }

  it('both decision spellings are accepted (verification_result and decision)', () => {
    given(userProfile, created())
      .when(
        aiprise(
          userVerificationResult({
            userProfileId: UP,
            result: 'REVIEW',
            sessionId: 'vs_a',
            decisionField: 'decision',
          }),
        ),
      )
      .then((s) => expect(s.sessions.vs_a?.decision).toBe('REVIEW'));
  });

  it('RUN_DOCUMENT_CHECK records the check result on the file', () => {
    given(userProfile, created())
      .when(
        profileEvent('RUN_DOCUMENT_CHECK', UP, {
          file_uuid: 'file_poa',
          user_profile_result: 'APPROVED',
          verification_session_id: 'vs_doc',
          aiprise_summary: { decision: 'APPROVED' },
        }),
      )
      .then((s) => expect(s.documents.file_poa?.checkResult).toBe('APPROVED'));
  });

  it('RUN_RISK_SCORING keeps the risk score when sent', () => {
    given(userProfile, created())
      .when(profileEvent('RUN_RISK_SCORING', UP, { verification_session_id: 'vs_r', risk_score: 42 }))
      .then((s) => expect(s.riskScore).toBe(42));
  });

  it('RESULT_UPDATE sets the result', () => {
    given(userProfile, created())
      .when(sample('RESULT_UPDATE'))
      .then((s) => expect(s.result).toBe('REVIEW'));
  });

  it('SECTION_RESULT_UPDATE keeps the section result', () => {
    given(userProfile, created())
      .when(profileEvent('SECTION_RESULT_UPDATE', UP, { section: 'AML', section_result: 'DECLINED' }))
      .then((s) => expect(s.sectionResults).toEqual({ AML: 'DECLINED' }));
  });

  it('RELATED_CASE_STATUS_UPDATE updates the linked session and the profile result', () => {
    given(userProfile, created())
      .when(
        profileEvent('RELATED_CASE_STATUS_UPDATE', UP, {
          verification_session_id: 'vs_c',
          case_status: 'CLOSED',
          user_profile_result: 'APPROVED',
        }),
      )
      .then((s) => {
        expect(s.sessions.vs_c?.caseStatus).toBe('CLOSED');
        expect(s.result).toBe('APPROVED');
      });
  });
});

describe('user profile: personal information', () => {
  const address = (street: string, city: string) => ({ street, city, postal_code: 'P1' });
  const normalised = (street: string, city: string) => ({ street, city, postalCode: 'P1' });

  it('ADDRESS_UPDATED applies current and keeps a history with times', () => {
    const first = aiprise(
      addressUpdated({ userProfileId: UP, previous: null, current: address('1 A St', 'Ayr') }),
    );
    const second = aiprise(
      addressUpdated({
        userProfileId: UP,
        previous: address('1 A St', 'Ayr'),
        current: address('2 B St', 'Bath'),
      }),
    );
    given(userProfile, created())
      .when(first, second)
      .then((s) => {
        expect(s.address).toEqual(normalised('2 B St', 'Bath'));
        expect(s.addressHistory).toEqual([
          { at: first.occurredAt, eventId: first.eventId, value: normalised('1 A St', 'Ayr') },
          { at: second.occurredAt, eventId: second.eventId, value: normalised('2 B St', 'Bath') },
        ]);
        expect(s.anomalies).toEqual([]);
      });
  });

  it('ADDRESS_UPDATED whose previous disagrees with the state still applies current and records an anomaly', () => {
    const known = aiprise(
      addressUpdated({ userProfileId: UP, previous: null, current: address('1 A St', 'Ayr') }),
    );
    const odd = aiprise(
      addressUpdated({
        userProfileId: UP,
        previous: address('9 Z St', 'Zed'),
        current: address('3 C St', 'Cork'),
      }),
    );
    given(userProfile, created(), known)
      .when(odd)
      .then((s) => {
        expect(s.address).toEqual(normalised('3 C St', 'Cork'));
        expect(s.anomalies).toEqual([
          {
            eventId: odd.eventId,
            type: 'ADDRESS_UPDATED',
            message: expect.stringContaining('previous address'),
          },
        ]);
        expect(JSON.stringify(s.anomalies)).not.toContain('Zed');
      });
  });

  it('NAME_UPDATED applies current, keeps history, flags a disagreeing previous', () => {
    given(
      userProfile,
      created(),
      profileEvent('NAME_UPDATED', UP, { previous: null, current: { first_name: 'Kim', last_name: 'Lee' } }),
    )
      .when(sample('NAME_UPDATED'))
      .then((s) => {
        expect(s.name).toEqual({ firstName: 'Alexa', lastName: 'Sample' });
        expect(s.nameHistory).toHaveLength(2);
        expect(s.anomalies).toHaveLength(1);
      });
  });

  it('DATE_OF_BIRTH_UPDATED applies current and keeps history', () => {
    given(userProfile, created())
      .when(sample('DATE_OF_BIRTH_UPDATED'))
      .then((s) => {
        expect(s.dateOfBirth).toBe('1990-04-21');
        expect(s.dateOfBirthHistory.map((h) => h.value)).toEqual(['1990-04-21']);
        expect(s.anomalies).toEqual([]);
      });
  });

  it('PHONE_UPDATED applies current and keeps history', () => {
    given(userProfile, created())
      .when(sample('PHONE_UPDATED'))
      .then((s) => expect([s.phone, s.phoneHistory.length]).toEqual(['+440000000000', 1]));
  });

  it('EMAIL_UPDATED accepts a wrapped value and flags a disagreeing previous', () => {
    given(
      userProfile,
      created(),
      profileEvent('EMAIL_UPDATED', UP, { previous: null, current: { email: 'first@example.test' } }),
    )
      .when(sample('EMAIL_UPDATED'))
      .then((s) => {
        expect(s.email).toBe('new@example.test');
        expect(s.emailHistory.map((h) => h.value)).toEqual(['first@example.test', 'new@example.test']);
        expect(s.anomalies.map((a) => a.type)).toEqual(['EMAIL_UPDATED']);
      });
  });

  it('TAGS_UPDATED applies changes.added and changes.removed', () => {
    given(
      userProfile,
      created(),
      aiprise(tagsUpdated({ userProfileId: UP, previous: [], current: ['ONBOARDING', 'PENDING_REVIEW'] })),
    )
      .when(
        aiprise(
          tagsUpdated({
            userProfileId: UP,
            previous: ['ONBOARDING', 'PENDING_REVIEW'],
            current: ['ONBOARDING', 'APPROVED', 'VIP_CLIENT'],
          }),
        ),
      )
      .then((s) => {
        expect(s.tags).toEqual(['APPROVED', 'ONBOARDING', 'VIP_CLIENT']);
        expect(s.anomalies).toEqual([]);
      });
  });

  it('TAGS_UPDATED whose diff disagrees with current_tags takes current_tags and records an anomaly', () => {
    const known = aiprise(tagsUpdated({ userProfileId: UP, previous: [], current: ['A'] }));
    const odd = aiprise({
      ...tagsUpdated({ userProfileId: UP, previous: ['A'], current: ['A', 'B'] }),
      current_tags: ['A', 'B', 'C'],
    });
    given(userProfile, created(), known)
      .when(odd)
      .then((s) => {
        expect(s.tags).toEqual(['A', 'B', 'C']);
        expect(s.anomalies).toEqual([
          { eventId: odd.eventId, type: 'TAGS_UPDATED', message: expect.any(String) },
        ]);
      });
  });
});

describe('user profile: documents, AML, comments, tickets', () => {
  it('ADD_ADDITIONAL_MEDIA keeps the document by file uuid', () => {
    given(userProfile, created())
      .when(
        aiprise(additionalMedia({ userProfileId: UP, fileUuid: 'file_1', uploadedAt: 1_709_300_000_000 })),
      )
      .then((s) =>
        expect(s.documents.file_1).toMatchObject({
          mediaType: 'UTILITY_BILL',
          uploadedBy: 'api_key_main',
          uploadedAt: new Date(1_709_300_000_000).toISOString(),
          status: 'active',
        }),
      );
  });

  it('UPDATE_ADDITIONAL_MEDIA updates the document', () => {
    given(
      userProfile,
      created(),
      aiprise(additionalMedia({ userProfileId: UP, fileUuid: 'file_1', uploadedAt: 1_709_300_000_000 })),
    )
      .when(
        aiprise({
          ...additionalMedia({
            userProfileId: UP,
            fileUuid: 'file_1',
            type: 'UPDATE_ADDITIONAL_MEDIA',
            uploadedAt: 1_709_400_000_000,
          }),
          media_type: 'BANK_STATEMENT',
        }),
      )
      .then((s) =>
        expect(s.documents.file_1).toMatchObject({ mediaType: 'BANK_STATEMENT', status: 'active' }),
      );
  });

  it('DELETE_ADDITIONAL_MEDIA marks the document deleted (kept for the audit trail)', () => {
    given(
      userProfile,
      created(),
      aiprise(additionalMedia({ userProfileId: UP, fileUuid: 'file_1', uploadedAt: 1_709_300_000_000 })),
    )
      .when(
        aiprise({
          ...additionalMedia({
            userProfileId: UP,
            fileUuid: 'file_1',
            type: 'DELETE_ADDITIONAL_MEDIA',
            uploadedAt: 1_709_400_000_000,
          }),
        }),
      )
      .then((s) => expect(s.documents.file_1?.status).toBe('deleted'));
  });

  it('AML_MONITORING_UPDATE keeps status, previous status, run and matches', () => {
    given(userProfile, created())
      .when(sample('AML_MONITORING_UPDATE'))
      .then((s) => {
        expect(s.amlMonitoring).toMatchObject({
          status: 'MATCH_FOUND',
          previousStatus: 'CLEAR',
          monitoringRunId: 'mon_daily_7',
        });
        expect(s.amlMonitoring.matches).toHaveLength(1);
      });
  });

  it('AML_MONITORING_TOGGLE enables or disables monitoring', () => {
    given(userProfile, created())
      .when(sample('AML_MONITORING_TOGGLE'))
      .then((s) => expect(s.amlMonitoring.enabled).toBe(true));
    given(userProfile, created())
      .when(profileEvent('AML_MONITORING_TOGGLE', UP, { status: 'DISABLED' }))
      .then((s) => expect(s.amlMonitoring.enabled).toBe(false));
  });

  it('AML_HIT_RESOLVED keeps the hit by entity_hit_id with its resolution', () => {
    const resolved = aiprise(
      amlHitResolved({
        userProfileId: UP,
        hitId: 'hit_001',
        status: 'WHITELISTED',
        resolvedBy: 'rev@example.test',
      }),
    );
    given(userProfile, created())
      .when(resolved)
      .then((s) =>
        expect(s.amlHits.hit_001).toMatchObject({
          entityId: 'ext_entity_9',
          hitTypes: ['PEP'],
          status: 'WHITELISTED',
          resolution: {
            status: 'WHITELISTED',
            resolvedBy: 'rev@example.test',
            resolvedAt: resolved.occurredAt,
          },
        }),
      );
  });

  it('COMMENT appends a comment', () => {
    const comment = sample('COMMENT');
    given(userProfile, created())
      .when(comment)
      .then((s) =>
        expect(s.comments).toEqual([
          {
            at: comment.occurredAt,
            authorId: 'ops@example.test',
            sessionId: null,
            text: 'Checked the utility bill.',
          },
        ]),
      );
  });

  it('CREATE_TICKET and the TICKET_*_UPDATE events keep tickets by id', () => {
    const ticket = (type: string, extra: Record<string, unknown>) =>
      profileEvent(type, UP, { ticket_id: 'tkt_1', ...extra });
    given(userProfile, created())
      .when(
        ticket('CREATE_TICKET', { status: 'OPEN', reviewer: 'a@example.test', queue: 'EDD' }),
        ticket('TICKET_STATUS_UPDATE', { status: 'IN_PROGRESS' }),
        ticket('TICKET_REVIEWER_UPDATE', { reviewer: 'b@example.test' }),
        ticket('TICKET_REVIEW_QUEUE_UPDATE', { queue: 'L2' }),
      )
      .then((s) =>
        expect(s.tickets.tkt_1).toMatchObject({
          status: 'IN_PROGRESS',
          reviewer: 'b@example.test',
          queue: 'L2',
        }),
      );
  });
});

describe('user profile: redaction and unknown events', () => {
  it('a redaction clears every PII field and tags, keeps the result, and later PII stays out', () => {
    given(
      userProfile,
      created(),
      sample('NAME_UPDATED'),
      sample('ADDRESS_UPDATED'),
      sample('EMAIL_UPDATED'),
      sample('PHONE_UPDATED'),
      sample('DATE_OF_BIRTH_UPDATED'),
      sample('USER_PROFILE_EMAIL_SESSION_URL'),
      sample('AML_HIT_RESOLVED'),
      sample('AML_MONITORING_UPDATE'),
      sample('COMMENT'),
      sample('TAGS_UPDATED'),
      sample('RUN_USER_VERIFICATION'),
    )
      .when(profileEvent('USER_PROFILE_REDACTED', UP), sample('NAME_UPDATED'), sample('TAGS_UPDATED'))
      .then((s) => {
        expect(s.redacted).toBe(true);
        expect(s.result).toBe('APPROVED');
        expect(s).toMatchObject({
          name: null,
          address: null,
          email: null,
          phone: null,
          dateOfBirth: null,
          tags: [],
          addressHistory: [],
          nameHistory: [],
        });
        const json = JSON.stringify(s);
        for (const pii of [
          'Alexa',
          'New Road',
          'new@example.test',
          '+440000000000',
          '1990-04-21',
          'person@example.test',
          'Sam Example',
          'Checked the utility',
        ]) {
          expect(json).not.toContain(pii);
        }
      });
  });

  it('an unknown event counts in version and updatedAt and changes nothing else', () => {
    const spec = given(userProfile, created(), sample('TAGS_UPDATED'));
    const before = spec.then(() => undefined);
    const unknown = profileEvent('SOMETHING_NEW', UP, {
      current_tags: ['X'],
      user_profile_result: 'DECLINED',
    });
    spec.when(unknown).then((s) => {
      expect(s.version).toBe(before.version + 1);
      expect(s.updatedAt).toBe(unknown.occurredAt);
      expect({ ...s, version: 0, updatedAt: null }).toEqual({ ...before, version: 0, updatedAt: null });
    });
  });
});
