/**
 * Answers a case-file download (the read API's export route and the console's): rendered in the
 * asked format, logged as one access-log row before a byte is sent, never cached.
 */
import type { FastifyReply } from 'fastify';
import type { CaseFile } from '../export/case-file.js';
import { caseFileName, CONTENT_TYPES, renderCaseFile, type ExportFormat } from '../export/render.js';

/** What the access log says was read. */
export function caseFileRead(format: ExportFormat, includeRelated: boolean): string {
  return `export ${format}${includeRelated ? ' with related' : ''}`;
}

export async function sendCaseFile(
  reply: FastifyReply,
  file: CaseFile,
  format: ExportFormat,
  logRead: () => Promise<unknown>,
): Promise<FastifyReply> {
  const body = await renderCaseFile(file, format);
  await logRead();
  return reply
    .type(CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${caseFileName(file, format)}"`)
    .header('cache-control', 'no-store')
    .send(body);
}
