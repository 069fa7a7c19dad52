// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layering rule (docs/development.md, "Data flow and module boundaries"): what each module
 * under src/ may import besides itself. Modules not listed (projector, service, cli and
 * src/index.ts) are composition and may import anything.
 */
export const LAYERS = {
  telemetry: [],
  db: [],
  events: [],
  aggregates: ['events'],
  store: ['events', 'db', 'telemetry'],
  intake: ['events', 'store', 'db', 'telemetry'],
  projections: ['events', 'store', 'aggregates', 'db', 'telemetry'],
  timeline: ['events', 'store', 'aggregates', 'db', 'projections', 'telemetry'],
  access: ['events', 'store', 'aggregates', 'db', 'projections', 'timeline', 'telemetry'],
  export: ['events', 'store', 'aggregates', 'db', 'projections', 'timeline', 'access', 'telemetry'],
  record: ['events', 'store', 'aggregates', 'db', 'intake', 'projections', 'telemetry'],
};
const COMPOSITION = ['projector', 'service', 'cli'];
const MODULES = [...Object.keys(LAYERS), ...COMPOSITION];

/** One config per folder depth: a relative import climbs that many `../` to reach src/. */
function layerRules() {
  const configs = [];
  for (const [layer, allowed] of Object.entries(LAYERS)) {
    const forbidden = MODULES.filter((m) => m !== layer && !allowed.includes(m));
    for (let depth = 1; depth <= 4; depth++) {
      const up = `(\\.\\./){${depth}}`;
      configs.push({
        files: [`src/${layer}/${'*/'.repeat(depth - 1)}*.ts`],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              patterns: [
                {
                  regex: `^${up}(${forbidden.join('|')})(/|\\.js$)`,
                  message: `src/${layer} may import only ${allowed.length ? allowed.join(', ') : 'itself'} (docs/development.md: imports never go back up the chain)`,
                },
                {
                  regex: `^${up}index\\.js$`,
                  message: 'src/index.ts is the public API: nothing inside src imports it',
                },
              ],
            },
          ],
        },
      });
    }
  }
  return configs;
}

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'data/',
      'coverage/',
      'node_modules/',
      'bench/results/',
      '**/.scratch/',
      '.dist-test-*/',
      '.test-cli-*/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  ...layerRules(),
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
