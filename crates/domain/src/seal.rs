//! The seal on the hall's documents: the QR on every paper carries a compact payload signed
//! with the hall's Ed25519 key, so anyone holding the published public keys can tell an
//! authentic document from an altered one offline (the pattern of the EU Digital COVID
//! Certificate). Key storage is the caller's business; this module only signs and checks.
//!
//! A seal reads `1.<kind>.<subject>.<yyyymmdd>.<digest>.<key id>.<signature>`: the format
//! version, the document kind, what it is about (a case number, or `N<id>` for a notice given
//! without a case), the issue date, 16 bytes of SHA-256 over the document's key fields, the
//! signing key's id, and the Ed25519 signature over everything before it (base64url).

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine as _;
use chrono::NaiveDate;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

const VERSION: &str = "1";
const DIGEST_LEN: usize = 16;

/// What a seal says about its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealClaims {
    /// e.g. `acceptance`, `completion`: lower-case ASCII letters and underscores.
    pub kind: String,
    /// A case number, or `N<id>` for a notice without a case: ASCII letters, digits, `-`.
    pub subject: String,
    pub issued_on: NaiveDate,
    pub digest: [u8; DIGEST_LEN],
}

/// One of the hall's public keys as published: its id and whether it was revoked.
#[derive(Debug, Clone)]
pub struct PublicKey {
    pub id: String,
    pub key: VerifyingKey,
    pub revoked: bool,
}

/// The answer a verifier gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Authentic(SealClaims),
    /// Well formed, signed by a known key, but the signature does not match: altered.
    Altered,
    UnknownKey,
    Revoked(SealClaims),
    /// Not a seal of this format at all.
    Malformed,
}

/// The id of a public key: the first 8 hex digits of its SHA-256.
pub fn key_id(key: &VerifyingKey) -> String {
    let hash = Sha256::digest(key.as_bytes());
    hash[..4].iter().map(|b| format!("{b:02x}")).collect()
}

/// 16 bytes of SHA-256 over the document's key fields, each length-prefixed so that moving a
/// character from one field to the next changes the digest.
pub fn digest(fields: &[&str]) -> [u8; DIGEST_LEN] {
    let mut h = Sha256::new();
    for f in fields {
        h.update((f.len() as u64).to_be_bytes());
        h.update(f.as_bytes());
    }
    let full = h.finalize();
    let mut out = [0u8; DIGEST_LEN];
    out.copy_from_slice(&full[..DIGEST_LEN]);
    out
}

