import net from 'node:net';
import t from 'tap';
import { startTestServer } from '../helpers/server.js';

// A browser or a stalled client holding a connection open (here: a request whose headers never
// finish, an idle keep-alive connection, an HTTPS connection that never starts its handshake) must not keep the appliance from stopping: after a
// short grace its sockets are closed. Before this, a test run could hang on such a connection.
t.test('the appliance stops although clients hold connections open', async (t) => {
  const server = await startTestServer(t, { ui: false });
  const port = Number(new URL(server.baseUrl).port);

  const open = (text: string, to = port) => new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect(to, '127.0.0.1', () => {
      socket.write(text);
      resolve(socket);
    });
    socket.on('error', () => undefined);
    socket.on('data', () => undefined); // read the response, as a browser would
    socket.once('error', reject);
  });
  const stalled = await open('GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
  const keepAlive = await open('GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
  // A client that opens the HTTPS port and never starts its TLS handshake.
  const silentTls = await open('', server.httpsPort);
  await new Promise((r) => setTimeout(r, 200));
  const ended = (s: net.Socket) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve())));

  const started = Date.now();
  await server.close();
  const took = Date.now() - started;
  t.ok(took < 10_000, `stopped in ${took} ms`);
  await Promise.race([Promise.all([ended(stalled), ended(keepAlive), ended(silentTls)]), new Promise((r) => setTimeout(r, 2000))]);
  t.ok(silentTls.destroyed, 'the HTTPS socket without a handshake was closed');
  t.ok(stalled.destroyed, 'the stalled request\'s socket was closed');
  t.ok(keepAlive.destroyed, `the idle keep-alive socket was closed (destroyed ${keepAlive.destroyed}, ended ${keepAlive.readableEnded}, read ${keepAlive.bytesRead} bytes)`);
});
