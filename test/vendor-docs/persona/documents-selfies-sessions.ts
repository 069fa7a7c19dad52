/**
 * document.*, selfie.*, inquiry-session.* and session.* events routed to their inquiry by the
 * resource's `inquiry` relationship. Document statuses: initiated, submitted, processed, errored
 * (documents.md). Inquiry sessions: one per device access, several per inquiry, cancel events may
 * repeat for one session (events list). Values are invented.
 */
import type { Body, Delivery, VendorDocFixture } from '../fixture.js';
import { CURRENT, PAGES, delivery, many, one, pid } from './support/inquiry.js';

function documentEvent(
  name: string,
  at: string,
  type: string,
  id: string,
  inquiryId: string,
  attrs: Body,
): Delivery {
  return delivery(name, at, {
    type: `document/${type}`,
    id,
    attributes: attrs,
    relationships: {
      inquiry: one('inquiry', inquiryId),
      template: {},
      'inquiry-template-version': one('inquiry-template-version', pid('itmplv', 'documents')),
      'inquiry-template': one('inquiry-template', pid('itmpl', 'documents')),
      'document-files': many(),
    },
  });
}

function sessionEvent(
  name: string,
  at: string,
  id: string,
  inquiryId: string,
  attrs: Body,
  type = 'inquiry-session',
): Delivery {
  return delivery(name, at, {
    type,
    id,
    attributes: {
      'created-at': attrs['created-at'],
      'started-at': null,
      'expired-at': null,
      'ip-address': '198.51.100.23',
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0',
      'os-name': 'Linux',
      'device-type': 'desktop',
      'browser-name': 'Firefox',
      'device-handoff-method': null,
      'is-proxy': false,
      'is-tor': false,
      'is-datacenter': false,
      'is-vpn': false,
      'threat-level': 'low',
      'country-code': 'US',
      'region-code': 'MN',
      ...attrs,
    },
    relationships: { inquiry: one('inquiry', inquiryId), device: one('device', pid('dev', id)) },
  });
}

const govDocAttrs = (status: string, processedAt: string | null): Body => ({
  status,
  'created-at': '2026-06-01T09:00:00.000Z',
  'id-class': 'dl',
  'name-first': 'Hana',
  'name-last': 'Lindqvist',
  birthdate: '1998-07-19',
  'address-street-1': '701 Birch Hollow',
  'address-city': 'Saint Paul',
  'address-subdivision': 'MN',
  'address-postal-code': '55102',
  'issuing-subdivision': 'MN',
  'expiration-date': '2029-07-19',
  designations: [],
  'front-photo': {
    filename: 'front.jpg',
    url: 'https://files.withpersona.com/front.jpg?access_token=fixture',
    'byte-size': 301122,
  },
  'back-photo': null,
  'processed-at': processedAt,
  'processed-at-ts': processedAt === null ? null : Math.floor(Date.parse(processedAt) / 1000),
});

const genericAttrs = (status: string, processedAt: string | null): Body => ({
  status,
  kind: 'document',
  'document-type': 'bank_statement',
  'created-at': '2026-06-02T09:00:00.000Z',
  'extraction-responses': [],
  fields: {},
  files: [
    {
      filename: 'statement-may.pdf',
      url: 'https://files.withpersona.com/statement-may.pdf?access_token=fixture',
      'byte-size': 220431,
    },
  ],
  'files-normalized': [],
  'processed-at': processedAt,
  'processed-at-ts': processedAt === null ? null : Math.floor(Date.parse(processedAt) / 1000),
});

const D1 = pid('inq', 'doc-gov'),
  D1_D = pid('doc', 'gov');
const D2 = pid('inq', 'doc-generic'),
  D2_D = pid('doc', 'generic');
const D3 = pid('inq', 'doc-all-events'),
  D3_D = pid('doc', 'all-events');
const D4 = pid('inq', 'doc-nfc'),
  D4_D = pid('doc', 'nfc');
const S1 = pid('inq', 'selfie-typed'),
  S1_S = pid('self', 'typed');
const S2 = pid('inq', 'selfie-bare'),
  S2_S = pid('selfie', 'bare');
