/**
 * Word boundaries for line breaking. Chinese has no spaces, so a browser may break a name such
 * as 综合咨询与信息公开 after any character; screens render `<wbr>` between the words found here
 * and set `word-break: keep-all` (class `words`), so lines break only between words.
 */

const segmenters = new Map<string, Intl.Segmenter | null>();

function segmenter(locale: string): Intl.Segmenter | null {
  if (!segmenters.has(locale)) {
    let s: Intl.Segmenter | null = null;
    try {
      s = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(locale, { granularity: 'word' }) : null;
    } catch {
      s = null;
    }
    segmenters.set(locale, s);
  }
  return segmenters.get(locale) ?? null;
}

/**
 * The text cut into pieces that may each end a line: words, with any following spaces and
 * punctuation kept on the word before (never a line starting with 、or ）). Joined they give
 * the text back. Without `Intl.Segmenter` the whole text is one piece.
 */
export function splitWords(text: string, locale = 'zh-CN'): string[] {
  const seg = segmenter(locale);
  if (!seg || !text) return text ? [text] : [];
  const pieces: string[] = [];
  for (const { segment, isWordLike } of seg.segment(text)) {
    if (pieces.length > 0 && !isWordLike) pieces[pieces.length - 1] += segment;
    else pieces.push(segment);
  }
  return pieces;
}
