//! Hostile input for the catalog loader and the diff: arbitrary and mutated TOML, and the
//! demo catalog with random fields changed. Nothing panics; every refusal is a Chinese error;
//! the diff sees exactly the changes made. (The fuzz target `catalog_loader` runs the same
//! invariants unbounded; these run in CI.)

use super::diff::diff;
use super::*;
use crate::codes::{CategoryCode, CounterCode, DepartmentCode, MatterCode};
use proptest::prelude::*;
use proptest::sample::Index;

const DEMO: &str = include_str!("../../../../catalog/demo.toml");

fn demo() -> CatalogDoc {
    Catalog::parse_toml(DEMO).unwrap().into_doc()
}

fn is_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Loading either succeeds or says in Chinese what is wrong; a loaded catalog survives the
/// store's JSON unchanged.
fn loads_or_refuses_in_chinese(text: &str) -> Result<(), TestCaseError> {
    match Catalog::parse_toml(text) {
        Ok(c) => {
            let stored = serde_json::to_string(c.doc()).unwrap();
            let back = Catalog::from_doc(serde_json::from_str(&stored).unwrap());
            prop_assert_eq!(back, Ok(c));
        }
        Err(e) => {
            let (CatalogError::Syntax(m) | CatalogError::Invalid(m)) = &e;
            prop_assert!(!m.is_empty());
            prop_assert!(is_chinese(&e.to_string()), "{}", e);
        }
    }
    Ok(())
}

/// Text shaped like a catalog: table headers, keys of the catalog, values of every TOML type.
fn tomlish() -> impl Strategy<Value = String> {
    let header = prop::sample::select(vec![
        "[[departments]]",
        "[[categories]]",
        "[[matters]]",
        "[[matters.materials]]",
        "[[bundles]]",
        "[[counters]]",
        "[[counters.categories]]",
        "[matters]",
        "[[version]]",
    ])
    .prop_map(str::to_string);
    let key = prop::sample::select(vec![
        "version",
        "published_on",
        "code",
        "name",
        "department",
        "category",
        "legal_limit_days",
        "promised_limit_days",
        "visits",
        "materials",
        "required",
        "matters",
        "partial_rejection",
        "kind",
        "weight",
        "retired_on",
        "excluded_steps",
        "unknown",
    ]);
    let value = prop_oneof![
        "\"[\\PC&&[^\"\\\\]]{0,12}\"",
        any::<i64>().prop_map(|n| n.to_string()),
        "-?[0-9]{1,6}(\\.[0-9]{1,3})?(e[0-9]{1,3})?",
        Just("true".to_string()),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)?",
        "\\[(\"[A-Z0-9-]{1,6}\", ?){0,3}\\]",
        "\\{ ?code ?= ?\"[A-Z]\" ?\\}",
        "\\PC{0,6}",
    ];
    let line = prop_oneof![header, (key, value).prop_map(|(k, v)| format!("{k} = {v}"))];
    prop::collection::vec(line, 0..30).prop_map(|lines| lines.join("\n"))
}

/// One random change to the demo TOML's text.
fn text_edit() -> impl Strategy<Value = String> {
    (0u8..4, any::<Index>(), any::<Index>(), "\\PC{0,8}").prop_map(|(op, at, len, s)| {
        let mut text = DEMO.to_string();
        let boundary = |i: Index| {
            let mut p = i.index(text.len());
            while !text.is_char_boundary(p) {
                p -= 1;
            }
            p
        };
        let start = boundary(at);
        let end = (start + len.index(64)).min(text.len());
        let end = (end..=text.len())
            .find(|&e| text.is_char_boundary(e))
            .unwrap();
        match op {
            0 => text.replace_range(start..end, ""),
            1 => text.insert_str(start, &s),
            2 => text.replace_range(start..end, &s),
            _ => {
                // Drop the whole line holding `start`.
                let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
                text.replace_range(line_start..line_end, "");
            }
        }
        text
    })
}

fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop::option::of((2000i32..2040, 1u32..=12, 1u32..=28))
        .prop_map(|d| d.and_then(|(y, m, day)| NaiveDate::from_ymd_opt(y, m, day)))
}

