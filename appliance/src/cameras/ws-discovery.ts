/**
 * Finds ONVIF cameras with WS-Discovery. The probe socket is bound to the chosen interface's
 * address and multicasts through that interface: on a box with several network cards, letting
 * the OS pick the route is what makes discovery find nothing (node-onvif #28, #41).
 */
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { CameraDiscoveryError } from './camera.errors.js';
import type { DiscoverOptions, DiscoveredCamera } from './camera.types.js';
import {
  DEVICE,
  DISCOVERY_MULTICAST_ADDRESS,
  DISCOVERY_PORT,
  NETWORK_VIDEO_TRANSMITTER,
  newMessageId,
  parseProbeMatches,
  probeMessage,
  scopeValue,
} from './ws-discovery-messages.js';
import type { ProbeMatch } from './ws-discovery-messages.js';

/** SOAP-over-UDP sends each message a few times (same MessageID) since UDP may drop it. */
const REPEATS = 3;
const REPEAT_GAP_MS = 150;

export async function discover(opts: DiscoverOptions): Promise<DiscoveredCamera[]> {
  if (isIP(opts.interfaceAddress) !== 4) {
    throw new CameraDiscoveryError(`interfaceAddress must be an IPv4 address of this box, not "${opts.interfaceAddress}"`);
  }
  const port = opts.port ?? DISCOVERY_PORT;
  const targets = [...(opts.multicast === false ? [] : [DISCOVERY_MULTICAST_ADDRESS]), ...(opts.unicastHosts ?? [])];
  if (targets.length === 0) throw new CameraDiscoveryError('nothing to probe: multicast is off and no unicast hosts were given');

  const socket = createSocket({ type: 'udp4' });
  const found = new Map<string, DiscoveredCamera>();
  // Some devices only announce NetworkVideoTransmitter, some (NVRs) only Device: probe for each.
  const probes = [NETWORK_VIDEO_TRANSMITTER, DEVICE].map((type) => ({ id: newMessageId(), type }));
  const ours = new Set(probes.map((p) => p.id));

  socket.on('message', (msg, rinfo) => {
    for (const match of parseProbeMatches(msg.toString('utf8'))) {
      if (match.relatesTo === undefined || !ours.has(match.relatesTo) || match.address === '') continue;
      merge(found, match, rinfo.address);
    }
  });

  try {
    await bind(socket, opts.interfaceAddress);
    if (opts.multicast !== false) {
      try {
        socket.setMulticastInterface(opts.interfaceAddress);
        socket.setMulticastTTL(1); // cameras are on the room's own network segment
        socket.setMulticastLoopback(true); // a camera (or the virtual one) on this very box
      } catch (err) {
        throw new CameraDiscoveryError(`cannot multicast on ${opts.interfaceAddress}: ${(err as Error).message}`, { cause: err });
      }
    }
    const deadline = Date.now() + opts.timeoutMs;
    let sent = 0;
    let lastError: Error | undefined;
    for (let round = 0; round < REPEATS && Date.now() < deadline; round++) {
      if (round > 0) await sleep(Math.min(REPEAT_GAP_MS, deadline - Date.now()));
      for (const probe of probes) {
        const message = Buffer.from(probeMessage(probe.id, [probe.type]), 'utf8');
        for (const host of targets) {
          try {
            await send(socket, message, port, host);
            sent++;
          } catch (err) {
            lastError = err as Error;
          }
        }
      }
    }
    if (sent === 0) {
      throw new CameraDiscoveryError(`could not send a probe from ${opts.interfaceAddress}: ${lastError?.message ?? 'unknown error'}`, { cause: lastError });
    }
    await sleep(deadline - Date.now());
  } finally {
    socket.close();
  }
  return [...found.values()];
}

function merge(found: Map<string, DiscoveredCamera>, match: ProbeMatch, from: string): void {
  const xaddrs = match.xaddrs.filter((x) => /^https?:\/\//i.test(x));
  const known = found.get(match.address);
  if (known !== undefined) {
    for (const x of xaddrs) if (!known.xaddrs.includes(x)) known.xaddrs.push(x);
    for (const t of match.types) if (!known.types.includes(t)) known.types.push(t);
    return;
  }
  if (xaddrs.length === 0) return;
  // A camera with several addresses lists them all; prefer the one it answered from.
  const onReplyAddress = xaddrs.find((x) => {
    try {
      return new URL(x).hostname === from;
    } catch {
      return false;
    }
  });
  found.set(match.address, {
    xaddr: onReplyAddress ?? xaddrs[0] ?? '',
    xaddrs,
    urn: match.address,
    name: scopeValue(match.scopes, 'name'),
    hardware: scopeValue(match.scopes, 'hardware'),
    location: scopeValue(match.scopes, 'location'),
    scopes: match.scopes,
    types: match.types,
    address: from,
  });
}

function bind(socket: Socket, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(new CameraDiscoveryError(`cannot bind the probe socket to ${address}: ${err.message}`, { cause: err }));
    socket.once('error', onError);
    socket.bind(0, address, () => {
      socket.off('error', onError);
      // Late errors (ICMP unreachable on unicast probes) must not crash the process.
      socket.on('error', () => undefined);
      resolve();
    });
  });
}

function send(socket: Socket, message: Buffer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => socket.send(message, port, host, (err) => (err ? reject(err) : resolve())));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
