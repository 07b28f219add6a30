//! The materials checklist of an application and what the clerk's ticks on it decide:
//! 受理, 容缺受理 with a pledge, or 一次性告知 listing everything missing.

use super::CaseError;
use crate::catalog::{Material, Matter};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Where a material of the checklist stands at the counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialState {
    Provided,
    Missing,
    /// The applicant pledges to hand it in later (容缺); only a deferrable material may be.
    Deferred,
}

impl MaterialState {
    pub fn as_str(self) -> &'static str {
        match self {
            MaterialState::Provided => "provided",
            MaterialState::Missing => "missing",
            MaterialState::Deferred => "deferred",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "provided" => Some(MaterialState::Provided),
            "missing" => Some(MaterialState::Missing),
            "deferred" => Some(MaterialState::Deferred),
            _ => None,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            MaterialState::Provided => "已提交",
            MaterialState::Missing => "未提交",
            MaterialState::Deferred => "容缺后补",
        }
    }
}

/// The clerk's tick on one checklist line, by the checklist's material code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialTick {
    pub code: String,
    pub state: MaterialState,
}

/// What the ticks decide at the counter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum IntakeOutcome {
    /// 受理: every required material is provided.
    Accept,
    /// 容缺受理: only deferrable materials are not provided; the case is accepted and the
    /// applicant pledges to supply these (in checklist order) by a deadline.
    AcceptWithPledge { deferred: Vec<Material> },
    /// 一次性告知: no case. Lists every material that blocks acceptance, in checklist order,
    /// so the applicant comes back once. Deferrable materials do not block and are not
    /// listed; [`pledgeable`] tells which of them could be pledged on the next visit.
    Incomplete { missing: Vec<MissingItem> },
}

/// A line of the 一次性告知书.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingItem {
    pub code: String,
    pub name: String,
    pub reason: MissingReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingReason {
    /// Required and not provided.
    Missing,
    /// Ticked "deferred", but the matter does not allow this material to be supplied later.
    NotDeferrable,
}

impl MissingReason {
    pub fn as_str(self) -> &'static str {
        match self {
            MissingReason::Missing => "missing",
            MissingReason::NotDeferrable => "not_deferrable",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            MissingReason::Missing => "未提交",
            MissingReason::NotDeferrable => "不适用容缺，须当场提交",
        }
    }
}

/// The one checklist of an application to several matters (a 一件事 bundle) or to one.
///
/// Materials are deduplicated by code, in order of first appearance, and the first listing
/// gives the name, counts and note. A material is required if any matter requires it, and
/// deferrable only if every matter that *requires* it lets it be deferred. (Optional listings
/// do not vote: the catalog forbids marking an optional material deferrable, so they would
/// always say no, and a material one department may have later while another does not need it
/// at all can be had later.) The result keeps the catalog's rule: deferrable implies required.
///
/// The catalog numbers materials per matter (`01`, `02`, … in every matter), so one code may
/// name different documents in different matters. Two listings are therefore the same material
/// only if their code *and* name agree; a listing whose code is already taken by a different
/// material gets the code `<matter code>/<material code>` (e.g. `SCJGJ-002/01`), so every code
/// in the result is unique and names one document. A catalog with hall-wide material codes is
/// deduplicated purely by code.
pub fn checklist(matters: &[&Matter]) -> Vec<Material> {
    struct Group<'a> {
        merged: Material,
        listings: Vec<&'a Material>,
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<(&str, &str), usize> = HashMap::new();
    let mut codes: HashSet<String> = HashSet::new();
    for matter in matters {
        for m in &matter.materials {
            let key = (m.code.trim(), m.name.trim());
            if let Some(&i) = by_key.get(&key) {
                groups[i].listings.push(m);
                continue;
            }
            let mut code = key.0.to_string();
            if codes.contains(&code) {
                code = format!("{}/{}", matter.code, key.0);
                // Only a catalog whose material codes themselves contain "/" gets here.
                while codes.contains(&code) {
                    code.push('\'');
                }
            }
            codes.insert(code.clone());
            by_key.insert(key, groups.len());
            groups.push(Group {
                merged: Material { code, ..m.clone() },
                listings: vec![m],
            });
        }
    }
    groups
        .into_iter()
        .map(|g| {
            let required = g.listings.iter().any(|m| m.required);
            let deferrable = required
                && g.listings
                    .iter()
                    .filter(|m| m.required)
                    .all(|m| m.deferrable);
            Material {
                required,
                deferrable,
                ..g.merged
            }
        })
        .collect()
}

/// Decides the intake from the clerk's ticks.
///
/// A required material with no tick counts as missing; a material that is not required never
/// blocks, whatever its tick. A required deferrable material that is missing or deferred goes
/// on the pledge; a required material that is not deferrable blocks when missing
/// ([`MissingReason::Missing`]) or ticked deferred ([`MissingReason::NotDeferrable`]).
/// A tick for a code not on the checklist, or a second tick for one code, is an error: the
/// counter page and the checklist disagree, and guessing would misstate the application.
pub fn evaluate(
    checklist: &[Material],
    ticks: &[MaterialTick],
) -> Result<IntakeOutcome, CaseError> {
    let states = tick_states(checklist, ticks)?;
    let mut missing = Vec::new();
    let mut deferred = Vec::new();
    for m in checklist.iter().filter(|m| m.required) {
        let state = states
            .get(m.code.trim())
            .copied()
            .unwrap_or(MaterialState::Missing);
        let reason = match (state, m.deferrable) {
            (MaterialState::Provided, _) => continue,
            (_, true) => {
                deferred.push(m.clone());
                continue;
            }
            (MaterialState::Missing, false) => MissingReason::Missing,
            (MaterialState::Deferred, false) => MissingReason::NotDeferrable,
        };
        missing.push(MissingItem {
            code: m.code.clone(),
            name: m.name.clone(),
            reason,
        });
    }
    Ok(if !missing.is_empty() {
        IntakeOutcome::Incomplete { missing }
    } else if !deferred.is_empty() {
        IntakeOutcome::AcceptWithPledge { deferred }
    } else {
        IntakeOutcome::Accept
    })
}

/// The required deferrable materials not provided: what may be pledged instead of handed in.
/// With an [`IntakeOutcome::Incomplete`], the 一次性告知书 can say which of the other items
/// may be pledged on the next visit. Ticks for unknown codes are ignored here
/// ([`evaluate`] reports them).
pub fn pledgeable(checklist: &[Material], ticks: &[MaterialTick]) -> Vec<Material> {
    let provided: HashSet<&str> = ticks
        .iter()
        .filter(|t| t.state == MaterialState::Provided)
        .map(|t| t.code.trim())
        .collect();
    checklist
        .iter()
        .filter(|m| m.required && m.deferrable && !provided.contains(m.code.trim()))
        .cloned()
        .collect()
}

fn tick_states<'a>(
    checklist: &[Material],
    ticks: &'a [MaterialTick],
) -> Result<HashMap<&'a str, MaterialState>, CaseError> {
    let known: HashSet<&str> = checklist.iter().map(|m| m.code.trim()).collect();
    let mut states = HashMap::new();
    for t in ticks {
        let code = t.code.trim();
        if !known.contains(code) {
            return Err(CaseError::UnknownMaterial(code.to_string()));
        }
        if states.insert(code, t.state).is_some() {
            return Err(CaseError::DuplicateMaterial(code.to_string()));
        }
    }
    Ok(states)
}

#[cfg(test)]
mod tests;
