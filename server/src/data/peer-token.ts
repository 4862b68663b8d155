import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * This box's peer token: what another box of the school presents to read its essentials and run
 * the IT console's actions (`<dataDir>/secrets/peer.token`, mode 0600). Rotating it unpairs
 * every box that held the old one.
 */
export class PeerTokenFile {
  private cached: string | undefined;

  constructor(private readonly file: string) {}

  static inDataDir(dataDir: string): PeerTokenFile {
    return new PeerTokenFile(path.join(dataDir, 'secrets', 'peer.token'));
  }

  current(): string {
    if (this.cached) return this.cached;
    try {
      this.cached = fs.readFileSync(this.file, 'utf8').trim();
      if (this.cached) return this.cached;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return this.rotate();
  }

  rotate(): string {
    const token = randomBytes(32).toString('base64url');
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, token, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    this.cached = token;
    return token;
  }

  /** Constant-time check of a presented token. */
  matches(presented: string | undefined): boolean {
    if (!presented) return false;
    const a = Buffer.from(presented);
    const b = Buffer.from(this.current());
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
