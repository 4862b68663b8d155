import { DomainError } from '../shared/errors.js';
import type { Actor } from '../accounts/account.types.js';
import type { SecretBox } from '../cameras/camera.types.js';
import type { Transactor } from '../repos.js';
import type { BoxEssentials, BoxPeerClient, PeerTarget, RemoteAction, SchoolBoxRecord, SchoolBoxView } from './box.types.js';
import { decodePairingCode, encodePairingCode } from './pairing-code.js';

export interface SchoolBoxesDeps {
  tx: Transactor;
  client: BoxPeerClient;
  /** Seals the other boxes' tokens at rest. */
  secrets: SecretBox;
  /** This box's own peer token (what other boxes must present) and its rotation. */
  peerToken: { current(): string; rotate(): string };
  /** This box: its LAN address for others (https://host:port) and its CA's fingerprint, once known. */
  self: { url(): string | null; caFingerprintSha256(): string | null; essentials(): Promise<BoxEssentials> };
  /** Fingerprint of a PEM certificate (SHA-256, colon-separated hex). */
  fingerprintOf(pem: string): string;
  now?: () => Date;
  /** How long the console waits for one box. */
  timeoutMs?: number;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);

/**
 * All the school's boxes on one page (Art. 16.3). A box is added by pasting its pairing code;
 * from then on this box fetches its essentials and runs its actions over HTTPS, trusting only the
 * CA whose fingerprint the code carried, and presenting the token the code carried.
 */
export class SchoolBoxesService {
  private readonly now: () => Date;

