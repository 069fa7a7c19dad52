/**
 * Persona webhook schemas (on camelCased keys). Lenient on presence, because attribute blocklists
 * strip PII and relationships can be turned off; strict on types. Unknown keys are kept.
 */
import * as z from 'zod';
import { isoTime, nonEmpty, optionalText, stringList } from './common.js';

/** A relationship's `data`: `{type, id}`, an array of them, null, or `{}`. */
const refOrEmpty = z
  .looseObject({ type: nonEmpty.optional(), id: nonEmpty.optional() })
  .refine((r) => (r.type === undefined) === (r.id === undefined), {
    message: 'Relationship data needs both type and id, or neither',
  });
const ref = z.looseObject({ type: nonEmpty, id: nonEmpty });
export const relationshipSchema = z.looseObject({
  data: z.union([z.null(), z.array(ref), refOrEmpty]).optional(),
});

export const personaResourceSchema = z.looseObject({
  type: nonEmpty,
  id: nonEmpty,
  attributes: z.looseObject({}).nullish(),
  relationships: z.record(z.string(), relationshipSchema.nullable()).nullish(),
});

export const personaEnvelopeSchema = z.looseObject({
  data: z.looseObject({
    type: z.literal('event'),
    id: nonEmpty,
    attributes: z.looseObject({
      name: nonEmpty,
      createdAt: isoTime,
      payload: z.looseObject({
        data: personaResourceSchema,
        included: z.array(personaResourceSchema).nullish(),
      }),
    }),
  }),
});

/** Persona typed field values: `{ type, value }`; values nest inside hashes and arrays. */
const fields = z.record(z.string(), z.unknown());
const time = isoTime.nullish();

const common = {
  status: optionalText,
  referenceId: optionalText,
  tags: stringList.nullish(),
  fields: fields.nullish(),
  createdAt: time,
  updatedAt: time,
  redactedAt: time,
};

export const accountAttributes = z.looseObject({
  ...common,
  accountStatus: optionalText,
  accountTypeName: optionalText,
  archivedAt: time,
});

export const inquiryAttributes = z.looseObject({
  ...common,
  note: optionalText,
  creator: optionalText,
  reviewerComment: optionalText,
  startedAt: time,
  completedAt: time,
  failedAt: time,
  decisionedAt: time,
  expiredAt: time,
});

export const caseAttributes = z.looseObject({
  ...common,
  name: optionalText,
  resolution: optionalText,
  assigneeId: optionalText,
  assignerId: optionalText,
  resolverId: optionalText,
  creatorId: optionalText,
  assignedAt: time,
  resolvedAt: time,
  slaExpiresAt: time,
});

export const verificationAttributes = z.looseObject({
  ...common,
  submittedAt: time,
  completedAt: time,
  checks: z.array(z.looseObject({ name: optionalText, status: optionalText })).nullish(),
});

export const reportAttributes = z.looseObject({
  ...common,
  completedAt: time,
  hasMatch: z.boolean().nullish(),
});

export const transactionAttributes = z.looseObject({
  ...common,
});

/** Attribute schema for a resource type, when aggregates read that resource. */
export function personaAttributesSchema(resourceType: string): z.ZodType | undefined {
  if (resourceType === 'account') return accountAttributes;
  if (resourceType === 'inquiry') return inquiryAttributes;
  if (resourceType === 'case') return caseAttributes;
  if (resourceType === 'transaction') return transactionAttributes;
  if (resourceType.startsWith('verification/') || resourceType === 'verification')
    return verificationAttributes;
  if (resourceType.startsWith('report/')) return reportAttributes;
  return undefined;
}
