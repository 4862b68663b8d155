/**
 * WS-Discovery (2005/04, the version ONVIF uses) messages and ONVIF scopes, shared by the
 * discovery client and the virtual camera's responder. SOAP 1.2 over UDP, port 3702, multicast
 * group 239.255.255.250; ProbeMatches go back unicast to the probe's source address and port.
 */
import { randomUUID } from 'node:crypto';
import { NS, soapEnvelope, textAt } from './soap.js';
import { attr, child, children, escapeXml, parseXml, resolveQName, textOf } from './xml.js';
import type { XmlElement } from './xml.js';

export const DISCOVERY_MULTICAST_ADDRESS = '239.255.255.250';
export const DISCOVERY_PORT = 3702;

const ACTION = {
  probe: 'http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe',
  probeMatches: 'http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches',
  hello: 'http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello',
  bye: 'http://schemas.xmlsoap.org/ws/2005/04/discovery/Bye',
} as const;
const TO_DISCOVERY = 'urn:schemas-xmlsoap-org:ws:2005:04:discovery';
const TO_ANONYMOUS = 'http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous';

export interface QName {
  ns: string;
  local: string;
}

/** The two types an ONVIF camera announces. */
export const NETWORK_VIDEO_TRANSMITTER: QName = { ns: NS.dn, local: 'NetworkVideoTransmitter' };
export const DEVICE: QName = { ns: NS.tds, local: 'Device' };

export function newMessageId(): string {
  return `urn:uuid:${randomUUID()}`;
}

// ---- scopes ----------------------------------------------------------------------------------

export type ScopeKind = 'name' | 'hardware' | 'location' | 'type' | 'Profile';

/**
 * An ONVIF scope URI. Scopes travel as a space-separated list of URIs, so the value is
 * percent-encoded as UTF-8 (spaces, slashes and Vietnamese letters alike), after NFC
 * normalization so "Phòng" typed on a Mac (NFD) and on Windows (NFC) give the same scope.
 */
export function onvifScope(kind: ScopeKind, value: string): string {
  return `onvif://www.onvif.org/${kind}/${encodeURIComponent(value.normalize('NFC'))}`;
}

/**
 * The value of the first scope of this kind, decoded; '' when there is none. Cameras write
 * spaces as %20 or "_" (the latter is left as is: it may be meant) and some send raw UTF-8,
 * which passes through; an invalid percent sequence is kept verbatim rather than failing.
 */
export function scopeValue(scopes: readonly string[], kind: ScopeKind): string {
  const prefix = `onvif://www.onvif.org/${kind}/`;
  const scope = scopes.find((s) => s.toLowerCase().startsWith(prefix.toLowerCase()));
  if (scope === undefined) return '';
  const raw = scope.slice(prefix.length);
  try {
    return decodeURIComponent(raw).normalize('NFC');
  } catch {
    return raw;
  }
}

/**
 * RFC 3986 scope matching (WS-Discovery's default MatchBy): the probe's scope equals the
 * device's or is a leading run of whole path segments of it.
 */
export function scopeMatches(probeScope: string, deviceScope: string): boolean {
  const p = probeScope.replace(/\/+$/, '');
  const d = deviceScope.replace(/\/+$/, '');
  return d === p || d.startsWith(`${p}/`);
}

// ---- Probe -----------------------------------------------------------------------------------

export function probeMessage(messageId: string, types: readonly QName[]): string {
  const decls = types.map((t, i) => `xmlns:t${i}="${escapeXml(t.ns)}"`).join(' ');
  const typeList = types.map((t, i) => `t${i}:${t.local}`).join(' ');
  return soapEnvelope(`<d:Probe><d:Types ${decls}>${typeList}</d:Types></d:Probe>`, {
    prefixes: ['wsa', 'd'],
    header:
      `<wsa:MessageID>${escapeXml(messageId)}</wsa:MessageID><wsa:To>${TO_DISCOVERY}</wsa:To>` +
      `<wsa:Action>${ACTION.probe}</wsa:Action>`,
  });
}

export interface Probe {
  messageId: string;
  /** Requested types; `ns` is undefined when the probe used a prefix it did not declare. */
  types: { ns: string | undefined; local: string }[];
  scopes: string[];
  /** 'rfc3986' (default), 'strcmp0', or another URI this side does not support. */
  matchBy: string;
}

