/**
 * The text an uncompressed pdfkit PDF shows, for tests: pdfkit writes standard-font text as hex
 * strings inside TJ arrays (split where kerning applies); joining each array's pieces gives the
 * line as printed.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of source.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?\d+(?:\.\d+)?)*)\]\s*TJ/g)) {
    const pieces = [...match[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) =>
      Buffer.from(m[1]!, 'hex').toString('latin1'),
    );
    lines.push(pieces.join(''));
  }
  return lines.join('\n');
}
