import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/service/config.js';

describe('loadConfig', () => {
  it('fills defaults from an empty environment', () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: undefined,
      dataDir: './data',
      personaSecrets: [],
      aipriseApiKey: undefined,
      port: 3000,
      host: '0.0.0.0',
      bodyLimit: 1048576,
      signatureToleranceSeconds: 300,
      apiToken: undefined,
      logLevel: 'info',
      readyMaxLagSeconds: 60,
      role: 'all',
      projectionPartitions: undefined,
      projectionLeaseMs: 5000,
      readDatabaseUrl: undefined,
      recordMasterKey: undefined,
      recordPreviousMasterKeys: [],
      recordRetentionYears: 5,
      personaApiKey: undefined,
      personaApiBase: undefined,
      personaVersion: undefined,
    });
  });

  it('reads every variable, splitting Persona secrets on commas and treating empty as unset', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/x',
      DATA_DIR: '/var/lib/pp',
      PERSONA_WEBHOOK_SECRETS: ' wbhsec_a , wbhsec_b,, ',
      AIPRISE_API_KEY: '',
      PORT: '8080',
      HOST: '127.0.0.1',
      BODY_LIMIT: '2048',
      SIGNATURE_TOLERANCE_S: '60',
      API_TOKEN: 'a-long-enough-token',
      LOG_LEVEL: 'debug',
      READY_MAX_LAG_S: '15',
      SERVE_ROLE: 'projector',
      PROJECTION_PARTITIONS: '16',
      PROJECTION_LEASE_MS: '2000',
      READ_DATABASE_URL: 'postgres://u@replica:5432/x',
    });
    expect(config).toMatchObject({
      role: 'projector',
      projectionPartitions: 16,
      projectionLeaseMs: 2000,
      readDatabaseUrl: 'postgres://u@replica:5432/x',
      databaseUrl: 'postgres://u@db:5432/x',
      dataDir: '/var/lib/pp',
      personaSecrets: ['wbhsec_a', 'wbhsec_b'],
      aipriseApiKey: undefined,
      port: 8080,
      host: '127.0.0.1',
      bodyLimit: 2048,
      signatureToleranceSeconds: 60,
      apiToken: 'a-long-enough-token',
      logLevel: 'debug',
      readyMaxLagSeconds: 15,
    });
  });

  it('lists every problem by variable name, without echoing secrets', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        BODY_LIMIT: '-1',
        DATABASE_URL: 'mysql://x',
        API_TOKEN: 'short',
        LOG_LEVEL: 'verbose',
        PROJECTION_PARTITIONS: '0',
        RECORD_MASTER_KEY: 'tooshortkey',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT: PORT must be a whole number between 0 and 65535, got "eighty"/);
    expect(problems).toMatch(/BODY_LIMIT/);
    expect(problems).toMatch(/DATABASE_URL must start with postgres/);
    expect(problems).toMatch(/API_TOKEN must be at least 16 characters/);
    expect(problems).toMatch(/LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
    expect(problems).toMatch(/PROJECTION_PARTITIONS must be a whole number between 1 and 256/);
    expect(problems).toMatch(/RECORD_MASTER_KEY must be 32 bytes/);
    expect(problems).not.toContain('short');
  });
});
