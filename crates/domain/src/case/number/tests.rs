use super::*;
use proptest::prelude::*;
use rand::{rngs::StdRng, SeedableRng};

fn day(s: &str) -> ServiceDay {
    ServiceDay::from_date(s.parse().unwrap())
}

#[test]
fn case_numbers_pad_to_five_digits_then_grow() {
    let d = day("2026-03-02");
    assert_eq!(CaseNo::new(d, 1).unwrap().to_string(), "20260302-00001");
    assert_eq!(CaseNo::new(d, 99_999).unwrap().as_str(), "20260302-99999");
    assert_eq!(CaseNo::new(d, 100_000).unwrap().as_str(), "20260302-100000");
    assert_eq!(CaseNo::new(d, 0), Err(CaseError::CaseSeqZero));
    let n = CaseNo::parse(" 20260302-00042 ").unwrap();
    assert_eq!((n.day(), n.seq()), (d, 42));
}

#[test]
fn case_numbers_order_by_day_then_sequence() {
    let a = CaseNo::new(day("2026-03-02"), 100_000).unwrap();
    let b = CaseNo::new(day("2026-03-03"), 1).unwrap();
    let c = CaseNo::new(day("2026-03-03"), 2).unwrap();
    assert!(a < b && b < c);
}

#[test]
fn malformed_case_numbers_are_refused() {
    for bad in [
        "",
        "20260302",
        "20260302-",
        "20260302-0001",
        "20260302-00000",
        "20260302-012345",
        "20260230-00001",
        "2026032-00001",
        "2026-03-02-00001",
        "20260302_00001",
        "20260302-0000a",
        "00000101-00001",
        "20260302-99999999999",
        "２0260302-00001",
    ] {
        assert!(CaseNo::parse(bad).is_err(), "{bad:?} accepted");
    }
    assert_eq!(
        CaseNo::parse("20260230-00001").unwrap_err().to_string(),
        "办件编号须为“年月日-序号”（如 20260302-00001），收到“20260230-00001”"
    );
}

#[test]
fn case_number_serde_is_its_text() {
    let n = CaseNo::new(day("2026-10-08"), 7).unwrap();
    assert_eq!(serde_json::to_string(&n).unwrap(), "\"20261008-00007\"");
    assert_eq!(
        serde_json::from_str::<CaseNo>("\"20261008-00007\"").unwrap(),
        n
    );
    assert!(serde_json::from_str::<CaseNo>("\"20261008-7\"").is_err());
}

#[test]
fn tracking_codes_avoid_look_alikes_and_are_random() {
    let mut rng = StdRng::seed_from_u64(7);
    let a = TrackingCode::generate(&mut rng);
    let b = TrackingCode::generate(&mut rng);
    assert_ne!(a, b);
    for code in [&a, &b] {
        assert_eq!(code.as_str().len(), 16);
        assert!(!code.as_str().contains(['I', 'L', 'O', '0', '1']));
        assert_eq!(TrackingCode::parse(code.as_str()).unwrap(), *code);
    }
}

#[test]
fn tracking_code_input_is_forgiving_but_exact() {
    let c = TrackingCode::parse("abcd-efgh jkmn-pqrs").unwrap();
    assert_eq!(c.as_str(), "ABCDEFGHJKMNPQRS");
    assert_eq!(c.grouped(), "ABCD-EFGH-JKMN-PQRS");
    assert_eq!(TrackingCode::parse(&c.grouped()).unwrap(), c);
    assert_eq!(format!("{c:?}"), "TrackingCode(\"ABCD************\")");
    for bad in [
        "",
        "ABCDEFGHJKMNPQR",
        "ABCDEFGHJKMNPQRST",
        "ABCDEFGHJKMNPQR0",
        "ABCDEFGHJKMNPQRO",
        "ABCDEFGHJKMNPQRI",
        "ABCDEFGHJKMNPQR1",
        "ABCDEFGHJKMNPQRL",
        "ABCDEFGHJKMNPQR_",
    ] {
        assert_eq!(
            TrackingCode::parse(bad),
            Err(CaseError::InvalidTrackingCode),
            "{bad:?}"
        );
    }
    assert_eq!(serde_json::to_string(&c).unwrap(), "\"ABCDEFGHJKMNPQRS\"");
    assert_eq!(
        serde_json::from_str::<TrackingCode>("\"abcdefghjkmnpqrs\"").unwrap(),
        c
    );
}

#[test]
fn every_alphabet_character_turns_up() {
    // A generator that skipped characters would silently shrink the code space.
    let mut rng = StdRng::seed_from_u64(1);
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..200 {
        seen.extend(TrackingCode::generate(&mut rng).as_str().bytes());
    }
    assert_eq!(seen.len(), CODE_ALPHABET.len());
}

proptest! {
    #[test]
    fn case_numbers_round_trip(days in 0u64..3_000_000, seq in 1u32..=u32::MAX) {
        let date = NaiveDate::from_ymd_opt(1, 1, 1).unwrap() + chrono::Days::new(days);
        let n = CaseNo::new(ServiceDay::from_date(date), seq).unwrap();
        prop_assert_eq!(CaseNo::parse(n.as_str()).unwrap(), n);
    }

    #[test]
    fn case_number_parse_accepts_only_canonical_text(s in "[0-9]{8}-[0-9]{0,7}|\\PC{0,16}") {
        if let Ok(n) = CaseNo::parse(&s) {
            prop_assert_eq!(n.as_str(), s.trim());
        }
    }

    #[test]
    fn generated_codes_parse(seed in any::<u64>()) {
        let c = TrackingCode::generate(&mut StdRng::seed_from_u64(seed));
        prop_assert_eq!(TrackingCode::parse(c.as_str()).unwrap(), c.clone());
        prop_assert_eq!(TrackingCode::parse(&c.grouped().to_lowercase()).unwrap(), c);
    }

    #[test]
    fn tracking_code_parse_never_panics(s in "\\PC{0,24}") {
        if let Ok(c) = TrackingCode::parse(&s) {
            prop_assert_eq!(c.as_str().len(), 16);
        }
    }
}
