//! The audit chain (审计链): an append-only log in which every entry holds the hash of the one
//! before it, so that an edited, inserted or deleted entry shows up and can be named.
//!
//! `hash = SHA-256(prev_hash || canonical bytes)`, both hashes as lowercase hex; the first entry
//! (seq 1) has [`GENESIS`] as its previous hash. The canonical bytes are the compact JSON array
//! `[seq, at, actor, action, subject, detail]` (time as UTC with microseconds, object keys of
//! the detail sorted), so they do not depend on the database that stores the entry.

use chrono::{DateTime, SubsecRound, Utc};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The previous hash of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The actor of changes made without a staff member behind them (or where the change itself
/// does not say who; the request entry next to it does).
pub const SYSTEM: &str = "system";
/// The actor of requests without a token (a citizen on a public page).
pub const PUBLIC: &str = "public";

/// One entry as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: Value,
    pub prev_hash: String,
    pub hash: String,
}

/// The last entry of the chain as the store remembers it apart from the log itself, so that
/// dropping entries from the end is noticed too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    pub seq: i64,
    pub hash: String,
}

/// Time as it enters the chain: microseconds, the precision both databases keep.
pub fn chain_time(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

fn time_text(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// The detail as stored and hashed: compact JSON with sorted keys.
pub fn detail_text(detail: &Value) -> String {
    // serde_json's map is ordered by key (no `preserve_order`), so this is canonical.
    detail.to_string()
}

/// The bytes an entry's hash covers besides the previous hash.
pub fn canonical_bytes(
    seq: i64,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &Value,
) -> Vec<u8> {
    serde_json::json!([seq, time_text(at), actor, action, subject, detail])
        .to_string()
        .into_bytes()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `SHA-256(prev_hash || canonical bytes)` in lowercase hex.
pub fn entry_hash(
    prev_hash: &str,
    seq: i64,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &Value,
) -> String {
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(canonical_bytes(seq, at, actor, action, subject, detail));
    hex(&h.finalize())
}

impl AuditEntry {
    /// The entry that follows `prev` (None: the first one).
    pub fn next(
        prev: Option<&AuditHead>,
        at: DateTime<Utc>,
        actor: &str,
        action: &str,
        subject: &str,
        detail: Value,
    ) -> AuditEntry {
        let (seq, prev_hash) = match prev {
            Some(h) => (h.seq + 1, h.hash.clone()),
            None => (1, GENESIS.to_string()),
        };
        let at = chain_time(at);
        let hash = entry_hash(&prev_hash, seq, at, actor, action, subject, &detail);
        AuditEntry {
            seq,
            at,
            actor: actor.to_string(),
            action: action.to_string(),
            subject: subject.to_string(),
            detail,
            prev_hash,
            hash,
        }
    }

    /// Does the stored hash match what the entry says?
    pub fn content_ok(&self) -> bool {
        entry_hash(
            &self.prev_hash,
            self.seq,
            self.at,
            &self.actor,
            &self.action,
            &self.subject,
            &self.detail,
        ) == self.hash
    }

    pub fn head(&self) -> AuditHead {
        AuditHead {
            seq: self.seq,
            hash: self.hash.clone(),
        }
    }
}

/// The detail as it may be kept: every string in it passed through
/// [`crate::privacy::scrub_text`] (ID numbers and mobile numbers masked), and values under keys
/// that name secrets dropped.
pub fn scrub_detail(detail: &Value) -> Value {
    match detail {
        Value::String(s) => Value::String(crate::privacy::scrub_text(s)),
        Value::Array(items) => Value::Array(items.iter().map(scrub_detail).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let key = k.to_ascii_lowercase();
                    let secret = key == "pin"
                        || ["password", "token", "secret"]
                            .iter()
                            .any(|s| key.contains(s));
                    let v = if secret {
                        Value::String("***".into())
                    } else {
                        scrub_detail(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The entry's content no longer matches its hash (or its hash no longer matches the
    /// link its successor holds).
    Edited,
    /// The entry is not part of the chain: its successor links past it, or it lies beyond
    /// the recorded head.
    Inserted,
    /// The entry with this seq is missing.
    Deleted,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Edited => "edited",
            FindingKind::Inserted => "inserted",
            FindingKind::Deleted => "deleted",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FindingKind::Edited => "被修改",
            FindingKind::Inserted => "被插入",
            FindingKind::Deleted => "被删除",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub seq: i64,
    pub kind: FindingKind,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "第 {} 条{}（{}）",
            self.seq,
            self.kind.label(),
            self.kind.as_str()
        )
    }
}

/// Checks a chain given in storage order (ascending seq) against the head the store recorded
/// (None: no head was recorded, so the end of the log is trusted). Empty when intact.
pub fn verify(entries: &[AuditEntry], head: Option<&AuditHead>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let link_before = |i: usize| -> &str {
        if i == 0 {
            GENESIS
        } else {
            &entries[i - 1].hash
        }
    };

    // Pass 1: entries that are not part of the chain.
    let mut inserted = vec![false; entries.len()];
    for (i, e) in entries.iter().enumerate() {
        let beyond_head = head.is_some_and(|h| e.seq > h.seq);
        let skipped = entries
            .get(i + 1)
            .is_some_and(|next| next.prev_hash != e.hash && next.prev_hash == link_before(i));
        if beyond_head || skipped {
            inserted[i] = true;
            findings.push(Finding {
                seq: e.seq,
                kind: FindingKind::Inserted,
            });
        }
    }

    // Pass 2: the chain without them.
    let mut prev: Option<&AuditEntry> = None;
    let mut prev_edited = false;
    for (i, e) in entries.iter().enumerate() {
        if inserted[i] {
            continue;
        }
        let expected_seq = prev.map_or(1, |p| p.seq + 1);
        let expected_link = prev.map_or(GENESIS, |p| p.hash.as_str());
        if e.seq > expected_seq {
            for seq in expected_seq..e.seq {
                findings.push(Finding {
                    seq,
                    kind: FindingKind::Deleted,
                });
            }
        }
        if !e.content_ok() {
            findings.push(Finding {
                seq: e.seq,
                kind: FindingKind::Edited,
            });
            prev_edited = true;
        } else {
            if e.seq < expected_seq {
                findings.push(Finding {
                    seq: e.seq,
                    kind: FindingKind::Inserted,
                });
                continue;
            }
            if e.seq == expected_seq && e.prev_hash != expected_link && !prev_edited {
                // The predecessor was rewritten together with its hash.
                if let Some(p) = prev {
                    findings.push(Finding {
                        seq: p.seq,
                        kind: FindingKind::Edited,
                    });
                }
            }
            prev_edited = false;
        }
        prev = Some(e);
    }
    if let Some(h) = head {
        let last_seq = prev.map_or(0, |p| p.seq);
        if h.seq > last_seq {
            for seq in last_seq + 1..=h.seq {
                findings.push(Finding {
                    seq,
                    kind: FindingKind::Deleted,
                });
            }
        } else if let Some(p) = prev {
            if h.seq == p.seq && h.hash != p.hash && !prev_edited {
                findings.push(Finding {
                    seq: p.seq,
                    kind: FindingKind::Edited,
                });
            }
        }
    }
    findings.sort_by_key(|f| (f.seq, f.kind.as_str()));
    findings.dedup();
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;
    use serde_json::json;

    fn chain(n: usize) -> Vec<AuditEntry> {
        let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).unwrap();
        let mut out: Vec<AuditEntry> = Vec::new();
        for i in 0..n {
            let e = AuditEntry::next(
                out.last().map(AuditEntry::head).as_ref(),
                t0 + chrono::Duration::milliseconds(1234 * i as i64),
                if i % 2 == 0 { "user:admin" } else { SYSTEM },
                "ticket_called",
                &format!("ticket:{i}"),
                json!({"number": format!("A{i:03}"), "n": i}),
            );
            out.push(e);
        }
        out
    }

    fn head(c: &[AuditEntry]) -> Option<AuditHead> {
        c.last().map(AuditEntry::head)
    }

    #[test]
    fn an_intact_chain_has_no_findings() {
        for n in 0..6 {
            let c = chain(n);
            assert!(verify(&c, head(&c).as_ref()).is_empty());
            assert!(verify(&c, None).is_empty());
        }
        assert_eq!(chain(1)[0].prev_hash, GENESIS);
        assert_eq!(chain(1)[0].hash.len(), 64);
    }

    #[test]
    fn details_keep_no_secrets_or_id_numbers() {
        let d = scrub_detail(&json!({
            "password": "hunter2", "access_token": "abc",
            "note": "身份证 110101199003074514 电话 13812345678", "n": 3
        }));
        let text = d.to_string();
        assert!(!text.contains("hunter2") && !text.contains("abc"));
        assert!(!text.contains("110101199003074514") && !text.contains("13812345678"));
        assert_eq!(d["n"], 3);
    }

    #[test]
    fn canonical_bytes_sort_detail_keys() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let a = canonical_bytes(1, t, "system", "x", "s", &json!({"b": 1, "a": 2}));
        let b = canonical_bytes(1, t, "system", "x", "s", &json!({"a": 2, "b": 1}));
        assert_eq!(a, b);
        assert_eq!(
            String::from_utf8(a).unwrap(),
            r#"[1,"2026-01-01T00:00:00.000000Z","system","x","s",{"a":2,"b":1}]"#
        );
    }

    #[test]
    fn an_edited_detail_is_named() {
        let mut c = chain(5);
        let h = head(&c);
        c[2].detail = json!({"number": "A999"});
        assert_eq!(
            verify(&c, h.as_ref()),
            vec![Finding {
                seq: 3,
                kind: FindingKind::Edited
            }]
        );
    }

    #[test]
    fn an_entry_rewritten_with_its_hash_is_named() {
        let mut c = chain(5);
        let h = head(&c);
        c[1].actor = "user:someone".into();
        c[1].hash = entry_hash(
            &c[1].prev_hash,
            c[1].seq,
            c[1].at,
            &c[1].actor,
            &c[1].action,
            &c[1].subject,
            &c[1].detail,
        );
        assert_eq!(
            verify(&c, h.as_ref()),
            vec![Finding {
                seq: 2,
                kind: FindingKind::Edited
            }]
        );
    }

    #[test]
    fn deleted_and_forged_entries_are_named() {
        let c = chain(6);
        let h = head(&c);
        let mut d = c.clone();
        d.remove(3);
        assert_eq!(
            verify(&d, h.as_ref()),
            vec![Finding {
                seq: 4,
                kind: FindingKind::Deleted
            }]
        );
        let mut f = c.clone();
        let forged = AuditEntry::next(
            Some(&c[5].head()),
            c[5].at,
            SYSTEM,
            "forged",
            "x",
            json!({}),
        );
        f.push(forged);
        assert_eq!(
            verify(&f, h.as_ref()),
            vec![Finding {
                seq: 7,
                kind: FindingKind::Inserted
            }]
        );
        assert_eq!(
            verify(&[], h.as_ref()).len(),
            6,
            "an emptied log misses every entry"
        );
    }

    #[derive(Debug, Clone)]
    enum Tamper {
        Edit { at: usize, field: u8 },
        Delete { at: usize },
        Insert { at: usize, linked: bool },
    }

    fn tamper() -> impl Strategy<Value = (usize, Tamper)> {
        (1usize..12).prop_flat_map(|n| {
            (
                Just(n),
                prop_oneof![
                    (0..n, 0u8..7).prop_map(|(at, field)| Tamper::Edit { at, field }),
                    (0..n).prop_map(|at| Tamper::Delete { at }),
                    (0..=n, any::<bool>()).prop_map(|(at, linked)| Tamper::Insert { at, linked }),
                ],
            )
        })
    }

    proptest! {
        #[test]
        fn any_single_tampering_is_found_and_located((n, t) in tamper(), word in "[a-z]{1,8}") {
            let mut c = chain(n);
            let h = head(&c);
            let expected = match t {
                Tamper::Edit { at, field } => {
                    let e = &mut c[at];
                    match field {
                        0 => e.actor = format!("{}{word}", e.actor),
                        1 => e.action = format!("{}{word}", e.action),
                        2 => e.subject = format!("{}{word}", e.subject),
                        3 => e.detail = json!({"forged": word}),
                        4 => e.at += chrono::Duration::seconds(1),
                        5 => e.prev_hash = format!("{:0>64}", word),
                        _ => e.hash = format!("{:0>64}", word),
                    }
                    Finding { seq: e.seq, kind: FindingKind::Edited }
                }
                Tamper::Delete { at } => {
                    let e = c.remove(at);
                    Finding { seq: e.seq, kind: FindingKind::Deleted }
                }
                Tamper::Insert { at, linked } => {
                    // A forged row: at the end it takes the next seq; inside the log (where
                    // every seq is taken) it repeats its predecessor's, as a table without the
                    // key would allow. Linked: the forger computed a proper hash on top of its
                    // predecessor.
                    let prev = if at == 0 { None } else { Some(c[at - 1].head()) };
                    let mut e = AuditEntry::next(prev.as_ref(), c[0].at, SYSTEM, "forged", &word, json!({}));
                    if at > 0 && at < n {
                        e.seq = c[at - 1].seq;
                    } else if at == 0 {
                        e.seq = 0;
                    }
                    if !linked {
                        e.prev_hash = format!("{:0>64}", word);
                        e.hash = format!("{:f>64}", word);
                    }
                    let f = Finding { seq: e.seq, kind: FindingKind::Inserted };
                    c.insert(at, e);
                    f
                }
            };
            prop_assert_eq!(verify(&c, h.as_ref()), vec![expected]);
        }
    }
}
