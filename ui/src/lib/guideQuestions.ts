/**
 * 智能引导 by a few questions, for a citizen who does not know what the matter is called:
 * who applies (个人/企业), then the life event or business topic, then the candidates. Labels are
 * i18n keys under `guide.q`; every leaf names codes of the published catalog (the unit test
 * checks them against catalog/demo.toml).
 */

export interface GuideChoice {
  /** i18n key under `guide.q`. */
  label: string;
  /** A further question … */
  next?: GuideQuestion;
  /** … or the matters and bundles to offer, best first. */
  codes?: string[];
}

export interface GuideQuestion {
  /** i18n key under `guide.q`. */
  ask: string;
  choices: GuideChoice[];
}

const person: GuideQuestion = {
  ask: 'personTopic',
  choices: [
    { label: 'newborn', codes: ['YJS-003', 'SHSYJ-001', 'GAFJ-002', 'RSJ-006', 'SHSYJ-002'] },
    { label: 'idCard', codes: ['GAFJ-003', 'GAFJ-004'] },
    { label: 'socialSecurity', codes: ['RSJ-002', 'RSJ-005', 'RSJ-003', 'RSJ-004'] },
    { label: 'hardship', codes: ['SHSYJ-003', 'SHSYJ-004', 'RSJ-004'] },
    { label: 'party', codes: ['DWB-001'] },
    { label: 'information', codes: ['GWH-001', 'XWZX-001'] },
  ],
};

const openBusiness: GuideQuestion = {
  ask: 'openWhat',
  choices: [
    { label: 'restaurant', codes: ['YJS-001', 'SCJGJ-002', 'GYSYJ-002'] },
    { label: 'company', codes: ['YJS-002', 'SCJGJ-001', 'GAFJ-001', 'RSJ-001'] },
  ],
};

const business: GuideQuestion = {
  ask: 'businessTopic',
  choices: [
    { label: 'open', next: openBusiness },
    { label: 'construction', codes: ['YJS-004', 'JFJ-001', 'JFJ-002', 'JSGLJ-001', 'JSGLJ-002', 'HBJ-001'] },
    { label: 'operate', codes: ['AJJ-001', 'AJJ-002', 'HBJ-002', 'GYSYJ-002', 'CZJ-001'] },
    { label: 'staff', codes: ['RSJ-001', 'RSJ-005'] },
    { label: 'procurement', codes: ['CZJ-002', 'GWH-001'] },
  ],
};

export const GUIDE_TREE: GuideQuestion = {
  ask: 'who',
  choices: [
    { label: 'person', next: person },
    { label: 'business', next: business },
  ],
};

/** Every code any leaf offers, for checking the tree against a catalog. */
export function leafCodes(q: GuideQuestion = GUIDE_TREE): string[] {
  return q.choices.flatMap((c) => [...(c.codes ?? []), ...(c.next ? leafCodes(c.next) : [])]);
}

/** The question reached by following `path` (choice indexes), or null once it reaches a leaf. */
export function questionAt(path: readonly number[], root: GuideQuestion = GUIDE_TREE): GuideQuestion | null {
  let q: GuideQuestion | undefined = root;
  for (const i of path) {
    const choice: GuideChoice | undefined = q?.choices[i];
    if (!choice) return null;
    q = choice.next;
  }
  return q ?? null;
}

/** The candidates at the end of `path`, or [] while a question is still open. */
export function candidatesAt(path: readonly number[], root: GuideQuestion = GUIDE_TREE): string[] {
  if (path.length === 0) return [];
  const parent = questionAt(path.slice(0, -1), root);
  return parent?.choices[path[path.length - 1]!]?.codes ?? [];
}
