/** The one place that talks HTTP to the hall server: bearer auth and error normalisation. */

/** Why a call failed: the server said no (`http`), or it could not be reached (`network`). */
export class ApiFailure extends Error {
  constructor(
    readonly kind: 'http' | 'network',
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole error body, for errors that carry more than `{code, message}` (e.g. `missing[]`). */
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  get isNetwork(): boolean {
    return this.kind === 'network';
  }

  get isUnauthorized(): boolean {
    return this.kind === 'http' && this.status === 401;
  }
}

export interface ApiAuth {
  /** The bearer token to send, or null for a public call. */
  token(): string | null;
  /** Called once per 401 answer (the token is unknown, expired or revoked). */
  onUnauthorized?(): void;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
}

/** What `request` resolves to: the parsed JSON, or null for a 204 / empty body. */
export type ApiResult<T> = T | null;

export const NETWORK_ERROR_CODE = 'network_error';

/** Reads `{code, message}` from an error response; falls back to the status line. */
export async function failureFromResponse(res: Response): Promise<ApiFailure> {
  let code = `http_${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  let parsed: unknown = null;
  try {
    const body: unknown = await res.json();
    parsed = body;
    if (body && typeof body === 'object') {
      const b = body as Record<string, unknown>;
      if (typeof b.code === 'string') code = b.code;
      if (typeof b.message === 'string' && b.message) message = b.message;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiFailure('http', res.status, code, message, parsed);
}

export async function request<T>(
  auth: ApiAuth,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const token = auth.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let res: Response;
  try {
    res = await fetch(path, { method: options.method ?? 'GET', headers, body });
  } catch (e) {
    throw new ApiFailure('network', 0, NETWORK_ERROR_CODE, e instanceof Error ? e.message : String(e));
  }

  if (!res.ok) {
    const failure = await failureFromResponse(res);
    if (failure.isUnauthorized) auth.onUnauthorized?.();
    // A proxy answering 502/503/504 means the hall server itself is unreachable.
    if ([502, 503, 504].includes(res.status) && failure.code.startsWith('http_')) {
      throw new ApiFailure('network', res.status, NETWORK_ERROR_CODE, failure.message);
    }
    throw failure;
  }
  if (res.status === 204) return null;
  const text = await res.text();
  return text ? (JSON.parse(text) as T) : null;
}

/** A binary download (e.g. the slip PDF), with the same auth and error handling as `request`. */
export async function requestBlob(auth: ApiAuth, path: string): Promise<Blob> {
  const headers: Record<string, string> = {};
  const token = auth.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { headers });
  } catch (e) {
    throw new ApiFailure('network', 0, NETWORK_ERROR_CODE, e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const failure = await failureFromResponse(res);
    if (failure.isUnauthorized) auth.onUnauthorized?.();
    throw failure;
  }
  return res.blob();
}
