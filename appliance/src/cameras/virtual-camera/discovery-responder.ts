/**
 * The virtual camera's WS-Discovery side: joins 239.255.255.250 on the chosen interface,
 * answers matching Probes (multicast, or sent straight to its port) with a ProbeMatches to the
 * sender, and announces itself with Hello on start and Bye on close.
 *
 * The socket binds the wildcard address: on Linux a socket bound to a unicast address does not
 * receive multicast datagrams. The group membership is what ties it to the interface.
 */
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import {
  DISCOVERY_MULTICAST_ADDRESS,
  byeMessage,
  helloMessage,
  parseProbe,
  probeMatchesMessage,
  scopeMatches,
} from '../ws-discovery-messages.js';
import type { Endpoint, Probe } from '../ws-discovery-messages.js';

/** WS-Discovery asks devices to wait a random time before answering a multicast probe (APP_MAX_DELAY). */
const MAX_REPLY_DELAY_MS = 100;
const REMEMBERED_PROBES = 64;

export interface DiscoveryResponderOptions {
  port: number;
  /** IPv4 addresses of the interfaces to join the multicast group on. */
  interfaces: readonly string[];
  endpoint: Endpoint;
}

export class DiscoveryResponder {
  readonly #socket: Socket;
  readonly #endpoint: Endpoint;
  readonly #sequence = { instanceId: Math.floor(Date.now() / 1000), messageNumber: 0 };
  readonly #seen: string[] = [];
  readonly #pending = new Set<NodeJS.Timeout>();
  /** Interfaces where joining the group worked. */
  readonly joined: string[] = [];
  #closed = false;

  private constructor(socket: Socket, endpoint: Endpoint) {
    this.#socket = socket;
    this.#endpoint = endpoint;
  }

  static async start(opts: DiscoveryResponderOptions): Promise<DiscoveryResponder> {
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(opts.port, '0.0.0.0', () => {
        socket.off('error', reject);
        resolve();
      });
    });
    const r = new DiscoveryResponder(socket, opts.endpoint);
    socket.on('error', () => undefined);
    for (const iface of opts.interfaces) {
      try {
        socket.addMembership(DISCOVERY_MULTICAST_ADDRESS, iface);
        r.joined.push(iface);
      } catch {
        // No multicast on this interface: unicast probes still get answers.
      }
    }
    if (r.joined[0] !== undefined) {
      socket.setMulticastInterface(r.joined[0]);
      socket.setMulticastLoopback(true);
      socket.setMulticastTTL(1);
    }
    socket.on('message', (msg, rinfo) => r.#onMessage(msg, rinfo.address, rinfo.port));
    r.#multicast(helloMessage(opts.endpoint, r.#next()));
    return r;
  }

  get port(): number {
    return this.#socket.address().port;
  }

  #next(): { instanceId: number; messageNumber: number } {
    this.#sequence.messageNumber++;
    return { ...this.#sequence };
  }

  #multicast(xml: string): void {
    if (this.joined.length === 0) return;
    this.#socket.send(Buffer.from(xml, 'utf8'), this.port, DISCOVERY_MULTICAST_ADDRESS);
  }

  #onMessage(msg: Buffer, address: string, port: number): void {
    const probe = parseProbe(msg.toString('utf8'));
    if (probe === undefined || this.#closed) return;
    // A SOAP-over-UDP sender repeats each message with the same MessageID: answer once.
    if (this.#seen.includes(probe.messageId)) return;
    this.#seen.push(probe.messageId);
    if (this.#seen.length > REMEMBERED_PROBES) this.#seen.shift();
    if (!this.#matches(probe)) return;
    const reply = Buffer.from(probeMatchesMessage(probe.messageId, this.#endpoint, this.#next()), 'utf8');
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      if (!this.#closed) this.#socket.send(reply, port, address);
    }, Math.floor(Math.random() * MAX_REPLY_DELAY_MS));
    this.#pending.add(timer);
  }

  #matches(probe: Probe): boolean {
    const typesOk = probe.types.every((want) =>
      this.#endpoint.types.some((have) => have.local === want.local && (want.ns === undefined || want.ns === have.ns)),
    );
    if (!typesOk) return false;
    if (probe.matchBy === 'strcmp0') return probe.scopes.every((s) => this.#endpoint.scopes.includes(s));
    if (probe.matchBy !== 'rfc3986') return false; // a matching rule we do not implement
    return probe.scopes.every((s) => this.#endpoint.scopes.some((mine) => scopeMatches(s, mine)));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const t of this.#pending) clearTimeout(t);
    this.#pending.clear();
    await new Promise<void>((resolve) => {
      if (this.joined.length === 0) return resolve();
      this.#socket.send(Buffer.from(byeMessage(this.#endpoint.address, this.#next()), 'utf8'), this.port, DISCOVERY_MULTICAST_ADDRESS, () => resolve());
    });
    await new Promise<void>((resolve) => this.#socket.close(() => resolve()));
  }
}
