/**
 * Runs in the page (`page.evaluate(findLayoutProblems, options)`): lists what looks broken at the
 * current window size. Self-contained on purpose — Playwright ships the function's source only.
 *
 * - horizontal scrolling of the document;
 * - text set vertically (≥ 3 lines of at most 2 characters) or a line left with a lone character;
 * - `word-break: keep-all` text broken inside a word (words per `Intl.Segmenter`);
 * - controls or text cut off: overflowing an `overflow: hidden` box (ellipsis excepted, but then
 *   truncated text is reported too), or reaching past the window's left/right edge;
 * - text smaller than `minFontPx`, touch targets (`touchSelector`) smaller than `minTouchPx`.
 */
export interface LayoutCheckOptions {
  /** Elements whose own overflow is intended (e.g. a list that shows only what fits). */
  clipOk?: string[];
  /** Elements that may end in an ellipsis (e.g. a user's name of any length). */
  ellipsisOk?: string[];
  /** Visible text below this size is reported (elements inside `smallOk` excepted). */
  minFontPx?: number;
  smallOk?: string[];
  /** Elements that must be at least `minTouchPx` high and wide. */
  touchSelector?: string;
  minTouchPx?: number;
}

export function findLayoutProblems(opts: LayoutCheckOptions): string[] {
  const problems: string[] = [];
  const vw = window.innerWidth;
  const root = document.documentElement;
  if (root.scrollWidth > vw) problems.push(`horizontal scrollbar: document ${root.scrollWidth}px wide in a ${vw}px window`);

  const matchesAny = (el: Element, sels: string[] | undefined) => (sels ?? []).some((s) => el.closest(s) !== null);
  const name = (el: Element) => {
    const tid = el.closest('[data-testid]')?.getAttribute('data-testid');
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24);
    return `<${el.tagName.toLowerCase()}${cls}>${tid ? ` in [${tid}]` : ''} "${text}"`;
  };
  const isShown = (el: Element) => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };

  // Characters of each element's own text nodes, grouped into visual lines.
  interface Own {
    chars: { ch: string; offset: number; top: number; left: number; right: number }[];
    text: string;
  }
  const own = new Map<Element, Own>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const data = node.nodeValue ?? '';
    if (!el || !data.trim() || el.closest('script, style, svg') || !isShown(el)) continue;
    const entry = own.get(el) ?? { chars: [], text: '' };
    let i = 0;
    for (const ch of data) {
      const at = i;
      i += ch.length;
      if (!ch.trim()) continue;
      range.setStart(node, at);
      range.setEnd(node, at + ch.length);
      const r = range.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      entry.chars.push({ ch, offset: entry.text.length + at, top: r.top, left: r.left, right: r.right });
    }
    entry.text += data;
    own.set(el, entry);
  }

  const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(document.documentElement.lang || 'zh', { granularity: 'word' }) : null;

  for (const [el, { chars, text }] of own) {
    if (chars.length === 0) continue;
    const cs = getComputedStyle(el);
    const fontPx = parseFloat(cs.fontSize);
    if (opts.minFontPx && fontPx < opts.minFontPx - 0.5 && !matchesAny(el, opts.smallOk)) {
      problems.push(`small text (${fontPx.toFixed(1)}px < ${opts.minFontPx}px): ${name(el)}`);
    }
    // Off-screen sideways: text cut by the window edge (unless meant to be clipped out of sight).
    const left = Math.min(...chars.map((c) => c.left));
    const right = Math.max(...chars.map((c) => c.right));
    if ((left < -1 || right > vw + 1) && !matchesAny(el, opts.clipOk)) problems.push(`text past the window edge (${Math.round(left)}..${Math.round(right)} of ${vw}px): ${name(el)}`);

    const lines: { top: number; chars: typeof chars }[] = [];
    for (const c of [...chars].sort((a, b) => a.top - b.top || a.left - b.left)) {
      const line = lines.find((l) => Math.abs(l.top - c.top) < fontPx * 0.5);
      if (line) line.chars.push(c);
      else lines.push({ top: c.top, chars: [c] });
    }
    const perLine = lines.map((l) => l.chars.length);
    if (chars.length >= 2 && lines.length >= 3 && Math.max(...perLine) <= 2) {
      problems.push(`vertical text (${lines.length} lines of ≤ 2 characters): ${name(el)}`);
      continue;
    }
    const lineHeight = cs.lineHeight === 'normal' ? fontPx * 1.2 : parseFloat(cs.lineHeight);
    const box = el.getBoundingClientRect();
    if (chars.length >= 2 && box.height > 3 * lineHeight && box.width < 2 * fontPx) {
      problems.push(`vertical text (${Math.round(box.width)}×${Math.round(box.height)}px box): ${name(el)}`);
      continue;
    }
    if (lines.length >= 2 && perLine.some((n) => n === 1) && /[\u3400-\u9fff]/.test(text)) {
      problems.push(`a lone character on a line (${perLine.join('+')}): ${name(el)}`);
    }
    if (segmenter && cs.wordBreak === 'keep-all' && lines.length >= 2) {
      const bounds = new Set([...segmenter.segment(text)].map((s) => s.index));
      for (const l of lines.slice(1)) {
        const first = Math.min(...l.chars.map((c) => c.offset));
        // Whitespace before the line's first character is a fine place to break.
        const before = text.slice(0, first);
        if (!bounds.has(first) && before.trim() === before) {
          problems.push(`broken inside a word at "${text.slice(Math.max(0, first - 2), first)}|${text.slice(first, first + 2)}": ${name(el)}`);
        }
      }
    }
  }

  // Cut-off boxes: content wider/taller than an overflow-hiding box.
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const cs = getComputedStyle(el);
    const hidesX = ['hidden', 'clip'].includes(cs.overflowX);
    const hidesY = ['hidden', 'clip'].includes(cs.overflowY);
    if ((!hidesX && !hidesY) || !isShown(el) || matchesAny(el, opts.clipOk)) continue;
    const ellipsis = cs.textOverflow === 'ellipsis';
    if (hidesX && el.scrollWidth > el.clientWidth + 1 && !(ellipsis && matchesAny(el, opts.ellipsisOk))) {
      problems.push(
        ellipsis
          ? `truncated with an ellipsis (${el.scrollWidth}px in ${el.clientWidth}px): ${name(el)}`
          : `cut off sideways (${el.scrollWidth}px in ${el.clientWidth}px): ${name(el)}`,
      );
    }
    if (hidesY && el.scrollHeight > el.clientHeight + 1 && el !== document.body) {
      problems.push(`cut off at the bottom (${el.scrollHeight}px in ${el.clientHeight}px): ${name(el)}`);
    }
  }

  // Controls past the window edge, and touch targets.
  for (const el of Array.from(document.body.querySelectorAll('button, input, select, a, [role="button"]'))) {
    if (!isShown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.left < -1 || r.right > vw + 1) problems.push(`control past the window edge (${Math.round(r.left)}..${Math.round(r.right)}): ${name(el)}`);
  }
  if (opts.touchSelector && opts.minTouchPx) {
    for (const el of Array.from(document.body.querySelectorAll(opts.touchSelector))) {
      if (!isShown(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.height < opts.minTouchPx || r.width < opts.minTouchPx) {
        problems.push(`touch target too small (${Math.round(r.width)}×${Math.round(r.height)}px): ${name(el)}`);
      }
    }
  }
  return problems;
}
