/**
 * Persona CASE statuses: customer-defined per case template, sent with varying capitalisation
 * ("Open", "open", "OPEN", "Review in progress", "Approved by Team 1"). `status` is the comparable
 * key; `statusLabel` keeps the spelling as sent. Bodies are written for this project in the
 * documented shape; values are invented. Doc paths are relative to the mirror's reference/persona/.
 */
import type { VendorDocFixture } from '../fixture.js';
import { type Json, eventIds, event, str, caseBuilder } from './support/account-case.js';

const evt = eventIds('case-status');

const TEMPLATE_DEFAULT = 'ctmpl_GRipmLMuZAADzj2SYcFw9L8W';
const QUEUE_DEFAULT = 'cqueue_RXC5v5zG8rnMv5Z9QBhcddeDnpE';

const kase = caseBuilder(TEMPLATE_DEFAULT, QUEUE_DEFAULT);

const D = {
  cases:
    'Cases: default statuses Open, Pending, Approved, Declined; custom statuses per template, e.g. Open → Review in progress → Awaiting documentation → Approved / Declined, Approved by Team 1 (docs/cases.md "Case statuses")',
  help: 'Help: Case Status — custom statuses per case template (help/articles/2P8swNyjlHKiZPDCy5gnAu.md)',
  examples:
    'Cases API examples spell statuses "open" (create, assign, update, list), "Open" (add-tag, set-tags), "Approved" (redact), "pending" (search) (docs/api-reference/cases/*.md)',
  search:
    'Search Cases: status "pending", creator-type api-key, case-queue {} (docs/api-reference/cases/search-cases.md)',
  statusTypes:
    'Cases API overview: each status is categorised initial, intermediate or end (https://docs.withpersona.com/api-reference/cases)',
  events: 'Events list: case.status-updated, case.updated (shared/seeds/persona-events.txt)',
};

const CASE_CAPITALS = 'case_chAKLsHg4uFr9LAFoAoax5Q8';
const CASE_SPELLINGS = 'case_HM2EDZCmhLKk46yQgJ4ttfps';
const CASE_SEARCH_SHAPE = 'case_tErMWLA2nyVprvJPje9ZfbpL';

const base = (name: string, createdAt: string, updatedAt: string): Json => ({
  name,
  'created-at': createdAt,
  'updated-at': updatedAt,
  'creator-id': 'ops.intake@harborline.example',
  'creator-type': 'user',
});

