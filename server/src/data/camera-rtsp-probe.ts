import net from 'node:net';
import type { StreamProbe } from '../domain/cameras/camera.types.js';
import { CameraProtocolError, CameraTimeoutError, CameraUnreachableError } from '../../../appliance/src/cameras/camera.errors.js';

/**
 * Checks that a camera's RTSP URI answers before the camera is saved: an RTSP OPTIONS request
 * (no credentials needed, no stream started) over TCP, and any RTSP status line back. For
 * `rtsps://` only the TCP connection is checked.
 */
export const rtspOptionsProbe: StreamProbe = {
  check(uri: string, timeoutMs: number): Promise<void> {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return Promise.reject(new CameraProtocolError(`the camera gave an invalid stream URI`));
    }
    const secure = url.protocol === 'rtsps:';
    if (url.protocol !== 'rtsp:' && !secure) return Promise.reject(new CameraProtocolError(`the stream URI is not RTSP (${url.protocol})`));
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || (secure ? 322 : 554));
    url.username = '';
    url.password = '';
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      let answer = '';
      const done = (err?: Error) => {
        clearTimeout(timer);
        socket.destroy();
        if (err) reject(err);
        else resolve();
      };
      const timer = setTimeout(() => done(new CameraTimeoutError(`the RTSP server ${url.host} did not answer within ${timeoutMs} ms`)), timeoutMs);
      socket.once('connect', () => {
        if (secure) return done();
        socket.write(`OPTIONS ${url.href} RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: Phonghoc\r\n\r\n`);
      });
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString('latin1');
        const eol = answer.indexOf('\r\n');
        if (eol < 0 && answer.length < 200) return;
        if (/^RTSP\/1\.\d \d{3}/.test(answer)) done();
        else done(new CameraProtocolError(`${url.host} did not answer as an RTSP server`));
      });
      socket.once('error', (err: NodeJS.ErrnoException) => done(new CameraUnreachableError(`cannot reach the RTSP server ${url.host}: ${err.code ?? err.message}`, { cause: err })));
      socket.once('end', () => done(new CameraProtocolError(`${url.host} closed the RTSP connection without answering`)));
    });
  },
};
