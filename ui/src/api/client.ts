/**
 * The one HTTP client of the UI: JSON in and out, the session cookie (sent by the browser), the
 * CSRF token on every non-GET request, and one error type carrying the server's stable code and
 * its Vietnamese and English message.
 */
import { ERRORS } from '../../../server/src/contracts/error-codes.js';
import type { ErrorBody, ErrorCode } from './types.js';
import { vi } from '../i18n/vi.js';
import { en } from '../i18n/en.js';

/** Codes of failures that never reach the server. */
export type ClientErrorCode = 'NETWORK' | 'BAD_REPLY';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    readonly text: { vi: string; en: string },
    readonly details?: Record<string, unknown>,
  ) {
    super(`${status} ${code}: ${text.en}`);
    this.name = 'ApiError';
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** What the app shell does when the server says "sign in" or "change your password first". */
export interface SessionHooks {
  unauthenticated(): void;
  passwordChangeRequired(): void;
}

let csrfToken: string | null = null;
let hooks: SessionHooks | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setSessionHooks(h: SessionHooks): void {
  hooks = h;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Leave 401/403-password handling to the caller (the start-up check of the session). */
  quiet?: boolean;
}

const networkError = () => new ApiError(0, 'NETWORK', { vi: vi['error.network'], en: en['error.network'] });

/** Turns a failed reply into an ApiError and lets the shell react to session problems. */
export async function toApiError(status: number, bodyText: string, quiet = false): Promise<ApiError> {
  let err: ApiError;
  try {
    const body = JSON.parse(bodyText) as Partial<ErrorBody>;
    if (!body.error?.code) throw new Error('no error body');
    err = new ApiError(status, body.error.code, body.error.message ?? ERRORS.INTERNAL, body.error.details);
  } catch {
    err = new ApiError(status, 'BAD_REPLY', status >= 500 ? ERRORS.INTERNAL : { vi: vi['error.badReply'], en: en['error.badReply'] });
  }
  if (!quiet && err.code === 'UNAUTHENTICATED') hooks?.unauthenticated();
  if (!quiet && err.code === 'PASSWORD_CHANGE_REQUIRED') hooks?.passwordChangeRequired();
  return err;
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
  } catch {
    throw networkError();
  }
  const text = await res.text();
  if (!res.ok) throw await toApiError(res.status, text, opts.quiet);
  try {
    return (text ? JSON.parse(text) : undefined) as T;
  } catch {
    throw new ApiError(res.status, 'BAD_REPLY', { vi: vi['error.badReply'], en: en['error.badReply'] });
  }
}

export const http = {
  get: <T>(path: string, query?: Query, quiet = false) => request<T>('GET', path, { ...(query ? { query } : {}), quiet }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body: body ?? {}, ...(query ? { query } : {}) }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * Sends a file as multipart/form-data with XMLHttpRequest, the one browser API that reports
 * upload progress (fetch does not). `onProgress` gets a fraction 0–1, or null when unknown.
 */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number | null) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => onProgress(e.lengthComputable ? e.loaded / e.total : null);
    xhr.upload.onload = () => onProgress(null); // sent; the server is now reading the file
    xhr.onerror = () => reject(networkError());
    xhr.onload = async () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(await toApiError(xhr.status, xhr.responseText));
      try {
        resolve(JSON.parse(xhr.responseText) as T);
      } catch {
        reject(new ApiError(xhr.status, 'BAD_REPLY', { vi: vi['error.badReply'], en: en['error.badReply'] }));
      }
    };
    xhr.send(form);
  });
}
