// Process boundaries are enforced here, not by memory (STYLE.md "The house").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'test-artifacts/', '.tmp/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // core/ is a plain Node engine: no Electron, no DOM, no React.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'core/ never imports electron: it is a plain Node engine.' },
          { name: 'react', message: 'core/ never imports UI code.' },
          { name: 'react-dom', message: 'core/ never imports UI code.' },
        ],
        patterns: [
          { group: ['electron/*', '**/renderer/**', '**/main/**', '**/preload/**'], message: 'core/ never imports a shell or UI code.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
  {
    // renderer/ talks only to window.studio.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'renderer/ talks only to window.studio.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'renderer/ has no Node: talk to window.studio.' })),
        ],
        patterns: [
          { group: ['**/main/**', '**/cli/**', 'electron/*'], message: 'renderer/ never imports main/ or cli/.' },
          // A regex, not a gitignore-style group: a group cannot re-include files under an excluded folder.
          { regex: '(^|/)core/(?!api/(contract|events|types)[\\w-]*(\\.ts)?$)', message: 'renderer/ may import only the contract types from core/api.' },
        ],
      }],
    },
  },
  {
    // preload/ exposes the contract's verbs and nothing else.
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '(^|/)core/(?!api/(contract|events|types)[\\w-]*(\\.ts)?$)', message: 'preload/ imports only the contract from core/api.' },
          { group: ['**/main/**', '**/renderer/**', 'node:*', 'fs', 'path', 'child_process'], message: 'preload/ imports only electron (contextBridge/ipcRenderer) and the contract.' },
        ],
      }],
    },
  },
  {
    files: ['cli/**/*.ts', 'scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
