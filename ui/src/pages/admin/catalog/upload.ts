/** Uploading a catalog workbook with its progress (fetch reports none, so XMLHttpRequest). */
import { ApiFailure, NETWORK_ERROR_CODE, type ApiAuth } from '../../../api/client';
import type { CatalogImportPreview } from './types';

export const BASE = '/api/v1/admin/catalog';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Where an upload is: sending (with its share sent, 0–100), then the server checking it. */
export type UploadPhase = { phase: 'uploading'; percent: number } | { phase: 'checking' };

/**
 * POSTs the workbook with XMLHttpRequest (fetch reports no upload progress). A reply carrying
 * `problems` is a preview whatever its status; any other refusal is an `ApiFailure`.
 */
export function uploadWorkbook(auth: ApiAuth, file: Blob, dryRun: boolean, onPhase: (p: UploadPhase) => void): Promise<CatalogImportPreview> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}/import?dry_run=${dryRun}`);
    xhr.setRequestHeader('Content-Type', XLSX_TYPE);
    xhr.setRequestHeader('Accept', 'application/json');
    const token = auth.token();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onPhase({ phase: 'uploading', percent: Math.min(100, Math.round((e.loaded / e.total) * 100)) });
    };
    xhr.upload.onload = () => onPhase({ phase: 'checking' });
    xhr.onerror = () => reject(new ApiFailure('network', 0, NETWORK_ERROR_CODE, 'network error'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // not JSON: the status line below
      }
      const b = (body ?? {}) as Record<string, unknown>;
      if (Array.isArray(b.problems)) return resolve(body as CatalogImportPreview);
      if (xhr.status === 401) auth.onUnauthorized?.();
      if (xhr.status >= 200 && xhr.status < 300) return reject(new Error('unexpected import reply'));
      const code = typeof b.code === 'string' ? b.code : `http_${xhr.status}`;
      const message = typeof b.message === 'string' && b.message ? b.message : xhr.statusText || `HTTP ${xhr.status}`;
      reject(new ApiFailure('http', xhr.status, code, message, body));
    };
    onPhase({ phase: 'uploading', percent: 0 });
    xhr.send(file);
  });
}

