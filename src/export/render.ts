/** One entry point for the three formats, with their content types and file extensions. */
import type { CaseFile } from './case-file.js';
import { renderCsv } from './render-csv.js';
import { renderJson } from './render-json.js';

export const EXPORT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export async function renderCaseFile(file: CaseFile, format: ExportFormat): Promise<Buffer> {
  if (format === 'json') return renderJson(file);
  if (format === 'csv') return renderCsv(file);
  // pdfkit (and its font engine) load only when a PDF is asked for, not with the library.
  const { renderPdf } = await import('./render-pdf.js');
  return renderPdf(file);
}

/** `case-file-user-profile-up_42.pdf` (ids are vendor ids; anything else becomes `_`). */
export function caseFileName(file: CaseFile, format: ExportFormat): string {
  return `case-file-${file.subject.kind}-${file.subject.id.replace(/[^A-Za-z0-9_.-]/g, '_')}.${format}`;
}