/// A change to one field of one item, with any value its type allows (valid or not).
#[derive(Debug, Clone)]
enum Edit {
    MatterName(Index, String),
    Limits(Index, u16, u16),
    Visits(Index, u8),
    MatterDepartment(Index, String),
    MatterCategory(Index, char),
    MatterDates(
        Index,
        Option<NaiveDate>,
        Option<NaiveDate>,
        Option<NaiveDate>,
    ),
    ExcludedStep(Index, String),
    Keyword(Index, String),
    Material(Index, Index, bool, bool, u8, u8),
    MaterialCode(Index, Index, String),
    NoMaterials(Index),
    BundleMember(Index, Index),
    BundleDropMember(Index, Index),
    BundleRule(Index),
    BundleRetired(Index, Option<NaiveDate>),
    Weight(Index, Index, u8),
    CounterKindFlip(Index),
    CategoryName(Index, String),
    DepartmentName(Index, String),
    Remove(u8, Index),
    /// A copy of an item under a new code (`Z…`, unused in the demo).
    Copy(u8, Index),
    /// A copy of an item under its own code: a duplicate.
    Duplicate(u8, Index),
    Version(String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = any::<Index>;
    let text = || "\\PC{0,110}";
    prop_oneof![
        (i(), text()).prop_map(|(a, s)| Edit::MatterName(a, s)),
        (i(), any::<u16>(), any::<u16>()).prop_map(|(a, l, p)| Edit::Limits(a, l, p)),
        (i(), 0u16..30, 0u16..30).prop_map(|(a, l, p)| Edit::Limits(a, l, p)),
        (i(), any::<u8>()).prop_map(|(a, v)| Edit::Visits(a, v)),
        (i(), "[A-Z]{2,5}").prop_map(|(a, d)| Edit::MatterDepartment(a, d)),
        (i(), proptest::char::range('A', 'Z')).prop_map(|(a, c)| Edit::MatterCategory(a, c)),
        (i(), date(), date(), date()).prop_map(|(a, c, p, r)| Edit::MatterDates(a, c, p, r)),
        (i(), "\\PC{0,40}").prop_map(|(a, s)| Edit::ExcludedStep(a, s)),
        (i(), "\\PC{0,10}").prop_map(|(a, s)| Edit::Keyword(a, s)),
        (
            i(),
            i(),
            any::<bool>(),
            any::<bool>(),
            any::<u8>(),
            any::<u8>()
        )
            .prop_map(|(a, b, r, d, o, c)| Edit::Material(a, b, r, d, o, c)),
        (i(), i(), "[ 0-9]{0,3}").prop_map(|(a, b, s)| Edit::MaterialCode(a, b, s)),
        i().prop_map(Edit::NoMaterials),
        (i(), i()).prop_map(|(a, b)| Edit::BundleMember(a, b)),
        (i(), i()).prop_map(|(a, b)| Edit::BundleDropMember(a, b)),
        i().prop_map(Edit::BundleRule),
        (i(), date()).prop_map(|(a, d)| Edit::BundleRetired(a, d)),
        (i(), i(), any::<u8>()).prop_map(|(a, b, w)| Edit::Weight(a, b, w)),
        i().prop_map(Edit::CounterKindFlip),
        (i(), text()).prop_map(|(a, s)| Edit::CategoryName(a, s)),
        (i(), text()).prop_map(|(a, s)| Edit::DepartmentName(a, s)),
        (0u8..5, i()).prop_map(|(k, a)| Edit::Remove(k, a)),
        (0u8..5, i()).prop_map(|(k, a)| Edit::Copy(k, a)),
        (0u8..5, i()).prop_map(|(k, a)| Edit::Duplicate(k, a)),
        "\\PC{0,3}".prop_map(Edit::Version),
    ]
}

impl Edit {
    /// Edits that keep every code unique, so the diff (which pairs items by code) applies.
    fn keeps_codes_unique(&self) -> bool {
        !matches!(self, Edit::Duplicate(..) | Edit::Version(_))
    }
}

fn copy_of<T: Clone>(items: &mut Vec<T>, i: &Index, recode: impl FnOnce(&mut T)) {
    if items.is_empty() {
        return;
    }
    let mut item = items[i.index(items.len())].clone();
    recode(&mut item);
    items.push(item);
}

fn apply(doc: &mut CatalogDoc, edit: &Edit) {
    fn at<'a, T>(items: &'a mut [T], i: &Index) -> Option<&'a mut T> {
        if items.is_empty() {
            None
        } else {
            let n = items.len();
            items.get_mut(i.index(n))
        }
    }
    let matter_codes: Vec<MatterCode> = doc.matters.iter().map(|m| m.code.clone()).collect();
    match edit {
        Edit::MatterName(i, s) => at(&mut doc.matters, i)
            .into_iter()
            .for_each(|m| m.name = s.clone()),
        Edit::Limits(i, l, p) => {
            if let Some(m) = at(&mut doc.matters, i) {
                m.legal_limit_days = *l;
                m.promised_limit_days = *p;
            }
        }
        Edit::Visits(i, v) => at(&mut doc.matters, i)
            .into_iter()
            .for_each(|m| m.visits = *v),
        Edit::MatterDepartment(i, d) => {
            if let Some(m) = at(&mut doc.matters, i) {
                m.department = DepartmentCode::parse(d).unwrap();
            }
        }
        Edit::MatterCategory(i, c) => {
            if let Some(m) = at(&mut doc.matters, i) {
                m.category = CategoryCode::parse(&c.to_string()).unwrap();
            }
        }
        Edit::MatterDates(i, c, p, r) => {
            if let Some(m) = at(&mut doc.matters, i) {
                (m.created_on, m.published_on, m.retired_on) = (*c, *p, *r);
            }
        }
        Edit::ExcludedStep(i, s) => at(&mut doc.matters, i)
            .into_iter()
            .for_each(|m| m.excluded_steps.push(s.clone())),
        Edit::Keyword(i, s) => at(&mut doc.matters, i)
            .into_iter()
            .for_each(|m| m.keywords.push(s.clone())),
        Edit::Material(i, j, required, deferrable, originals, copies) => {
            if let Some(mat) = at(&mut doc.matters, i).and_then(|m| at(&mut m.materials, j)) {
                mat.required = *required;
                mat.deferrable = *deferrable;
                mat.originals = *originals;
                mat.copies = *copies;
            }
        }
        Edit::MaterialCode(i, j, s) => {
            if let Some(mat) = at(&mut doc.matters, i).and_then(|m| at(&mut m.materials, j)) {
                mat.code = s.clone();
            }
        }
        Edit::NoMaterials(i) => at(&mut doc.matters, i)
            .into_iter()
            .for_each(|m| m.materials.clear()),
        Edit::BundleMember(i, j) => {
            if let (Some(b), false) = (at(&mut doc.bundles, i), matter_codes.is_empty()) {
                b.matters
                    .push(matter_codes[j.index(matter_codes.len())].clone());
            }
        }
        Edit::BundleDropMember(i, j) => {
            if let Some(b) = at(&mut doc.bundles, i) {
                if !b.matters.is_empty() {
                    let n = b.matters.len();
                    b.matters.remove(j.index(n));
                }
            }
        }
        Edit::BundleRule(i) => {
            if let Some(b) = at(&mut doc.bundles, i) {
                b.partial_rejection = match b.partial_rejection {
                    PartialRejection::AllOrNothing => PartialRejection::Partial,
                    PartialRejection::Partial => PartialRejection::AllOrNothing,
                };
            }
        }
        Edit::BundleRetired(i, d) => at(&mut doc.bundles, i)
            .into_iter()
            .for_each(|b| b.retired_on = *d),
        Edit::Weight(i, j, w) => {
            if let Some(cc) = at(&mut doc.counters, i).and_then(|c| at(&mut c.categories, j)) {
                cc.weight = *w;
            }
        }
        Edit::CounterKindFlip(i) => {
            if let Some(c) = at(&mut doc.counters, i) {
                c.kind = match c.kind {
                    CounterKind::Intake => CounterKind::Output,
                    CounterKind::Output => CounterKind::Intake,
                };
            }
        }
        Edit::CategoryName(i, s) => at(&mut doc.categories, i)
            .into_iter()
            .for_each(|c| c.name = s.clone()),
        Edit::DepartmentName(i, s) => at(&mut doc.departments, i)
            .into_iter()
            .for_each(|d| d.name = s.clone()),
        Edit::Remove(kind, i) => {
            fn remove<T>(items: &mut Vec<T>, i: &Index) {
                if !items.is_empty() {
                    let n = items.len();
                    items.remove(i.index(n));
                }
            }
            match kind {
                0 => remove(&mut doc.departments, i),
                1 => remove(&mut doc.categories, i),
                2 => remove(&mut doc.matters, i),
                3 => remove(&mut doc.bundles, i),
                _ => remove(&mut doc.counters, i),
            }
        }
        Edit::Copy(kind, i) => {
            let n =
                doc.departments.len() + doc.matters.len() + doc.bundles.len() + doc.counters.len();
            let code = format!("Z{n}");
            match kind {
                0 => copy_of(&mut doc.departments, i, |d| {
                    d.code = DepartmentCode::parse(&code).unwrap()
                }),
                1 => {
                    // The demo leaves letters free after its five categories.
                    let used: Vec<char> = doc.categories.iter().map(|c| c.code.letter()).collect();
                    if let Some(free) = ('A'..='Z').rev().find(|c| !used.contains(c)) {
                        copy_of(&mut doc.categories, i, |c| {
                            c.code = CategoryCode::parse(&free.to_string()).unwrap()
                        });
                    }
                }
                2 => copy_of(&mut doc.matters, i, |m| {
                    m.code = MatterCode::parse(&code).unwrap()
                }),
                3 => copy_of(&mut doc.bundles, i, |b| {
                    b.code = MatterCode::parse(&code).unwrap()
                }),
                _ => copy_of(&mut doc.counters, i, |c| {
                    c.code = CounterCode::parse(&code).unwrap()
                }),
            }
        }
        Edit::Duplicate(kind, i) => match kind {
            0 => copy_of(&mut doc.departments, i, |_| {}),
            1 => copy_of(&mut doc.categories, i, |_| {}),
            2 => copy_of(&mut doc.matters, i, |_| {}),
            3 => copy_of(&mut doc.bundles, i, |_| {}),
            _ => copy_of(&mut doc.counters, i, |_| {}),
        },
        Edit::Version(v) => doc.version = v.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any text at all: a catalog or a Chinese refusal, never a panic.
    #[test]
    fn arbitrary_text_loads_or_is_refused_in_chinese(text in "\\PC{0,300}") {
        loads_or_refuses_in_chinese(&text)?;
    }

    /// Text shaped like a catalog, with wrong types, unknown keys and stray tables.
    #[test]
    fn tomlish_text_loads_or_is_refused_in_chinese(text in tomlish()) {
        loads_or_refuses_in_chinese(&text)?;
        loads_or_refuses_in_chinese(&format!("version = \"1\"\n{text}"))?;
    }

    /// The demo file with a piece cut, inserted, replaced or a line dropped.
    #[test]
    fn an_edited_demo_file_loads_or_is_refused_in_chinese(text in text_edit()) {
        loads_or_refuses_in_chinese(&text)?;
    }

    /// The demo catalog with random fields changed: it validates, or every problem is named
    /// in Chinese; and the checks agree with the file loader.
    #[test]
    fn a_mutated_catalog_validates_or_names_its_problems(
        edits in prop::collection::vec(edit(), 1..4),
    ) {
        let mut doc = demo();
        for e in &edits {
            apply(&mut doc, e);
        }
        match Catalog::from_doc(doc.clone()) {
            Ok(c) => prop_assert_eq!(c.doc(), &doc),
            Err(CatalogError::Invalid(m)) => {
                for problem in m.split('；') {
                    prop_assert!(is_chinese(problem), "{:?} in {}", problem, m);
                }
            }
            Err(e) => prop_assert!(false, "a document is not text: {}", e),
        }
    }

    /// Comparing a catalog with itself finds nothing, and with an edited copy finds changes
    /// exactly when the copy differs; both directions see the same items.
    #[test]
    fn the_diff_sees_exactly_the_edits(
        edits in prop::collection::vec(edit().prop_filter("unique codes", Edit::keeps_codes_unique), 0..4),
    ) {
        let a = demo();
        let mut b = a.clone();
        for e in &edits {
            apply(&mut b, e);
        }
        prop_assert!(diff(&a, &a).is_empty());
        prop_assert!(diff(&b, &b).is_empty());
        let forward = diff(&a, &b);
        prop_assert_eq!(forward.is_empty(), a == b, "{:?}", edits);
        let backward = diff(&b, &a);
        let key = |c: &super::diff::ItemChange| (c.kind, c.code.clone());
        let mut f: Vec<_> = forward.iter().map(key).collect();
        let mut g: Vec<_> = backward.iter().map(key).collect();
        f.sort();
        g.sort();
        prop_assert_eq!(f, g);
        for c in &forward {
            prop_assert!(!c.fields.is_empty());
            prop_assert_eq!(c.before.is_none(), c.change == super::diff::ChangeKind::Added);
            prop_assert_eq!(c.after.is_none(), c.change == super::diff::ChangeKind::Removed);
        }
    }
}

proptest! {
    #[test]
    fn enum_names_parse_back(s in crate::test_support::near(vec![
        "all_or_nothing", "partial", "intake", "output",
    ])) {
        crate::test_support::parses_only_names(
            &[PartialRejection::AllOrNothing, PartialRejection::Partial],
            PartialRejection::as_str,
            PartialRejection::parse,
            &s,
        )?;
        crate::test_support::parses_only_names(
            &[CounterKind::Intake, CounterKind::Output],
            CounterKind::as_str,
            CounterKind::parse,
            &s,
        )?;
    }
}
