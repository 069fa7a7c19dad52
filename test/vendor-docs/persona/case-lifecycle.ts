/**
 * Persona CASE events, one fixture per documented payload shape, with the case state the docs imply.
 * Bodies are written for this project in the documented shape (the Cases API resource: attributes
 * status, name, *-at times, creator/assignee/assigner/resolver ids and types, tags, fields,
 * attachments; relationships accounts, case-comments, case-template, case-queue, inquiries, reports,
 * verifications, txns); values are invented. Doc paths are relative to the mirror's reference/persona/.
 */
import type { VendorDocFixture } from '../fixture.js';
import { type Json, eventIds, event, str, num, choices, caseBuilder } from './support/account-case.js';

const evt = eventIds('case-lifecycle');

const TEMPLATE_DEFAULT = 'ctmpl_6cBDp3QJ6rLYrvAN3R85Kkjz';
const QUEUE_DEFAULT = 'cqueue_Eams66zCrGhRz8j7rdsw2jVzHDL';

const kase = caseBuilder(TEMPLATE_DEFAULT, QUEUE_DEFAULT);

const D = {
  create: 'Create a Case (docs/api-reference/cases/create-a-case.md)',
  addObjects: 'Add Persona objects to a Case (docs/api-reference/cases/add-persona-objects.md)',
  assign: 'Assign a Case (docs/api-reference/cases/assign-a-case.md)',
  assigner:
    'API changelog 2024-02-05: assigner-id and assigner-type (case-assignment-policy, user, workflow-run) (docs/api-reference/versioning/api-changelog/2024/2/5.md)',
  redactShape:
    'Redact a Case: a resolved case with resolved-at, resolver-id, resolver-type (docs/api-reference/cases/redact-a-case.md)',
  update: 'Update a Case (docs/api-reference/cases/update-a-case.md)',
  sla: 'API changelog 2024-01-08: set SLAs with meta.sla-expires-in-seconds on create/update (docs/api-reference/versioning/api-changelog/2024/1/8.md)',
  queue:
    'API changelog 2024-06-17 / 2024-08-13: case-queue in data.relationships; add or remove a case from a queue (docs/api-reference/versioning/api-changelog/2024/6/17.md)',
  search:
    'Search Cases: a case whose case-queue relationship is {} and typed fields (priority string, amount number) (docs/api-reference/cases/search-cases.md)',
  setTags: 'Set tags on a Case (docs/api-reference/cases/set-tags.md)',
  fieldsInflection:
    "API changelog 2025-10-27: field names in data.attributes.fields keep the case template's configured inflection (docs/api-reference/versioning/api-changelog/2025/10/27.md)",
  payloadGuide:
    'Understanding a Persona API payload: typed fields incl. choices (docs/integration-guide-understanding-a-persona-api-payload.md)',
  cases: 'Cases: investigate and decision; statuses; adding data (docs/cases.md)',
  events: 'Events list: case.* (shared/seeds/persona-events.txt)',
  routing: "Routing: a case's accounts and inquiries are related subjects (docs/events.md of this project)",
};

const ACT_CASE = 'act_Wq3RtYz8KmNpLc2VbXh7JsDf';
const INQ_FIRST = 'inq_ynotK85CyQuRFsFp7bcStrbo';
const INQ_SECOND = 'inq_3UarxAQgBSMBEY9buaufCexn';
const REP_CASE = 'rep_54Ha5mH6mvP4vQdqAmYPnor4';
const QUEUE_ESCALATION = 'cqueue_pVeZdxsy8ioFScgCrXEtGXDJQF6';
const CAP = 'cap_NHxxwZm7E9aYNHpKPch3d9zp';
const WFR_CREATOR = 'wfr_sTwxqdQvCunSBrZyG5vHJ5Ty';

const CASE_CREATED = 'case_8Ny7C5CQGpk5n88yJiAuxGKF';
const CASE_ASSIGNED = 'case_sbxnPpNSuLENjD5Lw4bR8UZd';
const CASE_RESOLVED = 'case_hqY6FU9cGxGFLMbAg8R49Xyb';
const CASE_SLA = 'case_EN9kBwcutii4v3QHeuSUXNm4';
const CASE_QUEUE = 'case_52v5P7t7eQzrctpgmwWX2msj';
const CASE_FIELDS = 'case_Agzwdfvw82Tm7PQhbQ5WLJwu';
const CASE_EXPORTED = 'case_h2nQoWgoazjjiTfru9oLFiRr';

