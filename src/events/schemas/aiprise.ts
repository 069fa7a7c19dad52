/**
 * AiPrise callback schemas (on camelCased keys), one per payload shape AiPrise documents; other
 * event types are checked against the base only. Unknown keys are kept.
 */
import * as z from 'zod';
import { epochMs, nonEmpty, optionalText, stringList } from './common.js';

const summary = z.looseObject({
  decision: optionalText,
  verificationResult: optionalText,
  status: optionalText,
});

/** Fields any AiPrise callback may carry. Which of the event-type keys is required is routing's job. */
export const aiPriseBaseSchema = z.looseObject({
  userProfileId: nonEmpty.optional(),
  userProfileEventType: nonEmpty.optional(),
  eventType: nonEmpty.optional(),
  businessProfileEventType: nonEmpty.optional(),
  businessProfileId: nonEmpty.optional(),
  verificationSessionId: nonEmpty.nullish(),
  callbackEventId: nonEmpty.optional(),
  clientReferenceId: optionalText,
  clientReferenceData: z.unknown().optional(),
  authorId: optionalText,
  aipriseSummary: summary.nullish(),
  userProfileResult: optionalText,
});

const sessionUrl = z.looseObject({
  sessionUrl: nonEmpty,
  verificationSessionId: nonEmpty,
  expiresAt: epochMs.nullish(),
  deliveryChannel: optionalText,
  emailAddress: optionalText,
});

const workflowResult = z.looseObject({
  userProfileResult: optionalText,
  verificationSessionId: nonEmpty.nullish(),
  templateId: optionalText,
  relatedCompanies: z.array(z.unknown()).nullish(),
  fileUuid: nonEmpty.nullish(),
});

const media = z.looseObject({
  fileUuid: nonEmpty,
  mediaType: optionalText,
  uploadedBy: optionalText,
  uploadedAt: epochMs.nullish(),
});

const amlMonitoringUpdate = z.looseObject({
  amlMonitoringUpdate: z.looseObject({
    monitoringRunId: optionalText,
    status: optionalText,
    previousStatus: optionalText,
    matches: z
      .array(
        z.looseObject({
          listName: optionalText,
          entityName: optionalText,
          confidence: z.number().nullish(),
          referenceUrl: optionalText,
        }),
      )
      .nullish(),
  }),
});

const address = z.looseObject({
  street: optionalText,
  city: optionalText,
  postalCode: optionalText,
  state: optionalText,
  country: optionalText,
});

/** NAME/DATE_OF_BIRTH/PHONE/EMAIL_UPDATED: a value or an object of parts, before and after. */
const valueOrParts = z.union([z.string(), z.looseObject({})]).nullable();
const updated = z.looseObject({ previous: valueOrParts.optional(), current: valueOrParts });
const addressUpdated = z.looseObject({ previous: address.nullish(), current: address.nullable() });

const tagsUpdated = z.looseObject({
  previousTags: stringList,
  currentTags: stringList,
  changes: z.looseObject({ added: stringList.nullish(), removed: stringList.nullish() }).nullish(),
});

const amlHitResolved = z.looseObject({
  amlHit: z.looseObject({
    entityHitId: nonEmpty,
    entityId: optionalText,
    name: optionalText,
    entityType: optionalText,
    hitTypes: stringList.nullish(),
    nameMatchScore: z.number().nullish(),
    dateOfBirth: optionalText,
    alsoKnownAs: stringList.nullish(),
  }),
  resolution: z.looseObject({
    status: nonEmpty,
    comment: optionalText,
    resolvedBy: optionalText,
    resolvedAt: epochMs.nullish(),
  }),
});

const byType: Record<string, z.ZodType> = {
  USER_PROFILE_CREATE_SESSION_URL: sessionUrl,
  USER_PROFILE_EMAIL_SESSION_URL: sessionUrl,
  RUN_USER_VERIFICATION: workflowResult,
  RUN_DOCUMENT_CHECK: workflowResult,
  MAKE_DECISION: workflowResult,
  RUN_RISK_SCORING: workflowResult,
  ADD_ADDITIONAL_MEDIA: media,
  UPDATE_ADDITIONAL_MEDIA: media,
  DELETE_ADDITIONAL_MEDIA: media,
  AML_MONITORING_UPDATE: amlMonitoringUpdate,
  NAME_UPDATED: updated,
  DATE_OF_BIRTH_UPDATED: updated,
  PHONE_UPDATED: updated,
  EMAIL_UPDATED: updated,
  ADDRESS_UPDATED: addressUpdated,
  TAGS_UPDATED: tagsUpdated,
  AML_HIT_RESOLVED: amlHitResolved,
};

/** The payload schema of an AiPrise event type beyond the base, if AiPrise documents one. */
export function aiPrisePayloadSchema(type: string): z.ZodType | undefined {
  return Object.hasOwn(byType, type) ? byType[type] : undefined;
}
