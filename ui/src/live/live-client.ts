/**
 * The signaling client of a live lesson: one WebSocket to `/api/live-lessons/:id/ws` (same origin,
 * the session cookie authenticates it), typed requests answered by id with a timeout, typed
 * notifications, and a socket that comes back by itself with backoff when the network drops.
 * It refuses to send while the socket is not open: a request never waits for a reconnection,
 * the caller decides what to do again once `welcome` arrives on the new socket.
 */
import type {
  LiveMethod, LiveNotificationName, LiveNotifications, LiveRequests, ServerMessage,
} from '../../../server/src/contracts/live-signaling.js';
import { Emitter } from './emitter.js';
import { clientError, finalReason, FLOOD_CLOSE, serverError, type FinalReason, type LiveError } from './live-errors.js';

export type LinkState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ClientEvents {
  state: LinkState;
  /** The client stopped for good: the server said why (ended, removed, replaced, forbidden…). */
  final: { reason: FinalReason | null; error: LiveError | null };
  /** A socket closed before its `welcome` (refused upgrade, server down): the caller may check the session. */
  failedAttempt: { attempt: number };
  /** An error the server sent without a request id (rate limit, refusal before closing). */
  serverError: LiveError;
}

export interface LiveClientOptions {
  requestTimeoutMs?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
  /** For tests: a stand-in for the browser's WebSocket. */
  createSocket?: (url: string) => WebSocket;
  random?: () => number;
}

interface Pending {
  resolve: (data: unknown) => void;
  reject: (err: LiveError) => void;
  timer: number;
}

type NotificationHandler<N extends LiveNotificationName> = (data: LiveNotifications[N]) => void;

/** The URL of a lesson's signaling socket on this page's origin. */
export function signalingUrl(lessonId: number, loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api/live-lessons/${lessonId}/ws`;
}

/** Exponential backoff with jitter: 0.5 s, 1 s, 2 s … up to the maximum, ±25 %. */
export function backoffDelay(attempt: number, min: number, max: number, random: () => number = Math.random): number {
  const base = Math.min(max, min * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.75 + random() * 0.5));
}

export class LiveClient extends Emitter<ClientEvents> {
  state: LinkState = 'closed';
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<LiveNotificationName, Set<NotificationHandler<never>>>();
  private attempt = 0;
  private welcomed = false;
  private retryTimer: number | undefined;
  private stopped = true;
  private lastServerError: LiveError | null = null;
  private readonly timeoutMs: number;
  private readonly minDelay: number;
  private readonly maxDelay: number;
  private readonly onOnline = () => this.reconnectNow();

  constructor(private readonly url: string, private readonly opts: LiveClientOptions = {}) {
    super();
    this.timeoutMs = opts.requestTimeoutMs ?? 20_000;
    this.minDelay = opts.minDelayMs ?? 500;
    this.maxDelay = opts.maxDelayMs ?? 10_000;
  }

  /** Opens the socket (and keeps it open until close()). */
  connect(): void {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    this.open();
  }

  /** Closes for good: no more reconnections, pending requests fail. */
  close(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    window.clearTimeout(this.retryTimer);
    const ws = this.socket;
    this.socket = null;
    this.failPending();
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'left');
    this.setState('closed');
  }

  /** Skips the wait of the backoff (the device came back online, the user tapped "retry"). */
  reconnectNow(): void {
    if (this.stopped || this.socket) return;
    window.clearTimeout(this.retryTimer);
    this.open();
  }

  /** Drops the current socket as if the network had failed (used when the link looks dead). */
  dropSocket(): void {
    const ws = this.socket;
    if (!ws) return;
    this.socket = null;
    ws.close(4000, 'client-reset');
    this.dropped(1006);
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  onNotification<N extends LiveNotificationName>(method: N, fn: NotificationHandler<N>): () => void {
    let set = this.handlers.get(method);
    if (!set) this.handlers.set(method, (set = new Set()));
    set.add(fn as NotificationHandler<never>);
    return () => set.delete(fn as NotificationHandler<never>);
  }

  /** Sends one request; resolves with the server's reply, rejects with a LiveError. */
  request<M extends LiveMethod>(method: M, data: LiveRequests[M]['data'], timeoutMs = this.timeoutMs): Promise<LiveRequests[M]['reply']> {
    const ws = this.socket;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(clientError('LIVE_NOT_CONNECTED'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = window.setTimeout(() => {
        this.pending.delete(id);
        reject(clientError('LIVE_TIMEOUT'));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (d: unknown) => void, reject, timer });
      ws.send(JSON.stringify({ type: 'request', id, method, data }));
    });
  }

  private open(): void {
    this.welcomed = false;
    this.lastServerError = null;
    this.setState(this.attempt === 0 && this.state !== 'reconnecting' ? 'connecting' : 'reconnecting');
    let ws: WebSocket;
    try {
      ws = this.opts.createSocket ? this.opts.createSocket(this.url) : new WebSocket(this.url);
    } catch {
      this.dropped(1006);
      return;
    }
    this.socket = ws;
    ws.onmessage = (e: MessageEvent) => {
      if (this.socket === ws && typeof e.data === 'string') this.receive(e.data);
    };
    ws.onclose = (e: CloseEvent) => {
      if (this.socket !== ws) return; // an old socket we already left behind
      this.socket = null;
      this.dropped(e.code);
    };
  }

  private receive(raw: string): void {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(raw) as ServerMessage;
    } catch {
      return;
    }
    if (msg.type === 'response') {
      if (msg.id === null) {
        if (!msg.ok) {
          this.lastServerError = serverError(msg.error.code, msg.error.message);
          this.emit('serverError', this.lastServerError);
        }
        return;
      }
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      window.clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.data);
      else p.reject(serverError(msg.error.code, msg.error.message));
      return;
    }
    if (msg.type === 'notification') {
      if (msg.method === 'welcome') {
        this.welcomed = true;
        this.attempt = 0;
        this.setState('open');
      }
      for (const fn of [...(this.handlers.get(msg.method) ?? [])]) {
        try {
          (fn as NotificationHandler<typeof msg.method>)(msg.data as never);
        } catch (err) {
          console.error(err);
        }
      }
    }
  }

  private dropped(code: number): void {
    this.failPending();
    if (this.stopped) return this.setState('closed');
    const final = finalReason(code);
    if (final) {
      this.stopped = true;
      window.removeEventListener('online', this.onOnline);
      this.setState('closed');
      this.emit('final', { reason: final, error: this.lastServerError });
      return;
    }
    if (!this.welcomed) this.emit('failedAttempt', { attempt: this.attempt + 1 });
    const delay = code === FLOOD_CLOSE ? this.maxDelay : backoffDelay(this.attempt, this.minDelay, this.maxDelay, this.opts.random);
    this.attempt++;
    this.setState('reconnecting');
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => {
      if (!this.stopped && !this.socket) this.open();
    }, delay);
  }

  private failPending(): void {
    for (const p of this.pending.values()) {
      window.clearTimeout(p.timer);
      p.reject(clientError('LIVE_DISCONNECTED'));
    }
    this.pending.clear();
  }

  private setState(next: LinkState): void {
    if (next === this.state) return;
    this.state = next;
    this.emit('state', next);
  }
}
