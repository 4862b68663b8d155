import type { Actor } from '../accounts/account.types.js';

/**
 * The school's teaching-room boxes seen together (Art. 16.3: IT staff keep every room running).
 * Each box answers for itself; the IT console of any box lists the others it was paired with.
 */

/** What one box tells the IT console about itself: small, cheap to compute, no personal data. */
export interface BoxEssentials {
  boxName: string;
  schoolName: string | null;
  version: string;
  /** Seconds since the machine booted. */
  uptimeSeconds: number;
  at: string;
  cpuLoadPct: number | null;
  temperatureC: number | null;
  memoryUsedPct: number | null;
  /** The fullest disk's free share, 0–100. */
  diskFreePct: number | null;
  mediaWorkers: { count: number; restarts: number } | null;
  cameras: { name: string; reachable: boolean | null }[];
  activeAlerts: { rule: string; subject: string; severity: 'warning' | 'critical'; message: { vi: string; en: string }; raisedAt: string }[];
  recentProblems: { time: string; level: number; msg: string }[];
  liveLessons: number;
  onBalena: boolean;
}

/**
 * How box B is introduced to box A: B's address, a secret that B checks on every call, and the
 * fingerprint of B's own certificate authority, which A pins (no trust in anything else).
 */
export interface PairingCode {
  url: string;
  token: string;
  caFingerprintSha256: string;
}

/** A box this one was paired with. The token is stored sealed. */
export interface SchoolBoxRecord {
  id: number;
  name: string;
  url: string;
  sealedToken: string;
  caFingerprintSha256: string;
  caCertPem: string;
  addedAt: string;
  lastSeenAt: string | null;
  lastError: string | null;
}

export type SchoolBoxInput = Omit<SchoolBoxRecord, 'id' | 'lastSeenAt' | 'lastError'>;

export interface SchoolBoxRepository {
  list(): Promise<SchoolBoxRecord[]>;
  get(id: number): Promise<SchoolBoxRecord | undefined>;
  add(input: SchoolBoxInput): Promise<number>;
  remove(id: number): Promise<boolean>;
  markSeen(id: number, at: string, error: string | null): Promise<void>;
}

export type RemoteAction = 'kiosk-restart' | 'media-restart';

/** Talks to another box over HTTPS, trusting only the CA pinned at pairing. */
export interface BoxPeerClient {
  /** Fetches the peer's CA certificate without trusting it yet (its fingerprint is checked by the caller). */
  fetchCaCertificate(url: string): Promise<string>;
  essentials(target: PeerTarget): Promise<BoxEssentials>;
  action(target: PeerTarget, action: RemoteAction, by: Actor): Promise<unknown>;
  logs(target: PeerTarget, by: Actor): Promise<Buffer>;
}

export interface PeerTarget {
  url: string;
  token: string;
  caCertPem: string;
}

/** The view of a paired box in the console: its record and, when it answered, its essentials. */
export interface SchoolBoxView {
  id: number | null; // null: this box
  name: string;
  url: string | null;
  self: boolean;
  reachable: boolean;
  error: string | null;
  lastSeenAt: string | null;
  essentials: BoxEssentials | null;
}
