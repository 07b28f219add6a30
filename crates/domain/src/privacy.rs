//! De-identification (脱敏): the one set of masking rules for everything that leaves the hall's
//! staff screens — public pages, display screens, public exports, published messages. The
//! identity types (`PersonName`, `IdNumber`, `Phone`) mask through these functions, and text
//! a citizen typed freely goes through [`scrub_text`] before it is published.
//!
//! - names: 张*三 (first and last character, a `*` for each one between; 2 characters: 张*)
//! - ID numbers: first 6 and last 4 visible (110105********002X)
//! - phones: first 3 and last 4 visible (138****1234)
//! - addresses: to the district (浙江省杭州市西湖区****)

/// 张三丰 → 张*丰, 张三 → 张*, 张 → *.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.as_slice() {
        [] | [_] => "*".to_string(),
        [first, _] => format!("{first}*"),
        [first, middle @ .., last] => format!("{first}{}{last}", "*".repeat(middle.len())),
    }
}

/// First 6 and last 4 characters visible; anything shorter than 11 characters is hidden whole.
pub fn mask_id_number(id: &str) -> String {
    keep_ends(id.trim(), 6, 4)
}

/// First 3 and last 4 digits visible; anything shorter than 8 characters is hidden whole.
pub fn mask_phone(phone: &str) -> String {
    keep_ends(phone.trim(), 3, 4)
}

fn keep_ends(s: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len().max(4));
    }
    let hidden = chars.len() - head - tail;
    let start: String = chars[..head].iter().collect();
    let end: String = chars[chars.len() - tail..].iter().collect();
    format!("{start}{}{end}", "*".repeat(hidden))
}

/// Keeps an address down to its county-level division (区, 县, 旗, or a county-level 市) and
/// hides the rest: 浙江省杭州市西湖区文三路90号 → 浙江省杭州市西湖区****. An address without a
/// recognisable division keeps nothing.
pub fn mask_address(address: &str) -> String {
    let address = address.trim();
    if address.is_empty() {
        return String::new();
    }
    match district_end(address) {
        Some(end) if end == address.len() => address.to_string(),
        Some(end) => format!("{}****", &address[..end]),
        None => "****".to_string(),
    }
}

/// Byte index just after the county-level part of `address`, if it has one.
fn district_end(address: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = address.char_indices().collect();
    // Divisions sit at the start; a 区 or 县 further in belongs to a street or a building name.
    let window = chars.iter().take(16);
    let mut city_end = None;
    for (i, (at, c)) in window.enumerate() {
        let end = at + c.len_utf8();
        let before: String = chars[i.saturating_sub(2)..i]
            .iter()
            .map(|(_, c)| c)
            .collect();
        match c {
            // 自治区 and 特别行政区 are provinces, not districts.
            '区' if before.ends_with("自治") || before.ends_with("行政") => {}
            '区' | '县' | '旗' => return Some(end),
            // A city (or county-level city) name is short and comes early.
            '市' if i < 10 => city_end = Some(end),
            _ => {}
        }
    }
    city_end
}

