//! The hall's signing keys for the seal on its documents (see `onetrip_domain::seal`).
//!
//! Kept in `<data dir>/keys/`: one `<id>.key` per key (the 32-byte Ed25519 seed in hex, owner
//! read/write only), `current` naming the key that signs, and `public.json` listing every
//! public key ever used — rotation keeps old ones, so papers printed before still verify; a
//! revoked key stays listed as revoked. Several instances of one hall share this directory.

use super::Principal;
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use anyhow::Context as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use ed25519_dalek::{SigningKey, VerifyingKey};
use onetrip_domain::seal::{self, PublicKey, SealClaims, Verdict};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PublishedKey {
    pub id: String,
    /// Always `Ed25519`.
    pub algorithm: String,
    /// The 32-byte public key, base64url without padding.
    pub public_key: String,
    pub created_at: DateTime<Utc>,
    pub revoked: bool,
    /// Whether this key signs new documents.
    #[serde(default)]
    pub current: bool,
}

pub struct Keyring {
    dir: Option<PathBuf>,
    signing: SigningKey,
    published: Vec<PublishedKey>,
}

fn published(key: &VerifyingKey, at: DateTime<Utc>) -> PublishedKey {
    PublishedKey {
        id: seal::key_id(key),
        algorithm: "Ed25519".into(),
        public_key: B64.encode(key.as_bytes()),
        created_at: at,
        revoked: false,
        current: false,
    }
}

fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut f = options
        .open(path)
        .with_context(|| format!("无法创建密钥文件 {}", path.display()))?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    Ok(())
}

impl Keyring {
    /// A key that lives only in memory: for commands that sign nothing.
    pub fn ephemeral() -> Self {
        let signing = SigningKey::generate(&mut rand::rngs::OsRng);
        let mut key = published(&signing.verifying_key(), Utc::now());
        key.current = true;
        Self {
            dir: None,
            signing,
            published: vec![key],
        }
    }

    /// Loads the hall's keys, creating the first one on first start.
    pub fn load_or_create(dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("无法创建 {}", dir.display()))?;
        if !dir.join("current").exists() {
            let mut ring = Self {
                dir: Some(dir.to_path_buf()),
                signing: SigningKey::generate(&mut rand::rngs::OsRng),
                published: Vec::new(),
            };
            ring.adopt_new_key()?;
            return Ok(ring);
        }
        let id = std::fs::read_to_string(dir.join("current"))?
            .trim()
            .to_string();
        let seed = std::fs::read_to_string(dir.join(format!("{id}.key")))
            .with_context(|| format!("缺少签名密钥 {id}.key"))?;
        let seed: [u8; 32] = hex::decode(seed.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| anyhow::anyhow!("签名密钥 {id}.key 已损坏"))?;
        let published: Vec<PublishedKey> =
            serde_json::from_str(&std::fs::read_to_string(dir.join("public.json"))?)
                .context("public.json 已损坏")?;
        Ok(Self {
            dir: Some(dir.to_path_buf()),
            signing: SigningKey::from_bytes(&seed),
            published,
        })
    }

    fn adopt_new_key(&mut self) -> anyhow::Result<()> {
        let signing = SigningKey::generate(&mut rand::rngs::OsRng);
        let entry = published(&signing.verifying_key(), Utc::now());
        if let Some(dir) = &self.dir {
            write_private(
                &dir.join(format!("{}.key", entry.id)),
                &hex::encode(signing.to_bytes()),
            )?;
        }
        self.published.push(entry);
        self.signing = signing;
        self.save()
    }

    fn save(&self) -> anyhow::Result<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        let current = self.current_id();
        let list: Vec<PublishedKey> = self
            .published
            .iter()
            .map(|k| PublishedKey {
                current: k.id == current,
                ..k.clone()
            })
            .collect();
        let tmp = dir.join("public.json.tmp");
        std::fs::write(&tmp, serde_json::to_string_pretty(&list)?)?;
        std::fs::rename(&tmp, dir.join("public.json"))?;
        std::fs::write(dir.join("current"), &current)?;
        Ok(())
    }

    /// `onetrip keys rotate`: a new key signs from now on; the old one stays published.
    pub fn rotate(dir: &Path) -> anyhow::Result<String> {
        let mut ring = Self::load_or_create(dir)?;
        ring.adopt_new_key()?;
        Ok(ring.current_id())
    }

    /// `onetrip keys revoke <id>`: papers sealed with it no longer verify as authentic.
    pub fn revoke(dir: &Path, id: &str) -> anyhow::Result<()> {
        let mut ring = Self::load_or_create(dir)?;
        if id == ring.current_id() {
            anyhow::bail!("不能吊销正在使用的密钥 {id}：请先 onetrip keys rotate");
        }
        let key = ring
            .published
            .iter_mut()
            .find(|k| k.id == id)
            .ok_or_else(|| anyhow::anyhow!("没有编号为 {id} 的密钥"))?;
        key.revoked = true;
        ring.save()
    }

    pub fn current_id(&self) -> String {
        seal::key_id(&self.signing.verifying_key())
    }

    pub fn sign(&self, claims: &SealClaims) -> String {
        seal::seal(claims, &self.signing)
    }

    pub fn published(&self) -> Vec<PublishedKey> {
        let current = self.current_id();
        self.published
            .iter()
            .map(|k| PublishedKey {
                current: k.id == current,
                ..k.clone()
            })
            .collect()
    }

    fn public_keys(&self) -> Vec<PublicKey> {
        self.published
            .iter()
            .filter_map(|k| {
                let bytes: [u8; 32] = B64.decode(&k.public_key).ok()?.try_into().ok()?;
                Some(PublicKey {
                    id: k.id.clone(),
                    key: VerifyingKey::from_bytes(&bytes).ok()?,
                    revoked: k.revoked,
                })
            })
            .collect()
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyRequest {
    /// What the QR code says: the printed URL, or the seal alone.
    pub qr: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VerifyView {
    /// `authentic`, `altered`, `unknown_key`, `revoked` or `malformed`.
    pub result: String,
    /// In Chinese, for the screen.
    pub message: String,
    pub kind: Option<String>,
    /// The case number (or `N<id>` for a notice).
    pub subject: Option<String>,
    pub issued_on: Option<chrono::NaiveDate>,
}

/// `POST /api/v1/verify`: is this QR an authentic seal of this hall?
pub fn verify(ctx: &AppContext, _who: Option<&Principal>, qr: &str) -> AppResult<VerifyView> {
    if qr.len() > 2048 {
        return Err(AppError::invalid("二维码内容过长"));
    }
    let verdict = seal::verify(qr, &ctx.seals.public_keys());
    let (result, message, claims) = match verdict {
        Verdict::Authentic(c) => (
            "authentic",
            "真实有效：本文书由本厅签发，内容未被改动",
            Some(c),
        ),
        Verdict::Altered => ("altered", "核验不通过：二维码内容已被改动", None),
        Verdict::UnknownKey => ("unknown_key", "无法核验：签名密钥不属于本厅", None),
        Verdict::Revoked(c) => ("revoked", "签名密钥已吊销：请到大厅核实本文书", Some(c)),
        Verdict::Malformed => ("malformed", "这不是本厅文书的二维码", None),
    };
    Ok(VerifyView {
        result: result.into(),
        message: message.into(),
        kind: claims.as_ref().map(|c| c.kind.clone()),
        subject: claims.as_ref().map(|c| c.subject.clone()),
        issued_on: claims.map(|c| c.issued_on),
    })
}
