/** How the draft stands and how its changes read: badges, in-use, field values before → after. */
import type { Translate } from '../../../lib/format';
import type { CatalogChangeView, CatalogWorkspace, FieldChange, ItemKind } from './types';

export type BadgeKey = 'added' | 'changed' | 'retired' | 'undisclosed';
export interface Badge {
  key: BadgeKey;
  type: 'success' | 'warning' | 'info' | 'danger';
}

/** The draft's change to one item, if any. */
export function changeOf(changes: readonly CatalogChangeView[], kind: ItemKind, code: string): CatalogChangeView | undefined {
  return changes.find((c) => c.kind === kind && c.code === code);
}

export function isInUse(ws: Pick<CatalogWorkspace, 'in_use'> | null, kind: ItemKind, code: string): boolean {
  return !!ws?.in_use.includes(`${kind}:${code}`);
}

/**
 * Badges of a matter or bundle row: 新增 / 草稿变更 (against the published version), 已停用, and
 * 未公开 for a published item that has no disclosure date yet (a new one is disclosed when its
 * version is published, so it gets none).
 */
export function itemBadges(
  item: { code: string; retired_on?: string | null; published_on?: string | null },
  change: CatalogChangeView | undefined,
): Badge[] {
  const out: Badge[] = [];
  if (change?.change === 'added') out.push({ key: 'added', type: 'success' });
  else if (change && change.change !== 'removed') out.push({ key: 'changed', type: 'warning' });
  if (item.retired_on) out.push({ key: 'retired', type: 'info' });
  if (!item.published_on && change?.change !== 'added') out.push({ key: 'undisclosed', type: 'danger' });
  return out;
}

/** Counts of the draft's changes by kind of change. */
export function changeCounts(changes: readonly CatalogChangeView[]): Record<'added' | 'changed' | 'retired' | 'removed', number> {
  const out = { added: 0, changed: 0, retired: 0, removed: 0 };
  for (const c of changes) if (c.change in out) out[c.change as keyof typeof out] += 1;
  return out;
}

/** Changes in the tabs' order: matters, bundles, departments, categories, counters; then by code. */
export function sortedChanges(changes: readonly CatalogChangeView[]): CatalogChangeView[] {
  const order = ['matter', 'bundle', 'department', 'category', 'counter'];
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return [...changes].sort((a, b) => rank(a.kind) - rank(b.kind) || a.code.localeCompare(b.code));
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** One element of a list field: a material by its name, a counter's category with its weight. */
function listItem(t: Translate, v: unknown): string {
  if (isObject(v)) {
    if (typeof v.name === 'string') {
      const tags = [v.required === false ? t('catalogAdmin.value.optional') : '', v.deferrable ? t('catalogAdmin.value.deferrable') : ''].filter(Boolean);
      return tags.length ? `${v.name}（${tags.join('，')}）` : v.name;
    }
    if (typeof v.code === 'string' && typeof v.weight === 'number') return `${v.code}×${v.weight}`;
    return JSON.stringify(v);
  }
  return scalar(t, v);
}

function scalar(t: Translate, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('catalogAdmin.value.empty');
  if (typeof v === 'boolean') return t(v ? 'catalogAdmin.value.yes' : 'catalogAdmin.value.no');
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

/** A field's value as a sentence: money in 元, rules and counter kinds in words, lists joined. */
export function formatValue(t: Translate, field: string, v: unknown): string {
  if (field === 'fee_fen' && typeof v === 'number') return v === 0 ? t('catalogAdmin.value.free') : t('catalogAdmin.value.yuan', { n: (v / 100).toFixed(2) });
  if (field === 'partial_rejection' && (v === 'all_or_nothing' || v === 'partial')) return t(`catalogAdmin.rule.${v}`);
  if (field === 'kind' && (v === 'intake' || v === 'output')) return t(`catalogAdmin.counterKind.${v}`);
  if (field.endsWith('_days') && typeof v === 'number') return t('catalogAdmin.value.days', { n: v });
  if (Array.isArray(v)) return v.length ? v.map((x) => listItem(t, x)).join('、') : t('catalogAdmin.value.none');
  return scalar(t, v);
}

/** The field's label as the server gives it (Chinese), else our own, else its name. */
export function fieldLabel(t: Translate, f: Pick<FieldChange, 'field' | 'label'>, locale = 'zh-CN'): string {
  const key = `catalogAdmin.field.${f.field}`;
  const ours = t(key);
  if (locale !== 'zh-CN' && ours !== key) return ours;
  return f.label || (ours !== key ? ours : f.field);
}

/** `承诺时限：10 天 → 5 天`. */
export function changeLine(t: Translate, f: FieldChange, locale = 'zh-CN'): string {
  return `${fieldLabel(t, f, locale)}：${formatValue(t, f.field, f.before)} → ${formatValue(t, f.field, f.after)}`;
}