/// Masks the ID numbers (18 characters, GB 11643 layout), mainland mobile numbers and street
/// addresses found in free text, so a message can be published: "我的电话13812345678" →
/// "我的电话138****5678", "住高新区深圳街88号3单元" → "住高新区****" (the district stays, as
/// [`mask_address`] keeps it).
pub fn scrub_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let streets = street_addresses(&chars);
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some(&(_, end)) = streets.iter().find(|(start, _)| *start == i) {
            out.push_str("****");
            i = end;
        } else if let Some(len) = id_number_at(&chars[i..]) {
            let found: String = chars[i..i + len].iter().collect();
            out.push_str(&mask_id_number(&found));
            i += len;
        } else if let Some(len) = mobile_at(&chars[i..]) {
            let found: String = chars[i..i + len].iter().collect();
            out.push_str(&mask_phone(&found));
            i += len;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

const STREET_MARKS: [char; 7] = ['路', '街', '道', '巷', '弄', '里', '同'];
const DIVISION_MARKS: [char; 8] = ['省', '市', '区', '县', '旗', '镇', '乡', '州'];
const NUMERALS: &str = "0123456789０１２３４５６７８９一二三四五六七八九十百零〇";
const BUILDING_PARTS: [&str; 7] = ["号楼", "栋", "幢", "单元", "室", "层", "楼"];

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Numerals from `at`, and where they end.
fn numerals_from(chars: &[char], at: usize) -> usize {
    let mut k = at;
    while k < chars.len() && NUMERALS.contains(chars[k]) {
        k += 1;
    }
    k
}

/// Spans `[start, end)` of street addresses in `chars`: a street name (路, 街, 道, 巷, 弄, 里,
/// 胡同) right before a house number (…号), with the building, unit and room after it. The
/// name reaches back to the last division (区, 县, 市 …) or at most ten characters, so the
/// district before it stays readable.
fn street_addresses(chars: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for j in 1..chars.len() {
        if !STREET_MARKS.contains(&chars[j]) || (chars[j] == '同' && chars[j - 1] != '胡') {
            continue;
        }
        let digits = numerals_from(chars, j + 1);
        if digits == j + 1 || chars.get(digits) != Some(&'号') {
            continue;
        }
        let mut end = digits + 1;
        if chars.get(end) == Some(&'楼') {
            end += 1; // 8号楼
        }
        loop {
            let n = numerals_from(chars, end);
            let rest: String = chars[n..].iter().take(2).collect();
            match BUILDING_PARTS.iter().find(|p| rest.starts_with(**p)) {
                Some(part) if n > end => end = n + part.chars().count(),
                _ => break,
            }
        }
        let mut start = j;
        while start > 0
            && j - start < 10
            && is_han(chars[start - 1])
            && !DIVISION_MARKS.contains(&chars[start - 1])
        {
            start -= 1;
        }
        if spans.last().is_none_or(|&(_, e)| e <= start) {
            spans.push((start, end));
        }
    }
    spans
}

/// 17 digits and a digit or X, not glued to more digits.
fn id_number_at(chars: &[char]) -> Option<usize> {
    if chars.len() < 18 {
        return None;
    }
    let body = chars[..17].iter().all(char::is_ascii_digit);
    let check = chars[17].is_ascii_digit() || matches!(chars[17], 'X' | 'x');
    let glued = chars.get(18).is_some_and(char::is_ascii_digit);
    (body && check && !glued).then_some(18)
}

/// 1[3-9] and 9 more digits, not glued to more digits.
fn mobile_at(chars: &[char]) -> Option<usize> {
    if chars.len() < 11 || chars[0] != '1' || !matches!(chars[1], '3'..='9') {
        return None;
    }
    let digits = chars[..11].iter().all(char::is_ascii_digit);
    let glued = chars.get(11).is_some_and(char::is_ascii_digit);
    (digits && !glued).then_some(11)
}

/// Whether `text` shows any of `secrets` (the unmasked values a test or an export check knows).
pub fn reveals_any<'a>(text: &str, secrets: &[&'a str]) -> Option<&'a str> {
    secrets
        .iter()
        .copied()
        .find(|s| !s.is_empty() && text.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn street_addresses_in_free_text_are_masked_after_the_district() {
        assert_eq!(
            scrub_text("我住吉林省吉林市高新区深圳街88号3单元502室，电话13912345678。"),
            "我住吉林省吉林市高新区****，电话139****5678。"
        );
        assert_eq!(
            scrub_text("寄到长江路100号"),
            "****",
            "no district: the whole span"
        );
        assert_eq!(scrub_text("东城区南锣鼓巷胡同12号"), "东城区****");
        assert_eq!(scrub_text("朝阳区建国路8号楼"), "朝阳区****");
        // Counters, tickets and days are numbers with 号 too, but not after a street.
        for plain in [
            "请到1号综合窗口",
            "A001号",
            "11月27号办理",
            "知道了",
            "街道办事处",
        ] {
            assert_eq!(scrub_text(plain), plain);
        }
    }

    #[test]
    fn names_ids_and_phones_follow_the_halls_rules() {
        assert_eq!(mask_name("张三丰"), "张*丰");
        assert_eq!(mask_name("欧阳锋锋"), "欧**锋");
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("张"), "*");
        assert_eq!(mask_id_number("11010519491231002X"), "110105********002X");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("123"), "****");
    }

    #[test]
    fn addresses_keep_their_district_only() {
        assert_eq!(
            mask_address("浙江省杭州市西湖区文三路90号东部软件园"),
            "浙江省杭州市西湖区****"
        );
        assert_eq!(mask_address("北京市朝阳区建国路1号"), "北京市朝阳区****");
        assert_eq!(
            mask_address("内蒙古自治区呼和浩特市新城区中山路3号"),
            "内蒙古自治区呼和浩特市新城区****"
        );
        assert_eq!(
            mask_address("江苏省苏州市昆山市前进路8号"),
            "江苏省苏州市昆山市****"
        );
        assert_eq!(mask_address("高新区科技大道1号"), "高新区****");
        assert_eq!(mask_address("西湖区"), "西湖区");
        assert_eq!(mask_address("科技大道1号"), "****");
        assert_eq!(mask_address(""), "");
    }

    #[test]
    fn free_text_loses_its_id_numbers_and_phones() {
        assert_eq!(
            scrub_text("我叫张三，身份证11010519491231002X，电话13812345678，请回电。"),
            "我叫张三，身份证110105********002X，电话138****5678，请回电。"
        );
        // Longer digit runs are not phone numbers (an order number, say).
        assert_eq!(scrub_text("单号138123456789"), "单号138123456789");
        assert_eq!(scrub_text("受理编号20261127-0001"), "受理编号20261127-0001");
    }

    proptest! {
        #[test]
        fn masked_ids_never_show_the_birth_date(id in "[1-9][0-9]{16}[0-9X]") {
            let masked = mask_id_number(&id);
            prop_assert_eq!(masked.chars().count(), 18);
            prop_assert!(!masked.contains(&id[6..14]));
            prop_assert!(masked.starts_with(&id[..6]) && masked.ends_with(&id[14..]));
        }

        #[test]
        fn scrubbed_text_never_holds_a_whole_phone_or_id(
            before in "[\u{4e00}-\u{4e20}a-z ，。]{0,12}",
            phone in "1[3-9][0-9]{9}",
            id in "[1-9][0-9]{16}[0-9X]",
            after in "[\u{4e00}-\u{4e20}a-z ，。]{0,12}",
        ) {
            let text = format!("{before}{phone}，{id}{after}");
            let scrubbed = scrub_text(&text);
            prop_assert!(!scrubbed.contains(&phone), "{}", scrubbed);
            prop_assert!(!scrubbed.contains(&id), "{}", scrubbed);
            prop_assert!(scrubbed.starts_with(&before));
            prop_assert!(scrubbed.ends_with(&after));
        }

        #[test]
        fn scrubbed_text_never_holds_a_street_and_house_number(
            before in "[\u{4e00}-\u{4e20}，。 ]{0,8}",
            street in "[\u{4e00}-\u{4e20}]{1,4}",
            mark in "[路街道巷弄]",
            number in "[1-9][0-9]{0,3}",
            unit in "([1-9]单元)?([1-9][0-9]{2}室)?",
        ) {
            let text = format!("{before}高新区{street}{mark}{number}号{unit}，谢谢");
            let scrubbed = scrub_text(&text);
            let house = format!("{mark}{number}号");
            prop_assert!(!scrubbed.contains(&house), "{}", scrubbed);
            prop_assert!(scrubbed.contains("高新区****，谢谢"), "{}", scrubbed);
        }

        #[test]
        fn masked_addresses_keep_only_a_prefix(
            district in "(北京市朝阳区|浙江省杭州市西湖区|广东省深圳市南山区)",
            street in "[\u{4e00}-\u{4e50}0-9]{1,20}",
        ) {
            prop_assert_eq!(mask_address(&format!("{district}{street}")), format!("{district}****"));
        }
    }
}