  constructor(private readonly deps: SchoolBoxesDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** What the IT person copies from this box to pair it with another one. */
  pairingCode(): { code: string; url: string; caFingerprintSha256: string } {
    const url = this.deps.self.url();
    const fp = this.deps.self.caFingerprintSha256();
    if (!url || !fp) throw new DomainError('HTTPS_NOT_READY');
    return { code: encodePairingCode({ url, token: this.deps.peerToken.current(), caFingerprintSha256: fp }), url, caFingerprintSha256: fp };
  }

  /** A new token: every box paired before must be paired again (e.g. after a code leaked). */
  async rotatePairingCode(actor: Actor): Promise<{ code: string; url: string; caFingerprintSha256: string }> {
    this.deps.peerToken.rotate();
    await this.deps.tx.run((r) => r.audit.record(actor, 'boxes.pairing_code_rotated', 'system', 'peer-token'));
    return this.pairingCode();
  }

  async pair(actor: Actor, input: { name: string; code: string }): Promise<SchoolBoxView> {
    const name = input.name.trim();
    if (!name) throw new DomainError('VALIDATION_FAILED', { field: 'name' });
    const code = decodePairingCode(input.code);
    if (code.caFingerprintSha256 === this.deps.self.caFingerprintSha256()) throw new DomainError('PAIRING_WITH_SELF');
    let caCertPem: string;
    try {
      caCertPem = await this.deps.client.fetchCaCertificate(code.url);
    } catch (err) {
      throw new DomainError('BOX_UNREACHABLE', { url: code.url, reason: errorText(err) });
    }
    // The certificate we were sent is trusted only if it is the one the pairing code names.
    if (this.deps.fingerprintOf(caCertPem) !== code.caFingerprintSha256) throw new DomainError('BOX_CA_MISMATCH', { url: code.url });
    let essentials: BoxEssentials;
    try {
      essentials = await this.deps.client.essentials({ url: code.url, token: code.token, caCertPem });
    } catch (err) {
      throw new DomainError('BOX_UNREACHABLE', { url: code.url, reason: errorText(err) });
    }
    const at = this.now().toISOString();
    const id = await this.deps.tx.run(async (r) => {
      const existing = (await r.schoolBoxes.list()).find((b) => b.caFingerprintSha256 === code.caFingerprintSha256);
      if (existing) await r.schoolBoxes.remove(existing.id); // paired again: the new code replaces the old one
      const newId = await r.schoolBoxes.add({ name, url: code.url, sealedToken: this.deps.secrets.seal(code.token), caFingerprintSha256: code.caFingerprintSha256, caCertPem, addedAt: at });
      await r.schoolBoxes.markSeen(newId, at, null);
      await r.audit.record(actor, 'boxes.paired', 'school_box', newId, { name, url: code.url, replaced: existing?.id ?? null });
      return newId;
    });
    return { id, name, url: code.url, self: false, reachable: true, error: null, lastSeenAt: at, essentials };
  }

  async unpair(actor: Actor, id: number): Promise<void> {
    await this.deps.tx.run(async (r) => {
      const box = await r.schoolBoxes.get(id);
      if (!box) throw new DomainError('NOT_FOUND', { id });
      await r.schoolBoxes.remove(id);
      await r.audit.record(actor, 'boxes.unpaired', 'school_box', id, { name: box.name, url: box.url });
    });
  }

  /** This box first, then every paired box, asked in parallel; one slow box does not hold the page. */
  async overview(): Promise<SchoolBoxView[]> {
    const boxes = await this.deps.tx.read((r) => r.schoolBoxes.list());
    const mine = await this.deps.self.essentials();
    const self: SchoolBoxView = { id: null, name: mine.boxName, url: this.deps.self.url(), self: true, reachable: true, error: null, lastSeenAt: mine.at, essentials: mine };
    const others = await Promise.all(boxes.map((b) => this.ask(b)));
    return [self, ...others];
  }

  async action(actor: Actor, id: number, action: RemoteAction): Promise<unknown> {
    const box = await this.record(id);
    const result = await this.remote(box, (t) => this.deps.client.action(t, action, actor));
    await this.deps.tx.run((r) => r.audit.record(actor, `boxes.remote_${action.replace('-', '_')}`, 'school_box', id, { name: box.name }));
    return result;
  }

  async logs(actor: Actor, id: number): Promise<{ name: string; body: Buffer }> {
    const box = await this.record(id);
    const body = await this.remote(box, (t) => this.deps.client.logs(t, actor));
    await this.deps.tx.run((r) => r.audit.record(actor, 'boxes.remote_logs_downloaded', 'school_box', id, { name: box.name }));
    return { name: box.name, body };
  }

  private async ask(box: SchoolBoxRecord): Promise<SchoolBoxView> {
    const at = this.now().toISOString();
    try {
      const essentials = await this.withTimeout(this.deps.client.essentials(this.target(box)));
      await this.deps.tx.run((r) => r.schoolBoxes.markSeen(box.id, at, null));
      return { id: box.id, name: box.name, url: box.url, self: false, reachable: true, error: null, lastSeenAt: at, essentials };
    } catch (err) {
      const error = errorText(err);
      await this.deps.tx.run((r) => r.schoolBoxes.markSeen(box.id, box.lastSeenAt ?? '', error));
      return { id: box.id, name: box.name, url: box.url, self: false, reachable: false, error, lastSeenAt: box.lastSeenAt || null, essentials: null };
    }
  }

  private async remote<T>(box: SchoolBoxRecord, call: (t: PeerTarget) => Promise<T>): Promise<T> {
    try {
      return await this.withTimeout(call(this.target(box)), 30_000);
    } catch (err) {
      if (err instanceof DomainError) throw err; // the other box's own refusal, e.g. a lesson is live
      throw new DomainError('BOX_UNREACHABLE', { url: box.url, reason: errorText(err) });
    }
  }

  private target(box: SchoolBoxRecord): PeerTarget {
    return { url: box.url, token: this.deps.secrets.open(box.sealedToken), caCertPem: box.caCertPem };
  }

  private async record(id: number): Promise<SchoolBoxRecord> {
    const box = await this.deps.tx.read((r) => r.schoolBoxes.get(id));
    if (!box) throw new DomainError('NOT_FOUND', { id });
    return box;
  }

  private withTimeout<T>(p: Promise<T>, ms = this.deps.timeoutMs ?? 4000): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }
}
