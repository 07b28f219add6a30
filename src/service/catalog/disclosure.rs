//! The administrator's view of the 20-day disclosure rule over the whole catalog, drafts
//! included.

use super::public::loaded;
use crate::context::AppContext;
use crate::error::AppResult;
use crate::service::views::{CatalogDisclosureItemView, CatalogDisclosureView};
use crate::service::Principal;
use chrono::NaiveDate;
use onetrip_domain::catalog::disclosure::{
    disclosure_deadline, disclosure_status, DisclosureStatus, DISCLOSURE_DAYS,
};
use onetrip_domain::catalog::CatalogDoc;
use onetrip_domain::Role;

/// Admin: every matter and bundle with its dates and 20-day status, flagged ones first.
pub async fn disclosure(ctx: &AppContext, who: &Principal) -> AppResult<CatalogDisclosureView> {
    who.require_any(&[Role::Admin])?;
    let today = ctx.today().date();
    let doc = {
        let mut tx = ctx.store.begin_read().await?;
        loaded(tx.catalog_document().await?)?
    };
    let dept = |code: &str| {
        doc.departments
            .iter()
            .find(|d| d.code.as_str() == code)
            .map(|d| d.name.clone())
            .unwrap_or_default()
    };
    let mut items: Vec<CatalogDisclosureItemView> = doc
        .matters
        .iter()
        .map(|m| {
            let base = Item {
                code: m.code.as_str(),
                name: &m.name,
                kind: "matter",
                department_name: dept(m.department.as_str()),
            };
            item(&doc, base, m.created_on, m.published_on, today)
        })
        .chain(doc.bundles.iter().map(|b| {
            let base = Item {
                code: b.code.as_str(),
                name: &b.name,
                kind: "bundle",
                department_name: String::new(),
            };
            item(&doc, base, b.created_on, b.published_on, today)
        }))
        .collect();
    // Stable: unflagged items keep catalog order.
    items.sort_by_key(|i| (!i.flagged, -i.days_over.unwrap_or(0)));
    Ok(CatalogDisclosureView {
        version: doc.version.clone(),
        today,
        allowed_days: DISCLOSURE_DAYS,
        flagged: items.iter().filter(|i| i.flagged).count(),
        items,
    })
}

struct Item<'a> {
    code: &'a str,
    name: &'a str,
    kind: &'static str,
    department_name: String,
}

fn item(
    doc: &CatalogDoc,
    base: Item,
    created_on: Option<NaiveDate>,
    published_on: Option<NaiveDate>,
    today: NaiveDate,
) -> CatalogDisclosureItemView {
    let created_on = doc.created_on(created_on);
    let status = created_on.map(|c| disclosure_status(c, published_on, today));
    CatalogDisclosureItemView {
        code: base.code.to_string(),
        name: base.name.to_string(),
        kind: base.kind.to_string(),
        department_name: base.department_name,
        created_on,
        published_on,
        deadline: created_on.map(disclosure_deadline),
        status: status.map_or("undated", |s| s.as_str()).to_string(),
        days_over: match status {
            Some(DisclosureStatus::Late { days } | DisclosureStatus::Overdue { days }) => {
                Some(days)
            }
            _ => None,
        },
        days_left: match status {
            Some(DisclosureStatus::Pending { days_left }) => Some(days_left),
            _ => None,
        },
        flagged: status.is_some_and(|s| s.is_flagged()),
    }
}
