use super::*;
use crate::catalog::Catalog;
use crate::codes::{CategoryCode, DepartmentCode, MatterCode};
use proptest::prelude::*;

fn material(code: &str, name: &str, required: bool, deferrable: bool) -> Material {
    Material {
        code: code.into(),
        name: name.into(),
        required,
        originals: 1,
        copies: 0,
        deferrable,
        note: String::new(),
    }
}

fn matter(code: &str, department: &str, materials: Vec<Material>) -> Matter {
    Matter {
        code: MatterCode::parse(code).unwrap(),
        name: format!("事项{code}"),
        department: DepartmentCode::parse(department).unwrap(),
        category: CategoryCode::parse("A").unwrap(),
        kind: "行政许可".into(),
        conditions: String::new(),
        legal_limit_days: 20,
        promised_limit_days: 5,
        legal_extension_days: 0,
        excluded_steps: vec![],
        visits: 1,
        fee_fen: 0,
        fee_note: String::new(),
        keywords: vec![],
        materials,
        created_on: None,
        published_on: None,
        retired_on: None,
    }
}

/// 企业开办 as three departments' matters with hall-wide material codes.
fn bundle() -> [Matter; 3] {
    [
        matter(
            "SCJGJ-001",
            "SCJGJ",
            vec![
                material("SQS", "企业设立登记申请书", true, false),
                material("ZSZM", "住所使用证明", true, true),
                material("FRSFZ", "法定代表人身份证件", true, false),
            ],
        ),
        matter(
            "GAFJ-001",
            "GAFJ",
            vec![
                material("YYZZ", "营业执照", true, false),
                material("FRSFZ", "法定代表人身份证件", true, false),
                material("WTS", "经办人委托书", false, false),
                material("YHZH", "银行基本存款账户信息", false, false),
            ],
        ),
        matter(
            "RSJ-001",
            "RSJ",
            vec![
                material("YYZZ", "营业执照", true, true),
                material("SBDJB", "单位社会保险登记表", true, false),
                material("FRSFZ", "法定代表人身份证件", true, true),
                material("ZSZM", "住所使用证明", true, true),
                material("WTS", "经办人委托书", true, false),
                material("YHZH", "银行基本存款账户信息", true, true),
            ],
        ),
    ]
}

fn bundle_checklist() -> Vec<Material> {
    let [a, b, c] = bundle();
    checklist(&[&a, &b, &c])
}

fn summary(list: &[Material]) -> Vec<(&str, bool, bool)> {
    list.iter()
        .map(|m| (m.code.as_str(), m.required, m.deferrable))
        .collect()
}

fn tick(code: &str, state: MaterialState) -> MaterialTick {
    MaterialTick {
        code: code.into(),
        state,
    }
}

use MaterialState::{Deferred, Missing, Provided};

#[test]
fn a_three_matter_bundle_has_one_checklist() {
    let list = bundle_checklist();
    // In order of first appearance. Required if any matter requires it; deferrable only if
    // every matter requiring it allows 容缺 (营业执照 and 身份证件: 公安 does not; 委托书:
    // 人社 requires it and does not); optional listings do not vote (银行账户).
    assert_eq!(
        summary(&list),
        [
            ("SQS", true, false),
            ("ZSZM", true, true),
            ("FRSFZ", true, false),
            ("YYZZ", true, false),
            ("WTS", true, false),
            ("YHZH", true, true),
            ("SBDJB", true, false),
        ]
    );
    assert_eq!(list[2].name, "法定代表人身份证件");
    let [a, ..] = bundle();
    assert_eq!(checklist(&[&a]), a.materials, "one matter: its own list");
    assert!(checklist(&[]).is_empty());
}

#[test]
fn one_code_for_two_documents_is_kept_apart() {
    // The demo catalog numbers materials per matter: 01 is a different form in each.
    let a = matter(
        "SCJGJ-001",
        "SCJGJ",
        vec![
            material("01", "企业设立登记申请书", true, false),
            material("02", "营业执照", true, false),
        ],
    );
    let b = matter(
        "SCJGJ-002",
        "SCJGJ",
        vec![
            material("01", "食品经营许可申请书", true, false),
            material("02", "营业执照", true, true),
        ],
    );
    let list = checklist(&[&a, &b]);
    let codes: Vec<(&str, &str)> = list
        .iter()
        .map(|m| (m.code.as_str(), m.name.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("01", "企业设立登记申请书"),
            ("02", "营业执照"),
            ("SCJGJ-002/01", "食品经营许可申请书"),
        ]
    );
    assert!(!list[1].deferrable);
}

