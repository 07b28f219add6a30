/**
 * Pinyin initials of Chinese text (办身份证 → BSFZ), for searching on a kiosk without an input
 * method. No dictionary: the browser's Chinese collation sorts characters by pinyin, so a
 * character's initial is the first letter whose last character sorts at or after it. Good for
 * the common characters of matter names; a polyphonic character gets its most common reading.
 */

const LETTERS = 'ABCDEFGHJKLMNOPQRSTWXYZ';
/** The last character of each initial's range in pinyin order (no syllable starts with I, U or V). */
const LAST_OF_LETTER = '驁簿錯鵽樲鰒餜靃攟鬠纙鞪黁漚曝裠鶸蜶籜鶩鑂韻糳';

let collator: Intl.Collator | null | undefined;

function zhCollator(): Intl.Collator | null {
  if (collator === undefined) {
    try {
      const c = new Intl.Collator('zh-Hans-CN');
      // Without Chinese collation data the boundaries come out in code-point order: unusable.
      collator = c.compare('啊', '波') < 0 && c.compare('波', '词') < 0 ? c : null;
    } catch {
      collator = null;
    }
  }
  return collator;
}

const HAN = /[\u3400-\u9fff]/;

/** The initial (A–Z) of one character: itself for Latin letters and digits, '' otherwise. */
export function pinyinInitial(ch: string): string {
  if (/^[a-z0-9]$/i.test(ch)) return ch.toUpperCase();
  if (!HAN.test(ch)) return '';
  const c = zhCollator();
  if (!c) return '';
  for (let i = 0; i < LAST_OF_LETTER.length; i++) {
    if (c.compare(ch, LAST_OF_LETTER[i]!) <= 0) return LETTERS[i]!;
  }
  return '';
}

export function pinyinInitials(text: string): string {
  let out = '';
  for (const ch of text) out += pinyinInitial(ch);
  return out;
}

/** Whether initials can be computed here (they cannot without Chinese collation data). */
export function hasPinyinSupport(): boolean {
  return zhCollator() !== null;
}
