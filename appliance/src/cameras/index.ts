/**
 * The room camera module (Art. 10.3): what the rest of the appliance imports. The virtual
 * camera is not exported here; tests and the demo mode import it from `virtual-camera/`.
 */
export type {
  CameraConnection,
  CameraDirectory,
  ConnectOptions,
  DeviceInformation,
  DiscoverOptions,
  DiscoveredCamera,
  MediaProfile,
  PtzMove,
  PtzPreset,
  PtzStatus,
  PtzVector,
  VideoEncoding,
} from './camera.types.js';
export {
  CAMERA_ERRORS,
  CameraDiscoveryError,
  CameraError,
  CameraFaultError,
  CameraNotSupportedError,
  CameraProtocolError,
  CameraTimeoutError,
  CameraUnauthorizedError,
  CameraUnreachableError,
} from './camera.errors.js';
export type { CameraErrorCode } from './camera.errors.js';
export { OnvifCameraConnection, onvifCameras, withCredentials } from './onvif-client.js';
export { discover } from './ws-discovery.js';
