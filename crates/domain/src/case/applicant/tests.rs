use super::*;
use proptest::prelude::*;

fn person() -> Applicant {
    Applicant::Person {
        name: PersonName::parse("张小三").unwrap(),
        id_number: IdNumber::parse("11010519491231002X").unwrap(),
        phone: Phone::parse("13812345678").unwrap(),
    }
}

fn organisation() -> Applicant {
    Applicant::Organisation {
        name: OrgName::parse(" 福州某某餐饮管理有限公司 ").unwrap(),
        credit_code: CreditCode::parse("91350100M000100Y43").unwrap(),
        legal_representative: PersonName::parse("李四").unwrap(),
        phone: Phone::parse("13912345678").unwrap(),
    }
}

#[test]
fn org_names_are_trimmed_and_bounded() {
    assert_eq!(OrgName::parse("  某某公司 ").unwrap().as_str(), "某某公司");
    assert!(OrgName::parse("某某").is_ok());
    assert!(OrgName::parse(&"某".repeat(100)).is_ok());
    for bad in [
        String::new(),
        "   ".into(),
        "某".into(),
        "某".repeat(101),
        "某某\n公司".into(),
    ] {
        assert_eq!(
            OrgName::parse(&bad),
            Err(CaseError::InvalidOrgName),
            "{bad:?}"
        );
    }
    assert_eq!(
        CaseError::InvalidOrgName.to_string(),
        "单位名称须为 2–100 个字，且不含控制字符"
    );
}

#[test]
fn a_person_is_masked_everywhere() {
    let p = person();
    assert_eq!(p.display_name(), "张小三");
    assert_eq!(p.document_number(), "11010519491231002X");
    assert_eq!(p.kind(), "person");
    let m = p.masked();
    assert_eq!(
        m,
        MaskedApplicant::Person {
            name: "张*三".into(),
            id_number: "110105********002X".into(),
            phone: "138****5678".into(),
        }
    );
    assert_eq!(m.display_name(), "张*三");
    // Debug (logs) never shows the full ID, name or phone.
    let debug = format!("{p:?}");
    for secret in ["张小三", "19491231", "13812345678"] {
        assert!(!debug.contains(secret), "{debug}");
    }
}

#[test]
fn an_organisation_shows_its_public_record_only() {
    let o = organisation();
    assert_eq!(o.display_name(), "福州某某餐饮管理有限公司");
    assert_eq!(o.document_number(), "91350100M000100Y43");
    assert_eq!(o.phone().as_str(), "13912345678");
    let m = o.masked();
    assert_eq!(
        m,
        MaskedApplicant::Organisation {
            name: "福州某某餐饮管理有限公司".into(),
            credit_code: "91350100M000100Y43".into(),
            legal_representative: "李*".into(),
            phone: "139****5678".into(),
        }
    );
    assert_eq!(m.display_name(), "福州某某餐饮管理有限公司");
}

#[test]
fn serde_is_tagged_by_kind() {
    let p = serde_json::to_value(person()).unwrap();
    assert_eq!(
        p,
        serde_json::json!({
            "kind": "person",
            "name": "张小三",
            "id_number": "11010519491231002X",
            "phone": "13812345678",
        })
    );
    let o = serde_json::to_value(organisation()).unwrap();
    assert_eq!(o["kind"], "organisation");
    assert_eq!(o["legal_representative"], "李四");
    assert_eq!(serde_json::from_value::<Applicant>(p).unwrap(), person());
    assert_eq!(
        serde_json::from_value::<Applicant>(o).unwrap(),
        organisation()
    );
    let masked = serde_json::to_value(person().masked()).unwrap();
    assert_eq!(masked["kind"], "person");
    assert_eq!(masked["name"], "张*三");
}

#[test]
fn serde_refuses_invalid_documents() {
    let bad_id = serde_json::json!({
        "kind": "person", "name": "张三", "id_number": "110105194912310021", "phone": "13812345678",
    });
    assert!(serde_json::from_value::<Applicant>(bad_id).is_err());
    let bad_code = serde_json::json!({
        "kind": "organisation", "name": "某某公司", "credit_code": "91350100M000100Y44",
        "legal_representative": "李四", "phone": "13812345678",
    });
    assert!(serde_json::from_value::<Applicant>(bad_code).is_err());
    let bad_kind = serde_json::json!({
        "kind": "robot", "name": "某某公司", "phone": "13812345678",
    });
    assert!(serde_json::from_value::<Applicant>(bad_kind).is_err());
}

proptest! {
    #[test]
    fn org_name_parse_never_panics(s in "\\PC{0,120}|[\\x00-\\x1f ]{0,5}") {
        if let Ok(n) = OrgName::parse(&s) {
            let len = n.as_str().chars().count();
            prop_assert!((OrgName::MIN_CHARS..=OrgName::MAX_CHARS).contains(&len));
            prop_assert_eq!(n.as_str(), s.trim());
        }
    }
}
