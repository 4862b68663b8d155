/** Quick sign-in at the teaching room's kiosk: plain data and the repository it needs. */

export interface KioskPinRecord {
  accountId: number;
  pinHash: string;
  /** Fingerprint of the account's password hash when the PIN was set: a new password retires the PIN. */
  passwordFingerprint: string;
  failedAttempts: number;
  lockedAt: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export type KioskSessionMethod = 'pin' | 'qr';

export interface KioskSessionRecord {
  sessionId: string;
  accountId: number;
  method: KioskSessionMethod;
  createdAt: string;
  lastSeenAt: string;
}

export interface QrChallengeRecord {
  id: string;
  secretHash: string;
  createdAt: string;
  expiresAt: string;
  approvedBy: number | null;
  approvedAt: string | null;
  consumedAt: string | null;
}

export interface KioskRepository {
  getPin(accountId: number): Promise<KioskPinRecord | undefined>;
  /** Inserts or replaces the account's PIN (failures and lock cleared). */
  savePin(accountId: number, pinHash: string, passwordFingerprint: string, at: string): Promise<void>;
  deletePin(accountId: number): Promise<boolean>;
  /** Adds one failed attempt; locks the PIN at `max`. Returns the new count and whether it is locked. */
  recordPinFailure(accountId: number, max: number, at: string): Promise<{ failedAttempts: number; locked: boolean }>;
  recordPinSuccess(accountId: number, at: string): Promise<void>;

  createSession(s: KioskSessionRecord): Promise<void>;
  findSession(sessionId: string): Promise<KioskSessionRecord | undefined>;
  touchSession(sessionId: string, at: string): Promise<void>;
  /** Kiosk sessions not seen since `cutoff`. */
  idleSessionIds(cutoff: string): Promise<string[]>;

  createChallenge(c: Pick<QrChallengeRecord, 'id' | 'secretHash' | 'createdAt' | 'expiresAt'>): Promise<void>;
  getChallenge(id: string): Promise<QrChallengeRecord | undefined>;
  /** Marks it approved if nobody has yet; false when someone was first. */
  approveChallenge(id: string, accountId: number, at: string, ip: string | null): Promise<boolean>;
  /** Marks an approved challenge used, once; false when it already was. */
  consumeChallenge(id: string, at: string): Promise<boolean>;
  deleteChallengesBefore(expiredBefore: string): Promise<number>;
}
