//! Line breaking for mixed Chinese / Latin text, by measured glyph width.
//!
//! Chinese has no spaces: a line may break between any two Han characters.
//! Latin words, numbers and URLs must stay whole when they fit. Closing
//! punctuation (，。）…) may not start a line and opening punctuation (（《“…)
//! may not end one — the usual Chinese typesetting rules (禁则).

/// Splits `text` into lines no wider than `max_width`, where `advance(ch)`
/// is the width of one character in the same unit. `\n` forces a break.
/// A single unbreakable unit wider than a line is split between characters:
/// losing a word's integrity beats running off the paper.
pub fn wrap_text(text: &str, max_width: f32, advance: impl Fn(char) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, max_width, &advance, &mut lines);
    }
    lines
}

fn wrap_paragraph(
    paragraph: &str,
    max_width: f32,
    advance: &impl Fn(char) -> f32,
    lines: &mut Vec<String>,
) {
    let width_of = |s: &str| s.chars().map(advance).sum::<f32>();
    let mut line = String::new();
    let mut line_width = 0.0;
    for unit in break_units(paragraph) {
        let unit_width = width_of(&unit);
        let is_space = unit.chars().all(char::is_whitespace);
        if line_width + unit_width <= max_width || (line.is_empty() && is_space) {
            if !(line.is_empty() && is_space) {
                line.push_str(&unit);
                line_width += unit_width;
            }
            continue;
        }
        if is_space {
            // A space where the line is full is the break itself: drop it.
            finish_line(&mut line, &mut line_width, lines);
            continue;
        }
        if !line.is_empty() {
            finish_line(&mut line, &mut line_width, lines);
        }
        if unit_width <= max_width {
            line_width = unit_width;
            line = unit;
            continue;
        }
        for ch in unit.chars() {
            let w = advance(ch);
            if line_width + w > max_width && !line.is_empty() {
                finish_line(&mut line, &mut line_width, lines);
            }
            line.push(ch);
            line_width += w;
        }
    }
    // An empty paragraph (blank line in the input) still takes a line.
    let trimmed = line.trim_end();
    if !trimmed.is_empty() || lines.is_empty() || paragraph.trim().is_empty() {
        lines.push(trimmed.to_string());
    }
}

fn finish_line(line: &mut String, line_width: &mut f32, lines: &mut Vec<String>) {
    lines.push(line.trim_end().to_string());
    line.clear();
    *line_width = 0.0;
}

/// Cuts a paragraph into the smallest pieces that must stay on one line:
/// a run of spaces, one Han character (with any punctuation glued to it),
/// or a run of other characters (a Latin word, number, URL).
fn break_units(paragraph: &str) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    // Set while the last unit may still grow: an open Latin word, or opening
    // punctuation that must stay with whatever follows it.
    let mut open_word = false;
    let mut open_bracket = false;
    for ch in paragraph.chars() {
        let last = units.last_mut();
        match last {
            Some(last) if open_bracket && !ch.is_whitespace() => {
                last.push(ch);
                open_word = !is_cjk(ch) && !ch.is_whitespace();
            }
            Some(last) if is_closing_punctuation(ch) && !last.trim().is_empty() => {
                last.push(ch);
                open_word = !is_cjk(ch);
            }
            Some(last) if open_word && !is_cjk(ch) && !ch.is_whitespace() => last.push(ch),
            Some(last) if ch.is_whitespace() && last.chars().all(char::is_whitespace) => {
                last.push(ch);
            }
            _ => {
                units.push(ch.to_string());
                open_word = !is_cjk(ch) && !ch.is_whitespace();
            }
        }
        open_bracket = is_opening_punctuation(ch);
    }
    units
}

