/** The case file as JSON, as built (the format machines and other tools read back). */
import type { CaseFile } from './case-file.js';

export function renderJson(file: CaseFile): Buffer {
  return Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
}
