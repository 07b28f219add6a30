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

/// Masks the ID numbers (18 characters, GB 11643 layout) and mainland mobile numbers found in
/// free text, so a message can be published: "我的电话13812345678" → "我的电话138****5678".
pub fn scrub_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some(len) = id_number_at(&chars[i..]) {
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
        fn masked_addresses_keep_only_a_prefix(
            district in "(北京市朝阳区|浙江省杭州市西湖区|广东省深圳市南山区)",
            street in "[\u{4e00}-\u{4e50}0-9]{1,20}",
        ) {
            prop_assert_eq!(mask_address(&format!("{district}{street}")), format!("{district}****"));
        }
    }
}
