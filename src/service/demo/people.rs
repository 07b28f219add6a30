//! Made-up citizens and companies for the demo day: names, ID numbers with a valid GB 11643
//! check digit, phones and credit codes with valid GB 32100 check characters. None of them is
//! a real person; the area codes are the hall's own district (吉林高新区, 220271).

use chrono::NaiveDate;
use onetrip_domain::identity::{credit_check_char, id_check_char, org_code_check_char};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "玉兰", "志强", "海燕", "晓东",
];
const COMPANY_WORDS: &[&str] = &[
    "长白", "松花", "北山", "江城", "雾凇", "丰满", "龙潭", "高新", "吉鑫", "恒达",
];
const COMPANY_KINDS: &[&str] = &[
    "餐饮管理有限公司",
    "科技有限公司",
    "商贸有限公司",
    "建筑工程有限公司",
    "食品有限公司",
    "物流有限公司",
];
const DISTRICT: &str = "220271";

pub struct Person {
    pub name: String,
    pub id_number: String,
    pub phone: String,
}

pub struct Company {
    pub name: String,
    pub credit_code: String,
    pub legal_representative: Person,
}

pub fn person(rng: &mut StdRng, today: NaiveDate) -> Person {
    Person {
        name: name(rng),
        id_number: id_number(rng, today),
        phone: phone(rng),
    }
}

pub fn company(rng: &mut StdRng, today: NaiveDate) -> Company {
    let name = format!(
        "吉林市{}{}",
        COMPANY_WORDS.choose(rng).expect("words"),
        COMPANY_KINDS.choose(rng).expect("kinds")
    );
    Company {
        name,
        credit_code: credit_code(rng),
        legal_representative: person(rng, today),
    }
}

pub fn name(rng: &mut StdRng) -> String {
    format!(
        "{}{}",
        SURNAMES.choose(rng).expect("surnames"),
        GIVEN.choose(rng).expect("given names")
    )
}

/// An adult's ID number: most are of working age, about one in six is 60 or over (the green
/// channel has something to do).
pub fn id_number(rng: &mut StdRng, today: NaiveDate) -> String {
    let age_days = if rng.gen_bool(0.15) {
        rng.gen_range(61 * 365..85 * 365)
    } else {
        rng.gen_range(19 * 365..59 * 365)
    };
    let birth = today - chrono::Duration::days(age_days);
    let first17 = format!(
        "{DISTRICT}{}{:03}",
        birth.format("%Y%m%d"),
        rng.gen_range(1..1000)
    );
    format!("{first17}{}", id_check_char(&first17))
}

pub fn phone(rng: &mut StdRng) -> String {
    let prefix = ["138", "139", "150", "186", "187", "135", "152", "177"]
        .choose(rng)
        .expect("prefixes");
    format!("{prefix}{:08}", rng.gen_range(0..100_000_000u32))
}

/// A company's code: registered by market regulation (9), an enterprise (1), in the district.
pub fn credit_code(rng: &mut StdRng) -> String {
    const CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let body: String = (0..8)
        .map(|_| CHARS[rng.gen_range(0..CHARS.len())] as char)
        .collect();
    let org = format!("{body}{}", org_code_check_char(&body));
    let first17 = format!("91{DISTRICT}{org}");
    format!("{first17}{}", credit_check_char(&first17))
}

#[cfg(test)]
mod tests {
    use super::*;
    use onetrip_domain::{CreditCode, IdNumber, PersonName, Phone};
    use rand::SeedableRng;

    #[test]
    fn every_made_up_identity_passes_the_parsers_the_api_uses() {
        let mut rng = StdRng::seed_from_u64(7);
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        for _ in 0..500 {
            let p = person(&mut rng, today);
            IdNumber::parse(&p.id_number).unwrap();
            Phone::parse(&p.phone).unwrap();
            PersonName::parse(&p.name).unwrap();
            let c = company(&mut rng, today);
            CreditCode::parse(&c.credit_code).unwrap();
        }
    }
}
