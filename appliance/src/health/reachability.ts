/** Device reachability: a TCP connect to host:port with a timeout (no data is sent). */
import net from 'node:net';
import type { ReachResult, ReachTarget } from '../../../server/src/domain/devices/device.types.js';

export function tcpCheck(target: ReachTarget, timeoutMs: number): Promise<ReachResult> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let done = false;
    const socket = net.connect({ host: target.host, port: target.port });
    const finish = (reachable: boolean, error: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ id: target.id, reachable, rttMs: reachable ? Math.round((performance.now() - t0) * 10) / 10 : null, error });
    };
    const timer = setTimeout(() => finish(false, 'timeout'), timeoutMs);
    socket.once('connect', () => finish(true, null));
    socket.once('error', (err: NodeJS.ErrnoException) => finish(false, err.code ?? err.message));
  });
}

/** Checks every target, at most `concurrency` at a time. */
export async function checkReachability(targets: readonly ReachTarget[], timeoutMs: number, concurrency = 8): Promise<ReachResult[]> {
  const results: ReachResult[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const i = next++;
      results[i] = await tcpCheck(targets[i]!, timeoutMs);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return results;
}