/** A Probe, or undefined for any other message (Hello, Bye, ProbeMatches, noise). */
export function parseProbe(xml: string): Probe | undefined {
  let envelope: XmlElement;
  try {
    envelope = parseXml(xml);
  } catch {
    return undefined;
  }
  if (envelope.ns !== NS.env || envelope.local !== 'Envelope') return undefined;
  const header = child(envelope, 'Header', NS.env);
  const probe = child(child(envelope, 'Body', NS.env), 'Probe', NS.d);
  const messageId = textOf(child(header, 'MessageID', NS.wsa));
  if (probe === undefined || messageId === undefined || messageId === '') return undefined;
  const typesEl = child(probe, 'Types', NS.d);
  const scopesEl = child(probe, 'Scopes', NS.d);
  const matchBy = attr(scopesEl, 'MatchBy') ?? 'http://schemas.xmlsoap.org/ws/2005/04/discovery/rfc3986';
  return {
    messageId,
    types: splitList(textOf(typesEl)).map((q) => (typesEl === undefined ? { ns: undefined, local: q } : resolveQName(typesEl, q))),
    scopes: splitList(textOf(scopesEl)),
    matchBy: matchBy.endsWith('/rfc3986') ? 'rfc3986' : matchBy.endsWith('/strcmp0') ? 'strcmp0' : matchBy,
  };
}

function splitList(text: string | undefined): string[] {
  return (text ?? '').split(/\s+/).filter((s) => s !== '');
}

// ---- ProbeMatches, Hello, Bye ----------------------------------------------------------------

export interface Endpoint {
  /** `urn:uuid:…` */
  address: string;
  types: readonly QName[];
  scopes: readonly string[];
  xaddrs: readonly string[];
  metadataVersion: number;
}

function endpointFields(e: Endpoint): string {
  const decls = e.types.map((t, i) => `xmlns:p${i}="${escapeXml(t.ns)}"`).join(' ');
  return (
    `<wsa:EndpointReference><wsa:Address>${escapeXml(e.address)}</wsa:Address></wsa:EndpointReference>` +
    `<d:Types ${decls}>${e.types.map((t, i) => `p${i}:${t.local}`).join(' ')}</d:Types>` +
    `<d:Scopes>${e.scopes.map(escapeXml).join(' ')}</d:Scopes>` +
    `<d:XAddrs>${e.xaddrs.map(escapeXml).join(' ')}</d:XAddrs>` +
    `<d:MetadataVersion>${e.metadataVersion}</d:MetadataVersion>`
  );
}

function header(action: string, to: string, sequence: { instanceId: number; messageNumber: number }, relatesTo?: string): string {
  return (
    `<wsa:MessageID>${newMessageId()}</wsa:MessageID>` +
    (relatesTo !== undefined ? `<wsa:RelatesTo>${escapeXml(relatesTo)}</wsa:RelatesTo>` : '') +
    `<wsa:To>${to}</wsa:To><wsa:Action>${action}</wsa:Action>` +
    `<d:AppSequence InstanceId="${sequence.instanceId}" MessageNumber="${sequence.messageNumber}"/>`
  );
}

export function probeMatchesMessage(relatesTo: string, e: Endpoint, sequence: { instanceId: number; messageNumber: number }): string {
  return soapEnvelope(`<d:ProbeMatches><d:ProbeMatch>${endpointFields(e)}</d:ProbeMatch></d:ProbeMatches>`, {
    prefixes: ['wsa', 'd'],
    header: header(ACTION.probeMatches, TO_ANONYMOUS, sequence, relatesTo),
  });
}

export function helloMessage(e: Endpoint, sequence: { instanceId: number; messageNumber: number }): string {
  return soapEnvelope(`<d:Hello>${endpointFields(e)}</d:Hello>`, { prefixes: ['wsa', 'd'], header: header(ACTION.hello, TO_DISCOVERY, sequence) });
}

export function byeMessage(address: string, sequence: { instanceId: number; messageNumber: number }): string {
  return soapEnvelope(
    `<d:Bye><wsa:EndpointReference><wsa:Address>${escapeXml(address)}</wsa:Address></wsa:EndpointReference></d:Bye>`,
    { prefixes: ['wsa', 'd'], header: header(ACTION.bye, TO_DISCOVERY, sequence) },
  );
}

export interface ProbeMatch {
  relatesTo: string | undefined;
  address: string;
  types: string[];
  scopes: string[];
  xaddrs: string[];
}

/** The matches in a ProbeMatches message; [] for any other message. */
export function parseProbeMatches(xml: string): ProbeMatch[] {
  let envelope: XmlElement;
  try {
    envelope = parseXml(xml);
  } catch {
    return [];
  }
  if (envelope.local !== 'Envelope') return [];
  const relatesTo = textAt(child(envelope, 'Header'), 'RelatesTo');
  const matches = child(child(envelope, 'Body'), 'ProbeMatches', NS.d);
  return children(matches, 'ProbeMatch', NS.d).map((m) => ({
    relatesTo,
    address: textAt(m, 'EndpointReference', 'Address') ?? '',
    types: splitList(textOf(child(m, 'Types'))),
    scopes: splitList(textOf(child(m, 'Scopes'))),
    xaddrs: splitList(textOf(child(m, 'XAddrs'))),
  }));
}
