import fs from 'node:fs';
import path from 'node:path';
import type { Server as NetServer, Socket } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppConfig } from './config/config.js';
import { openDatabase, migrate, type Database } from './db/database.js';
import { multistream as pinoMultistream } from 'pino';
import { LogFile } from './logs/log-file.js';
import { buildServices, type Services } from './services.js';
import { phonghocApp } from './app.js';
import { ensureLocalCertificates } from './tls/local-ca.js';
import type { HealthIntervals } from './domain/devices/health-poller.js';
import { startDemoCamera, type DemoCamera } from './data/camera-demo.js';

/** How long open requests may finish when the server stops before their connections are closed. */
const CLOSE_GRACE_MS = 3000;

export interface RunningAppliance {
  db: Database;
  services: Services;
  http: FastifyInstance | undefined;
  https: FastifyInstance | undefined;
  close(): Promise<void>;
}

/** Where the built UI lives, next to the compiled server or the sources. */
export function defaultUiDir(): string {
  let dir = path.dirname(new URL(import.meta.url).pathname);
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'dist', 'ui');
    if (fs.existsSync(path.join(dir, 'package.json'))) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve('dist/ui');
}

/**
 * Starts the appliance: database and migrations, the local CA, then plain HTTP on localhost for
 * the kiosk and HTTPS on the LAN (Art. 10.2), both serving the same application.
 */
type StartOptions = { uiDir?: string; /** false: no health polling */ healthPolling?: Partial<HealthIntervals> | false };

export async function startAppliance(config: AppConfig, opts: StartOptions = {}): Promise<RunningAppliance> {
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o750 });
  const db = openDatabase(config);
  try {
    return await startOn(db, config, opts);
  } catch (err) {
    // A failed start may be followed by a restore of the data directory: let go of the file.
    await db.close().catch(() => undefined);
    throw err;
  }
}

async function startOn(db: Database, config: AppConfig, opts: StartOptions): Promise<RunningAppliance> {
  // Open sockets of both servers, so stopping can end them all after a grace period.
  const sockets = new Set<Socket>();
  const trackSockets = (server: NetServer) => server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await migrate(db);
  const services = buildServices(config, db);
  const uiDir = opts.uiDir ?? defaultUiDir();

  const certs = await ensureLocalCertificates({
    dir: path.join(config.dataDir, 'tls'),
    hostname: config.publicHostname,
    addresses: config.publicAddresses,
    schoolName: (await services.setup.status()).schoolName ?? undefined,
  });
  const ca = {
    certPath: path.join(config.dataDir, 'tls', 'ca.crt'),
    fingerprintSha256: certs.caFingerprintSha256,
    downloadUrl: `https://${config.publicHostname}:${config.https.port}/api/ca.crt`,
  };

  // Logs go to the console (balena's journal) and to a rotating file the IT console can read.
  const logFile = new LogFile(config.dataDir);
  const logger = { level: config.logLevel, stream: pinoMultistream([{ stream: process.stdout }, { stream: logFile }]) };
  const build = async (https?: { key: string; cert: string }) => {
    const app = (https ? Fastify({ logger, https, bodyLimit: 1024 * 1024 }) : Fastify({ logger, bodyLimit: 1024 * 1024 })) as unknown as FastifyInstance;
    await app.register(phonghocApp, { services, secureCookies: config.secureCookies, uiDir, ca });
    return app;
  };

  let http: FastifyInstance | undefined;
  let httpsApp: FastifyInstance | undefined;
  if (config.http.port !== 0) {
    http = await build();
    trackSockets(http.server);
    await http.listen({ host: config.http.host, port: config.http.port });
  }
  if (config.https.port !== 0) {
    httpsApp = await build({ key: certs.serverKeyPem, cert: certs.serverCertPem });
    trackSockets(httpsApp.server);
    await httpsApp.listen({ host: config.https.host, port: config.https.port });
  }

  // Expired sessions are removed hourly, not on the request path.
  const sweeper = setInterval(() => void services.accounts.purgeExpiredSessions().catch(() => undefined), 3_600_000);
  sweeper.unref();
  const kioskSweeper = setInterval(() => void services.kiosk.purge().catch(() => undefined), 3_600_000);
  kioskSweeper.unref();
  // Quiz attempts past their deadline and grace are submitted even if no page asks again (Art. 6).
  const quizSweeper = setInterval(() => void services.quizAttempts.sweep().catch((err: unknown) => (http ?? httpsApp)?.log.warn({ err }, 'quiz sweep failed')), 15_000);
  quizSweeper.unref();
  // The school's scheduled backup (issue 5, point 8): checked every 30 s, fires at the set time.
  const backupTimer = setInterval(() => void services.backups.tick().catch((err: unknown) => (http ?? httpsApp)?.log.warn({ err }, 'backup schedule check failed')), 30_000);
  backupTimer.unref();

  // Demo mode: the virtual ONVIF camera stands in for the room camera on a box without one.
  let demoCamera: DemoCamera | undefined;
  if (config.demoCamera) {
    const camLog = (http ?? httpsApp)?.log.child({ module: 'demo-camera' });
    try {
      demoCamera = await startDemoCamera(services.cameras);
      camLog?.info({ xaddr: demoCamera.camera.deviceServiceUrl, registered: demoCamera.registered?.id ?? null }, 'demo camera started');
    } catch (err) {
      camLog?.warn({ err }, 'demo camera could not start; continuing without it');
    }
  }

  // The appliance watches itself (CPU, memory, disks, cameras…); it logs and never throws.
  const log = (http ?? httpsApp)?.log.child({ module: 'health' });
  if (opts.healthPolling !== false) services.healthPoller.start({ ...(log ? { log } : {}), ...(opts.healthPolling ? { intervals: opts.healthPolling } : {}) });

  return {
    db, services, http, https: httpsApp,
    async close() {
      clearInterval(sweeper);
      clearInterval(kioskSweeper);
      clearInterval(quizSweeper);
      clearInterval(backupTimer);
      await services.healthPoller.stop();
      // Requests still open after a grace period (a browser holding a connection, a stalled
      // client) must not keep the box from stopping: their sockets are closed.
      // Every TCP socket counts, also one still in its TLS handshake (not yet an HTTP connection).
      const force = setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, CLOSE_GRACE_MS);
      force.unref();
      await http?.close();
      await httpsApp?.close();
      clearTimeout(force);
      await services.liveRooms.close();
      await demoCamera?.close();
      await db.close();
      logFile.end();
    },
  };
}
