/**
 * Persona webhook schemas (on camelCased keys). Lenient on presence, because attribute blocklists
 * strip PII and relationships can be turned off; strict on types. Unknown keys are allowed: these
 * schemas only validate, and parsePersona keeps the camelCased body (unknown keys included) as the
 * event data. So they are plain `z.object`s, whose output drops unknown keys: zod then neither
 * checks nor copies every unknown key on each delivery (`z.looseObject` did both, for an output
 * nobody read). Do not read their output as the event data.
 */
import * as z from 'zod';
import { isoTime, nonEmpty, optionalText, stringList } from './common.js';

/** A relationship's `data`: `{type, id}`, an array of them, null, or `{}`. */
const refOrEmpty = z
  .looseObject({ type: nonEmpty.optional(), id: nonEmpty.optional() })
  .refine((r) => (r.type === undefined) === (r.id === undefined), {
    message: 'Relationship data needs both type and id, or neither',
  });
const ref = z.object({ type: nonEmpty, id: nonEmpty });
export const relationshipSchema = z.object({
  data: z.union([z.null(), z.array(ref), refOrEmpty]).optional(),
});

export const personaResourceSchema = z.object({
  type: nonEmpty,
  id: nonEmpty,
  attributes: z.object({}).nullish(),
  relationships: z.record(z.string(), relationshipSchema.nullable()).nullish(),
});

export const personaEnvelopeSchema = z.object({
  data: z.object({
    type: z.literal('event'),
    id: nonEmpty,
    attributes: z.object({
      name: nonEmpty,
      createdAt: isoTime,
      payload: z.object({
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

export const accountAttributes = z.object({
  ...common,
  accountStatus: optionalText,
  accountTypeName: optionalText,
  archivedAt: time,
});

export const inquiryAttributes = z.object({
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

export const caseAttributes = z.object({
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

export const verificationAttributes = z.object({
  ...common,
  submittedAt: time,
  completedAt: time,
  checks: z.array(z.object({ name: optionalText, status: optionalText })).nullish(),
});

export const reportAttributes = z.object({
  ...common,
  completedAt: time,
  hasMatch: z.boolean().nullish(),
});

export const transactionAttributes = z.object({
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
