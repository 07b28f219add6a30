/**
 * The admin catalog API's types, generated from openapi.json (`npm run gen:api`) with the names
 * of `src/service/views/catalog_admin.rs`.
 */
import type { components } from '../../../api/schema';

type Schemas = components['schemas'];
export type DepartmentInput = Schemas['DepartmentInput'];
export type CategoryInput = Schemas['CategoryInput'];
export type MaterialInput = Schemas['MaterialInput'];
export type MatterInput = Schemas['MatterInput'];
export type BundleInput = Schemas['BundleInput'];
export type CounterCategoryInput = Schemas['CounterCategoryInput'];
export type CounterInput = Schemas['CounterInput'];
export type CatalogDocument = Schemas['CatalogDocument'];
export type CatalogVersionView = Schemas['CatalogVersionView'];
export type CatalogDraftInfo = Schemas['CatalogDraftInfo'];
/** `before` / `after` are any JSON value (the schema says `object`, which numbers and lists are not). */
export type FieldChange = Schemas['FieldChange'];
export type CatalogChangeView = Schemas['CatalogChangeView'];
export type CatalogWorkspace = Schemas['CatalogWorkspace'];
export type CatalogHistoryEntry = Schemas['CatalogHistoryEntry'];
export type PublishRequest = Schemas['PublishRequest'];
export type RowProblem = Schemas['RowProblem'];
export type CatalogImportPreview = Schemas['CatalogImportPreview'];

/** The five kinds of catalog items, as the paths (plural) and `in_use` / history (singular) name them. */
export const ITEM_KINDS = ['matter', 'bundle', 'department', 'category', 'counter'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface ItemInputs {
  department: DepartmentInput;
  category: CategoryInput;
  matter: MatterInput;
  bundle: BundleInput;
  counter: CounterInput;
}