fn valid_kind(kind: &str) -> bool {
    !kind.is_empty()
        && kind.len() <= 32
        && kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

fn valid_subject(subject: &str) -> bool {
    !subject.is_empty()
        && subject.len() <= 40
        && subject
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn signed_part(c: &SealClaims, key_id: &str) -> String {
    format!(
        "{VERSION}.{}.{}.{}.{}.{key_id}",
        c.kind,
        c.subject,
        c.issued_on.format("%Y%m%d"),
        B64.encode(c.digest)
    )
}

/// Seals the claims with `key`. Panics only on claims no caller should build (an empty or
/// non-ASCII kind or subject), which is a bug, not input.
pub fn seal(claims: &SealClaims, key: &SigningKey) -> String {
    assert!(valid_kind(&claims.kind), "seal kind {:?}", claims.kind);
    assert!(
        valid_subject(&claims.subject),
        "seal subject {:?}",
        claims.subject
    );
    let body = signed_part(claims, &key_id(&key.verifying_key()));
    let signature = key.sign(body.as_bytes());
    format!("{body}.{}", B64.encode(signature.to_bytes()))
}

struct Parsed {
    claims: SealClaims,
    key_id: String,
    body_len: usize,
    signature: Signature,
}

fn parse(seal: &str) -> Option<Parsed> {
    let parts: Vec<&str> = seal.split('.').collect();
    let [version, kind, subject, date, digest, key_id, signature] = parts.as_slice() else {
        return None;
    };
    if *version != VERSION || !valid_kind(kind) || !valid_subject(subject) {
        return None;
    }
    let issued_on = NaiveDate::parse_from_str(date, "%Y%m%d").ok()?;
    let digest: [u8; DIGEST_LEN] = B64.decode(digest).ok()?.try_into().ok()?;
    let signature: [u8; 64] = B64.decode(signature).ok()?.try_into().ok()?;
    if key_id.len() != 8 || !key_id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    Some(Parsed {
        claims: SealClaims {
            kind: kind.to_string(),
            subject: subject.to_string(),
            issued_on,
            digest,
        },
        key_id: key_id.to_string(),
        body_len: seal.len() - signature_len(seal),
        signature: Signature::from_bytes(&signature),
    })
}

fn signature_len(seal: &str) -> usize {
    seal.rsplit('.').next().map_or(0, |s| s.len() + 1)
}

/// Checks a seal (or a URL ending in `?s=<seal>` / `&s=<seal>`, as printed in the QR) against
/// the hall's published keys.
pub fn verify(seal_or_url: &str, keys: &[PublicKey]) -> Verdict {
    let seal = extract(seal_or_url.trim());
    let Some(p) = parse(seal) else {
        return Verdict::Malformed;
    };
    let Some(key) = keys.iter().find(|k| k.id == p.key_id) else {
        return Verdict::UnknownKey;
    };
    if key
        .key
        .verify(&seal.as_bytes()[..p.body_len], &p.signature)
        .is_err()
    {
        return Verdict::Altered;
    }
    if key.revoked {
        Verdict::Revoked(p.claims)
    } else {
        Verdict::Authentic(p.claims)
    }
}

/// The seal inside a printed URL (`…?s=<seal>`), or the text itself.
pub fn extract(text: &str) -> &str {
    match text.rsplit_once("s=") {
        Some((before, seal)) if before.ends_with('?') || before.ends_with('&') => {
            seal.split('&').next().unwrap_or(seal)
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(n: u8) -> SigningKey {
        SigningKey::from_bytes(&[n; 32])
    }

    fn claims() -> SealClaims {
        SealClaims {
            kind: "completion".into(),
            subject: "20261127-00042".into(),
            issued_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            digest: digest(&["20261127-00042", "张三", "企业开办一件事"]),
        }
    }

    fn published(k: &SigningKey, revoked: bool) -> PublicKey {
        PublicKey {
            id: key_id(&k.verifying_key()),
            key: k.verifying_key(),
            revoked,
        }
    }

    #[test]
    fn a_seal_verifies_with_its_key_and_inside_a_url() {
        let k = key(7);
        let s = seal(&claims(), &k);
        assert!(s.starts_with("1.completion.20261127-00042.20261127."));
        assert_eq!(
            verify(&s, &[published(&k, false)]),
            Verdict::Authentic(claims())
        );
        let url = format!("https://hall.example.gov.cn/track/ABCD?s={s}");
        assert_eq!(
            verify(&url, &[published(&k, false)]),
            Verdict::Authentic(claims())
        );
    }

    #[test]
    fn unknown_revoked_and_malformed_are_told_apart() {
        let s = seal(&claims(), &key(7));
        assert_eq!(
            verify(&s, &[published(&key(8), false)]),
            Verdict::UnknownKey
        );
        assert_eq!(
            verify(&s, &[published(&key(7), true)]),
            Verdict::Revoked(claims())
        );
        assert_eq!(verify("hello", &[]), Verdict::Malformed);
        assert_eq!(verify("", &[]), Verdict::Malformed);
    }

    #[test]
    fn the_digest_separates_fields() {
        assert_ne!(digest(&["ab", "c"]), digest(&["a", "bc"]));
    }

    proptest! {
        /// Changing any one character of the signed part is detected.
        #[test]
        fn any_changed_byte_is_detected(pos in 0usize..200, replacement in "[0-9A-Za-z_-]") {
            let k = key(3);
            let s = seal(&claims(), &k);
            let pos = pos % s.len();
            let mut bytes = s.clone().into_bytes();
            let new = replacement.as_bytes()[0];
            prop_assume!(bytes[pos] != new && bytes[pos] != b'.');
            bytes[pos] = new;
            let altered = String::from_utf8(bytes).unwrap();
            let verdict = verify(&altered, &[published(&k, false)]);
            prop_assert!(!matches!(verdict, Verdict::Authentic(_)), "{altered} passed");
        }

        /// Whatever a scanner hands over, the decoder answers and nothing it did not sign
        /// passes; `extract` returns a piece of its input.
        #[test]
        fn arbitrary_text_never_passes(text in prop_oneof![
            "\\PC{0,120}",
            "[0-9a-z_.?&=s-]{0,120}",
            // Seven dotted parts shaped like a seal, signed by no one.
            "1\\.[a-z_]{1,10}\\.[A-Za-z0-9-]{1,20}\\.[0-9]{8}\\.[A-Za-z0-9_-]{22}\\.[0-9a-f]{8}\\.[A-Za-z0-9_-]{86}",
        ]) {
            let k = key(3);
            let keys = [published(&k, false), published(&key(4), true)];
            let inner = extract(&text);
            let start = inner.as_ptr() as usize - text.as_ptr() as usize;
            prop_assert!(start + inner.len() <= text.len());
            let verdict = verify(&text, &keys);
            prop_assert!(
                !matches!(verdict, Verdict::Authentic(_) | Verdict::Revoked(_)),
                "{text:?} gave {verdict:?}"
            );
            let url = format!("https://hall.example.gov.cn/track/X?s={text}");
            let verdict = verify(&url, &keys);
            prop_assert!(!matches!(verdict, Verdict::Authentic(_) | Verdict::Revoked(_)));
        }

        /// One byte replaced, inserted or removed anywhere in a sealed URL: if the result is
        /// still text, it verifies as the original claims only when the seal itself is intact.
        #[test]
        fn a_mutated_sealed_url_never_verifies_as_something_else(
            edit in 0u8..3,
            pos in any::<prop::sample::Index>(),
            byte in any::<u8>(),
        ) {
            let k = key(3);
            let keys = [published(&k, false)];
            let sealed = seal(&claims(), &k);
            let url = format!("https://hall.example.gov.cn/track/ABCD2345?s={sealed}");
            let mut bytes = url.clone().into_bytes();
            let pos = pos.index(bytes.len());
            match edit {
                0 => bytes[pos] = byte,
                1 => bytes.insert(pos, byte),
                _ => { bytes.remove(pos); }
            }
            let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
            match verify(&text, &keys) {
                Verdict::Authentic(c) => {
                    prop_assert_eq!(c, claims());
                    // Passing means the seal itself came through untouched.
                    prop_assert_eq!(extract(text.trim()), sealed.as_str(), "{} passed", text);
                }
                Verdict::Revoked(_) | Verdict::UnknownKey if text.contains(&sealed) => {
                    prop_assert!(false, "{text} is not a known key's seal");
                }
                _ => {}
            }
            // The bare seal changed the same way never passes.
            let mut bytes = sealed.clone().into_bytes();
            let pos = pos.min(bytes.len() - 1);
            match edit {
                0 => bytes[pos] = byte,
                1 => bytes.insert(pos, byte),
                _ => { bytes.remove(pos); }
            }
            let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
            if text.trim() != sealed {
                prop_assert!(!matches!(verify(&text, &keys), Verdict::Authentic(_)), "{} passed", text);
            }
        }

        /// Any well-formed claims, sealed, verify as exactly those claims, bare or in a URL.
        #[test]
        fn any_claims_round_trip(
            kind in "[a-z_]{1,32}",
            subject in "[A-Za-z0-9-]{1,40}",
            days in 0i64..3_287_000,
            fields in proptest::collection::vec("\\PC{0,12}", 0..4),
        ) {
            let k = key(5);
            let issued_on = NaiveDate::from_ymd_opt(1000, 1, 1).unwrap() + chrono::Duration::days(days);
            let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
            let c = SealClaims { kind, subject, issued_on, digest: digest(&fields) };
            let s = seal(&c, &k);
            prop_assert_eq!(verify(&s, &[published(&k, false)]), Verdict::Authentic(c.clone()));
            let url = format!("https://hall.example.gov.cn/track/X?lang=zh&s={s}&v=2");
            prop_assert_eq!(verify(&url, &[published(&k, false)]), Verdict::Authentic(c));
        }
    }

    /// The seal of fixed claims under a fixed key (Ed25519 signs deterministically): the
    /// printed format stays what verifiers in the field expect. The fuzz corpus starts here.
    #[test]
    fn the_format_is_stable() {
        let s = seal(&claims(), &key(7));
        assert_eq!(s, GOLDEN, "{s}");
    }

    const GOLDEN: &str = concat!(
        "1.completion.20261127-00042.20261127.go75PsbbGSWpnZV_GFqrLw.fe812c12.",
        "zRNH-bebjmyT1QZxL7LjIpSW9h0x6wpyCqF5EeTzYuaLXPiYXSQxfbHgy-1Fx-wVZ9XjILrYQuRccQu5Z3FiCQ"
    );
}
