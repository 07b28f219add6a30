use super::SqliteTx;
use crate::{SettingsTx, StoreResult};
use async_trait::async_trait;

#[async_trait]
impl SettingsTx for SqliteTx {
    async fn commit(self: Box<Self>) -> StoreResult<()> {
        self.tx.commit().await?;
        Ok(())
    }

    async fn get_setting(&mut self, key: &str) -> StoreResult<Option<String>> {
        let v = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
            .bind(key)
            .fetch_optional(&mut *self.tx)
            .await?;
        Ok(v)
    }

    async fn set_setting(&mut self, key: &str, value: &str) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES (?, ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }
}
