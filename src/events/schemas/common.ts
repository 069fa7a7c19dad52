/** Small zod pieces the vendor schemas share. Schemas run on camelCased bodies. */
import * as z from 'zod';

// Date.parse alone accepts loose text like "Jane-1970", so the shape is checked first.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/i;

/** An ISO 8601 date or time (Persona sends `…Z`, sometimes an offset). */
export const isoTime = z.string().refine((s) => ISO_TIME.test(s) && !Number.isNaN(Date.parse(s)), {
  message: 'Expected an ISO 8601 time',
});

/** Epoch milliseconds, as AiPrise sends its times. */
export const epochMs = z
  .number()
  .refine((n) => Number.isFinite(n) && n >= 0 && n <= 8.64e15, { message: 'Expected epoch milliseconds' });

export const stringList = z.array(z.string());
export const nonEmpty = z.string().min(1, { message: 'Expected a non-empty string' });
export const optionalText = z.string().nullish();
