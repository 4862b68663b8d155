// Local UDP ports for the recorder's ffmpeg: an even RTP port with the next (odd) one free for
// RTCP, as RTP over an SDP file expects. The check binds the wildcard address so a port taken on
// any interface is skipped.

import { createSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';

function bindUdp(port: number): Promise<{ port: number; close: () => void } | null> {
  return new Promise((resolve) => {
    const socket = createSocket({ type: 'udp4', reuseAddr: false });
    socket.once('error', () => {
      socket.close();
      resolve(null);
    });
    socket.bind({ port, address: '0.0.0.0', exclusive: true }, () => {
      resolve({ port: socket.address().port, close: () => socket.close() });
    });
  });
}

export interface PortRange {
  min: number;
  max: number;
}

/**
 * An even port p with p and p + 1 free at the time of the call, not in `reserved` (ports this
 * process handed out and still uses) nor in `avoid` (the WebRTC range, where mediasoup may bind
 * the port before ffmpeg does). The OS picks the candidate from its ephemeral range.
 */
export async function freeEvenPortPair(reserved: ReadonlySet<number> = new Set(), avoid?: PortRange): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const probe = await bindUdp(0);
    if (probe === null) continue;
    probe.close();
    const p = probe.port - (probe.port % 2);
    if (p < 1024 || p + 1 > 65535 || reserved.has(p) || reserved.has(p + 1)) continue;
    if (avoid !== undefined && p + 1 >= avoid.min && p <= avoid.max) continue;
    const rtp = await bindUdp(p);
    if (rtp === null) continue;
    const rtcp = await bindUdp(p + 1);
    rtp.close();
    if (rtcp === null) continue;
    rtcp.close();
    return p;
  }
  throw new Error('no free even UDP port pair found');
}

/** UDP ports with a bound socket, read from /proc/net/udp{,6} (Linux). */
export async function boundUdpPorts(): Promise<Set<number>> {
  const ports = new Set<number>();
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // "  sl  local_address rem_address   st …": local_address is HEXIP:HEXPORT.
      const local = line.trim().split(/\s+/)[1];
      const hexPort = local?.split(':')[1];
      if (hexPort !== undefined) ports.add(Number.parseInt(hexPort, 16));
    }
  }
  return ports;
}

/** Waits until every port is bound (by ffmpeg); false after timeoutMs. */
export async function waitForUdpPorts(ports: readonly number[], timeoutMs: number, stillWaiting: () => boolean = () => true): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && stillWaiting()) {
    const bound = await boundUdpPorts();
    if (ports.every((p) => bound.has(p))) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}
