/**
 * The case file as a PDF a person reads (pdfkit): title and subject, the verification line, the
 * current state as a field/value table, the actors, and the timeline as a table (time, event
 * and vendor id, actor, summary with changes), with "Page n of m" on every page. pdfkit's
 * standard fonts cover Latin-1 only: other characters print as `?` rather than as garbage.
 */
import PDFDocument from 'pdfkit';
import { changesText, valueText, type CaseFile } from './case-file.js';

export interface PdfOptions {
  /** Deflate the page streams (default true); tests turn it off to read the text back. */
  compress?: boolean;
}

const MAX_CELL = 600;

function latin1(text: string): string {
  const clean = text.replace(/[^\x20-\x7e\xa0-\xff\n]/g, '?');
  return clean.length > MAX_CELL ? `${clean.slice(0, MAX_CELL)}...` : clean;
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.moveDown(1).font('Helvetica-Bold').fontSize(13).fillColor('#000').text(latin1(text)).moveDown(0.3);
  doc.font('Helvetica').fontSize(9);
}

function stateRows(file: CaseFile): string[][] {
  return Object.entries(file.state)
    .filter(([, v]) => v !== undefined)
    .map(([key, value]) => [latin1(key), latin1(valueText(value) || 'none')]);
}

export function renderPdf(file: CaseFile, options: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 56, left: 48, right: 48 },
    bufferPages: true,
    compress: options.compress ?? true,
    info: {
      Title: `Case file ${file.subject.kind} ${file.subject.id}`,
      Author: 'profile-projector',
      Subject: 'Audit case file',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(latin1(`Case file: ${file.subject.kind} ${file.subject.id}`));
  doc.moveDown(0.3).font('Helvetica').fontSize(9).fillColor('#333');
  doc.text(latin1(`Generated ${file.generatedAt} by ${file.generatedBy}`));
  doc.text(`Related subjects included: ${file.includeRelated ? 'yes' : 'no'}`);
  doc.text(
    file.piiShown
      ? 'Personal data: shown'
      : 'Personal data: masked ([redacted]): the subject is redacted or the reader may not see it',
  );

  heading(doc, 'Verification');
  doc.text(latin1(file.verification.statement));

  heading(doc, 'Current state');
  doc.table({
    columnStyles: [130, '*'],
    rowStyles: (row) => (row === 0 ? { backgroundColor: '#e8e8e8' } : undefined),
    data: [
      [
        { text: 'Field', type: 'TH', font: { src: 'Helvetica-Bold' } },
        { text: 'Value', type: 'TH', font: { src: 'Helvetica-Bold' } },
      ],
      ...stateRows(file),
    ],
  });

  heading(doc, `Actors (${file.actors.length})`);
  doc.text(file.actors.length ? latin1(file.actors.join(', ')) : 'none recorded');

  heading(doc, `Timeline (${file.timeline.length} entries, oldest first)`);
  doc.table({
    columnStyles: [92, 150, 80, '*'],
    rowStyles: (row) => (row === 0 ? { backgroundColor: '#e8e8e8' } : undefined),
    data: [
      ['Occurred (UTC)', 'Event, vendor id', 'Actor', 'Summary and changes'].map((text) => ({
        text,
        type: 'TH' as const,
        font: { src: 'Helvetica-Bold' },
      })),
      ...file.timeline.map((e) => [
        latin1(e.occurredAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')),
        latin1(
          `${e.type}\n${e.source} ${e.eventId}${e.subject.id === file.subject.id ? '' : `\non ${e.subject.kind} ${e.subject.id}`}`,
        ),
        latin1(e.actor ?? 'not given'),
        latin1(`${e.summary}${e.changes.length ? `\n${changesText(e, '->')}` : ''}`),
      ]),
    ],
  });

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#333')
      .text(
        latin1(`${file.subject.kind} ${file.subject.id} - page ${i + 1} of ${range.count}`),
        doc.page.margins.left,
        doc.page.height - 36,
        {
          width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
          align: 'center',
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