/// Characters between which a line may break: Han ideographs, kana, hangul,
/// CJK symbols and full-width forms.
pub(crate) fn is_cjk(ch: char) -> bool {
    matches!(ch as u32,
        0x2E80..=0x2FDF     // radicals
        | 0x3000..=0x303F   // CJK symbols and punctuation
        | 0x3040..=0x31FF   // kana, bopomofo
        | 0x3400..=0x4DBF   // extension A
        | 0x4E00..=0x9FFF   // unified ideographs
        | 0xAC00..=0xD7AF   // hangul
        | 0xF900..=0xFAFF   // compatibility ideographs
        | 0xFE30..=0xFE4F   // compatibility forms
        | 0xFF00..=0xFFEF   // full-width forms
        | 0x20000..=0x3FFFF // extensions B and later
    )
}

fn is_closing_punctuation(ch: char) -> bool {
    "，。、；：？！）》」』】〕〉”’…·,.;:?!)]}%".contains(ch)
}

fn is_opening_punctuation(ch: char) -> bool {
    "（《「『【〔〈“‘".contains(ch)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Monospace-ish test metric: Han and full-width = 2, everything else = 1.
    fn cells(ch: char) -> f32 {
        if is_cjk(ch) {
            2.0
        } else {
            1.0
        }
    }

    #[test]
    fn short_text_stays_on_one_line() {
        assert_eq!(
            wrap_text("前面还有 3 人", 40.0, cells),
            vec!["前面还有 3 人"]
        );
    }

    #[test]
    fn breaks_between_cjk_characters_by_width() {
        // Six Han characters of width 2 in lines of width 8: four then two.
        assert_eq!(
            wrap_text("不动产登记中", 8.0, cells),
            vec!["不动产登", "记中"]
        );
    }

    #[test]
    fn measures_each_glyph_not_each_byte_or_char_count() {
        // Width 6 holds "ab号" (1+1+2=4) plus "c" ... but not a second 号.
        assert_eq!(wrap_text("ab号c号", 6.0, cells), vec!["ab号c", "号"]);
    }

    #[test]
    fn keeps_ascii_words_together() {
        let lines = wrap_text("请访问 hall.example.cn 查询", 16.0, cells);
        assert_eq!(lines, vec!["请访问", "hall.example.cn", "查询"]);
    }

    #[test]
    fn latin_words_break_at_spaces_and_drop_them() {
        assert_eq!(
            wrap_text("alpha beta gamma", 11.0, cells),
            vec!["alpha beta", "gamma"]
        );
    }

    #[test]
    fn an_overlong_word_is_split_rather_than_overflowing() {
        assert_eq!(
            wrap_text("abcdefghij", 4.0, cells),
            vec!["abcd", "efgh", "ij"]
        );
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // Breaking blindly by width would give "请取号可以" + "。".
        assert_eq!(
            wrap_text("请取号可以。", 10.0, cells),
            vec!["请取号可", "以。"]
        );
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        // Breaking blindly by width would give "事项名称《" + "登记》".
        let lines = wrap_text("事项名称《登记》", 10.0, cells);
        assert_eq!(lines, vec!["事项名称", "《登记》"]);
    }

    #[test]
    fn newline_forces_a_break_and_blank_lines_survive() {
        assert_eq!(
            wrap_text("第一行\n\n第三行", 40.0, cells),
            vec!["第一行", "", "第三行"]
        );
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap_text("", 10.0, cells), vec![""]);
    }

    #[test]
    fn no_line_is_wider_than_the_limit_and_no_character_is_lost() {
        let text = "只跑一次 one-trip 综合服务大厅，A001 号：请到 3 号窗口办理（不动产登记）。";
        for width in [6.0_f32, 9.0, 13.0, 20.0] {
            let lines = wrap_text(text, width, cells);
            for line in &lines {
                let w: f32 = line.chars().map(cells).sum();
                assert!(w <= width, "{line:?} is {w} wide, limit {width}");
            }
            let joined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
            let original: String = text.chars().filter(|c| *c != ' ').collect();
            assert_eq!(joined, original);
        }
    }
}
