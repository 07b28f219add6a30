/** The admin catalog calls (`/api/v1/admin/catalog`): the draft, publishing, versions, history, Excel. */
import { request, requestBlob, type ApiAuth } from '../../../api/client';
import { staffAuth } from '../../../auth/staffApi';
import type { CatalogHistoryEntry, CatalogImportPreview, CatalogVersionView, CatalogWorkspace, ItemInputs, ItemKind, PublishRequest } from './types';
import { BASE, uploadWorkbook, type UploadPhase } from './upload';

export type { UploadPhase } from './upload';

/** The path segment of each kind under `/draft/`. */
export const KIND_PATH: Record<ItemKind, string> = {
  department: 'departments',
  category: 'categories',
  matter: 'matters',
  bundle: 'bundles',
  counter: 'counters',
};

function must<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`empty response from ${what}`);
  return value;
}

const itemPath = (kind: ItemKind, code: string) => `${BASE}/draft/${KIND_PATH[kind]}/${encodeURIComponent(code)}`;

export function createCatalogAdminApi(auth: ApiAuth) {
  return {
    async workspace(): Promise<CatalogWorkspace> {
      return must(await request<CatalogWorkspace>(auth, BASE), 'catalog workspace');
    },
    async save<K extends ItemKind>(kind: K, code: string, body: ItemInputs[K]): Promise<CatalogWorkspace> {
      return must(await request<CatalogWorkspace>(auth, itemPath(kind, code), { method: 'PUT', body }), `save ${kind}`);
    },
    async remove(kind: ItemKind, code: string): Promise<CatalogWorkspace> {
      return must(await request<CatalogWorkspace>(auth, itemPath(kind, code), { method: 'DELETE' }), `delete ${kind}`);
    },
    async discardDraft(): Promise<CatalogWorkspace> {
      return must(await request<CatalogWorkspace>(auth, `${BASE}/draft`, { method: 'DELETE' }), 'discard draft');
    },
    async publish(body: PublishRequest): Promise<CatalogVersionView> {
      return must(await request<CatalogVersionView>(auth, `${BASE}/publish`, { method: 'POST', body }), 'publish');
    },
    async versions(): Promise<CatalogVersionView[]> {
      return must(await request<CatalogVersionView[]>(auth, `${BASE}/versions`), 'versions');
    },
    async history(kind: ItemKind, code: string): Promise<CatalogHistoryEntry[]> {
      return must(await request<CatalogHistoryEntry[]>(auth, `${BASE}/history/${kind}/${encodeURIComponent(code)}`), 'history');
    },
    async exportWorkbook(draft: boolean): Promise<Blob> {
      return requestBlob(auth, `${BASE}/export?draft=${draft}`);
    },
    upload(file: Blob, dryRun: boolean, onPhase: (p: UploadPhase) => void): Promise<CatalogImportPreview> {
      return uploadWorkbook(auth, file, dryRun, onPhase);
    },
  };
}

export type CatalogAdminApi = ReturnType<typeof createCatalogAdminApi>;

let made: CatalogAdminApi | null = null;
/** The admin catalog client in the staff session (a 401 sends the admin back to /login). */
export const useCatalogAdminApi = (): CatalogAdminApi => (made ??= createCatalogAdminApi(staffAuth));
