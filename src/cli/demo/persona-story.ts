/**
 * A Persona person's life in webhooks: an account, an inquiry with government-id and selfie
 * verifications and a watchlist report, a decision, tag updates, sometimes a review case, and
 * optionally a redaction. Bodies are kebab-case like Persona's default webhook inflection.
 */
import { inflectKeys } from '../../events/inflection.js';
import type { FeedDelivery } from './feed-event.js';
import type { Person } from './people.js';
import type { Random } from './random.js';

interface Resource {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships: Record<string, unknown>;
}

const MINUTE = 60_000;

function field(type: string, value: unknown): { type: string; value: unknown } {
  return { type, value };
}

function ref(type: string, id: string | null): { data: { type: string; id: string } | null } {
  return { data: id ? { type, id } : null };
}

export interface PersonaStoryOptions {
  person: Person;
  random: Random;
  /** Epoch ms of the first event. */
  start: number;
  withCase: boolean;
  redact: boolean;
}

export interface PersonaStory {
  accountId: string;
  inquiryId: string;
  caseId: string | null;
  deliveries: FeedDelivery[];
}

export function personaStory(options: PersonaStoryOptions): PersonaStory {
  const { person, random } = options;
  const accountId = `act_${random.hex(20)}`;
  const inquiryId = `inq_${random.hex(20)}`;
  const govId = `ver_${random.hex(20)}`;
  const selfieId = `ver_${random.hex(20)}`;
  const reportId = `rep_${random.hex(20)}`;
  const caseId = options.withCase ? `case_${random.hex(20)}` : null;
  let clock = options.start;
  const deliveries: FeedDelivery[] = [];

  const iso = (ms: number) => new Date(ms).toISOString();
  const emit = (name: string, resource: Resource, subject: { kind: string; id: string }) => {
    clock += random.int(5, 90) * 1000;
    const body = {
      data: {
        type: 'event',
        id: `evt_${random.hex(24)}`,
        attributes: { name, createdAt: iso(clock), payload: { data: resource, included: [] } },
      },
    };
    deliveries.push({
      source: 'persona',
      body: JSON.stringify(inflectKeys(body, 'kebab')),
      at: clock,
      subject,
      type: name,
      duplicate: false,
    });
  };

  let accountTags: string[] = [];
  const account = (overrides: Record<string, unknown> = {}): Resource => ({
    type: 'account',
    id: accountId,
    attributes: {
      referenceId: person.referenceId,
      accountTypeName: 'User',
      accountStatus: 'Default',
      tags: accountTags,
      fields: {
        nameFirst: field('string', person.firstName),
        nameLast: field('string', person.lastName),
        birthdate: field('date', person.dateOfBirth),
        emailAddress: field('string', person.email),
        address: field('hash', {
          street1: field('string', person.address.street),
          city: field('string', person.address.city),
          postalCode: field('string', person.address.postalCode),
          countryCode: field('string', person.address.country),
        }),
      },
      createdAt: iso(options.start),
      updatedAt: iso(clock),
      redactedAt: null,
      ...overrides,
    },
    relationships: { accountType: ref('account-type', 'acttp_default') },
  });

  let inquiryStatus = 'created';
  const inquiry = (overrides: Record<string, unknown> = {}): Resource => ({
    type: 'inquiry',
    id: inquiryId,
    attributes: {
      status: inquiryStatus,
      referenceId: person.referenceId,
      note: null,
      tags: [],
      createdAt: iso(options.start),
      redactedAt: null,
      nameFirst: person.firstName,
      nameLast: person.lastName,
      birthdate: person.dateOfBirth,
      addressStreet1: person.address.street,
      addressCity: person.address.city,
      addressPostalCode: person.address.postalCode,
      emailAddress: person.email,
      fields: { nameFirst: field('string', person.firstName), nameLast: field('string', person.lastName) },
      ...overrides,
    },
    relationships: {
      account: ref('account', accountId),
      inquiryTemplate: ref('inquiry-template', 'itmpl_kyc_standard'),
      verifications: {
        data: [
          { type: 'verification/government-id', id: govId },
          { type: 'verification/selfie', id: selfieId },
        ],
      },
      reports: { data: [{ type: 'report/watchlist', id: reportId }] },
    },
  });

  const verification = (id: string, kind: string, status: string): Resource => ({
    type: `verification/${kind}`,
    id,
    attributes: { status, createdAt: iso(clock), countryCode: person.address.country, checks: [] },
    relationships: {
      inquiry: ref('inquiry', inquiryId),
      template: ref('verification-template', `vtmpl_${kind}`),
    },
  });

  const accountSubject = { kind: 'account', id: accountId };
  const inquirySubject = { kind: 'inquiry', id: inquiryId };

  emit('account.created', account(), accountSubject);
  emit('inquiry.created', inquiry(), inquirySubject);
  inquiryStatus = 'pending';
  emit('inquiry.started', inquiry(), inquirySubject);
  emit('verification.created', verification(govId, 'government-id', 'initiated'), inquirySubject);
  emit('verification.submitted', verification(govId, 'government-id', 'submitted'), inquirySubject);
  const govPassed = random.chance(0.9);
  emit(
    govPassed ? 'verification.passed' : 'verification.failed',
    verification(govId, 'government-id', govPassed ? 'passed' : 'failed'),
    inquirySubject,
  );
  emit('verification.passed', verification(selfieId, 'selfie', 'passed'), inquirySubject);
  const watchlistMatch = random.chance(0.05);
  emit(
    watchlistMatch ? 'report/watchlist.matched' : 'report/watchlist.ready',
    {
      type: 'report/watchlist',
      id: reportId,
      attributes: {
        status: 'ready',
        hasMatch: watchlistMatch,
        createdAt: iso(clock),
        redactedAt: null,
        tags: [],
      },
      relationships: { inquiry: ref('inquiry', inquiryId), account: ref('account', accountId) },
    },
    inquirySubject,
  );
  inquiryStatus = 'completed';
  emit('inquiry.completed', inquiry(), inquirySubject);
  const decision = !govPassed ? 'declined' : watchlistMatch ? 'needs_review' : 'approved';
  inquiryStatus = decision;
  emit(
    decision === 'needs_review' ? 'inquiry.marked-for-review' : `inquiry.${decision}`,
    inquiry(),
    inquirySubject,
  );

  accountTags = decision === 'approved' ? ['KYC_PASSED'] : ['KYC_REVIEW'];
  emit('account.updated-tags', account(), accountSubject);

  if (caseId) {
    const reviewer = random.pick([
      'reviewer.ana@acme.example',
      'reviewer.ben@acme.example',
      'reviewer.cho@acme.example',
    ]);
    const kase = (status: string, extra: Record<string, unknown>): Resource => ({
      type: 'case',
      id: caseId,
      attributes: {
        status,
        name: `Review ${person.referenceId}`,
        resolution: null,
        assigneeId: null,
        creatorType: 'workflow',
        createdAt: iso(clock),
        slaExpiresAt: iso(clock + 48 * 60 * MINUTE),
        redactedAt: null,
        tags: [],
        fields: {},
        ...extra,
      },
      relationships: {
        accounts: { data: [{ type: 'account', id: accountId }] },
        inquiries: { data: [{ type: 'inquiry', id: inquiryId }] },
        caseQueue: ref('case-queue', 'cq_manual_review'),
        caseTemplate: ref('case-template', 'ctmpl_kyc_review'),
      },
    });
    const caseSubject = { kind: 'case', id: caseId };
    emit('case.created', kase('Open', {}), caseSubject);
    emit('case.assigned', kase('Pending', { assigneeId: reviewer, assignerId: 'workflow' }), caseSubject);
    const approved = random.chance(0.7);
    emit(
      'case.resolved',
      kase(approved ? 'Approved' : 'Declined', {
        assigneeId: reviewer,
        resolverId: reviewer,
        resolution: approved ? 'approved' : 'declined',
        resolvedAt: iso(clock),
      }),
      caseSubject,
    );
    accountTags = approved ? ['KYC_PASSED', 'MANUALLY_REVIEWED'] : ['KYC_FAILED', 'MANUALLY_REVIEWED'];
    emit('account.updated-tags', account(), accountSubject);
  }

  if (options.redact) {
    // Persona redacts related objects first and sends account.redacted last (vendor facts).
    const redactedAt = iso(clock + MINUTE);
    const nulls = {
      nameFirst: null,
      nameLast: null,
      birthdate: null,
      addressStreet1: null,
      addressCity: null,
      addressPostalCode: null,
      emailAddress: null,
      note: null,
      tags: [],
      redactedAt,
    };
    emit(
      'inquiry.redacted',
      inquiry({
        ...nulls,
        referenceId: null,
        fields: { nameFirst: field('string', null), nameLast: field('string', null) },
      }),
      inquirySubject,
    );
    accountTags = [];
    emit(
      'account.redacted',
      account({
        referenceId: null,
        tags: [],
        redactedAt,
        fields: {
          nameFirst: field('string', null),
          nameLast: field('string', null),
          birthdate: field('date', null),
          emailAddress: field('string', null),
          address: field('hash', null),
        },
      }),
      accountSubject,
    );
  }

  return { accountId, inquiryId, caseId, deliveries };
}
