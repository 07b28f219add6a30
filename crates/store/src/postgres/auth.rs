use super::{parse_or_corrupt, PgTx};
use crate::{AuthTx, DeviceRow, NewToken, NewUser, PrincipalRow, StoreResult, TokenOwner, UserRow};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use onetrip_domain::Role;
use sqlx::postgres::PgRow;
use sqlx::Row;

const USER_COLUMNS: &str =
    "u.id, u.username, u.name, u.password_hash, u.roles, u.department, u.disabled, u.created_at";
const DEVICE_COLUMNS: &str = "d.id, d.name, d.role, d.created_at, d.revoked_at";

fn roles_to_text(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn roles_from_text(text: &str) -> StoreResult<Vec<Role>> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(|s| parse_or_corrupt(s.parse::<Role>()))
        .collect()
}

fn user_from_row(r: &PgRow) -> StoreResult<UserRow> {
    Ok(UserRow {
        id: r.get("id"),
        username: r.get("username"),
        name: r.get("name"),
        password_hash: r.get("password_hash"),
        roles: roles_from_text(r.get("roles"))?,
        department: r.get("department"),
        disabled: r.get("disabled"),
        created_at: r.get("created_at"),
    })
}

fn device_from_row(r: &PgRow) -> StoreResult<DeviceRow> {
    Ok(DeviceRow {
        id: r.get("id"),
        name: r.get("name"),
        role: parse_or_corrupt(r.get::<&str, _>("role").parse::<Role>())?,
        created_at: r.get("created_at"),
        revoked_at: r.get("revoked_at"),
    })
}

#[async_trait]
impl AuthTx for PgTx {
    async fn count_users_with_role(&mut self, role: Role) -> StoreResult<i64> {
        let n = sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE NOT disabled AND (',' || roles || ',') LIKE $1",
        )
        .bind(format!("%,{},%", role.as_str()))
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(n)
    }

    async fn insert_user(&mut self, user: &NewUser) -> StoreResult<UserRow> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (username, name, password_hash, roles, department, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&user.username)
        .bind(&user.name)
        .bind(&user.password_hash)
        .bind(roles_to_text(&user.roles))
        .bind(&user.department)
        .bind(user.created_at)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(UserRow {
            id,
            username: user.username.clone(),
            name: user.name.clone(),
            password_hash: user.password_hash.clone(),
            roles: user.roles.clone(),
            department: user.department.clone(),
            disabled: false,
            created_at: user.created_at,
        })
    }

    async fn find_user_by_username(&mut self, username: &str) -> StoreResult<Option<UserRow>> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.username = $1"
        ))
        .bind(username)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn list_users(&mut self) -> StoreResult<Vec<UserRow>> {
        let rows = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.id"))
            .fetch_all(&mut *self.tx)
            .await?;
        rows.iter().map(user_from_row).collect()
    }

    async fn insert_device(
        &mut self,
        name: &str,
        role: Role,
        at: DateTime<Utc>,
    ) -> StoreResult<DeviceRow> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO devices (name, role, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(name)
        .bind(role.as_str())
        .bind(at)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(DeviceRow {
            id,
            name: name.to_string(),
            role,
            created_at: at,
            revoked_at: None,
        })
    }

    async fn find_device_by_name(&mut self, name: &str) -> StoreResult<Option<DeviceRow>> {
        let row = sqlx::query(&format!(
            "SELECT {DEVICE_COLUMNS} FROM devices d
             WHERE d.name = $1 AND d.revoked_at IS NULL ORDER BY d.id DESC LIMIT 1"
        ))
        .bind(name)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(device_from_row).transpose()
    }

    async fn list_devices(&mut self) -> StoreResult<Vec<DeviceRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {DEVICE_COLUMNS} FROM devices d ORDER BY d.id"
        ))
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(device_from_row).collect()
    }

    async fn revoke_device(&mut self, id: i64, at: DateTime<Utc>) -> StoreResult<bool> {
        let done =
            sqlx::query("UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                .bind(at)
                .bind(id)
                .execute(&mut *self.tx)
                .await?;
        self.revoke_device_tokens(id, at).await?;
        Ok(done.rows_affected() == 1)
    }

    async fn insert_token(&mut self, token: &NewToken) -> StoreResult<()> {
        let (user_id, device_id) = match token.owner {
            TokenOwner::User(id) => (Some(id), None),
            TokenOwner::Device(id) => (None, Some(id)),
        };
        sqlx::query(
            "INSERT INTO auth_tokens (token_hash, user_id, device_id, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&token.token_hash)
        .bind(user_id)
        .bind(device_id)
        .bind(token.created_at)
        .bind(token.expires_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn find_principal_by_token(
        &mut self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<PrincipalRow>> {
        let row = sqlx::query(
            "SELECT user_id, device_id FROM auth_tokens
             WHERE token_hash = $1 AND revoked_at IS NULL
               AND (expires_at IS NULL OR expires_at > $2)",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *self.tx)
        .await?;
        let Some(row) = row else { return Ok(None) };
        if let Some(user_id) = row.get::<Option<i64>, _>("user_id") {
            let user = sqlx::query(&format!(
                "SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1 AND NOT u.disabled"
            ))
            .bind(user_id)
            .fetch_optional(&mut *self.tx)
            .await?;
            return Ok(user
                .as_ref()
                .map(user_from_row)
                .transpose()?
                .map(PrincipalRow::User));
        }
        let device_id: i64 = row.get("device_id");
        let device = sqlx::query(&format!(
            "SELECT {DEVICE_COLUMNS} FROM devices d WHERE d.id = $1 AND d.revoked_at IS NULL"
        ))
        .bind(device_id)
        .fetch_optional(&mut *self.tx)
        .await?;
        Ok(device
            .as_ref()
            .map(device_from_row)
            .transpose()?
            .map(PrincipalRow::Device))
    }

    async fn revoke_token(&mut self, token_hash: &str, at: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query(
            "UPDATE auth_tokens SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL",
        )
        .bind(at)
        .bind(token_hash)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn revoke_device_tokens(&mut self, device_id: i64, at: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query(
            "UPDATE auth_tokens SET revoked_at = $1 WHERE device_id = $2 AND revoked_at IS NULL",
        )
        .bind(at)
        .bind(device_id)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn get_user(&mut self, id: i64) -> StoreResult<Option<UserRow>> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1"
        ))
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn update_user(&mut self, user: &UserRow) -> StoreResult<()> {
        sqlx::query(
            "UPDATE users SET name = $1, roles = $2, department = $3, disabled = $4, password_hash = $5 WHERE id = $6",
        )
        .bind(&user.name)
        .bind(roles_to_text(&user.roles))
        .bind(&user.department)
        .bind(user.disabled)
        .bind(&user.password_hash)
        .bind(user.id)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn revoke_user_tokens(&mut self, user_id: i64, at: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query(
            "UPDATE auth_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
        )
        .bind(at)
        .bind(user_id)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }
}
