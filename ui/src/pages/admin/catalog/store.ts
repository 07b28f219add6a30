/**
 * The page's one copy of the catalog workspace, shared with the tabs and dialogs (provide /
 * inject). Every edit answers with the whole workspace, which replaces the copy; a refusal
 * comes back as the server's (Chinese) sentence for the dialog to show.
 */
import { inject, provide, ref, shallowRef, type InjectionKey, type Ref, type ShallowRef } from 'vue';
import { ApiFailure } from '../../../api/client';
import { errorMessage } from '../../../lib/errors';
import type { Translate } from '../../../lib/format';
import type { CatalogAdminApi } from './api';
import type { CatalogVersionView, CatalogWorkspace, ItemInputs, ItemKind } from './types';

export interface CatalogStore {
  api: CatalogAdminApi;
  workspace: ShallowRef<CatalogWorkspace | null>;
  versions: ShallowRef<CatalogVersionView[]>;
  loading: Ref<boolean>;
  /** A 403: the session is not an admin's. */
  forbidden: Ref<boolean>;
  load(): Promise<void>;
  loadVersions(): Promise<void>;
  /** Saves one item into the draft; null when saved, else the sentence to show. */
  save<K extends ItemKind>(kind: K, code: string, body: ItemInputs[K]): Promise<string | null>;
  remove(kind: ItemKind, code: string): Promise<string | null>;
  discard(): Promise<string | null>;
  /** Runs a call answering with the workspace; null when it went through. */
  run(call: () => Promise<CatalogWorkspace>): Promise<string | null>;
  message(e: unknown): string;
}

const KEY: InjectionKey<CatalogStore> = Symbol('catalogStore');

export function createCatalogStore(api: CatalogAdminApi, t: Translate): CatalogStore {
  const workspace = shallowRef<CatalogWorkspace | null>(null);
  const versions = shallowRef<CatalogVersionView[]>([]);
  const loading = ref(false);
  const forbidden = ref(false);

  function message(e: unknown): string {
    if (e instanceof ApiFailure && e.status === 403) forbidden.value = true;
    return errorMessage(t, e);
  }

  async function run(call: () => Promise<CatalogWorkspace>): Promise<string | null> {
    try {
      workspace.value = await call();
      return null;
    } catch (e) {
      return message(e);
    }
  }

  const store: CatalogStore = {
    api,
    workspace,
    versions,
    loading,
    forbidden,
    message,
    run,
    async load() {
      loading.value = true;
      try {
        const problem = await run(() => api.workspace());
        if (problem && !forbidden.value) throw new Error(problem);
      } finally {
        loading.value = false;
      }
    },
    async loadVersions() {
      versions.value = await api.versions();
    },
    save: (kind, code, body) => run(() => api.save(kind, code, body)),
    remove: (kind, code) => run(() => api.remove(kind, code)),
    discard: () => run(() => api.discardDraft()),
  };
  return store;
}

export function provideCatalogStore(store: CatalogStore): void {
  provide(KEY, store);
}

export function useCatalogStore(): CatalogStore {
  const store = inject(KEY);
  if (!store) throw new Error('useCatalogStore outside the catalog page');
  return store;
}
