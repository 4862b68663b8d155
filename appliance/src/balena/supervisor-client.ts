/**
 * The balena Supervisor API as seen from the server container (compose label
 * `io.balena.features.supervisor-api: '1'`, which injects BALENA_SUPERVISOR_ADDRESS and
 * BALENA_SUPERVISOR_API_KEY). Device state, restarting the kiosk service, rebooting, and the update
 * lock held while a lesson is live (a file, not an HTTP call: see update-lock.ts).
 */
import { updateLockFor, DEFAULT_LOCK_PATH, type UpdateLock, type UpdateLockState } from './update-lock.js';

/** GET /v1/device (fields as the Supervisor documents them; all optional across versions). */
export interface SupervisorDeviceState {
  api_port?: number;
  commit?: string;
  ip_address?: string;
  mac_address?: string;
  status?: string;
  download_progress?: number | null;
  os_version?: string;
  supervisor_version?: string;
  update_pending?: boolean;
  update_downloaded?: boolean;
  update_failed?: boolean;
  [key: string]: unknown;
}

export class SupervisorError extends Error {
  constructor(readonly endpoint: string, readonly status: number | undefined, readonly body: string, message: string) {
    super(message);
    this.name = 'SupervisorError';
  }

  /** 423: the Supervisor refuses because an update lock is held (reboot/shutdown during a lesson). */
  get locked(): boolean {
    return this.status === 423;
  }
}

export interface SupervisorClientOptions {
  /** e.g. `http://127.0.0.1:48484` (BALENA_SUPERVISOR_ADDRESS). */
  address: string;
  /** BALENA_SUPERVISOR_API_KEY; sent as the `apikey` query parameter and never logged. */
  apiKey: string;
  /** BALENA_APP_ID, needed by the v2 application endpoints. */
  appId?: string | number;
  lockPath?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

type Env = Record<string, string | undefined>;

export class SupervisorClient {
  private readonly address: string;
  private readonly fetchFn: typeof fetch;
  private readonly lock: UpdateLock;

  constructor(private readonly opts: SupervisorClientOptions) {
    if (!/^https?:\/\//.test(opts.address)) throw new Error(`Supervisor address "${opts.address}" is not an http(s) URL`);
    if (!opts.apiKey) throw new Error('Supervisor API key is empty');
    this.address = opts.address.replace(/\/+$/, '');
    this.fetchFn = opts.fetch ?? fetch;
    this.lock = updateLockFor(opts.lockPath ?? DEFAULT_LOCK_PATH);
  }

  /**
   * A client from the variables balena injects, or undefined off balena (development, tests,
   * a plain Debian install): then there is nothing to ask and no lock to take.
   */
  static fromEnv(env: Env = process.env, extra: Omit<SupervisorClientOptions, 'address' | 'apiKey' | 'appId'> = {}): SupervisorClient | undefined {
    const address = env.BALENA_SUPERVISOR_ADDRESS;
    const apiKey = env.BALENA_SUPERVISOR_API_KEY;
    if (!address || !apiKey) return undefined;
    return new SupervisorClient({ address, apiKey, appId: env.BALENA_APP_ID, ...extra });
  }

  /** Liveness of the Supervisor itself (no key needed). */
  async ping(): Promise<boolean> {
    try {
      const res = await this.fetchFn(`${this.address}/ping`, { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000) });
      return res.ok;
    } catch {
      return false;
    }
  }

  device(): Promise<SupervisorDeviceState> {
    return this.request<SupervisorDeviceState>('GET', '/v1/device');
  }

  /** Restarts one service of this application (the kiosk browser by default). */
  async restartService(serviceName = 'kiosk'): Promise<void> {
    await this.request('POST', `/v2/applications/${encodeURIComponent(String(this.requireAppId()))}/restart-service`, { serviceName });
  }

  /**
   * Reboots the box. The Supervisor refuses (HTTP 423, `SupervisorError.locked`) while an update
   * lock is held, i.e. during a lesson, unless `force`.
   */
  reboot(opts: { force?: boolean } = {}): Promise<{ Data?: string; Error?: string }> {
    return this.request('POST', '/v1/reboot', opts.force ? { force: true } : {});
  }

  /** Holds the update lock for a reason (e.g. `lesson 42`); reference-counted. */
  holdUpdateLock(reason: string): Promise<UpdateLockState> {
    return this.lock.hold(reason);
  }

  /** Releases one hold (the given reason or the oldest); the last one removes the lock file. */
  releaseUpdateLock(reason?: string): Promise<UpdateLockState> {
    return this.lock.release(reason);
  }

  updateLockState(): UpdateLockState {
    return this.lock.state();
  }

  private requireAppId(): string | number {
    if (this.opts.appId === undefined || this.opts.appId === '') throw new Error('BALENA_APP_ID is not set: cannot address the application');
    return this.opts.appId;
  }

  private async request<T>(method: 'GET' | 'POST', endpoint: string, body?: unknown): Promise<T> {
    const url = `${this.address}${endpoint}?apikey=${encodeURIComponent(this.opts.apiKey)}`;
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
    } catch (err) {
      // The message names the endpoint, never the URL (it carries the key).
      throw new SupervisorError(endpoint, undefined, '', `Supervisor ${method} ${endpoint}: ${(err as Error).message}`);
    }
    const text = await res.text();
    if (!res.ok) throw new SupervisorError(endpoint, res.status, text, `Supervisor ${method} ${endpoint}: HTTP ${res.status} ${text.trim().slice(0, 200)}`);
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      // Some endpoints answer plain text ("OK").
      return { Data: text } as T;
    }
  }
}
