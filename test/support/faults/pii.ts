/**
 * PII in delivery bodies, for asserting that logs carry none of it: the values of name, email,
 * address, phone and birth-date keys (either vendor's inflection), plus "first last" full names.
 */
const PII_KEY =
  /^(name[-_]?(first|last|middle)|(first|last|middle|full|entity)[-_]?name|email([-_]?address)?|address[-_]?street[-_]?\d?|street|phone([-_]?number)?|birthdate|date[-_]?of[-_]?birth|birth[-_]?date)$/i;

/** Distinct PII strings found in the bodies (values shorter than 4 characters are left out). */
export function piiValues(bodies: readonly string[]): Set<string> {
  const out = new Set<string>();
  const walk = (value: unknown, key: string): void => {
    if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      for (const [k, v] of Object.entries(obj)) walk(v, k);
      // Persona typed fields: fields.name-first = { type, value }.
      if (typeof obj.value === 'string' && PII_KEY.test(key) && obj.value.length >= 4) out.add(obj.value);
    } else if (typeof value === 'string' && PII_KEY.test(key) && value.length >= 4) out.add(value);
  };
  for (const body of bodies) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      continue;
    }
    walk(parsed, '');
  }
  return out;
}

/** The log lines that contain any of the values (as a whole word), with the value found. */
export function piiFoundIn(
  lines: readonly string[],
  values: ReadonlySet<string>,
): { line: number; value: string }[] {
  const found: { line: number; value: string }[] = [];
  const escaped = [...values].map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // One alternation per chunk keeps the scan linear in the log size.
  for (let i = 0; i < escaped.length; i += 200) {
    const re = new RegExp(`(?<![\\w@.])(${escaped.slice(i, i + 200).join('|')})(?![\\w@])`);
    lines.forEach((line, index) => {
      const m = re.exec(line);
      if (m) found.push({ line: index, value: m[1]! });
    });
  }
  return found;
}
