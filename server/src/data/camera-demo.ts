import { randomBytes } from 'node:crypto';
import { startVirtualCamera, type VirtualCamera } from '../../../appliance/src/cameras/virtual-camera/virtual-camera.js';
import type { CamerasService } from '../domain/cameras/cameras.service.js';
import type { RoomCamera } from '../domain/cameras/camera.types.js';

/** The demo camera keeps one identity across restarts, so its row is updated rather than added again. */
export const DEMO_CAMERA_UUID = '5f1d6c2a-0b7e-4c44-9a53-70686f6e6768';
export const DEMO_CAMERA_NAME = 'Camera bảng (mô phỏng)';
const DEMO_USER = 'phonghoc-demo';

export interface DemoCamera {
  camera: VirtualCamera;
  /** The room camera it became, or null when the box has real cameras. */
  registered: RoomCamera | null;
  close(): Promise<void>;
}

/**
 * Demo mode (PHONGHOC_DEMO_CAMERA=1): the project's virtual ONVIF camera on 127.0.0.1 with free
 * ports and a fresh random password, registered as the default room camera when the box has none,
 * so a box without cameras can still show a room camera in a live lesson.
 */
export async function startDemoCamera(cameras: CamerasService): Promise<DemoCamera> {
  const password = randomBytes(18).toString('base64url');
  const camera = await startVirtualCamera({
    host: '127.0.0.1', httpPort: 0, rtspPort: 0, discoveryPort: 0, discoveryInterface: '127.0.0.1',
    username: DEMO_USER, password, uuid: DEMO_CAMERA_UUID, name: DEMO_CAMERA_NAME, location: 'Phòng học',
  });
  try {
    const registered = await cameras.registerDemoCamera({ urn: camera.urn, xaddr: camera.deviceServiceUrl, username: DEMO_USER, password, name: DEMO_CAMERA_NAME });
    return { camera, registered, close: () => camera.close() };
  } catch (err) {
    await camera.close();
    throw err;
  }
}
