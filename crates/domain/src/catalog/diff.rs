//! What differs between two catalogs, item by item and field by field: the change list an
//! admin reviews before publishing, and each item's history once published.

use super::{Bundle, CatalogDoc, Category, Counter, Department, Matter};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    Department,
    Category,
    Matter,
    Bundle,
    Counter,
}

impl ItemKind {
    pub const ALL: [ItemKind; 5] = [
        ItemKind::Department,
        ItemKind::Category,
        ItemKind::Matter,
        ItemKind::Bundle,
        ItemKind::Counter,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Department => "department",
            ItemKind::Category => "category",
            ItemKind::Matter => "matter",
            ItemKind::Bundle => "bundle",
            ItemKind::Counter => "counter",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The Chinese word for the kind, for messages.
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Department => "部门",
            ItemKind::Category => "队列类别",
            ItemKind::Matter => "事项",
            ItemKind::Bundle => "一件事",
            ItemKind::Counter => "窗口",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Changed,
    /// Changed, and its 停用日期 was set by this change.
    Retired,
    Removed,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Changed => "changed",
            ChangeKind::Retired => "retired",
            ChangeKind::Removed => "removed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Added, Self::Changed, Self::Retired, Self::Removed]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// One field of an item, before and after (JSON `null` when the item did not exist).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDiff {
    pub field: String,
    pub before: Value,
    pub after: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemChange {
    pub kind: ItemKind,
    pub code: String,
    /// The item's name after the change (before it, for a removal).
    pub name: String,
    pub change: ChangeKind,
    pub fields: Vec<FieldDiff>,
    /// The whole item before and after, as stored in its history.
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Every item that differs between `old` and `new`, in kind order, then in `new`'s order
/// (removed items last, in `old`'s order).
pub fn diff(old: &CatalogDoc, new: &CatalogDoc) -> Vec<ItemChange> {
    let mut out = Vec::new();
    items(
        &mut out,
        ItemKind::Department,
        &old.departments,
        &new.departments,
    );
    items(
        &mut out,
        ItemKind::Category,
        &old.categories,
        &new.categories,
    );
    items(&mut out, ItemKind::Matter, &old.matters, &new.matters);
    items(&mut out, ItemKind::Bundle, &old.bundles, &new.bundles);
    items(&mut out, ItemKind::Counter, &old.counters, &new.counters);
    out
}

/// What the diff needs of an item.
pub trait Item: Serialize {
    fn code(&self) -> String;
    fn name(&self) -> &str;
}

macro_rules! item {
    ($t:ty) => {
        impl Item for $t {
            fn code(&self) -> String {
                self.code.to_string()
            }
            fn name(&self) -> &str {
                &self.name
            }
        }
    };
}
item!(Department);
item!(Category);
item!(Matter);
item!(Bundle);
item!(Counter);

fn items<T: Item>(out: &mut Vec<ItemChange>, kind: ItemKind, old: &[T], new: &[T]) {
    let old_by_code: std::collections::HashMap<String, &T> =
        old.iter().map(|i| (i.code(), i)).collect();
    let new_codes: std::collections::HashSet<String> = new.iter().map(Item::code).collect();
    for item in new {
        let code = item.code();
        let after = to_value(item);
        match old_by_code.get(&code) {
            None => out.push(ItemChange {
                kind,
                name: item.name().to_string(),
                change: ChangeKind::Added,
                fields: fields(&Value::Null, &after),
                before: None,
                after: Some(after),
                code,
            }),
            Some(previous) => {
                let before = to_value(*previous);
                let fields = fields(&before, &after);
                if fields.is_empty() {
                    continue;
                }
                let retired = fields
                    .iter()
                    .any(|f| f.field == "retired_on" && f.before.is_null() && !f.after.is_null());
                out.push(ItemChange {
                    kind,
                    name: item.name().to_string(),
                    change: if retired {
                        ChangeKind::Retired
                    } else {
                        ChangeKind::Changed
                    },
                    fields,
                    before: Some(before),
                    after: Some(after),
                    code,
                });
            }
        }
    }
    for item in old.iter().filter(|i| !new_codes.contains(&i.code())) {
        let before = to_value(item);
        out.push(ItemChange {
            kind,
            code: item.code(),
            name: item.name().to_string(),
            change: ChangeKind::Removed,
            fields: fields(&before, &Value::Null),
            before: Some(before),
            after: None,
        });
    }
}

fn to_value<T: Serialize>(item: &T) -> Value {
    // Catalog items are plain data: serialising them cannot fail.
    serde_json::to_value(item).unwrap_or(Value::Null)
}

/// Fields in the order a form shows them (JSON objects here are sorted by name).
const FIELD_ORDER: &[&str] = &[
    "name",
    "description",
    "department",
    "category",
    "kind",
    "conditions",
    "legal_limit_days",
    "promised_limit_days",
    "legal_extension_days",
    "excluded_steps",
    "visits",
    "fee_fen",
    "fee_note",
    "keywords",
    "materials",
    "matters",
    "partial_rejection",
    "categories",
    "created_on",
    "published_on",
    "retired_on",
];

/// The top-level fields whose values differ; a field absent on one side counts as `null`
/// (optional dates are left out of the JSON when unset).
fn fields(before: &Value, after: &Value) -> Vec<FieldDiff> {
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut names: Vec<&String> = a.keys().collect();
    names.extend(b.keys().filter(|k| !a.contains_key(*k)));
    names.sort_by_key(|k| {
        FIELD_ORDER
            .iter()
            .position(|f| f == k)
            .unwrap_or(FIELD_ORDER.len())
    });
    names
        .into_iter()
        .filter(|k| *k != "code")
        .filter_map(|k| {
            let bv = b.get(k).cloned().unwrap_or(Value::Null);
            let av = a.get(k).cloned().unwrap_or(Value::Null);
            (bv != av).then(|| FieldDiff {
                field: k.clone(),
                before: bv,
                after: av,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use chrono::NaiveDate;

    fn demo() -> CatalogDoc {
        Catalog::parse_toml(include_str!("../../../../catalog/demo.toml"))
            .unwrap()
            .into_doc()
    }

    #[test]
    fn identical_catalogs_have_no_changes() {
        assert!(diff(&demo(), &demo()).is_empty());
    }

    #[test]
    fn a_changed_limit_is_one_field_of_one_matter() {
        let old = demo();
        let mut new = old.clone();
        new.matters[0].promised_limit_days -= 1;
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 1);
        let c = &changes[0];
        assert_eq!((c.kind, c.change), (ItemKind::Matter, ChangeKind::Changed));
        assert_eq!(c.code, old.matters[0].code.to_string());
        assert_eq!(c.fields.len(), 1);
        assert_eq!(c.fields[0].field, "promised_limit_days");
        assert_eq!(
            c.fields[0].before,
            Value::from(old.matters[0].promised_limit_days)
        );
    }

    #[test]
    fn retiring_is_told_apart_from_other_changes() {
        let old = demo();
        let mut new = old.clone();
        new.matters[1].retired_on = NaiveDate::from_ymd_opt(2026, 11, 27);
        let c = &diff(&old, &new)[0];
        assert_eq!(c.change, ChangeKind::Retired);
        assert_eq!(c.fields[0].field, "retired_on");
        assert!(c.fields[0].before.is_null());
        // Bringing it back is an ordinary change.
        assert_eq!(diff(&new, &old)[0].change, ChangeKind::Changed);
    }

    #[test]
    fn added_and_removed_items_carry_every_field() {
        let old = demo();
        let mut new = old.clone();
        let gone = new.counters.pop().unwrap();
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].change, ChangeKind::Removed);
        assert_eq!(changes[0].code, gone.code.to_string());
        assert!(changes[0].fields.iter().any(|f| f.field == "name"));
        assert!(changes[0].after.is_none());
        let back = diff(&new, &old);
        assert_eq!(back[0].change, ChangeKind::Added);
        assert!(back[0].fields.iter().all(|f| f.before.is_null()));
    }

    #[test]
    fn kinds_parse_back() {
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(ItemKind::parse("matters"), None);
    }

    proptest::proptest! {
        /// Kind names parse back, and nothing but a kind name parses.
        #[test]
        fn kind_names_and_only_they_parse(s in crate::test_support::near(
            ItemKind::ALL.iter().map(|k| k.as_str())
                .chain(["added", "changed", "retired", "removed"])
                .collect(),
        )) {
            use crate::test_support::parses_only_names;
            parses_only_names(&ItemKind::ALL, ItemKind::as_str, ItemKind::parse, &s)?;
            parses_only_names(
                &[ChangeKind::Added, ChangeKind::Changed, ChangeKind::Retired, ChangeKind::Removed],
                ChangeKind::as_str,
                ChangeKind::parse,
                &s,
            )?;
        }
    }
}