export const fixtures: VendorDocFixture[] = [
  // 36 ─ a custom review process.
  {
    name: 'case.status-updated through a custom review process: Open → Review in progress → Awaiting Documentation → APPROVED',
    vendor: 'persona',
    docs: [D.cases, D.help, D.events],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('capitals-created'),
          'case.created',
          '2025-11-01T08:00:00.000Z',
          kase(CASE_CAPITALS, {
            status: 'Open',
            ...base('REV-201', '2025-11-01T08:00:00.000Z', '2025-11-01T08:00:00.000Z'),
          }),
        ),
      },
      {
        body: event(
          evt('capitals-review'),
          'case.status-updated',
          '2025-11-01T09:30:00.000Z',
          kase(CASE_CAPITALS, {
            status: 'Review in progress',
            ...base('REV-201', '2025-11-01T08:00:00.000Z', '2025-11-01T09:30:00.000Z'),
          }),
        ),
      },
      {
        body: event(
          evt('capitals-awaiting'),
          'case.status-updated',
          '2025-11-02T10:00:00.000Z',
          kase(CASE_CAPITALS, {
            status: 'Awaiting Documentation',
            ...base('REV-201', '2025-11-01T08:00:00.000Z', '2025-11-02T10:00:00.000Z'),
          }),
        ),
      },
      {
        body: event(
          evt('capitals-approved'),
          'case.status-updated',
          '2025-11-04T15:20:00.000Z',
          kase(CASE_CAPITALS, {
            status: 'APPROVED',
            ...base('REV-201', '2025-11-01T08:00:00.000Z', '2025-11-04T15:20:00.000Z'),
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'case',
        id: CASE_CAPITALS,
        version: 1,
        state: { status: 'open', statusLabel: 'Open' },
        why: 'Cases come with the default statuses Open, Pending, Approved, Declined.',
      },
      {
        kind: 'case',
        id: CASE_CAPITALS,
        version: 2,
        state: { status: 'review_in_progress', statusLabel: 'Review in progress' },
        why: 'Statuses can be customised per case template (e.g. "Review in progress"); the comparable key lower-cases and joins words with _.',
      },
      {
        kind: 'case',
        id: CASE_CAPITALS,
        version: 3,
        state: { status: 'awaiting_documentation', statusLabel: 'Awaiting Documentation' },
        why: "case.status-updated occurs when a case's status is updated; the payload's status is the new one.",
      },
      {
        kind: 'case',
        id: CASE_CAPITALS,
        state: { version: 4, status: 'approved', statusLabel: 'APPROVED' },
        why: 'Capitalisation varies between templates and examples; "APPROVED" and "Approved" are the same status for comparison, the label keeps what was sent.',
      },
    ],
  },

  // 37 ─ the same status spelt three ways, and customer-defined labels with hyphens and digits.
  {
    name: 'case statuses "open" → "OPEN" (case.updated) → "Approved by Team 1" → "Re-review": one key per status, the label as sent',
    vendor: 'persona',
    docs: [D.examples, D.cases, D.events],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('spellings-created'),
          'case.created',
          '2025-11-05T08:00:00.000Z',
          kase(CASE_SPELLINGS, {
            status: 'open',
            ...base('DUAL-17', '2025-11-05T08:00:00.000Z', '2025-11-05T08:00:00.000Z'),
          }),
        ),
      },
      {
        body: event(
          evt('spellings-updated'),
          'case.updated',
          '2025-11-05T08:30:00.000Z',
          kase(CASE_SPELLINGS, {
            status: 'OPEN',
            ...base('DUAL-17', '2025-11-05T08:00:00.000Z', '2025-11-05T08:30:00.000Z'),
          }),
        ),
      },
      {
        body: event(
          evt('spellings-team1'),
          'case.status-updated',
          '2025-11-06T12:00:00.000Z',
          kase(CASE_SPELLINGS, {
            status: 'Approved by Team 1',
            ...base('DUAL-17', '2025-11-05T08:00:00.000Z', '2025-11-06T12:00:00.000Z'),
          }),
        ),
      },
      {
        body: event(
          evt('spellings-rereview'),
          'case.status-updated',
          '2025-11-07T12:00:00.000Z',
          kase(CASE_SPELLINGS, {
            status: 'Re-review',
            ...base('DUAL-17', '2025-11-05T08:00:00.000Z', '2025-11-07T12:00:00.000Z'),
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'case',
        id: CASE_SPELLINGS,
        version: 1,
        state: { status: 'open', statusLabel: 'open' },
        why: 'The Cases API examples send the default status lower-case ("open").',
      },
      {
        kind: 'case',
        id: CASE_SPELLINGS,
        version: 2,
        state: { status: 'open', statusLabel: 'OPEN' },
        why: 'A case.updated whose status differs only in capitalisation is the same status; only the label changes.',
      },
      {
        kind: 'case',
        id: CASE_SPELLINGS,
        version: 3,
        state: { status: 'approved_by_team_1', statusLabel: 'Approved by Team 1' },
        why: 'Coordinating review between two teams uses custom statuses such as "Approved by Team 1".',
      },
      {
        kind: 'case',
        id: CASE_SPELLINGS,
        state: { version: 4, status: 're_review', statusLabel: 'Re-review' },
        why: 'Customer-defined labels may contain hyphens; they compare as _.',
      },
    ],
  },

  // 38 ─ the search example's second case: "pending", created by an API key, in no queue.
  {
    name: 'case.created in the shape of the search example\'s second case: status "pending", creator-type api-key, case-queue {} (no data key), typed fields',
    vendor: 'persona',
    docs: [D.search, D.statusTypes],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('search-created'),
          'case.created',
          '2025-11-08T15:20:00.000Z',
          kase(
            CASE_SEARCH_SHAPE,
            {
              status: 'pending',
              name: 'KCAS-88',
              'created-at': '2025-11-08T15:20:00.000Z',
              'updated-at': '2025-11-08T16:10:00.000Z',
              'creator-id': 'api_key_7HqT2',
              'creator-type': 'api-key',
              'updater-id': 'api_key_7HqT2',
              'updater-type': 'api-key',
              fields: { priority: str('medium') },
            },
            { queue: 'empty' },
          ),
        ),
      },
    ],
    states: [
      {
        kind: 'case',
        id: CASE_SEARCH_SHAPE,
        state: {
          status: 'pending',
          statusLabel: 'pending',
          queue: null,
          templateId: TEMPLATE_DEFAULT,
          fields: { priority: 'medium' },
          assigneeId: null,
        },
        why: 'The search example shows a case with status "pending", a case-queue relationship of {} (in no queue), a template, a typed string field and no assignee attributes.',
      },
    ],
  },
];
