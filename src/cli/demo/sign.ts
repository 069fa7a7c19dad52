/**
 * Signs a demo delivery exactly as the vendor would: Persona `t=<unix>,v1=<hex HMAC of "t.body">`,
 * AiPrise hex HMAC of the body in `X-HMAC-SIGNATURE`.
 */
import { createHmac } from 'node:crypto';
import type { Source } from '../../events/types.js';

export interface DemoSecrets {
  persona: string;
  aiprise: string;
}

export function signedHeaders(
  source: Source,
  body: string,
  secrets: DemoSecrets,
  now: Date = new Date(),
): Record<string, string> {
  if (source === 'persona') {
    const t = Math.floor(now.getTime() / 1000);
    const v1 = createHmac('sha256', secrets.persona).update(`${t}.`).update(body).digest('hex');
    return { 'content-type': 'application/json', 'persona-signature': `t=${t},v1=${v1}` };
  }
  const mac = createHmac('sha256', secrets.aiprise).update(body).digest('hex');
  return { 'content-type': 'application/json', 'x-hmac-signature': mac };
}
