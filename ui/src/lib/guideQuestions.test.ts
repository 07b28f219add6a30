import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIDE_TREE, candidatesAt, leafCodes, questionAt, type GuideQuestion } from './guideQuestions';
import zhCN from '../locales/zh-CN.json';

/** Codes of the demo catalog's published matters and bundles (a draft has no published_on). */
function publishedCodes(): Set<string> {
  const toml = readFileSync(resolve(__dirname, '../../../catalog/demo.toml'), 'utf8');
  const out = new Set<string>();
  for (const block of toml.split(/^\[\[(?:matters|bundles)\]\]$/m).slice(1)) {
    const head = block.split(/^\[\[/m)[0]!;
    const code = /^code = "([^"]+)"/m.exec(head)?.[1];
    if (code && /^published_on = "/m.test(head)) out.add(code);
  }
  return out;
}

function walk(q: GuideQuestion, visit: (q: GuideQuestion) => void) {
  visit(q);
  for (const c of q.choices) if (c.next) walk(c.next, visit);
}

describe('guide questions', () => {
  it('offer only published codes of the demo catalog', () => {
    const codes = publishedCodes();
    expect(codes.has('YJS-001')).toBe(true);
    expect(codes.has('SHSYJ-005')).toBe(false);
    const leaves = leafCodes();
    expect(leaves.length).toBeGreaterThan(20);
    for (const code of leaves) expect(codes.has(code), code).toBe(true);
  });

  it('give every choice either a next question or candidates, never neither', () => {
    walk(GUIDE_TREE, (q) => {
      expect(q.choices.length).toBeGreaterThan(1);
      for (const c of q.choices) expect(Boolean(c.next) !== Boolean(c.codes?.length), c.label).toBe(true);
    });
  });

  it('have every label and question worded in Chinese', () => {
    const words = (zhCN as unknown as { guide: { q: Record<string, string> } }).guide.q;
    walk(GUIDE_TREE, (q) => {
      expect(words[q.ask], q.ask).toBeTruthy();
      for (const c of q.choices) expect(words[c.label], c.label).toBeTruthy();
    });
  });

  it('lead 企业 → 开办 → 开餐馆 to 开办餐饮店一件事', () => {
    expect(questionAt([])?.ask).toBe('who');
    expect(questionAt([1])?.ask).toBe('businessTopic');
    expect(questionAt([1, 0])?.ask).toBe('openWhat');
    expect(questionAt([1, 0, 0])).toBeNull();
    expect(candidatesAt([1, 0, 0])[0]).toBe('YJS-001');
    expect(candidatesAt([1])).toEqual([]);
    expect(candidatesAt([])).toEqual([]);
    expect(candidatesAt([0, 0])[0]).toBe('YJS-003');
    expect(candidatesAt([9, 9])).toEqual([]);
  });
});
