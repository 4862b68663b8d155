/**
 * SOAP 1.2 envelopes and faults as ONVIF uses them, shared by the client and the virtual camera.
 */
import { XmlError, child, children, escapeXml, parseXml, path, resolveQName, textOf } from './xml.js';
import type { XmlElement } from './xml.js';

/** The namespaces of the ONVIF services this project speaks, with the prefixes it writes. */
export const NS = {
  env: 'http://www.w3.org/2003/05/soap-envelope',
  soap11: 'http://schemas.xmlsoap.org/soap/envelope/',
  tt: 'http://www.onvif.org/ver10/schema',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  trt: 'http://www.onvif.org/ver10/media/wsdl',
  tptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  ter: 'http://www.onvif.org/ver10/error',
  dn: 'http://www.onvif.org/ver10/network/wsdl',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  wsa: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  d: 'http://schemas.xmlsoap.org/ws/2005/04/discovery',
} as const;

export type NsPrefix = keyof typeof NS;

/** `xmlns:p="…"` declarations for the given prefixes. */
export function xmlns(...prefixes: NsPrefix[]): string {
  return prefixes.map((p) => `xmlns:${p}="${NS[p]}"`).join(' ');
}

/** A SOAP 1.2 envelope. `header` and `body` are already-escaped XML fragments. */
export function soapEnvelope(body: string, opts: { header?: string; prefixes?: NsPrefix[] } = {}): string {
  const prefixes = ['env', ...(opts.prefixes ?? [])].filter((p, i, all) => all.indexOf(p) === i) as NsPrefix[];
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<env:Envelope ${xmlns(...prefixes)}>` +
    (opts.header !== undefined ? `<env:Header>${opts.header}</env:Header>` : '') +
    `<env:Body>${body}</env:Body></env:Envelope>`
  );
}

export interface SoapFault {
  /** `Sender` or `Receiver` (SOAP 1.1 `Client`/`Server` are mapped to these). */
  code: string;
  /** Subcode local names, outermost first: `['NotAuthorized']`, `['InvalidArgVal', 'NoProfile']`. */
  subcodes: string[];
  reason: string;
}

export interface SoapMessage {
  envelope: XmlElement;
  header: XmlElement | undefined;
  body: XmlElement;
  /** The first element inside Body: the operation or its response. */
  payload: XmlElement | undefined;
  fault: SoapFault | undefined;
}

/** Parses a SOAP 1.2 (or 1.1, as some older cameras answer) message. Throws XmlError when it is not one. */
export function parseSoap(xml: string): SoapMessage {
  const envelope = parseXml(xml);
  if (envelope.local !== 'Envelope' || (envelope.ns !== NS.env && envelope.ns !== NS.soap11)) {
    throw new XmlError(`not a SOAP envelope: <${envelope.qname}>`);
  }
  const body = child(envelope, 'Body', envelope.ns);
  if (body === undefined) throw new XmlError('SOAP envelope without Body');
  const payload = body.children[0];
  const fault = payload !== undefined && payload.local === 'Fault' && payload.ns === envelope.ns ? readFault(payload) : undefined;
  return { envelope, header: child(envelope, 'Header', envelope.ns), body, payload, fault };
}

function readFault(fault: XmlElement): SoapFault {
  const code = child(fault, 'Code');
  if (code === undefined) {
    // SOAP 1.1: <faultcode>env:Client</faultcode><faultstring>…</faultstring>
    const faultcode = child(fault, 'faultcode');
    const local = faultcode === undefined ? 'Receiver' : resolveQName(faultcode, textOf(faultcode) ?? '').local;
    return {
      code: local === 'Client' ? 'Sender' : local === 'Server' ? 'Receiver' : local,
      subcodes: [],
      reason: textOf(child(fault, 'faultstring')) ?? '',
    };
  }
  const valueOf = (el: XmlElement | undefined): string => {
    const v = child(el, 'Value');
    return v === undefined ? '' : resolveQName(v, textOf(v) ?? '').local;
  };
  const subcodes: string[] = [];
  for (let sub = child(code, 'Subcode'); sub !== undefined; sub = child(sub, 'Subcode')) subcodes.push(valueOf(sub));
  const texts = children(child(fault, 'Reason'), 'Text');
  const english = texts.find((t) => t.attributes.get('xml:lang')?.startsWith('en')) ?? texts[0];
  return { code: valueOf(code), subcodes, reason: textOf(english) ?? '' };
}

/**
 * A SOAP 1.2 fault body. Subcodes are written as `ter:…` QNames (the ONVIF error namespace);
 * `code` is `Sender` or `Receiver`.
 */
export function soapFaultBody(fault: { code: 'Sender' | 'Receiver'; subcodes: readonly string[]; reason: string }): string {
  let sub = '';
  for (let i = fault.subcodes.length - 1; i >= 0; i--) {
    sub = `<env:Subcode><env:Value>ter:${escapeXml(fault.subcodes[i] ?? '')}</env:Value>${sub}</env:Subcode>`;
  }
  return (
    `<env:Fault><env:Code><env:Value>env:${fault.code}</env:Value>${sub}</env:Code>` +
    `<env:Reason><env:Text xml:lang="en">${escapeXml(fault.reason)}</env:Text></env:Reason></env:Fault>`
  );
}

/** `true`, `1` → true, per xs:boolean. */
export function xsBoolean(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

/** A number for an xs:float attribute: finite, at most 6 decimals, never in exponent form. */
export function xsFloat(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const fixed = Number(value.toFixed(6));
  return String(Object.is(fixed, -0) ? 0 : fixed);
}

/** Parses an xs:float, or undefined when absent or not a number. */
export function parseXsFloat(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text.trim());
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A subset of xs:duration for PTZ timeouts (`PT5S`, `PT1M30.5S`, `P0DT0H0M2S`), in milliseconds.
 * Years and months are refused: their length is not fixed.
 */
export function parseXsDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (m === null || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  return Math.round(((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000);
}

/** Milliseconds as xs:duration (`PT2.5S`). */
export function xsDuration(ms: number): string {
  return `PT${xsFloat(Math.max(0, ms) / 1000)}S`;
}

/** Shortcut used by both sides: the text at a path of local names. */
export function textAt(el: XmlElement | undefined, ...locals: string[]): string | undefined {
  return textOf(path(el, ...locals));
}
