/**
 * Provider keys encrypted with Electron's safeStorage (Keychain / DPAPI / libsecret), stored as
 * base64 blobs in <userData>/keys.json. On Linux, safeStorage silently falls back to the
 * `basic_text` backend (a hard-coded password, i.e. NOT encryption) when no keyring is found:
 * we say so in `info().warning`, which the settings screen shows (RELIABILITY.md "Keys").
 */
import { safeStorage } from 'electron';
import { join } from 'node:path';
import type { KeyStore, KeyStorageInfo } from '../core/api/key-store.ts';
import { readJson, writeJsonAtomic } from '../core/api/settings-store.ts';
import { registerSecret } from '../core/log/logger.ts';

export function createKeyVault(userDataDir: string): KeyStore {
  const file = join(userDataDir, 'keys.json');
  const blobs = readJson<Record<string, string>>(file, {});
  const plain = new Map<string, string>();
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform === 'darwin' ? 'keychain' : 'dpapi';
  const encrypted = safeStorage.isEncryptionAvailable() && backend !== 'basic_text';

  for (const [provider, blob] of Object.entries(blobs)) {
    try {
      const key = safeStorage.decryptString(Buffer.from(blob, 'base64'));
      registerSecret(key);
      plain.set(provider, key);
    } catch { /* a blob from another machine or keyring: treated as not set */ }
  }

  const info = (): KeyStorageInfo => ({
    encrypted,
    backend,
    warning: encrypted ? null
      : backend === 'basic_text'
        ? 'No system keyring was found, so keys are stored with Electron\'s basic_text backend, which is NOT encryption. Install and unlock a keyring (GNOME Keyring or KWallet) and set the keys again.'
        : 'Encryption is not available on this system; keys are kept for this session only.',
  });

  return {
    get: (p) => plain.get(p),
    set(p, key) {
      registerSecret(key);
      plain.set(p, key);
      if (!safeStorage.isEncryptionAvailable()) return; // session only, never plaintext on disk
      blobs[p] = safeStorage.encryptString(key).toString('base64');
      writeJsonAtomic(file, blobs);
    },
    remove(p) {
      plain.delete(p);
      delete blobs[p];
      writeJsonAtomic(file, blobs);
    },
    info,
  };
}
