/** Where command output goes: results on stdout (pipe-able), progress and notes on stderr. */
export interface Output {
  /** A result: JSON with --json, else the human rendering. */
  result(json: unknown, human: () => string): void;
  /** A note for the person at the terminal (stderr, never part of --json output). */
  note(text: string): void;
}

/** JSON with bigint as strings and Dates as ISO, so every result serialises. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

export function createOutput(json: boolean): Output {
  return {
    result(value, human) {
      process.stdout.write(`${json ? toJson(value) : human()}\n`);
    },
    note(text) {
      process.stderr.write(`${text}\n`);
    },
  };
}
