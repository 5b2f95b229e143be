/**
 * Where provider keys live. The Electron shell supplies a safeStorage-backed store
 * (main/key-vault.ts); the test host and tests use the in-memory one. The facade reads a key
 * only to hand it to the engine in-process; results carry `keyHint()` and nothing more.
 */
import { registerSecret } from '../log/logger.ts';

export interface KeyStorageInfo { encrypted: boolean; backend: string; warning: string | null }

export interface KeyStore {
  get(provider: string): string | undefined;
  set(provider: string, key: string): void;
  remove(provider: string): void;
  info(): KeyStorageInfo;
}

/** Keys held in memory for one run (test host, tests). Not persisted anywhere. */
export function createMemoryKeyStore(initial: Record<string, string> = {}): KeyStore {
  const keys = new Map(Object.entries(initial));
  for (const v of keys.values()) registerSecret(v);
  return {
    get: (p) => keys.get(p),
    set: (p, k) => { registerSecret(k); keys.set(p, k); },
    remove: (p) => { keys.delete(p); },
    info: () => ({ encrypted: false, backend: 'memory', warning: 'Keys are kept in memory for this run only (test host).' }),
  };
}
