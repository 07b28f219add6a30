/**
 * Finding a matter (事项) at the kiosk by what people call it: part of its name, its code, one of
 * its everyday keywords (办身份证, 开饭店 …), or the pinyin initials of any of these (BSFZ).
 */
import { pinyinInitials } from './pinyin';

export interface SearchableMatter {
  code: string;
  name: string;
  keywords: string[];
  department_name: string;
}

export interface MatterIndexEntry<M extends SearchableMatter> {
  matter: M;
  /** Lower-cased texts: name first, then keywords, department. */
  texts: string[];
  /** Pinyin initials of the name and of each keyword. */
  initials: string[];
  code: string;
}

export function buildMatterIndex<M extends SearchableMatter>(matters: readonly M[]): MatterIndexEntry<M>[] {
  return matters.map((matter) => ({
    matter,
    texts: [matter.name, ...matter.keywords, matter.department_name].map((t) => t.toLowerCase()),
    initials: [matter.name, ...matter.keywords].map(pinyinInitials).filter(Boolean),
    code: matter.code.toLowerCase(),
  }));
}

/** Spaces and punctuation do not count; Latin letters are compared without case. */
export function normalizeQuery(q: string): string {
  return q.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** How well an entry matches (lower is better), or null for no match. */
function rank<M extends SearchableMatter>(e: MatterIndexEntry<M>, q: string): number | null {
  const name = e.texts[0]!;
  if (name === q) return 0;
  if (e.texts.slice(1, -1).includes(q)) return 1; // a keyword exactly
  if (name.startsWith(q)) return 2;
  if (name.includes(q)) return 3;
  if (e.texts.slice(1, -1).some((k) => k.includes(q))) return 4;
  if (e.code === q || e.code.replace(/[^a-z0-9]/g, '') === q) return 5;
  if (e.code.startsWith(q)) return 6;
  if (/^[a-z]+$/.test(q)) {
    const upper = q.toUpperCase();
    if (e.initials.some((i) => i.startsWith(upper))) return 7;
    if (e.initials.some((i) => i.includes(upper))) return 8;
  }
  if (e.texts[e.texts.length - 1]!.includes(q)) return 9; // the department
  return null;
}

/** Matters matching the query, best first (catalog order among equals); all for an empty query. */
export function searchMatters<M extends SearchableMatter>(index: readonly MatterIndexEntry<M>[], query: string): M[] {
  const q = normalizeQuery(query);
  if (!q) return index.map((e) => e.matter);
  return index
    .map((e, i) => ({ e, i, r: rank(e, q) }))
    .filter((x): x is { e: MatterIndexEntry<M>; i: number; r: number } => x.r !== null)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.e.matter);
}
