/**
 * The media service (ver10 media wsdl, Profile S): two fixed profiles, their RTSP and snapshot
 * URIs.
 */
import { textAt } from '../soap.js';
import { escapeXml } from '../xml.js';
import type { XmlElement } from '../xml.js';
import { SPACES } from './ptz-service.js';
import { findProfile, invalidArg } from './camera-state.js';
import type { CameraState, VirtualProfile } from './camera-state.js';

type Handler = (request: XmlElement, state: CameraState) => string;

function profileXml(p: VirtualProfile, count: number): string {
  return (
    `<trt:Profiles token="${escapeXml(p.token)}" fixed="true"><tt:Name>${escapeXml(p.name)}</tt:Name>` +
    `<tt:VideoSourceConfiguration token="video-source-config"><tt:Name>Video source</tt:Name><tt:UseCount>${count}</tt:UseCount>` +
    `<tt:SourceToken>video-source</tt:SourceToken><tt:Bounds x="0" y="0" width="1280" height="720"/></tt:VideoSourceConfiguration>` +
    `<tt:VideoEncoderConfiguration token="encoder-${escapeXml(p.token)}"><tt:Name>H.264 ${p.width}x${p.height}</tt:Name><tt:UseCount>1</tt:UseCount>` +
    `<tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>${p.width}</tt:Width><tt:Height>${p.height}</tt:Height></tt:Resolution>` +
    `<tt:Quality>5</tt:Quality><tt:RateControl><tt:FrameRateLimit>${p.fps}</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval>` +
    `<tt:BitrateLimit>${p.bitrateKbps}</tt:BitrateLimit></tt:RateControl>` +
    `<tt:H264><tt:GovLength>${p.fps}</tt:GovLength><tt:H264Profile>Baseline</tt:H264Profile></tt:H264>` +
    `<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type><tt:IPv4Address>0.0.0.0</tt:IPv4Address></tt:Address><tt:Port>0</tt:Port>` +
    `<tt:TTL>1</tt:TTL><tt:AutoStart>false</tt:AutoStart></tt:Multicast><tt:SessionTimeout>PT60S</tt:SessionTimeout></tt:VideoEncoderConfiguration>` +
    `<tt:PTZConfiguration token="ptz-config"><tt:Name>PTZ</tt:Name><tt:UseCount>${count}</tt:UseCount><tt:NodeToken>ptz-node</tt:NodeToken>` +
    `<tt:DefaultAbsolutePantTiltPositionSpace>${SPACES.absolutePanTilt}</tt:DefaultAbsolutePantTiltPositionSpace>` +
    `<tt:DefaultAbsoluteZoomPositionSpace>${SPACES.absoluteZoom}</tt:DefaultAbsoluteZoomPositionSpace>` +
    `<tt:DefaultRelativePanTiltTranslationSpace>${SPACES.relativePanTilt}</tt:DefaultRelativePanTiltTranslationSpace>` +
    `<tt:DefaultRelativeZoomTranslationSpace>${SPACES.relativeZoom}</tt:DefaultRelativeZoomTranslationSpace>` +
    `<tt:DefaultContinuousPanTiltVelocitySpace>${SPACES.continuousPanTilt}</tt:DefaultContinuousPanTiltVelocitySpace>` +
    `<tt:DefaultContinuousZoomVelocitySpace>${SPACES.continuousZoom}</tt:DefaultContinuousZoomVelocitySpace>` +
    `<tt:DefaultPTZSpeed><tt:PanTilt x="1" y="1" space="${SPACES.speedPanTilt}"/><tt:Zoom x="1" space="${SPACES.speedZoom}"/></tt:DefaultPTZSpeed>` +
    `<tt:DefaultPTZTimeout>PT10S</tt:DefaultPTZTimeout></tt:PTZConfiguration></trt:Profiles>`
  );
}

function mediaUri(uri: string): string {
  return (
    `<trt:MediaUri><tt:Uri>${escapeXml(uri)}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>` +
    `<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri>`
  );
}

export const mediaService: Record<string, Handler> = {
  GetProfiles: (_req, s) => `<trt:GetProfilesResponse>${s.profiles.map((p) => profileXml(p, s.profiles.length)).join('')}</trt:GetProfilesResponse>`,

  GetProfile: (req, s) => {
    const p = findProfile(s, textAt(req, 'ProfileToken'));
    return `<trt:GetProfileResponse>${profileXml(p, s.profiles.length).replace(/^<trt:Profiles/, '<trt:Profile').replace(/<\/trt:Profiles>$/, '</trt:Profile>')}</trt:GetProfileResponse>`;
  },

  GetStreamUri: (req, s) => {
    const p = findProfile(s, textAt(req, 'ProfileToken'));
    const stream = textAt(req, 'StreamSetup', 'Stream') ?? 'RTP-Unicast';
    const protocol = textAt(req, 'StreamSetup', 'Transport', 'Protocol') ?? 'RTSP';
    // Multicast and RTSP-over-HTTP tunnelling are not offered (GetCapabilities says so).
    if (stream !== 'RTP-Unicast') throw invalidArg('InvalidStreamSetup', `${stream} is not supported; use RTP-Unicast`);
    if (!['RTSP', 'UDP', 'TCP'].includes(protocol)) throw invalidArg('InvalidStreamSetup', `transport ${protocol} is not supported; use RTSP`);
    return `<trt:GetStreamUriResponse>${mediaUri(s.urls.stream(p.token))}</trt:GetStreamUriResponse>`;
  },

  GetSnapshotUri: (req, s) => {
    const p = findProfile(s, textAt(req, 'ProfileToken'));
    return `<trt:GetSnapshotUriResponse>${mediaUri(s.urls.snapshot(p.token))}</trt:GetSnapshotUriResponse>`;
  },
};
