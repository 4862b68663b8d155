/**
 * The device service (ver10 device wsdl): identity, capabilities, services and the clock.
 */
import { NS } from '../soap.js';
import { escapeXml, textOf, child } from '../xml.js';
import type { XmlElement } from '../xml.js';
import type { CameraState } from './camera-state.js';
import { SoapFaultError } from './camera-state.js';

/** Vietnam is UTC+7 all year (POSIX TZ writes the offset with the opposite sign). */
const TIME_ZONE = 'ICT-7';
const VIETNAM_OFFSET_MS = 7 * 3600_000;

type Handler = (request: XmlElement, state: CameraState) => string;

function dateTime(ms: number): string {
  const d = new Date(ms);
  return (
    `<tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute><tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time>` +
    `<tt:Date><tt:Year>${d.getUTCFullYear()}</tt:Year><tt:Month>${d.getUTCMonth() + 1}</tt:Month><tt:Day>${d.getUTCDate()}</tt:Day></tt:Date>`
  );
}

function deviceCapabilities(state: CameraState): string {
  return (
    `<tt:Device><tt:XAddr>${escapeXml(state.urls.device)}</tt:XAddr>` +
    `<tt:Network><tt:IPFilter>false</tt:IPFilter><tt:ZeroConfiguration>false</tt:ZeroConfiguration><tt:IPVersion6>false</tt:IPVersion6><tt:DynDNS>false</tt:DynDNS></tt:Network>` +
    `<tt:System><tt:DiscoveryResolve>false</tt:DiscoveryResolve><tt:DiscoveryBye>true</tt:DiscoveryBye><tt:RemoteDiscovery>false</tt:RemoteDiscovery>` +
    `<tt:SystemBackup>false</tt:SystemBackup><tt:SystemLogging>false</tt:SystemLogging><tt:FirmwareUpgrade>false</tt:FirmwareUpgrade>` +
    `<tt:SupportedVersions><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tt:SupportedVersions></tt:System>` +
    `<tt:Security><tt:TLS1.1>false</tt:TLS1.1><tt:TLS1.2>false</tt:TLS1.2><tt:OnboardKeyGeneration>false</tt:OnboardKeyGeneration>` +
    `<tt:AccessPolicyConfig>false</tt:AccessPolicyConfig><tt:X.509Token>false</tt:X.509Token><tt:SAMLToken>false</tt:SAMLToken>` +
    `<tt:KerberosToken>false</tt:KerberosToken><tt:RELToken>false</tt:RELToken></tt:Security></tt:Device>`
  );
}

function mediaCapabilities(state: CameraState): string {
  return (
    `<tt:Media><tt:XAddr>${escapeXml(state.urls.media)}</tt:XAddr><tt:StreamingCapabilities>` +
    `<tt:RTPMulticast>false</tt:RTPMulticast><tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP>` +
    `</tt:StreamingCapabilities></tt:Media>`
  );
}

function ptzCapabilities(state: CameraState): string {
  return `<tt:PTZ><tt:XAddr>${escapeXml(state.urls.ptz)}</tt:XAddr></tt:PTZ>`;
}

export const deviceService: Record<string, Handler> = {
  GetDeviceInformation: (_req, s) =>
    `<tds:GetDeviceInformationResponse>` +
    `<tds:Manufacturer>${escapeXml(s.info.manufacturer)}</tds:Manufacturer><tds:Model>${escapeXml(s.info.model)}</tds:Model>` +
    `<tds:FirmwareVersion>${escapeXml(s.info.firmwareVersion)}</tds:FirmwareVersion><tds:SerialNumber>${escapeXml(s.info.serialNumber)}</tds:SerialNumber>` +
    `<tds:HardwareId>${escapeXml(s.info.hardwareId)}</tds:HardwareId></tds:GetDeviceInformationResponse>`,

  GetCapabilities: (req, s) => {
    const categories = req.children.filter((c) => c.local === 'Category').map((c) => textOf(c) ?? '');
    const wanted = new Set(categories.length === 0 ? ['All'] : categories);
    const known = ['All', 'Device', 'Media', 'PTZ', 'Analytics', 'Events', 'Imaging'];
    for (const c of wanted) if (!known.includes(c)) throw new SoapFaultError('Sender', ['InvalidArgVal', 'NoSuchService'], `unknown category ${c}`);
    const all = wanted.has('All');
    const parts = [
      all || wanted.has('Device') ? deviceCapabilities(s) : '',
      all || wanted.has('Media') ? mediaCapabilities(s) : '',
      all || wanted.has('PTZ') ? ptzCapabilities(s) : '',
    ].join('');
    if (parts === '') throw new SoapFaultError('Receiver', ['ActionNotSupported', 'NoSuchService'], 'the camera has no such service');
    return `<tds:GetCapabilitiesResponse><tds:Capabilities>${parts}</tds:Capabilities></tds:GetCapabilitiesResponse>`;
  },

  GetServices: (req, s) => {
    const withCaps = (textOf(child(req, 'IncludeCapability')) ?? 'false') === 'true';
    const service = (ns: string, xaddr: string, minor: number, caps: string): string =>
      `<tds:Service><tds:Namespace>${ns}</tds:Namespace><tds:XAddr>${escapeXml(xaddr)}</tds:XAddr>` +
      (withCaps ? `<tds:Capabilities>${caps}</tds:Capabilities>` : '') +
      `<tds:Version><tt:Major>2</tt:Major><tt:Minor>${minor}</tt:Minor></tds:Version></tds:Service>`;
    return (
      `<tds:GetServicesResponse>` +
      service(NS.tds, s.urls.device, 60, `<tds:Capabilities><tds:Security UsernameToken="true" HttpDigest="false"/></tds:Capabilities>`) +
      service(NS.trt, s.urls.media, 60, `<trt:Capabilities SnapshotUri="true"><trt:StreamingCapabilities RTP_TCP="true" RTP_RTSP_TCP="true"/></trt:Capabilities>`) +
      service(NS.tptz, s.urls.ptz, 60, `<tptz:Capabilities/>`) +
      `</tds:GetServicesResponse>`
    );
  },

  GetSystemDateAndTime: (_req, s) => {
    const now = s.now();
    return (
      `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>` +
      `<tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>` +
      `<tt:TimeZone><tt:TZ>${TIME_ZONE}</tt:TZ></tt:TimeZone>` +
      `<tt:UTCDateTime>${dateTime(now)}</tt:UTCDateTime><tt:LocalDateTime>${dateTime(now + VIETNAM_OFFSET_MS)}</tt:LocalDateTime>` +
      `</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`
    );
  },
};
