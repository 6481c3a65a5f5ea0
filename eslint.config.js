import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'test-results', 'test-results-*', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The deterministic core must not read clocks, timers or Math.random.
    files: ['src/zk/**/*.ts', 'src/sim/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'performance', 'window', 'document'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded Random.' },
        { object: 'Date', property: 'now', message: 'Use virtual time.' },
      ],
    },
  },
  // One-way doors: zk ← sim ← runtime ← engine ← ui. A module may import only from its own layer
  // or the layers below it (presets, lessons, share and the CLI sit beside the engine, on top of sim).
  ...[
    ['src/zk/**/*.ts', 'sim|runtime|engine|ui|presets|lessons|share'],
    ['src/sim/**/*.ts', 'runtime|engine|ui|presets|lessons|share'],
    ['src/runtime/**/*.ts', 'engine|ui|presets|lessons'],
    ['src/engine/**/*.ts', 'ui'],
    ['src/{presets,lessons,share}/**/*.ts', 'ui|engine'],
  ].map(([files, above]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${above})(/|$)`,
              message: 'This import runs up the layers (zk ← sim ← runtime ← engine ← ui).',
            },
          ],
        },
      ],
    },
  })),
  {
    // The UI sees the core through its view modules only: types may come from anywhere in src/zk
    // and src/sim (a type import has no runtime coupling), values only from zk/view, zk/viewApi and
    // sim/viewApi (pure formatting, scenario files, limits, the trace as held). Running the model —
    // a Simulation, a replay, zkCli — is the engine's job (src/engine), not a component's.
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+zk(/(?!(view|viewApi|trace)$)|$)',
              caseSensitive: true,
              allowTypeImports: true,
              message:
                'The UI imports values from src/zk only through zk/view or zk/viewApi (types from anywhere: `import type`).',
            },
            {
              regex: '^(\\.\\./)+sim(/(?!viewApi$)|$)',
              caseSensitive: true,
              allowTypeImports: true,
              message:
                'The UI imports values from src/sim only through sim/viewApi (types from anywhere: `import type`); the engine runs the model.',
            },
          ],
        },
      ],
      // the same door for import(): a lazily loaded internal is still an internal (\x2F is '/',
      // which a selector's regex cannot hold)
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'ImportExpression[source.value=/^(\\.\\.\\x2F)+(zk(\\x2F(?!(view|viewApi|trace)$)|$)|sim(\\x2F(?!viewApi$)|$))/]',
          message:
            'The UI loads code from src/zk and src/sim only through zk/view, zk/viewApi and sim/viewApi.',
        },
      ],
    },
  },
  { files: ['**/*.{js,mjs}'], languageOptions: { globals: { ...globals.node } } },
);
