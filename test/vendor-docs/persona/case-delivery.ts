/**
 * Persona CASE deliveries as they really arrive: out of order, redelivered, and with blocklisted
 * case fields missing. Bodies are written for this project in the documented shape; values are
 * invented. Doc paths are relative to the mirror's reference/persona/.
 */
import type { VendorDocFixture } from '../fixture.js';
import { type Json, eventIds, event, str, caseBuilder } from './support/account-case.js';

const evt = eventIds('case-delivery');

const TEMPLATE_DEFAULT = 'ctmpl_6cBDp3QJ6rLYrvAN3R85Kkjz';
const QUEUE_DEFAULT = 'cqueue_Eams66zCrGhRz8j7rdsw2jVzHDL';

const kase = caseBuilder(TEMPLATE_DEFAULT, QUEUE_DEFAULT);

const D = {
  ordering:
    'Order of received events may differ from creation; use created-at (docs/webhooks.md "Order of received events")',
  retries:
    'Retry logic: an unanswered delivery is sent again with the same event (docs/webhooks.md "Retry logic")',
  assign: 'Assign a Case (docs/api-reference/cases/assign-a-case.md)',
  cases: 'Cases: default statuses Open, Pending, Approved, Declined (docs/cases.md)',
  blocklist:
    'Webhook Attribute Blocklists: fully qualified paths with ?type=case remove case attributes and fields (docs/webhook-attribute-blocklists.md)',
  events: 'Events list: case.* (shared/seeds/persona-events.txt)',
};

const CASE_ORDER = 'case_JMgqDfRfy9YjFMGC4QJGmoyL';
const CASE_BLOCKLIST = 'case_Mv3vwnzesNbWjc9rEQ28RDuj';

const base = (id: string, name: string, updatedAt: string): Json => ({
  name,
  'created-at': '2025-11-20T08:00:00.000Z',
  'updated-at': updatedAt,
  'creator-id': `wfr_${id.slice(-24)}`,
  'creator-type': 'workflow-run',
});

const assignee = {
  'assigned-at': '2025-11-20T08:10:00.000Z',
  'assignee-id': 'priya.n@harborline.example',
  'assigner-id': 'queue.lead@harborline.example',
  'assigner-type': 'user',
};

export const fixtures: VendorDocFixture[] = [
  // 40 ─ newest first, a redelivered assignment.
  {
    name: 'case.created, case.assigned, case.status-updated ×2 delivered newest first with the assignment redelivered: created-at decides, duplicates count once',
    vendor: 'persona',
    docs: [D.ordering, D.retries, D.assign, D.cases],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('order-declined'),
          'case.status-updated',
          '2025-11-21T16:00:00.900Z',
          kase(CASE_ORDER, {
            status: 'Declined',
            ...base(CASE_ORDER, 'KYC-2290', '2025-11-21T16:00:00.000Z'),
            ...assignee,
          }),
        ),
      },
      {
        body: event(
          evt('order-assigned'),
          'case.assigned',
          '2025-11-20T08:10:00.200Z',
          kase(CASE_ORDER, {
            status: 'Open',
            ...base(CASE_ORDER, 'KYC-2290', '2025-11-20T08:10:00.000Z'),
            ...assignee,
          }),
        ),
        headers: { 'Persona-Webhook-Attempts-Made': '1', 'Persona-Webhook-Attempts-Left': '7' },
      },
      {
        body: event(
          evt('order-created'),
          'case.created',
          '2025-11-20T08:00:00.100Z',
          kase(CASE_ORDER, { status: 'Open', ...base(CASE_ORDER, 'KYC-2290', '2025-11-20T08:00:00.000Z') }),
        ),
      },
      {
        body: event(
          evt('order-assigned'),
          'case.assigned',
          '2025-11-20T08:10:00.200Z',
          kase(CASE_ORDER, {
            status: 'Open',
            ...base(CASE_ORDER, 'KYC-2290', '2025-11-20T08:10:00.000Z'),
            ...assignee,
          }),
        ),
        headers: { 'Persona-Webhook-Attempts-Made': '2', 'Persona-Webhook-Attempts-Left': '6' },
      },
      {
        body: event(
          evt('order-pending'),
          'case.status-updated',
          '2025-11-20T11:30:00.400Z',
          kase(CASE_ORDER, {
            status: 'Pending',
            ...base(CASE_ORDER, 'KYC-2290', '2025-11-20T11:30:00.000Z'),
            ...assignee,
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'case',
        id: CASE_ORDER,
        state: {
          version: 4,
          status: 'declined',
          statusLabel: 'Declined',
          assigneeId: 'priya.n@harborline.example',
          assignerId: 'queue.lead@harborline.example',
        },
        why: 'Webhooks can arrive out of creation order and more than once; by created-at Declined is the latest status, and the redelivered assignment (same evt id) is one event.',
      },
      {
        kind: 'case',
        id: CASE_ORDER,
        asOf: '2025-11-21T00:00:00.000Z',
        state: { version: 3, status: 'pending', statusLabel: 'Pending' },
        why: 'Before the decline (by created-at) the case was Pending, though that event arrived last.',
      },
      {
        kind: 'case',
        id: CASE_ORDER,
        version: 1,
        state: { status: 'open', assigneeId: null },
        why: 'The first event by created-at is case.created, before any assignment.',
      },
    ],
    timelines: [
      {
        kind: 'case',
        id: CASE_ORDER,
        types: ['case.status-updated', 'case.status-updated', 'case.assigned', 'case.created'],
        why: 'Four distinct events newest first by created-at; the redelivery is not a fifth.',
      },
    ],
  },

  // 41 ─ a blocklisted case field.
  {
    name: 'case.updated-fields and case.status-updated through a webhook that started blocklisting /data/attributes/fields/customer_name?type=case after the case was created: the missing field keeps its value',
    vendor: 'persona',
    docs: [D.blocklist, D.events],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('blocklist-created'),
          'case.created',
          '2025-11-20T08:00:00.000Z',
          kase(CASE_BLOCKLIST, {
            status: 'Open',
            ...base(CASE_BLOCKLIST, 'EDD-0417', '2025-11-20T08:00:00.000Z'),
            fields: { priority: str('high'), customer_name: str('Inés Calderón') },
          }),
        ),
      },
      {
        body: event(
          evt('blocklist-fields'),
          'case.updated-fields',
          '2025-11-20T09:00:00.000Z',
          kase(CASE_BLOCKLIST, {
            status: 'Open',
            ...base(CASE_BLOCKLIST, 'EDD-0417', '2025-11-20T09:00:00.000Z'),
            fields: { priority: str('urgent') },
          }),
        ),
      },
      {
        body: event(
          evt('blocklist-status'),
          'case.status-updated',
          '2025-11-20T10:00:00.000Z',
          kase(CASE_BLOCKLIST, {
            status: 'Pending',
            ...base(CASE_BLOCKLIST, 'EDD-0417', '2025-11-20T10:00:00.000Z'),
            fields: { priority: str('urgent') },
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'case',
        id: CASE_BLOCKLIST,
        state: {
          version: 3,
          status: 'pending',
          fields: { priority: 'urgent', customerName: 'Inés Calderón' },
        },
        why: 'A fully qualified blocklist entry with ?type=case removes that case field from every later payload; a field missing from fields was not sent, so it keeps its value, while fields that were sent merge by name.',
      },
    ],
  },
];
