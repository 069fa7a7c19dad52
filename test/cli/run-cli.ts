/** Runs the CLI as a real child process (node on the bundled src/cli/main.ts, see cli-bundle.ts). */
import { spawn, type ChildProcess } from 'node:child_process';
import { cliBundle, REPO_ROOT } from '../support/cli-bundle.js';

const MAIN = cliBundle();

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cliEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const k of [
    'DATABASE_URL',
    'DATABASE_SCHEMA',
    'DATA_DIR',
    'KURRENTDB_URL',
    'API_TOKEN',
    'API_TOKENS_FILE',
    'PERSONA_WEBHOOK_SECRETS',
    'AIPRISE_API_KEY',
  ])
    delete env[k];
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv, stdin?: string): ChildProcess {
  const child = spawn(process.execPath, [MAIN, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (stdin !== undefined) child.stdin!.end(stdin);
  else child.stdin!.end();
  return child;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliResult> {
  const child = startCli(args, env, stdin);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
