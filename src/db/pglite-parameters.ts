/**
 * How values travel to and from PGlite where its own encoders are slow: a text, `json` or `jsonb`
 * parameter of BYTES_FROM UTF-16 units or more goes as UTF-8 bytes in binary format (PGlite
 * measures and encodes a text parameter in JavaScript, unit by unit and twice; Node encodes bytes
 * natively), `bytea` as its bytes both ways (PGlite writes and parses hex digits one byte at a
 * time). The binary input of text and json is their text, jsonb's the same after a version byte.
 */
import { types } from '@electric-sql/pglite';

const BYTES_FROM = 1024;
const JSONB_VERSION = 1;

// Typed as returning text, PGlite's bind writes a returned Uint8Array as a binary parameter.
type Serializer = (value: unknown) => string;

function serializeText(type: 'text' | 'json' | 'jsonb'): Serializer {
  const serialize = (value: unknown): string | Buffer => {
    if (typeof value !== 'string') {
      if (type === 'text') return value instanceof Date ? value.toISOString() : String(value);
      value = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    }
    const text = value as string;
    if (text.length < BYTES_FROM) return text;
    if (type !== 'jsonb') return Buffer.from(text, 'utf8');
    const bytes = Buffer.allocUnsafe(1 + Buffer.byteLength(text, 'utf8'));
    bytes[0] = JSONB_VERSION;
    bytes.write(text, 1, 'utf8');
    return bytes;
  };
  return serialize as Serializer;
}

const serializeBytea = ((value: unknown): string | Uint8Array => {
  if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  return value;
}) as Serializer;

/** bytea comes back as hex text (`\x…`), decoded natively into a buffer of its own (not a view of Node's pool). */
export const parseBytea = (text: string): Uint8Array => {
  const bytes = new Uint8Array((text.length - 2) / 2);
  Buffer.from(bytes.buffer).write(text.slice(2), 'hex');
  return bytes;
};

/**
 * Passed with each query rather than set on the instance: PGlite's array serializers call the
 * instance's element serializer and need text back, so the elements of a text[] stay text.
 */
export const QUERY_OPTIONS = {
  serializers: {
    [types.TEXT]: serializeText('text'),
    [types.JSON]: serializeText('json'),
    [types.JSONB]: serializeText('jsonb'),
    [types.BYTEA]: serializeBytea,
  },
};
export const ARRAY_QUERY_OPTIONS = { ...QUERY_OPTIONS, rowMode: 'array' as const };
