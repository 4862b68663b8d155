/** Toasts for the live lesson: the server's own message for its errors, a fixed text otherwise. */
import { notifyError, type Notice } from '../state/notify.js';
import { bilingual, type MessageKey } from '../i18n/index.js';
import { isLiveError } from './live-errors.js';

function emit(notice: Notice): void {
  window.dispatchEvent(new CustomEvent('ph-notify', { detail: notice }));
}

export function notifyLiveError(err: unknown): void {
  if (isLiveError(err)) emit({ kind: 'error', text: err.text });
  else if (err instanceof DOMException && (err.name === 'NotAllowedError' || err.name === 'NotFoundError' || err.name === 'NotReadableError')) {
    emit({ kind: 'error', text: bilingual('live.error.device') });
  } else notifyError(err);
}

export function notifyLive(key: MessageKey, kind: Notice['kind'] = 'info'): void {
  emit({ kind, text: bilingual(key) });
}

/** Runs an action of a button: its failure becomes a toast, never an unhandled rejection. */
export async function attempt(action: Promise<unknown>): Promise<boolean> {
  try {
    await action;
    return true;
  } catch (err) {
    notifyLiveError(err);
    return false;
  }
}
