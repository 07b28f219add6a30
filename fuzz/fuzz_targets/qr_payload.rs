//! The QR payload decoder: `seal::extract` and `seal::verify` on whatever a scanner hands over.
//!
//! Invariants: nothing panics; `extract` returns a piece of its input; a seal whose bytes were
//! changed is never `Authentic` with claims other than the ones signed; a seal made from any
//! well-formed claims verifies as exactly those claims.
//!
//! The first byte picks the mode: 0 = the rest as text, 1 = byte edits of a valid sealed URL,
//! 2 = claims built from the bytes, sealed and verified.
#![no_main]

use chrono::NaiveDate;
use ed25519_dalek::SigningKey;
use libfuzzer_sys::fuzz_target;
use onetrip_domain::seal::{self, PublicKey, SealClaims, Verdict};
use std::sync::OnceLock;

struct Fixture {
    key: SigningKey,
    keys: Vec<PublicKey>,
    claims: SealClaims,
    url: String,
}

/// One key pair made once from a fixed seed, published next to a revoked one, and one valid
/// sealed URL as printed on a paper.
fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let key = SigningKey::from_bytes(&[7; 32]);
        let old = SigningKey::from_bytes(&[9; 32]);
        let publish = |k: &SigningKey, revoked| PublicKey {
            id: seal::key_id(&k.verifying_key()),
            key: k.verifying_key(),
            revoked,
        };
        let claims = SealClaims {
            kind: "completion".into(),
            subject: "20261127-00042".into(),
            issued_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            digest: seal::digest(&["20261127-00042", "张三", "企业开办一件事"]),
        };
        let url = format!(
            "https://hall.example.gov.cn/track/ABCD2345?s={}",
            seal::seal(&claims, &key)
        );
        Fixture {
            keys: vec![publish(&key, false), publish(&old, true)],
            key,
            claims,
            url,
        }
    })
}

fn check_text(text: &str) -> Verdict {
    let f = fixture();
    let inner = seal::extract(text);
    // A piece of the input, never something made up.
    let start = inner.as_ptr() as usize - text.as_ptr() as usize;
    assert!(start + inner.len() <= text.len());
    let verdict = seal::verify(text, &f.keys);
    if let Verdict::Authentic(c) | Verdict::Revoked(c) = &verdict {
        // Only the fixture's key signs, and it signed only the fixture's claims.
        assert_eq!(c, &f.claims, "forged claims accepted from {text:?}");
    }
    verdict
}

fn mutate(data: &[u8]) {
    let f = fixture();
    let mut bytes = f.url.clone().into_bytes();
    for edit in data.chunks(3) {
        let [op, pos, value] = match *edit {
            [a, b, c] => [a, b, c],
            _ => break,
        };
        if bytes.is_empty() {
            break;
        }
        // Positions weigh towards the end, where the seal is.
        let pos = bytes.len() - 1 - (pos as usize % bytes.len());
        match op % 4 {
            0 => bytes[pos] = value,
            1 => bytes[pos] ^= 1 << (value % 8),
            2 => {
                bytes.remove(pos);
            }
            _ => bytes.insert(pos, value),
        }
    }
    if let Ok(text) = std::str::from_utf8(&bytes) {
        check_text(text);
    }
}

fn round_trip(data: &[u8]) {
    let f = fixture();
    if data.len() < 6 {
        return;
    }
    let (head, rest) = data.split_at(6);
    let kind_len = 1 + head[0] as usize % 32;
    let subject_len = 1 + head[1] as usize % 40;
    let days = u32::from_le_bytes([head[2], head[3], head[4], head[5]]);
    const KIND: &[u8] = b"abcdefghijklmnopqrstuvwxyz_";
    const SUBJECT: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-";
    let pick = |alphabet: &[u8], skip: usize, len: usize| -> String {
        (0..len)
            .map(|i| {
                let b = rest.get(skip + i).copied().unwrap_or(i as u8);
                alphabet[b as usize % alphabet.len()] as char
            })
            .collect()
    };
    // Papers carry dates a hall can issue on: years 1000–9999 (eight digits in the seal).
    let first = NaiveDate::from_ymd_opt(1000, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    let span = (last - first).num_days() as u32 + 1;
    let issued_on = first + chrono::Days::new(u64::from(days % span));
    let claims = SealClaims {
        kind: pick(KIND, 0, kind_len),
        subject: pick(SUBJECT, 32, subject_len),
        issued_on,
        digest: seal::digest(&[std::str::from_utf8(rest).unwrap_or("")]),
    };
    let sealed = seal::seal(&claims, &f.key);
    assert_eq!(
        seal::verify(&sealed, &f.keys),
        Verdict::Authentic(claims.clone()),
        "{sealed}"
    );
    let url = format!("https://hall.example.gov.cn/track/X?lang=zh&s={sealed}&v=2");
    assert_eq!(seal::verify(&url, &f.keys), Verdict::Authentic(claims));
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 3 {
        0 => {
            check_text(&String::from_utf8_lossy(rest));
        }
        1 => mutate(rest),
        _ => round_trip(rest),
    };
});
