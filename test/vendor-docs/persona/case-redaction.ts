/**
 * Persona CASE redaction: `case.redacted` as Redact a Case returns it (redacted-at set, fields {},
 * tags []), delivered before the earlier events; no past state shows the case's PII fields. Bodies
 * are written for this project in the documented shape; values are invented. Doc paths are
 * relative to the mirror's reference/persona/.
 */
import type { VendorDocFixture } from '../fixture.js';
import { type Json, eventIds, event, str, choices, caseBuilder } from './support/account-case.js';

const evt = eventIds('case-redaction');

const TEMPLATE_DEFAULT = 'ctmpl_yEwAg5zwTDYomJLXcC4hPhLN';
const QUEUE_DEFAULT = 'cqueue_MQZEx7Dmbiv7izGa8ZaFfbSv9DN';

const kase = caseBuilder(TEMPLATE_DEFAULT, QUEUE_DEFAULT);

const D = {
  redact:
    'Redact a Case: status Approved, resolved-at, redacted-at, resolver-id, tags [], fields {}, case-comments still listed (docs/api-reference/cases/redact-a-case.md)',
  blocklistCase:
    'Attribute blocklists name case fields too (/included/attributes/fields/identification-class?type=case): case fields can hold PII (docs/webhook-attribute-blocklists.md)',
  vendorFacts:
    'Redaction is permanent; PII, matching fields values and tags emptied (shared/vendor-facts.md)',
  ordering: 'Order of received events: use created-at (docs/webhooks.md)',
  events: 'Events list: case.redacted (shared/seeds/persona-events.txt)',
};

const CASE_REDACTED = 'case_FWvfMcQBeiVL8h2ChkKCuMLh';
const ACT_SUBJECT = 'act_Gh5TnPq2WxZr8YcVm4KbLsJe';
const INQ_SUBJECT = 'inq_94DPdDirq2zPadAYXnrSJiNz';
const CSCM_REVIEW = 'cscm_TuksVsg7Zcrs9iwnkyrEpPL6';

const times = (updatedAt: string): Json => ({
  name: 'EDD-0311',
  'created-at': '2025-11-10T08:00:00.000Z',
  'updated-at': updatedAt,
  'creator-id': 'edd.team@harborline.example',
  'creator-type': 'user',
});

const piiFields: Json = {
  customer_email: str('dana.reyes@example.com'),
  customer_phone: str('+1 646 555 0187'),
  risk_tier: choices('high'),
};

export const fixtures: VendorDocFixture[] = [
  // 39 ─ redaction first to arrive, last to happen.
  {
    name: 'case.redacted (redacted-at set, fields {}, tags []) delivered before the case.updated and case.resolved it follows; the PII case fields never show again',
    vendor: 'persona',
    docs: [D.redact, D.blocklistCase, D.vendorFacts, D.ordering, D.events],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('redaction-created'),
          'case.created',
          '2025-11-10T08:00:00.300Z',
          kase(
            CASE_REDACTED,
            { status: 'Open', ...times('2025-11-10T08:00:00.000Z'), fields: piiFields, tags: ['vip'] },
            { accounts: [ACT_SUBJECT], inquiries: [INQ_SUBJECT] },
          ),
        ),
      },
      {
        body: event(
          evt('redaction-redacted'),
          'case.redacted',
          '2025-12-15T10:00:05.118Z',
          kase(
            CASE_REDACTED,
            {
              status: 'Approved',
              ...times('2025-12-15T10:00:04.000Z'),
              'resolved-at': '2025-11-12T17:00:00.000Z',
              'redacted-at': '2025-12-15T10:00:04.000Z',
              'resolver-id': 'edd.lead@harborline.example',
              'resolver-type': 'user',
              'updater-id': 'privacy.bot@harborline.example',
              'updater-type': 'user',
              tags: [],
              fields: {},
            },
            { accounts: [ACT_SUBJECT], inquiries: [INQ_SUBJECT], comments: [CSCM_REVIEW] },
          ),
        ),
      },
      {
        body: event(
          evt('redaction-updated'),
          'case.updated',
          '2025-11-11T09:15:00.450Z',
          kase(
            CASE_REDACTED,
            { status: 'Pending', ...times('2025-11-11T09:15:00.000Z'), fields: piiFields, tags: ['vip'] },
            { accounts: [ACT_SUBJECT], inquiries: [INQ_SUBJECT], comments: [CSCM_REVIEW] },
          ),
        ),
      },
      {
        body: event(
          evt('redaction-resolved'),
          'case.resolved',
          '2025-11-12T17:00:00.610Z',
          kase(
            CASE_REDACTED,
            {
              status: 'Approved',
              ...times('2025-11-12T17:00:00.000Z'),
              'resolved-at': '2025-11-12T17:00:00.000Z',
              'resolver-id': 'edd.lead@harborline.example',
              'resolver-type': 'user',
              fields: piiFields,
              tags: ['vip'],
            },
            { accounts: [ACT_SUBJECT], inquiries: [INQ_SUBJECT], comments: [CSCM_REVIEW] },
          ),
        ),
      },
    ],
    states: [
      {
        kind: 'case',
        id: CASE_REDACTED,
        state: {
          version: 4,
          redacted: true,
          redactedAt: '2025-12-15T10:00:04.000Z',
          status: 'approved',
          statusLabel: 'Approved',
          resolvedAt: '2025-11-12T17:00:00.000Z',
          resolverId: 'edd.lead@harborline.example',
          tags: [],
          fields: { customerEmail: null, customerPhone: null },
          accountIds: [ACT_SUBJECT],
          inquiryIds: [INQ_SUBJECT],
        },
        why: 'A redacted case has a non-null redacted-at, empty fields and tags, and keeps its status, resolution times and related ids (the Redact a Case example); events fold by created-at, so the redaction lands last although it arrived second.',
      },
      {
        kind: 'case',
        id: CASE_REDACTED,
        version: 1,
        state: { fields: { customerEmail: null, customerPhone: null } },
        why: 'Redaction is permanent: the case as created may not show its PII fields again.',
      },
      {
        kind: 'case',
        id: CASE_REDACTED,
        asOf: '2025-11-11T12:00:00.000Z',
        state: { version: 2, status: 'pending', statusLabel: 'Pending', fields: { customerEmail: null } },
        why: 'Statuses of the past remain visible; the PII fields do not.',
      },
    ],
    absent: [
      {
        kind: 'case',
        id: CASE_REDACTED,
        values: ['dana.reyes@example.com', '+1 646 555 0187'],
        why: "The redacted case's field values are deleted for good; no state or timeline entry may show them.",
      },
    ],
  },
];
