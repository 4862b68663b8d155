import os from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../domain/accounts/account.types.js';

/**
 * Argon2id (OWASP's first choice) through @node-rs/argon2, a maintained native binding shipped as
 * per-platform npm packages. Memory 19 MiB, 2 passes: about 20–30 ms of CPU on the box, which also
 * slows guessing.
 *
 * At most `concurrency` hashes run at once (default: one fewer than the cores, at least one). When
 * a whole class signs in at the same minute (an exam start), unbounded hashing would take every
 * core and starve the event loop, so the students already in would wait for their answers to be
 * saved; bounded, sign-ins queue and everything else stays quick.
 */
export class Argon2Hasher implements PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly concurrency = Math.max(1, os.availableParallelism() - 1)) {}

  hash(password: string): Promise<string> {
    return this.bounded(() => hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 }));
  }

  async verify(stored: string, password: string): Promise<boolean> {
    // Accounts created by an import have no password yet ('!'): nothing can match it.
    if (!stored.startsWith('$argon2')) return false;
    try {
      return await this.bounded(() => verify(stored, password));
    } catch {
      return false;
    }
  }

  private async bounded<T>(work: () => Promise<T>): Promise<T> {
    // A finished hash hands its slot straight to the next in line, so the bound always holds.
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
