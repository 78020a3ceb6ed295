// Lint: typescript-eslint's recommended type-aware rules, plus the ones that matter on Lambda
// (an un-awaited promise is frozen with the execution environment after the response returns).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      '.sst',
      'sst-env.d.ts',
      'test/artifacts',
      'test/integrators/hey-api',
      'clients/**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  // SST app: type-checked by `npm run typecheck:infra` against .sst/platform, linted here without types.
  { files: ['sst.config.ts', 'infra/**/*.ts'], ...tseslint.configs.disableTypeChecked }
)
