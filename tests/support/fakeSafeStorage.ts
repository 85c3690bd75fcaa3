// A stand-in for Electron's safeStorage (which needs a running Electron): a reversible XOR cipher, enough to
// show what reaches the disk is not the plaintext, with switches for the platform states that matter.
import type { SafeStorageLike } from '../../src/main/secureStorage';

type Backend = ReturnType<SafeStorageLike['getSelectedStorageBackend']>;

export function fakeSafeStorage({ available = true, backend = 'gnome_libsecret' as Backend, key = 0x5a } = {}): SafeStorageLike {
  const xor = (bytes: Uint8Array) => Buffer.from(bytes.map((byte) => byte ^ key));
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plainText) => {
      if (!available) throw new Error('Encryption is not available.');
      return xor(Buffer.from(plainText, 'utf8'));
    },
    decryptString: (encrypted) => {
      if (!available) throw new Error('Decryption is not available.');
      return xor(encrypted).toString('utf8');
    },
  };
}
