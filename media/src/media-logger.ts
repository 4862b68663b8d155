// The media module logs through this narrow shape so the server can hand it Fastify's pino
// logger (same `(object, message)` argument order); by default warnings and errors go to stderr.

export interface MediaLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const noop = (): void => {};

export const consoleMediaLogger: MediaLogger = {
  debug: noop,
  info: noop,
  warn: (obj, msg) => console.warn(`[media] ${msg}`, obj),
  error: (obj, msg) => console.error(`[media] ${msg}`, obj),
};
