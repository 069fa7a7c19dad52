/**
 * Status spellings vary by vendor and place (`needs_review`, `needs-review`, `needs review`,
 * `Open`, `OPEN`). `status` in every state is the comparable key; aggregates whose statuses are
 * customer-defined (account, case) also keep `statusLabel`, the spelling as sent, for display.
 */
export function statusKey(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}
