/**
 * One search over matters and 一件事 bundles for the kiosk guide and the public catalog. A bundle
 * is searched like a matter (name, keywords, pinyin initials); its "department" is the names of
 * the departments it spans, so 市场监管局 finds 开办餐饮店一件事 too.
 */
import { buildMatterIndex, searchMatters, type MatterIndexEntry } from './matterSearch';
import type { BundleGuideView, PublicCatalogView } from '../api/catalogPublic';
import type { MatterView } from '../api/types';

export type GuideItem =
  | { kind: 'matter'; code: string; name: string; keywords: string[]; department_name: string; category: string; matter: MatterView }
  | { kind: 'bundle'; code: string; name: string; keywords: string[]; department_name: string; category: string; bundle: BundleGuideView };

/**
 * Bundles come first: when a keyword names both (开餐馆 is 食品经营许可 and 开办餐饮店一件事),
 * the citizen means the whole thing, and search keeps index order among equal matches.
 */
export function guideItems(catalog: Pick<PublicCatalogView, 'matters' | 'bundles' | 'departments'>): GuideItem[] {
  const dept = new Map(catalog.departments.map((d) => [d.code, d.name]));
  const bundles: GuideItem[] = catalog.bundles.map((b) => ({
    kind: 'bundle',
    code: b.code,
    name: b.name,
    keywords: b.keywords,
    department_name: [...new Set(b.matters.map((m) => dept.get(m.department) ?? m.department))].join(' '),
    category: b.category,
    bundle: b,
  }));
  const matters: GuideItem[] = catalog.matters.map((m) => ({
    kind: 'matter',
    code: m.code,
    name: m.name,
    keywords: m.keywords,
    department_name: m.department_name,
    category: m.category,
    matter: m,
  }));
  return [...bundles, ...matters];
}

export type GuideIndex = MatterIndexEntry<GuideItem>[];

export function buildGuideIndex(items: readonly GuideItem[]): GuideIndex {
  return buildMatterIndex(items);
}

export function searchGuide(index: GuideIndex, query: string): GuideItem[] {
  return searchMatters(index, query);
}

/** The materials of either kind, as one list. */
export function guideMaterials(item: GuideItem) {
  return item.kind === 'matter' ? item.matter.materials : item.bundle.materials;
}
