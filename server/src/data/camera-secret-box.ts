import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../domain/cameras/camera.types.js';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const VERSION = 'v1';
/** Binds every sealed text to its use: a sealed camera password is not valid anywhere else. */
const CAMERA_AAD = Buffer.from('phonghoc:camera-password:v1');

/**
 * Camera passwords at rest: AES-256-GCM with a random 256-bit key kept in the data directory
 * (`secrets/camera.key`, mode 0600, created once and never replaced). A database copied or dumped
 * without the data directory (PostgreSQL backups, a stray SQLite file) does not give the
 * cameras away. The backup of the data directory carries the key, so a restore keeps working.
 *
 * Sealed form: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
export class FileKeySecretBox implements SecretBox {
  private key: Buffer | undefined;

  constructor(private readonly keyFile: string, private readonly aad: Buffer = CAMERA_AAD) {}

  /** `use` binds the sealed texts to one purpose (camera passwords by default, or e.g. 'peer-token'). */
  static inDataDir(dataDir: string, use?: string): FileKeySecretBox {
    return new FileKeySecretBox(path.join(dataDir, 'secrets', 'camera.key'), use ? Buffer.from(`phonghoc:${use}:v1`) : CAMERA_AAD);
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.loadKey(), iv);
    cipher.setAAD(this.aad);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, data, extra] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || data === undefined || extra !== undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.loadKey(), Buffer.from(iv, 'base64url'));
    decipher.setAAD(this.aad);
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  private loadKey(): Buffer {
    this.key ??= loadOrCreateKey(this.keyFile);
    return this.key;
  }
}

function loadOrCreateKey(file: string): Buffer {
  try {
    const key = fs.readFileSync(file);
    // Never replaced silently: a new key would make every stored password unreadable.
    if (key.length !== KEY_BYTES) throw new Error(`${file} is not a ${KEY_BYTES}-byte key; restore it from a backup or remove it and re-enter the camera passwords`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  try {
    // 'wx': two processes starting at once cannot both write a key.
    fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKey(file);
    throw err;
  }
  return key;
}
