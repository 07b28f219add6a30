/**
 * The published catalog (政务公开), the guide slip and the admin's 20-day disclosure report.
 * Kept apart from endpoints.ts so the public page needs no token.
 */
import { request, requestBlob, type ApiAuth } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];
export type PublicCatalogView = Schemas['PublicCatalogView'];
export type BundleGuideView = Schemas['BundleGuideView'];
export type GuideCategoryView = Schemas['GuideCategoryView'];
export type CatalogDisclosureView = Schemas['CatalogDisclosureView'];
export type CatalogDisclosureItemView = Schemas['CatalogDisclosureItemView'];

const V1 = '/api/v1';
const anonymous: ApiAuth = { token: () => null };

/** Where a guide slip is served; also what the page opens when nothing prints it. */
export function guideSlipUrl(code: string): string {
  return `${V1}/guides/${encodeURIComponent(code)}/slip.pdf`;
}

export async function fetchPublicCatalog(): Promise<PublicCatalogView> {
  const c = await request<PublicCatalogView>(anonymous, `${V1}/public/catalog`);
  if (!c) throw new Error('empty response from public/catalog');
  return c;
}

export async function fetchGuideSlip(code: string): Promise<Blob> {
  return requestBlob(anonymous, guideSlipUrl(code));
}

export async function fetchCatalogDisclosure(auth: ApiAuth): Promise<CatalogDisclosureView> {
  const r = await request<CatalogDisclosureView>(auth, `${V1}/catalog/disclosure`);
  if (!r) throw new Error('empty response from catalog/disclosure');
  return r;
}
