/**
 * Errors of the camera module, each with a stable code and a message in Vietnamese and English
 * for the IT console and the teacher's kiosk. The codes are meant to join the server's error
 * table (server/src/contracts/error-codes.ts) when the camera routes are added.
 */

export const CAMERA_ERRORS = {
  CAMERA_UNAUTHORIZED: {
    vi: 'Camera từ chối tên đăng nhập hoặc mật khẩu. Hãy kiểm tra tài khoản ONVIF của camera.',
    en: 'The camera refused the user name or password. Check the camera’s ONVIF account.',
  },
  CAMERA_UNREACHABLE: {
    vi: 'Không kết nối được tới camera. Hãy kiểm tra dây mạng, nguồn điện và địa chỉ IP.',
    en: 'Cannot reach the camera. Check the network cable, the power and the IP address.',
  },
  CAMERA_TIMEOUT: {
    vi: 'Camera không trả lời kịp thời.',
    en: 'The camera did not answer in time.',
  },
  CAMERA_FAULT: {
    vi: 'Camera báo lỗi khi thực hiện thao tác.',
    en: 'The camera reported an error for this operation.',
  },
  CAMERA_BAD_RESPONSE: {
    vi: 'Camera trả lời không đúng chuẩn ONVIF.',
    en: 'The camera’s answer does not follow ONVIF.',
  },
  CAMERA_NOT_SUPPORTED: {
    vi: 'Camera không hỗ trợ chức năng này (ví dụ: không có PTZ).',
    en: 'The camera does not support this (for example, it has no PTZ).',
  },
  CAMERA_DISCOVERY_FAILED: {
    vi: 'Không dò tìm được camera trên giao diện mạng đã chọn.',
    en: 'Camera discovery failed on the chosen network interface.',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type CameraErrorCode = keyof typeof CAMERA_ERRORS;

export class CameraError extends Error {
  readonly code: CameraErrorCode;

  constructor(code: CameraErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CameraError';
    this.code = code;
  }
}

/** Wrong credentials, or a request the camera considers unauthenticated (ter:NotAuthorized, HTTP 401). */
export class CameraUnauthorizedError extends CameraError {
  constructor(message = 'the camera refused the credentials', options?: { cause?: unknown }) {
    super('CAMERA_UNAUTHORIZED', message, options);
    this.name = 'CameraUnauthorizedError';
  }
}

/** Connection refused, no route, unknown host, connection reset. */
export class CameraUnreachableError extends CameraError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CAMERA_UNREACHABLE', message, options);
    this.name = 'CameraUnreachableError';
  }
}

export class CameraTimeoutError extends CameraError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CAMERA_TIMEOUT', message, options);
    this.name = 'CameraTimeoutError';
  }
}

/** A SOAP fault other than NotAuthorized, with the camera's own reason. */
export class CameraFaultError extends CameraError {
  readonly soapCode: string;
  /** Subcode local names, outermost first (`['InvalidArgVal', 'NoProfile']`). */
  readonly subcodes: readonly string[];
  readonly reason: string;

  constructor(fault: { code: string; subcodes: readonly string[]; reason: string }, operation: string) {
    super('CAMERA_FAULT', `${operation}: ${fault.code}${fault.subcodes.map((s) => `/${s}`).join('')}: ${fault.reason || '(no reason given)'}`);
    this.name = 'CameraFaultError';
    this.soapCode = fault.code;
    this.subcodes = fault.subcodes;
    this.reason = fault.reason;
  }
}

/** The answer was not the SOAP, XML or picture it should be. */
export class CameraProtocolError extends CameraError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CAMERA_BAD_RESPONSE', message, options);
    this.name = 'CameraProtocolError';
  }
}

export class CameraNotSupportedError extends CameraError {
  constructor(message: string) {
    super('CAMERA_NOT_SUPPORTED', message);
    this.name = 'CameraNotSupportedError';
  }
}

export class CameraDiscoveryError extends CameraError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CAMERA_DISCOVERY_FAILED', message, options);
    this.name = 'CameraDiscoveryError';
  }
}
