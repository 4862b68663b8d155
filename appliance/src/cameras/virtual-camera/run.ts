/**
 * Demo mode on a box without a camera: runs one virtual ONVIF camera until Ctrl-C.
 *
 *   npx tsx appliance/src/cameras/virtual-camera/run.ts --host 0.0.0.0 --user admin --password 'Mật-khẩu 1'
 *
 * Options: --host, --http-port (8000), --rtsp-port (8554), --discovery-port (3702),
 * --interface (address to join the WS-Discovery group on), --user, --password, --name, --location.
 * PHONGHOC_VCAM_PASSWORD may give the password instead of the command line (which `ps` shows).
 */
import { parseArgs } from 'node:util';
import { startVirtualCamera } from './virtual-camera.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    'http-port': { type: 'string', default: '8000' },
    'rtsp-port': { type: 'string', default: '8554' },
    'discovery-port': { type: 'string', default: '3702' },
    interface: { type: 'string' },
    user: { type: 'string', default: 'admin' },
    password: { type: 'string' },
    name: { type: 'string' },
    location: { type: 'string' },
  },
});

const password = values.password ?? process.env['PHONGHOC_VCAM_PASSWORD'];
if (password === undefined || password === '') {
  console.error('Give a password: --password or PHONGHOC_VCAM_PASSWORD');
  process.exit(2);
}
const port = (name: string, v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`--${name} must be a port number, not ${v}`);
    process.exit(2);
  }
  return n;
};

const cam = await startVirtualCamera({
  host: values.host,
  httpPort: port('http-port', values['http-port']),
  rtspPort: port('rtsp-port', values['rtsp-port']),
  discoveryPort: port('discovery-port', values['discovery-port']),
  ...(values.interface !== undefined ? { discoveryInterface: values.interface } : {}),
  username: values.user,
  password,
  ...(values.name !== undefined ? { name: values.name } : {}),
  ...(values.location !== undefined ? { location: values.location } : {}),
});
cam.on('warning', (m) => console.warn(`warning: ${m}`));
console.log(`${cam.name} (${cam.urn})`);
console.log(`  ONVIF device service: ${cam.deviceServiceUrl}`);
for (const token of cam.profileTokens) console.log(`  RTSP ${token}: ${cam.streamUrl(token)}`);
console.log(`  WS-Discovery: UDP ${cam.discoveryPort}, multicast on ${cam.multicastInterfaces.join(', ') || 'no interface (unicast only)'}`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void cam.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
