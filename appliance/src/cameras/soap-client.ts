/**
 * The client side of an ONVIF SOAP exchange over HTTP, and the clock offset read from
 * GetSystemDateAndTime.
 */
import { CameraFaultError, CameraProtocolError, CameraUnauthorizedError } from './camera.errors.js';
import { httpRequest } from './http-request.js';
import { NS, parseSoap, soapEnvelope, textAt } from './soap.js';
import type { NsPrefix, SoapMessage } from './soap.js';
import { usernameTokenHeader } from './ws-security.js';
import { XmlError, path } from './xml.js';
import type { XmlElement } from './xml.js';

const MAX_SOAP_BYTES = 1 << 20;

export interface Security {
  username: string;
  password: string;
  offsetMs: number;
}

/**
 * One SOAP request: the operation is the body's first element; with `security`, a fresh
 * UsernameToken dated by our clock corrected with the camera's offset. Faults become typed
 * errors (NotAuthorized → CameraUnauthorizedError, the rest → CameraFaultError with the
 * camera's reason), and the answer must be `<Operation>Response`.
 */
export async function soapCall(url: URL, body: string, prefixes: NsPrefix[], opts: { timeoutMs: number; security: Security | undefined }): Promise<SoapMessage> {
  const operation = /^<\w+:(\w+)/.exec(body)?.[1] ?? 'request';
  const header = opts.security === undefined ? undefined : usernameTokenHeader({ ...opts.security, now: new Date(Date.now() + opts.security.offsetMs) });
  const envelope = soapEnvelope(body, { prefixes, ...(header !== undefined ? { header } : {}) });
  const action = `${NS[prefixes[0] ?? 'tds']}/${operation}`;
  const res = await httpRequest(url, {
    method: 'POST',
    headers: { 'Content-Type': `application/soap+xml; charset=utf-8; action="${action}"` },
    body: envelope,
    timeoutMs: opts.timeoutMs,
    maxBytes: MAX_SOAP_BYTES,
  });
  let message: SoapMessage;
  try {
    message = parseSoap(res.body.toString('utf8'));
  } catch (err) {
    if (res.status === 401) throw new CameraUnauthorizedError(`${operation}: HTTP 401 from ${url.host}`);
    const why = err instanceof XmlError ? err.message : String(err);
    throw new CameraProtocolError(`${operation}: HTTP ${res.status} from ${url.host} is not SOAP (${why})`, { cause: err });
  }
  if (message.fault !== undefined) {
    const f = message.fault;
    if (f.subcodes.some((s) => s === 'NotAuthorized' || s === 'FailedAuthentication') || res.status === 401) {
      throw new CameraUnauthorizedError(`${operation}: ${f.reason || 'not authorized'}`);
    }
    throw new CameraFaultError(f, operation);
  }
  if (res.status === 401) throw new CameraUnauthorizedError(`${operation}: HTTP 401 from ${url.host}`);
  if (res.status < 200 || res.status > 299) throw new CameraProtocolError(`${operation}: HTTP ${res.status} from ${url.host}`);
  if (message.payload === undefined || message.payload.local !== `${operation}Response`) {
    throw new CameraProtocolError(`${operation}: unexpected answer <${message.payload?.qname ?? 'empty body'}>`);
  }
  return message;
}

/** Camera clock minus ours, from a GetSystemDateAndTime answer (0 when it gives no UTC time). */
export function clockOffset(payload: XmlElement | undefined, sentMs: number, receivedMs: number): number {
  const utc = path(payload, 'SystemDateAndTime', 'UTCDateTime');
  const n = (...p: string[]): number => Number(textAt(utc, ...p));
  const cameraMs = Date.UTC(n('Date', 'Year'), n('Date', 'Month') - 1, n('Date', 'Day'), n('Time', 'Hour'), n('Time', 'Minute'), n('Time', 'Second'));
  if (utc === undefined || !Number.isFinite(cameraMs)) return 0;
  // The camera read its clock somewhere between our send and receive; assume halfway.
  return cameraMs - Math.round((sentMs + receivedMs) / 2);
}
