import type { ErrorBody, ErrorDetail } from '../../domain/errors.js';
import { errorMessage } from '../../domain/errors.js';
import { m } from '../i18n';
import { takeEarly } from './early';

/** An API failure: the HTTP status and the server's error code, Chinese message and field details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** Chinese text for any error thrown while talking to the server. */
export function errorText(e: unknown): string {
  if (isApiError(e)) return e.message;
  return errorMessage.internal;
}

type AuthFailure = 'session_expired' | 'unauthorized';

interface ClientHooks {
  /** The session is gone (expired or never there): the app sends the user to the login page. */
  onAuthFailure?: (code: AuthFailure) => void;
  /** The server insists on a password change first. */
  onPasswordChangeRequired?: () => void;
}

let csrfToken: string | null = null;
let hooks: ClientHooks = {};

/** Remembers the CSRF token of the current session (from login or GET /api/session). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF token for requests the client cannot send itself (multipart uploads with progress). */
export const getCsrfToken = (): string | null => csrfToken;

export function configureClient(next: ClientHooks): void {
  hooks = next;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not redirect to the login page on 401 (the session probe and the login itself). */
  quietAuth?: boolean;
}

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function parseError(res: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> | null = null;
  try {
    body = (await res.json()) as Partial<ErrorBody>;
  } catch {
    body = null;
  }
  const err = body?.error;
  if (err && typeof err.code === 'string') {
    return new ApiError(res.status, err.code, err.message || errorMessage.internal, err.details ?? []);
  }
  return new ApiError(res.status, res.status >= 500 ? 'internal' : 'bad_request', errorMessage.internal);
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const url = buildUrl(path, opts.query);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (MUTATIONS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    // The same GET started by src/web/boot.ts before the app's code had arrived, if there is one.
    const early = method === 'GET' ? takeEarly(url) : undefined;
    return await (early ??
      fetch(url, {
        method,
        headers,
        credentials: 'same-origin',
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      }));
  } catch {
    throw new ApiError(0, 'network', m.common.networkError);
  }
}

/** Fetches a fresh CSRF token; used once when the server says the token we hold is stale. */
async function refreshCsrf(): Promise<boolean> {
  const res = await send('GET', '/api/session', {});
  if (!res.ok) return false;
  const body = (await res.json()) as { csrfToken?: string };
  setCsrfToken(body.csrfToken ?? null);
  return Boolean(body.csrfToken);
}

/** Calls the API and returns the parsed JSON body, or throws an ApiError. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, opts);
  if (res.status === 403 && MUTATIONS.has(method)) {
    const err = await parseError(res.clone());
    if (err.code === 'csrf_invalid' && (await refreshCsrf())) res = await send(method, path, opts);
  }
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }
  throw await failureOf(res, opts.quietAuth);
}

/**
 * The ApiError of a failed response, after telling the app what it must act on (session gone,
 * password change required). Also used by downloads, which read the body themselves.
 */
export async function failureOf(res: Response, quietAuth = false): Promise<ApiError> {
  const err = await parseError(res);
  if (!quietAuth && (err.code === 'session_expired' || err.code === 'unauthorized')) {
    setCsrfToken(null);
    hooks.onAuthFailure?.(err.code);
  }
  if (err.code === 'password_change_required') hooks.onPasswordChangeRequired?.();
  return err;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: RequestOptions) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
