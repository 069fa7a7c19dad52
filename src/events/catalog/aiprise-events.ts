/**
 * AiPrise user-profile event catalog as data: every `user_profile_event_type` AiPrise documents for
 * a profile's events_callback_url, with its group in AiPrise's list and a description. All route to
 * the `user-profile-<user_profile_id>` stream.
 */
export type AiPriseEventGroup = 'lifecycle' | 'verification' | 'update' | 'document' | 'monitoring';

export type AiPriseCatalogRow = readonly [name: string, group: AiPriseEventGroup, description: string];

export const AIPRISE_USER_PROFILE_EVENTS = [
  ['USER_PROFILE_CREATE', 'lifecycle', 'A profile was created, through the API or the dashboard.'],
  ['USER_PROFILE_INFO_UPDATE', 'lifecycle', 'Profile metadata was edited.'],
  ['USER_PROFILE_CREATE_SESSION_URL', 'lifecycle', 'A hosted capture link was made for the person.'],
  ['USER_PROFILE_EMAIL_SESSION_URL', 'lifecycle', 'A capture link was emailed to the person.'],
  ['VERIFICATION_SESSION_STARTED', 'verification', 'A verification session linked to the profile began.'],
  ['VERIFICATION_REQUEST_SUBMITTED', 'verification', 'A linked verification session had its data submitted.'],
  ['VERIFICATION_SESSION_COMPLETION', 'verification', 'A linked verification session finished.'],
  [
    'RUN_USER_VERIFICATION',
    'verification',
    'A full verification workflow on the profile finished, with its decision.',
  ],
  [
    'RUN_DOCUMENT_CHECK',
    'verification',
    'A document-only workflow on the profile finished, with its decision.',
  ],
  ['MAKE_DECISION', 'verification', 'A decisioning workflow on the profile finished.'],
  ['RUN_RISK_SCORING', 'verification', 'A risk-scoring workflow ran on the profile.'],
  ['RESULT_UPDATE', 'update', 'The profile result changed outside a workflow run.'],
  ['SECTION_RESULT_UPDATE', 'update', 'The decision for one section of the profile changed.'],
  ['NAME_UPDATED', 'update', 'The name on the profile changed.'],
  ['DATE_OF_BIRTH_UPDATED', 'update', 'The date of birth on the profile changed.'],
  ['ADDRESS_UPDATED', 'update', 'The address on the profile changed.'],
  ['PHONE_UPDATED', 'update', 'The phone number on the profile changed.'],
  ['EMAIL_UPDATED', 'update', 'The email address on the profile changed.'],
  ['TAGS_UPDATED', 'update', 'The profile tags changed; carries before, after and the diff.'],
  ['ADD_ADDITIONAL_MEDIA', 'document', 'An extra document was uploaded to the profile.'],
  ['UPDATE_ADDITIONAL_MEDIA', 'document', 'An uploaded profile document was replaced or edited.'],
  ['DELETE_ADDITIONAL_MEDIA', 'document', 'An uploaded profile document was removed.'],
  ['AML_MONITORING_UPDATE', 'monitoring', 'Ongoing AML monitoring saw a change for the profile.'],
  ['AML_MONITORING_TOGGLE', 'monitoring', 'AML monitoring was switched on or off.'],
  ['RELATED_CASE_STATUS_UPDATE', 'monitoring', 'The decision on a linked verification session changed.'],
  ['COMMENT', 'monitoring', 'Someone commented on the profile.'],
  ['CREATE_TICKET', 'monitoring', 'A review ticket was opened for the profile.'],
  ['TICKET_STATUS_UPDATE', 'monitoring', 'A review ticket changed status.'],
  ['TICKET_REVIEWER_UPDATE', 'monitoring', 'A review ticket got a different reviewer.'],
  ['TICKET_REVIEW_QUEUE_UPDATE', 'monitoring', 'A review ticket moved to another queue.'],
  ['AML_HIT_RESOLVED', 'monitoring', 'An AML hit was resolved or whitelisted.'],
] as const satisfies readonly AiPriseCatalogRow[];

/** Every AiPrise user-profile event type the catalog knows, as a type. */
export type AiPriseUserProfileEventName = (typeof AIPRISE_USER_PROFILE_EVENTS)[number][0];

/**
 * The session channel's `event_type`s (AiPrise's "Case - Event Callbacks" page): what a verification
 * session sends to its events_callback_url, or to its profile's when the session is linked to one.
 */
export const AIPRISE_SESSION_EVENTS = [
  ['VERIFICATION_SESSION_STARTED', 'A verification session began.'],
  ['VERIFICATION_REQUEST_SUBMITTED', 'A verification session had its data submitted.'],
  ['VERIFICATION_SESSION_COMPLETION', 'A verification session finished, with its full result.'],
  ['CASE_STATUS_UPDATE', 'A reviewer or the API changed the decision on the session.'],
  ['AML_MONITORING_UPDATE', 'Ongoing AML monitoring found new, changed or removed hits for the session.'],
  ['SECTION_INFO_UPDATE', 'Details of one section of the session changed.'],
  ['COMMENT', 'Someone commented on the session.'],
] as const satisfies readonly (readonly [name: string, description: string])[];

/** Every AiPrise session-channel event type the catalog knows, as a type. */
export type AiPriseSessionEventName = (typeof AIPRISE_SESSION_EVENTS)[number][0];
