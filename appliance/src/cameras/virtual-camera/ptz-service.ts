/**
 * The PTZ service (ver20 ptz wsdl): one node in the generic spaces, absolute, relative and
 * continuous moves, status, and presets.
 */
import { parseXsDuration, parseXsFloat, textAt, xsBoolean, xsFloat } from '../soap.js';
import { attr, child, escapeXml } from '../xml.js';
import type { XmlElement } from '../xml.js';
import type { PtzVector } from '../camera.types.js';
import { MAX_PRESETS, PtzError } from './ptz-model.js';
import { SoapFaultError, findProfile, invalidArg } from './camera-state.js';
import type { CameraState } from './camera-state.js';

const BASE = 'http://www.onvif.org/ver10/tptz';
export const SPACES = {
  absolutePanTilt: `${BASE}/PanTiltSpaces/PositionGenericSpace`,
  absoluteZoom: `${BASE}/ZoomSpaces/PositionGenericSpace`,
  relativePanTilt: `${BASE}/PanTiltSpaces/TranslationGenericSpace`,
  relativeZoom: `${BASE}/ZoomSpaces/TranslationGenericSpace`,
  continuousPanTilt: `${BASE}/PanTiltSpaces/VelocityGenericSpace`,
  continuousZoom: `${BASE}/ZoomSpaces/VelocityGenericSpace`,
  speedPanTilt: `${BASE}/PanTiltSpaces/GenericSpeedSpace`,
  speedZoom: `${BASE}/ZoomSpaces/ZoomGenericSpeedSpace`,
} as const;

type Handler = (request: XmlElement, state: CameraState) => string;

/** Reads `<PanTilt x y space/>` and `<Zoom x space/>`, refusing spaces other than the generic ones. */
function vector(el: XmlElement | undefined, spaces: { panTilt: string; zoom: string }): Partial<PtzVector> {
  const out: Partial<PtzVector> = {};
  const pt = child(el, 'PanTilt');
  const z = child(el, 'Zoom');
  for (const [e, space] of [[pt, spaces.panTilt], [z, spaces.zoom]] as const) {
    const s = attr(e, 'space');
    if (e !== undefined && s !== undefined && s !== space) throw invalidArg('SpaceNotSupported', `space ${s} is not supported`);
  }
  if (pt !== undefined) {
    const x = parseXsFloat(attr(pt, 'x'));
    const y = parseXsFloat(attr(pt, 'y'));
    if (x === undefined || y === undefined) throw invalidArg('InvalidPosition', 'PanTilt needs numeric x and y');
    out.pan = x;
    out.tilt = y;
  }
  if (z !== undefined) {
    const x = parseXsFloat(attr(z, 'x'));
    if (x === undefined) throw invalidArg('InvalidPosition', 'Zoom needs a numeric x');
    out.zoom = x;
  }
  return out;
}

function positionXml(tag: string, p: PtzVector): string {
  return (
    `<${tag}><tt:PanTilt x="${xsFloat(p.pan)}" y="${xsFloat(p.tilt)}" space="${SPACES.absolutePanTilt}"/>` +
    `<tt:Zoom x="${xsFloat(p.zoom)}" space="${SPACES.absoluteZoom}"/></${tag}>`
  );
}

/** Runs a model operation, turning its errors into ONVIF faults. */
function onModel<T>(op: () => T): T {
  try {
    return op();
  } catch (err) {
    if (!(err instanceof PtzError)) throw err;
    if (err.subcodes[0] === 'TooManyPresets') throw new SoapFaultError('Receiver', ['Action', 'TooManyPresets'], err.message);
    throw invalidArg(err.subcodes[0] ?? 'InvalidArgVal', err.message);
  }
}

function range(min: number, max: number): string {
  return `<tt:XRange><tt:Min>${min}</tt:Min><tt:Max>${max}</tt:Max></tt:XRange>`;
}
function space2d(tag: string, uri: string, min: number): string {
  return `<tt:${tag}><tt:URI>${uri}</tt:URI>${range(min, 1)}<tt:YRange><tt:Min>${min}</tt:Min><tt:Max>1</tt:Max></tt:YRange></tt:${tag}>`;
}
function space1d(tag: string, uri: string, min: number): string {
  return `<tt:${tag}><tt:URI>${uri}</tt:URI>${range(min, 1)}</tt:${tag}>`;
}

const NODE =
  `<tptz:PTZNode token="ptz-node" FixedHomePosition="false"><tt:Name>PTZ</tt:Name><tt:SupportedPTZSpaces>` +
  space2d('AbsolutePanTiltPositionSpace', SPACES.absolutePanTilt, -1) +
  space1d('AbsoluteZoomPositionSpace', SPACES.absoluteZoom, 0) +
  space2d('RelativePanTiltTranslationSpace', SPACES.relativePanTilt, -1) +
  space1d('RelativeZoomTranslationSpace', SPACES.relativeZoom, -1) +
  space2d('ContinuousPanTiltVelocitySpace', SPACES.continuousPanTilt, -1) +
  space1d('ContinuousZoomVelocitySpace', SPACES.continuousZoom, -1) +
  space1d('PanTiltSpeedSpace', SPACES.speedPanTilt, 0) +
  space1d('ZoomSpeedSpace', SPACES.speedZoom, 0) +
  `</tt:SupportedPTZSpaces><tt:MaximumNumberOfPresets>${MAX_PRESETS}</tt:MaximumNumberOfPresets>` +
  `<tt:HomeSupported>false</tt:HomeSupported></tptz:PTZNode>`;