const created = (at: string): Json => ({
  'created-at': at,
  'updated-at': at,
  'creator-id': WFR_CREATOR,
  'creator-type': 'workflow-run',
});

export const fixtures: VendorDocFixture[] = [
  // 29 ─ case.created, then case.updated after objects were added.
  {
    name: 'case.created as Create a Case returns it (status "open", sla-expires-at, template, queue, inquiries) then case.updated after Add Persona objects (more inquiries, a report)',
    vendor: 'persona',
    docs: [D.create, D.addObjects, D.cases, D.routing],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('created-created'),
          'case.created',
          '2025-10-06T08:00:00.512Z',
          kase(
            CASE_CREATED,
            {
              status: 'open',
              name: 'KYC-1042',
              ...created('2025-10-06T08:00:00.000Z'),
              'sla-expires-at': '2025-10-06T10:00:00.000Z',
            },
            { accounts: [ACT_CASE], inquiries: [INQ_FIRST] },
          ),
        ),
      },
      {
        body: event(
          evt('created-updated'),
          'case.updated',
          '2025-10-06T08:20:13.004Z',
          kase(
            CASE_CREATED,
            {
              status: 'open',
              name: 'KYC-1042',
              ...created('2025-10-06T08:00:00.000Z'),
              'updated-at': '2025-10-06T08:20:13.000Z',
              'sla-expires-at': '2025-10-06T10:00:00.000Z',
            },
            {
              accounts: [ACT_CASE],
              inquiries: [INQ_FIRST, INQ_SECOND],
              reports: [{ id: REP_CASE, type: 'report/watchlist' }],
            },
          ),
        ),
      },
    ],
    states: [
      {
        kind: 'case',
        id: CASE_CREATED,
        version: 1,
        state: {
          status: 'open',
          statusLabel: 'open',
          templateId: TEMPLATE_DEFAULT,
          queue: QUEUE_DEFAULT,
          slaExpiresAt: '2025-10-06T10:00:00.000Z',
          slaExpired: false,
          inquiryIds: [INQ_FIRST],
          accountIds: [ACT_CASE],
          assigneeId: null,
          resolvedAt: null,
          redacted: false,
        },
        why: 'A created case has its template\'s initial status (here "open"), a case-template and case-queue relationship, an SLA deadline in sla-expires-at, and the inquiries/accounts attached to it as relationships; no assignee or resolution yet.',
      },
      {
        kind: 'case',
        id: CASE_CREATED,
        state: { version: 2, inquiryIds: [INQ_FIRST, INQ_SECOND], accountIds: [ACT_CASE], status: 'open' },
        why: "Persona objects (inquiries, accounts, reports) can be attached to a case at any time; the case resource's relationships list them all after the update.",
      },
    ],
    timelines: [
      {
        kind: 'account',
        id: ACT_CASE,
        includeRelated: true,
        types: ['case.updated', 'case.created'],
        why: "A case collects the accounts it is about; the account's timeline with related subjects shows the case's events.",
      },
    ],
  },

  // 30 ─ case.assigned, by a user then by an assignment policy.
  {
    name: 'case.assigned as Assign a Case returns it (assignee-id, assigner-id, assigner-type, assigned-at), reassigned by a case-assignment-policy',
    vendor: 'persona',
    docs: [D.assign, D.assigner, D.cases],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('assign-created'),
          'case.created',
          '2025-10-07T09:00:00.200Z',
          kase(CASE_ASSIGNED, { status: 'Open', name: 'KYC-1043', ...created('2025-10-07T09:00:00.000Z') }),
        ),
      },
      {
        body: event(
          evt('assign-user'),
          'case.assigned',
          '2025-10-07T09:12:40.077Z',
          kase(CASE_ASSIGNED, {
            status: 'Open',
            name: 'KYC-1043',
            ...created('2025-10-07T09:00:00.000Z'),
            'updated-at': '2025-10-07T09:12:40.000Z',
            'assigned-at': '2025-10-07T09:12:40.000Z',
            'assignee-id': 'kim.okonkwo@northwind-pay.example',
            'assigner-id': 'lead.reviewer@northwind-pay.example',
            'assigner-type': 'user',
          }),
        ),
      },
      {
        body: event(
          evt('assign-policy'),
          'case.assigned',
          '2025-10-08T07:00:01.310Z',
          kase(CASE_ASSIGNED, {
            status: 'Open',
            name: 'KYC-1043',
            ...created('2025-10-07T09:00:00.000Z'),
            'updated-at': '2025-10-08T07:00:01.000Z',
            'assigned-at': '2025-10-08T07:00:01.000Z',
            'assignee-id': 'sam.ito@northwind-pay.example',
            'assigner-id': CAP,
            'assigner-type': 'case-assignment-policy',
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'case',
        id: CASE_ASSIGNED,
        version: 2,
        state: {
          assigneeId: 'kim.okonkwo@northwind-pay.example',
          assignerId: 'lead.reviewer@northwind-pay.example',
          status: 'open',
          statusLabel: 'Open',
        },
        why: 'case.assigned occurs when a case is assigned; the case then carries assignee-id and who assigned it in assigner-id (assigner-type user).',
      },
      {
        kind: 'case',
        id: CASE_ASSIGNED,
        state: { version: 3, assigneeId: 'sam.ito@northwind-pay.example', assignerId: CAP },
        why: "The assigner can be a case-assignment-policy or a workflow-run as well as a user; assigner-id is that entity's id.",
      },
    ],
    timelines: [
      {
        kind: 'case',
        id: CASE_ASSIGNED,
        types: ['case.assigned', 'case.assigned', 'case.created'],
        changes: [
          { eventId: evt('assign-policy'), path: 'assigneeId', after: 'sam.ito@northwind-pay.example' },
        ],
        why: 'Each assignment is an event on the case; the second one changed the assignee.',
      },
    ],
  },

  // 31 ─ resolved, reopened, resolved again.
  {
    name: 'case.resolved (status Approved, resolved-at, resolver-id), case.reopened (status Open, resolution attributes gone), case.resolved again (status "resolved", resolution "Escalated")',
    vendor: 'persona',
    docs: [D.redactShape, D.addObjects, D.cases, D.events],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('resolve-created'),
          'case.created',
          '2025-10-09T10:00:00.000Z',
          kase(CASE_RESOLVED, { status: 'Open', name: 'KYB-311', ...created('2025-10-09T10:00:00.000Z') }),
        ),
      },
      {
        body: event(
          evt('resolve-first'),
          'case.resolved',
          '2025-10-10T16:44:09.860Z',
          kase(CASE_RESOLVED, {
            status: 'Approved',
            name: 'KYB-311',
            ...created('2025-10-09T10:00:00.000Z'),
            'updated-at': '2025-10-10T16:44:09.000Z',
            'resolved-at': '2025-10-10T16:44:09.000Z',
            'resolver-id': 'amara.l@northwind-pay.example',
            'resolver-type': 'user',
          }),
        ),
      },
      {
        body: event(
          evt('resolve-reopened'),
          'case.reopened',
          '2025-10-14T11:02:30.415Z',
          kase(CASE_RESOLVED, {
            status: 'Open',
            name: 'KYB-311',
            ...created('2025-10-09T10:00:00.000Z'),
            'updated-at': '2025-10-14T11:02:30.000Z',
          }),
        ),
      },
      {
        body: event(
          evt('resolve-second'),
          'case.resolved',
          '2025-10-15T09:30:00.120Z',
          kase(CASE_RESOLVED, {
            status: 'resolved',
            name: 'KYB-311',
            resolution: 'Escalated',
            ...created('2025-10-09T10:00:00.000Z'),
            'updated-at': '2025-10-15T09:30:00.000Z',
            'resolved-at': '2025-10-15T09:30:00.000Z',
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'case',
        id: CASE_RESOLVED,
        version: 2,
        state: {
          status: 'approved',
          statusLabel: 'Approved',
          resolvedAt: '2025-10-10T16:44:09.000Z',
          resolverId: 'amara.l@northwind-pay.example',
        },
        why: "A resolved case has an end status (e.g. Approved), resolved-at and resolver-id (the redact page's example is such a case).",
      },
      {
        kind: 'case',
        id: CASE_RESOLVED,
        version: 3,
        state: { status: 'open', statusLabel: 'Open', resolvedAt: null, resolverId: null, resolution: null },
        why: 'case.reopened occurs when a case is reopened: it is open again and no longer resolved; the case resource only lists resolution attributes that have a value (resolved-at and resolver-id appear only on resolved cases in the examples), so their absence here means none.',
      },
      {
        kind: 'case',
        id: CASE_RESOLVED,
        state: {
          version: 4,
          status: 'resolved',
          statusLabel: 'resolved',
          resolution: 'Escalated',
          resolvedAt: '2025-10-15T09:30:00.000Z',
        },
        why: 'The add-objects example shows a case with status "resolved" and a separate resolution ("Escalated") and resolved-at; both are taken as sent.',
      },
    ],
  },

  // 32 ─ SLA: expires, then a new SLA is set by an update.
  {
    name: 'case.sla-expired for a case with sla-expires-at, then case.updated with a new sla-expires-at (meta.sla-expires-in-seconds on update)',
    vendor: 'persona',
    docs: [D.create, D.sla, D.update, D.events],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('sla-created'),
          'case.created',
          '2025-10-16T08:00:00.000Z',
          kase(CASE_SLA, {
            status: 'Open',
            name: 'TM-0907',
            ...created('2025-10-16T08:00:00.000Z'),
            'sla-expires-at': '2025-10-16T12:00:00.000Z',
          }),
        ),
      },
      {
        body: event(
          evt('sla-expired'),
          'case.sla-expired',
          '2025-10-16T12:00:02.733Z',
          kase(CASE_SLA, {
            status: 'Open',
            name: 'TM-0907',
            ...created('2025-10-16T08:00:00.000Z'),
            'sla-expires-at': '2025-10-16T12:00:00.000Z',
          }),
        ),
      },
      {
        body: event(
          evt('sla-extended'),
          'case.updated',
          '2025-10-16T13:15:00.500Z',
          kase(CASE_SLA, {
            status: 'Open',
            name: 'TM-0907',
            ...created('2025-10-16T08:00:00.000Z'),
            'updated-at': '2025-10-16T13:15:00.000Z',
            'sla-expires-at': '2025-10-17T13:15:00.000Z',
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'case',
        id: CASE_SLA,
        version: 2,
        state: { slaExpired: true, slaExpiresAt: '2025-10-16T12:00:00.000Z' },
        why: "case.sla-expired occurs when a case's SLA expires (its sla-expires-at has passed).",
      },
      {
        kind: 'case',
        id: CASE_SLA,
        state: { version: 3, slaExpiresAt: '2025-10-17T13:15:00.000Z' },
        why: 'An update can set a new SLA (meta.sla-expires-in-seconds); the case then carries the new sla-expires-at.',
      },
    ],
  },

  // 33 ─ queue changes, including out of every queue.
  {
    name: 'case.queue-updated: the case-queue relationship names the new queue, then is {} (no queue)',
    vendor: 'persona',
    docs: [D.queue, D.search, D.events],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('queue-created'),
          'case.created',
          '2025-10-17T08:00:00.000Z',
          kase(CASE_QUEUE, { status: 'Open', name: 'FRD-5521', ...created('2025-10-17T08:00:00.000Z') }),
        ),
      },
      {
        body: event(
          evt('queue-escalated'),
          'case.queue-updated',
          '2025-10-17T09:45:00.250Z',
          kase(
            CASE_QUEUE,
            {
              status: 'Open',
              name: 'FRD-5521',
              ...created('2025-10-17T08:00:00.000Z'),
              'updated-at': '2025-10-17T09:45:00.000Z',
              tags: ['High risk'],
            },
            { queue: QUEUE_ESCALATION },
          ),
        ),
      },
      {
        body: event(
          evt('queue-removed'),
          'case.queue-updated',
          '2025-10-18T10:00:00.250Z',
          kase(
            CASE_QUEUE,
            {
              status: 'Open',
              name: 'FRD-5521',
              ...created('2025-10-17T08:00:00.000Z'),
              'updated-at': '2025-10-18T10:00:00.000Z',
              tags: ['High risk'],
            },
            { queue: 'empty' },
          ),
        ),
      },
    ],
    states: [
      {
        kind: 'case',
        id: CASE_QUEUE,
        version: 1,
        state: { queue: QUEUE_DEFAULT },
        why: 'Case objects include case-queue in data.relationships.',
      },
      {
        kind: 'case',
        id: CASE_QUEUE,
        version: 2,
        state: { queue: QUEUE_ESCALATION, tags: ['High risk'] },
        why: 'case.queue-updated occurs when the case\'s queue changes (queues group cases, e.g. "High risk" ones into an escalation queue); the relationship names the new queue.',
      },
      {
        kind: 'case',
        id: CASE_QUEUE,
        state: { version: 3, queue: null },
        why: 'A case can be removed from its queue; a case in no queue has a case-queue relationship of {} (as in the search example), meaning none.',
      },
    ],
  },

  // 34 ─ typed case fields and tags.
  {
    name: "case.updated-fields with typed case fields (string, number, choices; keys in the template's inflection) and case.updated-tags as Set tags returns them",
    vendor: 'persona',
    docs: [D.search, D.payloadGuide, D.fieldsInflection, D.setTags, D.events],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('fields-created'),
          'case.created',
          '2025-10-20T08:00:00.000Z',
          kase(CASE_FIELDS, { status: 'Open', name: 'KYC-6', ...created('2025-10-20T08:00:00.000Z') }),
        ),
      },
      {
        body: event(
          evt('fields-first'),
          'case.updated-fields',
          '2025-10-20T08:05:00.000Z',
          kase(CASE_FIELDS, {
            status: 'Open',
            name: 'KYC-6',
            ...created('2025-10-20T08:00:00.000Z'),
            'updated-at': '2025-10-20T08:05:00.000Z',
            fields: { priority: str('high'), amount: num(1000), risk_tier: choices('elevated') },
          }),
        ),
      },
      {
        body: event(
          evt('fields-second'),
          'case.updated-fields',
          '2025-10-21T14:00:00.000Z',
          kase(CASE_FIELDS, {
            status: 'Open',
            name: 'KYC-6',
            ...created('2025-10-20T08:00:00.000Z'),
            'updated-at': '2025-10-21T14:00:00.000Z',
            fields: { priority: str('medium'), amount: num(2500), risk_tier: choices('elevated') },
          }),
        ),
      },
      {
        body: event(
          evt('fields-tags'),
          'case.updated-tags',
          '2025-10-21T14:30:00.000Z',
          kase(CASE_FIELDS, {
            status: 'Open',
            name: 'KYC-6',
            ...created('2025-10-20T08:00:00.000Z'),
            'updated-at': '2025-10-21T14:30:00.000Z',
            fields: { priority: str('medium'), amount: num(2500), risk_tier: choices('elevated') },
            tags: ['FRAUD', 'IMPERSONATING CELEBRITY'],
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'case',
        id: CASE_FIELDS,
        version: 2,
        state: { fields: { priority: 'high', amount: 1000, riskTier: 'elevated' } },
        why: "Case fields are typed {type, value} entries (string, number, choices…); their keys follow the case template's own inflection since 2025-10-27, and name the same field whatever the webhook's inflection.",
      },
      {
        kind: 'case',
        id: CASE_FIELDS,
        state: {
          version: 4,
          fields: { priority: 'medium', amount: 2500, riskTier: 'elevated' },
          tags: ['FRAUD', 'IMPERSONATING CELEBRITY'],
        },
        why: 'case.updated-fields carries the case with its fields after the update; case.updated-tags carries the case with its tags after the change (Set tags replaces them all).',
      },
    ],
  },

  // 35 ─ exported, print-initiated, agent-reviewed.
  {
    name: 'case.exported, case.print-initiated and case.agent-reviewed: the case resource as the payload; the event time is when it happened',
    vendor: 'persona',
    docs: [D.events, D.cases],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('export-created'),
          'case.created',
          '2025-10-22T08:00:00.000Z',
          kase(CASE_EXPORTED, { status: 'Open', name: 'SAR-0042', ...created('2025-10-22T08:00:00.000Z') }),
        ),
      },
      {
        body: event(
          evt('export-exported'),
          'case.exported',
          '2025-10-23T10:10:10.100Z',
          kase(CASE_EXPORTED, { status: 'Open', name: 'SAR-0042', ...created('2025-10-22T08:00:00.000Z') }),
        ),
      },
      {
        body: event(
          evt('export-print'),
          'case.print-initiated',
          '2025-10-23T10:12:00.900Z',
          kase(CASE_EXPORTED, { status: 'Open', name: 'SAR-0042', ...created('2025-10-22T08:00:00.000Z') }),
        ),
      },
      {
        body: event(
          evt('export-agent-reviewed'),
          'case.agent-reviewed',
          '2025-10-23T11:00:00.400Z',
          kase(CASE_EXPORTED, { status: 'Open', name: 'SAR-0042', ...created('2025-10-22T08:00:00.000Z') }),
        ),
      },
    ],
    states: [
      {
        kind: 'case',
        id: CASE_EXPORTED,
        state: {
          version: 4,
          exportedAt: '2025-10-23T10:10:10.100Z',
          printInitiatedAt: '2025-10-23T10:12:00.900Z',
          agentReviews: [{ at: '2025-10-23T11:00:00.400Z' }],
          status: 'open',
        },
        why: "case.exported occurs when a case is exported, case.print-initiated when printing is initiated, case.agent-reviewed when an agent reviews it; no attribute of the case records these (their payloads are not documented beyond the case itself), so the event's created-at is when each happened. None changes the status.",
      },
    ],
  },
];
