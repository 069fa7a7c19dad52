/**
 * The one classification of database failures (src/db/errors.ts): what is "unavailable, retry
 * later" and what is not. Regression: 55000 (a database with ALLOW_CONNECTIONS false) and the
 * other members of classes 53 and 57P were outside the list, so the projection runner treated
 * them as fatal and stopped for good.
 */
import { describe, expect, it } from 'vitest';
import {
  isConfigurationRefusal,
  isUnavailable,
  mapUnavailable,
  StoreUnavailableError,
} from '../../src/db/errors.js';

const withCode = (code: string, message = 'driver error') => Object.assign(new Error(message), { code });

describe('isUnavailable', () => {
  it.each([
    ['55000', 'database "x" is not currently accepting connections'],
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'crash shutdown'],
    ['57P03', 'the database system is starting up'],
    ['57P04', 'database dropped'],
    ['57P05', 'idle session timeout'],
    ['53300', 'too many connections'],
    ['53100', 'disk full'],
    ['53200', 'out of memory'],
    ['08006', 'connection failure'],
    ['08P01', 'protocol violation'],
    ['58030', 'io error'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'],
    ['ECONNRESET', 'read ECONNRESET'],
  ])('%s is unavailable', (code, message) => {
    expect(isUnavailable(withCode(code, message))).toBe(true);
    expect(mapUnavailable(withCode(code, message), 'query')).toBeInstanceOf(StoreUnavailableError);
  });

  it.each([
    ['22P05', 'unsupported Unicode escape sequence'],
    ['23505', 'duplicate key'],
    ['42P01', 'relation does not exist'],
    ['55P03', 'lock not available'],
    ['P0001', 'raised by a trigger'],
    ['40001', 'serialization failure'],
  ])('%s is not', (code, message) => {
    expect(isUnavailable(withCode(code, message))).toBe(false);
    expect(mapUnavailable(withCode(code, message), 'query')).not.toBeInstanceOf(StoreUnavailableError);
  });

  it('looks through causes and AggregateError (node-level errors of a multi-address connect)', () => {
    expect(isUnavailable(new Error('outer', { cause: withCode('ECONNREFUSED') }))).toBe(true);
    expect(isUnavailable(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]))).toBe(
      true,
    );
    expect(isUnavailable(new Error('plain'))).toBe(false);
    expect(isUnavailable('not an error')).toBe(false);
  });
});

describe('isConfigurationRefusal', () => {
  it.each([
    ['28P01', 'password authentication failed'],
    ['28000', 'no pg_hba.conf entry'],
    ['3D000', 'database "nope" does not exist'],
  ])('%s is a configuration the user fixes', (code, message) => {
    expect(isConfigurationRefusal(withCode(code, message))).toBe(true);
    expect(isConfigurationRefusal(new Error('wrapped', { cause: withCode(code, message) }))).toBe(true);
    expect(isUnavailable(withCode(code, message))).toBe(false);
  });

  it.each(['57P01', '08006', 'ECONNREFUSED', '42P01'])('%s is not', (code) => {
    expect(isConfigurationRefusal(withCode(code))).toBe(false);
  });
});