#[test]
fn the_demo_bundles_keep_every_document() {
    let catalog = Catalog::parse_toml(include_str!("../../../../../catalog/demo.toml")).unwrap();
    let doc = catalog.doc();
    for b in &doc.bundles {
        let members: Vec<&Matter> = b
            .matters
            .iter()
            .map(|c| catalog.matter(c).unwrap())
            .collect();
        let list = checklist(&members);
        let codes: HashSet<&str> = list.iter().map(|m| m.code.as_str()).collect();
        assert_eq!(codes.len(), list.len(), "{}: codes unique", b.code);
        let listed: HashSet<(&str, &str)> = members
            .iter()
            .flat_map(|m| &m.materials)
            .map(|m| (m.code.trim(), m.name.trim()))
            .collect();
        assert_eq!(
            list.len(),
            listed.len(),
            "{}: one line per document",
            b.code
        );
        assert!(list.iter().all(|m| m.required || !m.deferrable));
    }
}

#[test]
fn everything_provided_is_accepted() {
    let list = bundle_checklist();
    let ticks: Vec<_> = list.iter().map(|m| tick(&m.code, Provided)).collect();
    assert_eq!(evaluate(&list, &ticks), Ok(IntakeOutcome::Accept));
    // Optional materials never block (the single matter's 委托书 and 银行账户 are optional).
    let [_, b, _] = bundle();
    let ticks = [
        tick("YYZZ", Provided),
        tick("FRSFZ", Provided),
        tick("WTS", Deferred),
    ];
    assert_eq!(evaluate(&b.materials, &ticks), Ok(IntakeOutcome::Accept));
}

#[test]
fn only_deferrable_materials_missing_is_accepted_with_a_pledge() {
    let list = bundle_checklist();
    let ticks = [
        tick("SQS", Provided),
        tick("ZSZM", Deferred),
        tick("FRSFZ", Provided),
        tick("YYZZ", Provided),
        tick("WTS", Provided),
        // 银行账户 not ticked: missing, but deferrable.
        tick("SBDJB", Provided),
    ];
    let outcome = evaluate(&list, &ticks).unwrap();
    let IntakeOutcome::AcceptWithPledge { deferred } = outcome else {
        panic!("{outcome:?}")
    };
    let codes: Vec<&str> = deferred.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(codes, ["ZSZM", "YHZH"]);
}

#[test]
fn a_one_time_notice_lists_every_missing_item() {
    let list = bundle_checklist();
    let ticks = [
        tick("WTS", Deferred),
        tick("YYZZ", Missing),
        tick("ZSZM", Deferred),
        tick("SBDJB", Provided),
    ];
    let outcome = evaluate(&list, &ticks).unwrap();
    let item = |code: &str, name: &str, reason| MissingItem {
        code: code.into(),
        name: name.into(),
        reason,
    };
    assert_eq!(
        outcome,
        IntakeOutcome::Incomplete {
            missing: vec![
                item("SQS", "企业设立登记申请书", MissingReason::Missing),
                item("FRSFZ", "法定代表人身份证件", MissingReason::Missing),
                item("YYZZ", "营业执照", MissingReason::Missing),
                item("WTS", "经办人委托书", MissingReason::NotDeferrable),
            ]
        }
    );
    // The deferrable ones do not block; the notice may say they can be pledged next time.
    let later: Vec<String> = pledgeable(&list, &ticks)
        .into_iter()
        .map(|m| m.code)
        .collect();
    assert_eq!(later, ["ZSZM", "YHZH"]);
    assert_eq!(
        MissingReason::NotDeferrable.label_zh(),
        "不适用容缺，须当场提交"
    );
}

#[test]
fn deferring_what_may_not_be_deferred_blocks() {
    let [a, ..] = bundle();
    let ticks = [
        tick("SQS", Deferred),
        tick("ZSZM", Deferred),
        tick("FRSFZ", Provided),
    ];
    assert_eq!(
        evaluate(&a.materials, &ticks),
        Ok(IntakeOutcome::Incomplete {
            missing: vec![MissingItem {
                code: "SQS".into(),
                name: "企业设立登记申请书".into(),
                reason: MissingReason::NotDeferrable,
            }]
        })
    );
}

#[test]
fn unknown_and_repeated_ticks_are_errors() {
    let list = bundle_checklist();
    let e = evaluate(&list, &[tick("SQS", Provided), tick("XYZ", Provided)]).unwrap_err();
    assert_eq!(e, CaseError::UnknownMaterial("XYZ".into()));
    assert_eq!(e.to_string(), "材料“XYZ”不在本件的材料清单中");
    let e = evaluate(&list, &[tick("SQS", Provided), tick(" SQS", Missing)]).unwrap_err();
    assert_eq!(e.to_string(), "材料“SQS”重复勾选");
}

