/**
 * What the AiPrise fixtures (*.ts in the parent folder) share: the documentation pages they cite
 * and the time conversions. No fixtures here.
 */

/** The AiPrise pages the fixtures rest on. */
export const PAGES = {
  callbacks: 'https://docs.aiprise.com/docs/callbacks',
  callbacksUser: 'https://docs.aiprise.com/docs/callbacks-1',
  callbacksAuth: 'https://docs.aiprise.com/docs/callbacks-authentication',
  supportCallbacks:
    'https://support.aiprise.com/articles/4971148830-understanding-webhook-callbacks-for-user-verification',
  decisionCallbacks: 'https://docs.aiprise.com/docs/decision-callbacks',
  verificationResult: 'https://docs.aiprise.com/docs/verification-result-1',
  verificationResultOld: 'https://docs.aiprise.com/reference/verification-result',
  response: 'https://docs.aiprise.com/docs/response',
  statusModel: 'https://docs.aiprise.com/docs/casesession-status-model',
  userCases: 'https://docs.aiprise.com/docs/user-cases',
  caseEvents: 'https://docs.aiprise.com/docs/event-callbacks',
  caseEventsOld: 'https://docs.aiprise.com/docs/events-callback-1',
  profileEvents: 'https://docs.aiprise.com/docs/profile-event-callback',
  profileEventsOld: 'https://docs.aiprise.com/docs/user-profile-events-callback',
  userProfiles: 'https://docs.aiprise.com/docs/user-profiles',
  businessProfiles: 'https://docs.aiprise.com/docs/business-profiles',
  amlCheck: 'https://docs.aiprise.com/docs/user-aml-check-2',
  amlMonitoring: 'https://docs.aiprise.com/docs/continuous-aml-monitoring',
} as const;

/** Epoch milliseconds, as AiPrise sends times. */
export const ms = (iso: string): number => Date.parse(iso);

/** The ISO string a state holds for an epoch-ms time. */
export const iso = (at: string): string => new Date(Date.parse(at)).toISOString();
