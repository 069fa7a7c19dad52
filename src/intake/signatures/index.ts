export {
  verifyPersonaSignature,
  parsePersonaSignature,
  PERSONA_SIGNATURE_HEADER,
  DEFAULT_TOLERANCE_SECONDS,
} from './persona.js';
export type { PersonaVerifyOptions } from './persona.js';
export { verifyAiPriseSignature, AIPRISE_SIGNATURE_HEADER } from './aiprise.js';
export { headerValue } from './headers.js';
export type { HeaderBag } from './headers.js';
export type { SignatureVerdict, SignatureFailure } from './verdict.js';