#[test]
fn states_and_outcomes_serialise_in_snake_case() {
    assert_eq!(
        serde_json::to_value(tick("01", Deferred)).unwrap(),
        serde_json::json!({"code": "01", "state": "deferred"})
    );
    for s in [Provided, Missing, Deferred] {
        assert_eq!(MaterialState::parse(s.as_str()), Some(s));
        assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
    }
    assert_eq!(MaterialState::parse("Provided"), None);
    assert_eq!(
        serde_json::to_value(IntakeOutcome::Accept).unwrap(),
        serde_json::json!({"outcome": "accept"})
    );
    let notice = IntakeOutcome::Incomplete {
        missing: vec![MissingItem {
            code: "01".into(),
            name: "申请书".into(),
            reason: MissingReason::NotDeferrable,
        }],
    };
    let v = serde_json::to_value(&notice).unwrap();
    assert_eq!(v["outcome"], "incomplete");
    assert_eq!(v["missing"][0]["reason"], "not_deferrable");
    assert_eq!(serde_json::from_value::<IntakeOutcome>(v).unwrap(), notice);
}

/// Materials drawn from a small pool, so that codes and names collide across matters.
fn any_material() -> impl Strategy<Value = Material> {
    (0usize..4, 0usize..3, any::<bool>(), any::<bool>()).prop_map(|(c, n, required, defer)| {
        let names = ["申请书", "营业执照", "身份证件"];
        material(&format!("0{c}"), names[n], required, required && defer)
    })
}

fn any_matters() -> impl Strategy<Value = Vec<Matter>> {
    prop::collection::vec(prop::collection::vec(any_material(), 1..6), 1..4).prop_map(|lists| {
        lists
            .into_iter()
            .enumerate()
            .map(|(i, mut ms)| {
                let mut seen = HashSet::new();
                ms.retain(|m| seen.insert(m.code.clone())); // unique within a matter
                matter(&format!("M-{i}"), "D", ms)
            })
            .collect()
    })
}

fn any_state() -> impl Strategy<Value = Option<MaterialState>> {
    prop::option::of(prop::sample::select(vec![Provided, Missing, Deferred]))
}

proptest! {
    #[test]
    fn a_checklist_has_one_line_per_document(matters in any_matters()) {
        let refs: Vec<&Matter> = matters.iter().collect();
        let list = checklist(&refs);
        let codes: HashSet<&str> = list.iter().map(|m| m.code.as_str()).collect();
        prop_assert_eq!(codes.len(), list.len());
        for m in refs.iter().flat_map(|m| &m.materials) {
            let same: Vec<&Material> = list.iter().filter(|l| l.name == m.name
                && (l.code == m.code || l.code.ends_with(&format!("/{}", m.code)))).collect();
            prop_assert_eq!(same.len(), 1, "{:?}", m);
            prop_assert!(same[0].required || !m.required);
            prop_assert!(!same[0].deferrable || !m.required || m.deferrable);
        }
        prop_assert!(list.iter().all(|m| m.required || !m.deferrable));
    }

    #[test]
    fn evaluate_blocks_exactly_on_required_non_deferrable_gaps(
        matters in any_matters(),
        states in prop::collection::vec(any_state(), 12),
    ) {
        let refs: Vec<&Matter> = matters.iter().collect();
        let list = checklist(&refs);
        let ticks: Vec<MaterialTick> = list.iter().zip(&states)
            .filter_map(|(m, s)| s.map(|s| tick(&m.code, s)))
            .collect();
        let state = |m: &Material| ticks.iter().find(|t| t.code == m.code).map_or(Missing, |t| t.state);
        let blocking: Vec<&str> = list.iter()
            .filter(|m| m.required && !m.deferrable && state(m) != Provided)
            .map(|m| m.code.as_str())
            .collect();
        let owed: Vec<&str> = list.iter()
            .filter(|m| m.required && m.deferrable && state(m) != Provided)
            .map(|m| m.code.as_str())
            .collect();
        match evaluate(&list, &ticks).unwrap() {
            IntakeOutcome::Accept => prop_assert!(blocking.is_empty() && owed.is_empty()),
            IntakeOutcome::AcceptWithPledge { deferred } => {
                prop_assert!(blocking.is_empty());
                let codes: Vec<&str> = deferred.iter().map(|m| m.code.as_str()).collect();
                prop_assert_eq!(codes, owed);
            }
            IntakeOutcome::Incomplete { missing } => {
                let codes: Vec<&str> = missing.iter().map(|m| m.code.as_str()).collect();
                prop_assert_eq!(codes, blocking);
            }
        }
    }
}

proptest! {
    /// Material state names parse back; nothing else parses.
    #[test]
    fn state_names_and_only_they_parse(s in crate::test_support::near(vec![
        "provided", "missing", "deferred",
    ])) {
        crate::test_support::parses_only_names(
            &[Provided, Missing, Deferred], MaterialState::as_str, MaterialState::parse, &s,
        )?;
    }
}
