/** The one way to tell the user something went wrong (or right): <ph-toast-notifier> shows it. */
import { isApiError } from '../api/client.js';
import { ERRORS } from '../../../server/src/contracts/error-codes.js';
import { bilingual, type MessageKey } from '../i18n/index.js';

export interface Notice {
  kind: 'error' | 'success' | 'info';
  text: { vi: string; en: string };
}

declare global {
  interface WindowEventMap {
    'ph-notify': CustomEvent<Notice>;
  }
}

function emit(notice: Notice): void {
  window.dispatchEvent(new CustomEvent('ph-notify', { detail: notice }));
}

/** Shows an error: the server's own message for API errors, a generic one otherwise. */
export function notifyError(err: unknown): void {
  if (isApiError(err)) {
    // Session problems move the user to another page; a toast would only repeat it.
    if (err.code === 'UNAUTHENTICATED' || err.code === 'PASSWORD_CHANGE_REQUIRED') return;
    emit({ kind: 'error', text: err.text });
    return;
  }
  console.error(err);
  emit({ kind: 'error', text: { vi: ERRORS.INTERNAL.vi, en: ERRORS.INTERNAL.en } });
}

export function notifySuccess(key: MessageKey): void {
  emit({ kind: 'success', text: bilingual(key) });
}
