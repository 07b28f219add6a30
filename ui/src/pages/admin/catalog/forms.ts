/**
 * The catalog forms' own checks, kept apart from the dialogs to be tested alone. A *problem*
 * (keys under `catalogAdmin.problem`) keeps the form from being sent: it could not be saved as
 * typed (no code, no name, a material row without a name…). A *warning* is shown as the admin
 * types but the form is still sent: the server is the authority on the catalog's rules and its
 * Chinese sentence is what the admin sees when it refuses.
 */
import type { BundleInput, CategoryInput, CounterInput, DepartmentInput, MaterialInput, MatterInput } from './types';

/** Longest name of a 特别程序 step (the server's rule too). */
export const MAX_STEP_CHARS = 30;

export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

const blank = (s: string | undefined | null) => !(s ?? '').trim();

/** Code and name, and for a new item a code not taken yet. */
function identity(item: { code: string; name: string }, taken: readonly string[] | null): Problem[] {
  const out: Problem[] = [];
  if (blank(item.code)) out.push({ key: 'codeRequired' });
  else if (/[\s/?#%]/.test(item.code)) out.push({ key: 'codeChars' });
  else if (taken?.includes(item.code.trim())) out.push({ key: 'codeTaken', params: { code: item.code.trim() } });
  if (blank(item.name)) out.push({ key: 'nameRequired' });
  return out;
}

export function departmentProblems(d: DepartmentInput, taken: readonly string[] | null): Problem[] {
  return identity(d, taken);
}

export function categoryProblems(c: CategoryInput, taken: readonly string[] | null): Problem[] {
  const out = identity(c, taken);
  if (!blank(c.code) && !/^[A-Z]$/.test(c.code.trim())) out.push({ key: 'categoryLetter' });
  return out;
}

export function materialProblems(materials: readonly MaterialInput[]): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  materials.forEach((m, i) => {
    const row = i + 1;
    if (blank(m.code)) out.push({ key: 'materialCodeRequired', params: { row } });
    else if (seen.has(m.code.trim())) out.push({ key: 'materialCodeTaken', params: { row, code: m.code.trim() } });
    else seen.add(m.code.trim());
    if (blank(m.name)) out.push({ key: 'materialNameRequired', params: { row } });
    if (m.deferrable && !m.required) out.push({ key: 'deferrableNotRequired', params: { row } });
  });
  return out;
}

export function matterProblems(m: MatterInput, taken: readonly string[] | null): Problem[] {
  const out = identity(m, taken);
  if (blank(m.department)) out.push({ key: 'departmentRequired' });
  if (blank(m.category)) out.push({ key: 'categoryRequired' });
  for (const step of m.excluded_steps ?? []) if ([...step].length > MAX_STEP_CHARS) out.push({ key: 'stepTooLong', params: { step, n: MAX_STEP_CHARS } });
  return [...out, ...materialProblems(m.materials)];
}

/** Shown at once, sent anyway: the server refuses with its own sentence. */
export function matterWarnings(m: MatterInput): Problem[] {
  const out: Problem[] = [];
  if (m.promised_limit_days > m.legal_limit_days) out.push({ key: 'promisedOverLegal', params: { promised: m.promised_limit_days, legal: m.legal_limit_days } });
  if (!m.materials.length) out.push({ key: 'noMaterials' });
  return out;
}

export function bundleProblems(b: BundleInput, taken: readonly string[] | null): Problem[] {
  const out = identity(b, taken);
  if (blank(b.category)) out.push({ key: 'categoryRequired' });
  if (new Set(b.matters).size < 2) out.push({ key: 'bundleTooFew' });
  return out;
}

/** Members from one department only (the server wants at least two). */
export function bundleWarnings(b: BundleInput, departmentOf: (matter: string) => string | undefined): Problem[] {
  const departments = new Set(b.matters.map(departmentOf).filter(Boolean));
  return b.matters.length >= 2 && departments.size < 2 ? [{ key: 'bundleOneDepartment' }] : [];
}

export function counterProblems(c: CounterInput, taken: readonly string[] | null): Problem[] {
  const out = identity(c, taken);
  if (c.kind !== 'intake' && c.kind !== 'output') out.push({ key: 'counterKind' });
  const seen = new Set<string>();
  for (const cc of c.categories ?? []) {
    if (blank(cc.code)) out.push({ key: 'counterCategoryRequired' });
    else if (seen.has(cc.code)) out.push({ key: 'counterCategoryTwice', params: { code: cc.code } });
    else seen.add(cc.code);
    if (!Number.isInteger(cc.weight) || cc.weight < 1 || cc.weight > 100) out.push({ key: 'weightRange', params: { code: cc.code } });
  }
  return out;
}

/** Keywords as typed (separated by commas, 、 or spaces), trimmed and without repeats. */
export function parseKeywords(text: string): string[] {
  return [...new Set(text.split(/[,，、;；\s]+/).map((k) => k.trim()).filter(Boolean))];
}

/** 特别程序 steps as typed (separated by commas or 、; a step's name may hold a space), trimmed, without repeats. */
export function parseSteps(text: string): string[] {
  return [...new Set(text.split(/[,，、;；\n]+/).map((k) => k.trim()).filter(Boolean))];
}

/** 分 from 元 as typed (two decimals at most). */
export const fenOf = (yuan: number | null | undefined): number => Math.max(0, Math.round((yuan ?? 0) * 100));
export const yuanOf = (fen: number | null | undefined): number => (fen ?? 0) / 100;

/** Today in the browser's local time (the hall's), `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The next free material code after the last numbered one: 01, 02, … */
export function nextMaterialCode(materials: readonly MaterialInput[]): string {
  const numbers = materials.map((m) => Number.parseInt(m.code, 10)).filter((n) => Number.isFinite(n));
  const next = (numbers.length ? Math.max(...numbers) : 0) + 1;
  return String(next).padStart(2, '0');
}

/** Moves the element at `from` by `step` (−1 up, +1 down) in a new array; unchanged at the ends. */
export function moved<T>(list: readonly T[], from: number, step: -1 | 1): T[] {
  const to = from + step;
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return [...list];
  const out = [...list];
  [out[from], out[to]] = [out[to]!, out[from]!];
  return out;
}

export function blankMatter(department = '', category = ''): MatterInput {
  return {
    code: '',
    name: '',
    department,
    category,
    kind: '',
    conditions: '',
    legal_limit_days: 20,
    promised_limit_days: 10,
    legal_extension_days: 0,
    excluded_steps: [],
    visits: 1,
    fee_fen: 0,
    fee_note: '',
    keywords: [],
    materials: [],
    created_on: null,
    published_on: null,
    retired_on: null,
  };
}

export function blankMaterial(code: string): MaterialInput {
  return { code, name: '', required: true, originals: 1, copies: 0, deferrable: false, note: '' };
}

export function blankBundle(category = ''): BundleInput {
  return { code: '', name: '', description: '', category, matters: [], partial_rejection: 'all_or_nothing', keywords: [], created_on: null, published_on: null, retired_on: null };
}

/** A deep copy to edit (the workspace's own objects stay as the server sent them). */
export const copyOf = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** The body to send: text trimmed. */
export function trimmed<T extends { code: string; name: string }>(item: T): T {
  return { ...item, code: item.code.trim(), name: item.name.trim() };
}
