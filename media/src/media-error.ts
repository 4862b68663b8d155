// Errors of the media module carry a stable code; the server maps each code to an HTTP status and
// a Vietnamese/English message (media/ imports nothing from the server, so the codes live here).

export type MediaErrorCode =
  | 'MEDIA_CLOSED'
  | 'MEDIA_UNAVAILABLE'
  | 'MEDIA_PEER_NOT_FOUND'
  | 'MEDIA_TRANSPORT_NOT_FOUND'
  | 'MEDIA_PRODUCER_NOT_FOUND'
  | 'MEDIA_CONSUMER_NOT_FOUND'
  | 'MEDIA_NOT_RECORDABLE'
  | 'MEDIA_FFMPEG_FAILED';

export class MediaError extends Error {
  readonly code: MediaErrorCode;

  constructor(code: MediaErrorCode, message: string) {
    super(message);
    this.name = 'MediaError';
    this.code = code;
  }
}

export function isMediaError(err: unknown): err is MediaError {
  return err instanceof MediaError;
}
