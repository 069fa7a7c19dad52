/** A typed domain event: what the interpretation layer makes of one stored event. */
import type { AiPriseDomainEvent } from './aiprise.js';
import type { PersonaDomainEvent } from './persona.js';

export type { EventMeta } from './meta.js';
export type DomainEvent = PersonaDomainEvent | AiPriseDomainEvent;