const SS1 = pid('inq', 'sessions-handoff'),
  SS1_DESK = pid('iqse', 'handoff-desktop'),
  SS1_PHONE = pid('iqse', 'handoff-phone');
const SS2 = pid('inq', 'sessions-cancel'),
  SS2_S = pid('iqse', 'cancel');
const SS3 = pid('inq', 'session-generic'),
  SS3_S = pid('sess', 'generic');

export const fixtures: VendorDocFixture[] = [
  {
    name: 'document/government-id: created -> submitted -> processed',
    vendor: 'persona',
    docs: [PAGES.retrieveGovIdDocument, PAGES.documentsApi, PAGES.events],
    apiVersion: CURRENT,
    deliveries: [
      documentEvent(
        'document.created',
        '2026-06-01T09:00:00.200Z',
        'government-id',
        D1_D,
        D1,
        govDocAttrs('initiated', null),
      ),
      documentEvent(
        'document.submitted',
        '2026-06-01T09:00:35.300Z',
        'government-id',
        D1_D,
        D1,
        govDocAttrs('submitted', null),
      ),
      documentEvent(
        'document.processed',
        '2026-06-01T09:00:41.400Z',
        'government-id',
        D1_D,
        D1,
        govDocAttrs('processed', '2026-06-01T09:00:41.000Z'),
      ),
    ],
    states: [
      {
        kind: 'inquiry',
        id: D1,
        version: 1,
        state: { documents: { [D1_D]: { type: 'government-id', status: 'initiated' } } },
        why: 'documents.md: "When the individual is first asked to provide a document, the document is initiated".',
      },
      {
        kind: 'inquiry',
        id: D1,
        version: 2,
        state: { documents: { [D1_D]: { type: 'government-id', status: 'submitted' } } },
        why: 'documents.md: Submitted, "the server processes the document".',
      },
      {
        kind: 'inquiry',
        id: D1,
        state: { documents: { [D1_D]: { type: 'government-id', status: 'processed' } } },
        why: 'documents.md: Processed, "The server is done processing the document". The type is the part after document/.',
      },
    ],
  },

  {
    name: 'document/generic: created -> submitted -> errored',
    vendor: 'persona',
    docs: [PAGES.retrieveDocument, PAGES.documentsApi],
    apiVersion: CURRENT,
    deliveries: [
      documentEvent(
        'document.created',
        '2026-06-02T09:00:00.200Z',
        'generic',
        D2_D,
        D2,
        genericAttrs('initiated', null),
      ),
      documentEvent(
        'document.submitted',
        '2026-06-02T09:01:00.300Z',
        'generic',
        D2_D,
        D2,
        genericAttrs('submitted', null),
      ),
      documentEvent(
        'document.errored',
        '2026-06-02T09:01:30.400Z',
        'generic',
        D2_D,
        D2,
        genericAttrs('errored', null),
      ),
    ],
    states: [
      {
        kind: 'inquiry',
        id: D2,
        state: { documents: { [D2_D]: { type: 'generic', status: 'errored' } } },
        why: 'documents.md: Errored, "If the server fails to process the document"; Retrieve a Document shows type document/generic.',
      },
    ],
  },

  {
    name: 'document.pending and document.extracted between submitted and processed (every document event)',
    vendor: 'persona',
    docs: [PAGES.eventList, PAGES.retrieveDocument],
    apiVersion: CURRENT,
    deliveries: [
      documentEvent(
        'document.created',
        '2026-06-03T09:00:00.200Z',
        'generic',
        D3_D,
        D3,
        genericAttrs('initiated', null),
      ),
      documentEvent(
        'document.submitted',
        '2026-06-03T09:01:00.300Z',
        'generic',
        D3_D,
        D3,
        genericAttrs('submitted', null),
      ),
      documentEvent(
        'document.pending',
        '2026-06-03T09:01:00.600Z',
        'generic',
        D3_D,
        D3,
        genericAttrs('submitted', null),
      ),
      documentEvent(
        'document.extracted',
        '2026-06-03T09:01:20.700Z',
        'generic',
        D3_D,
        D3,
        genericAttrs('submitted', null),
      ),
      documentEvent(
        'document.processed',
        '2026-06-03T09:01:22.800Z',
        'generic',
        D3_D,
        D3,
        genericAttrs('processed', '2026-06-03T09:01:22.000Z'),
      ),
    ],
    states: [
      {
        kind: 'inquiry',
        id: D3,
        state: { version: 5, documents: { [D3_D]: { type: 'generic', status: 'processed' } } },
        why: 'Events list: document.pending ("pending processing") and document.extracted ("data is extracted") come between submission and processing; documents.md has no pending or extracted status, so the final processed decides. All five events count.',
      },
    ],
  },

  {
    name: 'document/government-id-nfc: processed',
    vendor: 'persona',
    docs: [PAGES.nfcVerification, PAGES.documentsApi],
    apiVersion: CURRENT,
    deliveries: [
      documentEvent('document.processed', '2026-06-04T09:00:10.200Z', 'government-id-nfc', D4_D, D4, {
        status: 'processed',
        'created-at': '2026-06-04T09:00:00.000Z',
        'processed-at': '2026-06-04T09:00:10.000Z',
      }),
    ],
    states: [
      {
        kind: 'inquiry',
        id: D4,
        state: { documents: { [D4_D]: { type: 'government-id-nfc', status: 'processed' } } },
        why: 'The NFC verification page links a document/government-id-nfc.',
      },
    ],
  },

  {
    name: 'selfie/profile-and-center (self_ id): created -> submitted -> processed',
    vendor: 'persona',
    docs: [PAGES.responseBody, PAGES.serproVerification, PAGES.events],
    apiVersion: CURRENT,
    deliveries: ['created', 'submitted', 'processed'].map((step, i) =>
      delivery(`selfie.${step}`, `2026-06-05T09:00:0${i * 3}.400Z`, {
        type: 'selfie/profile-and-center',
        id: S1_S,
        attributes: {
          status: step === 'created' ? 'initiated' : step,
          'created-at': '2026-06-05T09:00:00.000Z',
          'capture-method': 'video',
        },
        relationships: { inquiry: one('inquiry', S1) },
      }),
    ),
    states: [
      {
        kind: 'inquiry',
        id: S1,
        state: { version: 3, selfies: { [S1_S]: { status: 'processed' } } },
        why: "response-body.md lists an inquiry's selfies as type selfie/profile-and-center, id self_…; events.md: selfie.created / submitted / processed / errored. Selfie statuses are not documented; the ones sent mirror the document statuses.",
      },
    ],
  },

  {
    name: 'Bare "selfie" type (selfie_ id, as on the allowlist page): errored',
    vendor: 'persona',
    docs: [PAGES.allowlists, PAGES.events],
    apiVersion: CURRENT,
    deliveries: [
      delivery('selfie.errored', '2026-06-06T09:00:04.400Z', {
        type: 'selfie',
        id: S2_S,
        attributes: { status: 'errored', 'created-at': '2026-06-06T09:00:00.000Z' },
        relationships: { inquiry: one('inquiry', S2) },
      }),
    ],
    states: [
      {
        kind: 'inquiry',
        id: S2,
        state: { selfies: { [S2_S]: { status: 'errored' } } },
        why: 'webhook-allowlists.md shows an included selfie with "type": "selfie", id selfie_…: a selfie type with no subtype must route like selfie/<subtype>. selfie.errored: processing has errored.',
      },
    ],
  },

  {
    name: 'Device handoff: two inquiry sessions on one inquiry; desktop canceled, phone expired',
    vendor: 'persona',
    docs: [
      PAGES.inquirySessions,
      PAGES.retrieveInquirySession,
      PAGES.expireInquirySession,
      PAGES.inquirySessionEvents,
      PAGES.events,
    ],
    apiVersion: CURRENT,
    deliveries: [
      sessionEvent('inquiry-session.started', '2026-06-07T09:00:00.300Z', SS1_DESK, SS1, {
        'created-at': '2026-06-07T09:00:00.000Z',
        'started-at': '2026-06-07T09:00:00.000Z',
      }),
      sessionEvent('inquiry-session.started', '2026-06-07T09:02:00.300Z', SS1_PHONE, SS1, {
        'created-at': '2026-06-07T09:02:00.000Z',
        'started-at': '2026-06-07T09:02:00.000Z',
        'device-type': 'mobile',
        'os-name': 'Android',
        'browser-name': 'Chrome Mobile',
        'device-handoff-method': 'qr',
      }),
      sessionEvent('inquiry-session.canceled', '2026-06-07T09:02:30.300Z', SS1_DESK, SS1, {
        'created-at': '2026-06-07T09:00:00.000Z',
        'started-at': '2026-06-07T09:00:00.000Z',
        status: 'canceled',
      }),
      sessionEvent('inquiry-session.expired', '2026-06-08T09:00:00.300Z', SS1_PHONE, SS1, {
        'created-at': '2026-06-07T09:02:00.000Z',
        'started-at': '2026-06-07T09:02:00.000Z',
        'expired-at': '2026-06-08T09:00:00.000Z',
        status: 'expired',
        'device-type': 'mobile',
        'device-handoff-method': 'qr',
      }),
    ],
    states: [
      {
        kind: 'inquiry',
        id: SS1,
        version: 2,
        state: { sessions: { [SS1_DESK]: {}, [SS1_PHONE]: {} } },
        why: 'inquiry-sessions.md: "a second session is created when the user switches to their phone"; events.md: inquiry-session.started "Multiple devices will each spawn a session". (No status value for a started session is documented, so only presence is asserted.)',
      },
      {
        kind: 'inquiry',
        id: SS1,
        state: { sessions: { [SS1_DESK]: { status: 'canceled' }, [SS1_PHONE]: { status: 'expired' } } },
        why: 'inquiry-session.canceled: "manually canceled by the user"; inquiry-session.expired with status expired and expired-at (Retrieve / Expire an Inquiry Session).',
      },
    ],
  },

  {
    name: 'A resumed session canceled twice: two cancel events for one session',
    vendor: 'persona',
    docs: [PAGES.events, PAGES.inquirySessions],
    apiVersion: CURRENT,
    deliveries: [
      sessionEvent('inquiry-session.started', '2026-06-09T09:00:00.300Z', SS2_S, SS2, {
        'created-at': '2026-06-09T09:00:00.000Z',
        'started-at': '2026-06-09T09:00:00.000Z',
      }),
      sessionEvent('inquiry-session.canceled', '2026-06-09T09:04:00.300Z', SS2_S, SS2, {
        'created-at': '2026-06-09T09:00:00.000Z',
        'started-at': '2026-06-09T09:00:00.000Z',
        status: 'canceled',
      }),
      sessionEvent('inquiry-session.canceled', '2026-06-09T09:20:00.300Z', SS2_S, SS2, {
        'created-at': '2026-06-09T09:00:00.000Z',
        'started-at': '2026-06-09T09:00:00.000Z',
        status: 'canceled',
      }),
    ],
    states: [
      {
        kind: 'inquiry',
        id: SS2,
        state: { version: 3, sessions: { [SS2_S]: { status: 'canceled' } } },
        why: 'events.md: "Because sessions may be resumed, there may be multiple cancel events for a given session": distinct events (distinct ids), both counted, the session canceled.',
      },
    ],
  },

  {
    name: 'session.created / session.expired (resource type "session"): shape undocumented, routed by its inquiry relationship',
    vendor: 'persona',
    docs: [PAGES.eventList],
    apiVersion: CURRENT,
    deliveries: [
      sessionEvent(
        'session.created',
        '2026-06-10T09:00:00.300Z',
        SS3_S,
        SS3,
        { 'created-at': '2026-06-10T09:00:00.000Z' },
        'session',
      ),
      sessionEvent(
        'session.expired',
        '2026-06-11T09:00:00.300Z',
        SS3_S,
        SS3,
        {
          'created-at': '2026-06-10T09:00:00.000Z',
          'expired-at': '2026-06-11T09:00:00.000Z',
          status: 'expired',
        },
        'session',
      ),
    ],
    states: [
      {
        kind: 'inquiry',
        id: SS3,
        state: { sessions: { [SS3_S]: { status: 'expired' } } },
        why: 'Events list: session.created "Occurs when a session is created", session.expired "when a session expires". No payload page exists; this assumes the inquiry-session shape.',
      },
    ],
  },
];