const CONFIGURATION =
  `<tptz:PTZConfiguration token="ptz-config"><tt:Name>PTZ</tt:Name><tt:UseCount>2</tt:UseCount><tt:NodeToken>ptz-node</tt:NodeToken>` +
  `<tt:DefaultAbsolutePantTiltPositionSpace>${SPACES.absolutePanTilt}</tt:DefaultAbsolutePantTiltPositionSpace>` +
  `<tt:DefaultAbsoluteZoomPositionSpace>${SPACES.absoluteZoom}</tt:DefaultAbsoluteZoomPositionSpace>` +
  `<tt:DefaultPTZTimeout>PT10S</tt:DefaultPTZTimeout></tptz:PTZConfiguration>`;

export const ptzService: Record<string, Handler> = {
  GetNodes: () => `<tptz:GetNodesResponse>${NODE}</tptz:GetNodesResponse>`,

  GetNode: (req) => {
    if (textAt(req, 'NodeToken') !== 'ptz-node') throw invalidArg('NoEntity', 'no such PTZ node');
    return `<tptz:GetNodeResponse>${NODE}</tptz:GetNodeResponse>`;
  },

  GetConfigurations: () => `<tptz:GetConfigurationsResponse>${CONFIGURATION}</tptz:GetConfigurationsResponse>`,

  AbsoluteMove: (req, s) => {
    findProfile(s, textAt(req, 'ProfileToken'));
    const target = vector(child(req, 'Position'), { panTilt: SPACES.absolutePanTilt, zoom: SPACES.absoluteZoom });
    onModel(() => s.ptz.absoluteMove(target));
    return `<tptz:AbsoluteMoveResponse/>`;
  },

  RelativeMove: (req, s) => {
    findProfile(s, textAt(req, 'ProfileToken'));
    const delta = vector(child(req, 'Translation'), { panTilt: SPACES.relativePanTilt, zoom: SPACES.relativeZoom });
    onModel(() => s.ptz.relativeMove(delta));
    return `<tptz:RelativeMoveResponse/>`;
  },

  ContinuousMove: (req, s) => {
    findProfile(s, textAt(req, 'ProfileToken'));
    const velocity = vector(child(req, 'Velocity'), { panTilt: SPACES.continuousPanTilt, zoom: SPACES.continuousZoom });
    const timeoutText = textAt(req, 'Timeout');
    const timeoutMs = parseXsDuration(timeoutText);
    if (timeoutText !== undefined && timeoutMs === undefined) throw invalidArg('InvalidArgVal', `bad Timeout ${timeoutText}`);
    onModel(() => s.ptz.continuousMove(velocity, timeoutMs));
    return `<tptz:ContinuousMoveResponse/>`;
  },

  Stop: (req, s) => {
    findProfile(s, textAt(req, 'ProfileToken'));
    s.ptz.stop(xsBoolean(textAt(req, 'PanTilt')) ?? true, xsBoolean(textAt(req, 'Zoom')) ?? true);
    return `<tptz:StopResponse/>`;
  },

  GetStatus: (req, s) => {
    findProfile(s, textAt(req, 'ProfileToken'));
    const moving = s.ptz.moving();
    const state = (m: boolean): string => (m ? 'MOVING' : 'IDLE');
    return (
      `<tptz:GetStatusResponse><tptz:PTZStatus>${positionXml('tt:Position', s.ptz.position())}` +
      `<tt:MoveStatus><tt:PanTilt>${state(moving.panTilt)}</tt:PanTilt><tt:Zoom>${state(moving.zoom)}</tt:Zoom></tt:MoveStatus>` +
      `<tt:UtcTime>${new Date(s.now()).toISOString()}</tt:UtcTime></tptz:PTZStatus></tptz:GetStatusResponse>`
    );
  },

  GetPresets: (req, s) => {
    findProfile(s, textAt(req, 'ProfileToken'));
    const presets = s.ptz
      .presets()
      .map((p) => `<tptz:Preset token="${escapeXml(p.token)}"><tt:Name>${escapeXml(p.name)}</tt:Name>${positionXml('tt:PTZPosition', p.position)}</tptz:Preset>`);
    return `<tptz:GetPresetsResponse>${presets.join('')}</tptz:GetPresetsResponse>`;
  },

  SetPreset: (req, s) => {
    findProfile(s, textAt(req, 'ProfileToken'));
    const token = onModel(() => s.ptz.setPreset(textAt(req, 'PresetName'), textAt(req, 'PresetToken') || undefined));
    return `<tptz:SetPresetResponse><tptz:PresetToken>${escapeXml(token)}</tptz:PresetToken></tptz:SetPresetResponse>`;
  },

  GotoPreset: (req, s) => {
    findProfile(s, textAt(req, 'ProfileToken'));
    onModel(() => s.ptz.gotoPreset(textAt(req, 'PresetToken') ?? ''));
    return `<tptz:GotoPresetResponse/>`;
  },

  RemovePreset: (req, s) => {
    findProfile(s, textAt(req, 'ProfileToken'));
    onModel(() => s.ptz.removePreset(textAt(req, 'PresetToken') ?? ''));
    return `<tptz:RemovePresetResponse/>`;
  },
};
