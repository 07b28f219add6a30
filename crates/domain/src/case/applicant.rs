//! Who applies: a person (with a resident ID) or an organisation (with a unified social credit
//! code), and what of them a public screen may show.

use super::CaseError;
use crate::identity::{CreditCode, IdNumber, PersonName, Phone};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An organisation's registered name, e.g. 某某餐饮管理有限公司: 2–100 characters after
/// trimming, no control characters. Organisations' names are public, so it is never masked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrgName(String);

impl OrgName {
    /// Registered names are short; 100 is the catalog's limit for names, too.
    pub const MAX_CHARS: usize = 100;
    /// No registered organisation has a one-character name; a single character is a slip.
    pub const MIN_CHARS: usize = 2;

    pub fn parse(s: &str) -> Result<Self, CaseError> {
        let t = s.trim();
        let len = t.chars().count();
        if !(Self::MIN_CHARS..=Self::MAX_CHARS).contains(&len) || t.chars().any(char::is_control) {
            return Err(CaseError::InvalidOrgName);
        }
        Ok(Self(t.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrgName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for OrgName {
    type Error = CaseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<OrgName> for String {
    fn from(n: OrgName) -> Self {
        n.0
    }
}

/// 申请人. Every part is a parsed value, so an applicant that exists has a valid ID number or
/// credit code. `Debug` masks the personal parts (their own `Debug` does); serde writes them
/// in full, for the store and staff screens — public answers use [`Applicant::masked`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Applicant {
    Person {
        name: PersonName,
        id_number: IdNumber,
        phone: Phone,
    },
    Organisation {
        name: OrgName,
        credit_code: CreditCode,
        legal_representative: PersonName,
        /// The contact phone for the case (the representative's or an agent's).
        phone: Phone,
    },
}

/// What a public screen or the citizen's tracking page may show of an applicant: people are
/// masked by the hall's rules (张*三, 110105********002X, 138****1234); an organisation's name
/// and credit code are public records, its representative and phone are a person's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MaskedApplicant {
    Person {
        name: String,
        id_number: String,
        phone: String,
    },
    Organisation {
        name: String,
        credit_code: String,
        legal_representative: String,
        phone: String,
    },
}

impl Applicant {
    pub fn masked(&self) -> MaskedApplicant {
        match self {
            Applicant::Person {
                name,
                id_number,
                phone,
            } => MaskedApplicant::Person {
                name: name.masked(),
                id_number: id_number.masked(),
                phone: phone.masked(),
            },
            Applicant::Organisation {
                name,
                credit_code,
                legal_representative,
                phone,
            } => MaskedApplicant::Organisation {
                name: name.to_string(),
                credit_code: credit_code.to_string(),
                legal_representative: legal_representative.masked(),
                phone: phone.masked(),
            },
        }
    }

    /// The name staff see in lists: the person's or the organisation's, in full.
    pub fn display_name(&self) -> &str {
        match self {
            Applicant::Person { name, .. } => name.as_str(),
            Applicant::Organisation { name, .. } => name.as_str(),
        }
    }

    /// The ID number or credit code: what identifies the applicant across cases.
    pub fn document_number(&self) -> &str {
        match self {
            Applicant::Person { id_number, .. } => id_number.as_str(),
            Applicant::Organisation { credit_code, .. } => credit_code.as_str(),
        }
    }

    pub fn phone(&self) -> &Phone {
        match self {
            Applicant::Person { phone, .. } | Applicant::Organisation { phone, .. } => phone,
        }
    }

    /// `"person"` or `"organisation"`, as in the serde tag.
    pub fn kind(&self) -> &'static str {
        match self {
            Applicant::Person { .. } => "person",
            Applicant::Organisation { .. } => "organisation",
        }
    }
}

impl MaskedApplicant {
    /// The name a public screen shows: the masked person's or the organisation's.
    pub fn display_name(&self) -> &str {
        match self {
            MaskedApplicant::Person { name, .. } | MaskedApplicant::Organisation { name, .. } => {
                name
            }
        }
    }
}

#[cfg(test)]
mod tests;
