//! The admin settings screen: every `desktop.toml` key, shown and edited in the shell's own
//! local page (`static/settings.html`), reached through the PIN window or with
//! `onetrip-desktop settings`. Saved settings apply at the next start.

use std::path::PathBuf;
use std::process::Command;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime, State, WebviewUrl, WebviewWindowBuilder};

use crate::config::{DesktopConfig, DEFAULT_FILE};

/// Label of the settings window.
pub const SETTINGS_LABEL: &str = "settings";

/// Where the settings live.
pub struct SettingsFile(pub PathBuf);

/// What the screen shows: the settings (the PIN only as set / not set) and the printers CUPS
/// knows, to pick from.
#[derive(Debug, Clone, Serialize)]
pub struct SettingsView {
    pub path: String,
    pub settings: DesktopConfig,
    pub pin_set: bool,
    pub printers: Vec<String>,
}

/// What the screen saves: the settings, and a new PIN when one was typed.
#[derive(Debug, Clone, Deserialize)]
pub struct SettingsUpdate {
    pub settings: DesktopConfig,
    #[serde(default)]
    pub new_pin: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SettingsError {
    pub code: &'static str,
    pub message: String,
}

fn invalid(message: impl Into<String>) -> SettingsError {
    SettingsError {
        code: "invalid_settings",
        message: message.into(),
    }
}

#[tauri::command]
pub fn get_settings(file: State<'_, SettingsFile>) -> Result<SettingsView, SettingsError> {
    let settings = DesktopConfig::load_or_create(&file.0).map_err(|e| invalid(format!("{e:#}")))?;
    let pin_set = !settings.admin_pin_hash.is_empty();
    Ok(SettingsView {
        path: file.0.display().to_string(),
        settings: DesktopConfig {
            admin_pin_hash: String::new(),
            ..settings
        },
        pin_set,
        printers: cups_printers(),
    })
}

#[tauri::command]
pub fn save_settings(
    file: State<'_, SettingsFile>,
    update: SettingsUpdate,
) -> Result<String, SettingsError> {
    let current = DesktopConfig::load_or_create(&file.0).map_err(|e| invalid(format!("{e:#}")))?;
    let text = updated_file(&current, update)?;
    std::fs::write(&file.0, text).map_err(|e| SettingsError {
        code: "save_failed",
        message: format!("无法保存 {}：{e}", file.0.display()),
    })?;
    tracing::info!(path = %file.0.display(), "desktop settings saved");
    Ok("已保存，重新启动本程序后生效".into())
}

/// The new file's text: the screen's settings, checked, with the PIN hash kept or replaced.
fn updated_file(current: &DesktopConfig, update: SettingsUpdate) -> Result<String, SettingsError> {
    let mut settings = update.settings;
    let pin = update.new_pin.trim();
    settings.admin_pin_hash = if pin.is_empty() {
        current.admin_pin_hash.clone()
    } else {
        crate::lockdown::hash_pin(pin).map_err(invalid)?
    };
    let settings = settings
        .validate()
        .map_err(|e| invalid(format!("设置有误：{e:#}")))?;
    let body = toml::to_string(&settings).map_err(|e| invalid(e.to_string()))?;
    let header = DEFAULT_FILE.lines().next().unwrap_or("#");
    Ok(format!(
        "{header}\n# Saved from the settings screen; see the README for every key.\n\n{body}"
    ))
}

/// After the PIN unlocked the kiosk, or for `onetrip-desktop settings`: shows the settings window.
pub fn open_settings<R: Runtime>(app: AppHandle<R>) {
    if let Some(window) = app.get_webview_window(SETTINGS_LABEL) {
        let _ = window.set_focus();
        return;
    }
    let built = WebviewWindowBuilder::new(
        &app,
        SETTINGS_LABEL,
        WebviewUrl::App("settings.html".into()),
    )
    .title("自助终端设置")
    .inner_size(720.0, 820.0)
    .always_on_top(true)
    .center()
    .build();
    if let Err(e) = built {
        tracing::error!("cannot open the settings window: {e}");
    }
}

/// Queue names from `lpstat -e`; none when CUPS is not there.
fn cups_printers() -> Vec<String> {
    Command::new("lpstat")
        .arg("-e")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Mode;

    #[test]
    fn saving_keeps_the_pin_unless_a_new_one_is_typed_and_checks_the_rest() {
        let current = DesktopConfig {
            admin_pin_hash: onetrip::service::auth::hash_password("1234").unwrap(),
            ..DesktopConfig::default()
        };
        let update = |settings: DesktopConfig, new_pin: &str| SettingsUpdate {
            settings,
            new_pin: new_pin.into(),
        };
        let text = updated_file(&current, update(DesktopConfig::default(), "")).unwrap();
        let saved: DesktopConfig = toml::from_str(&text).unwrap();
        assert_eq!(saved.admin_pin_hash, current.admin_pin_hash);

        let text = updated_file(&current, update(DesktopConfig::default(), "98765")).unwrap();
        let saved: DesktopConfig = toml::from_str(&text).unwrap();
        assert!(onetrip::service::auth::verify_password(
            &saved.admin_pin_hash,
            "98765"
        ));

        assert!(updated_file(&current, update(DesktopConfig::default(), "12ab")).is_err());
        let terminal_without_url = DesktopConfig {
            mode: Mode::Terminal,
            ..DesktopConfig::default()
        };
        let err = updated_file(&current, update(terminal_without_url, "")).unwrap_err();
        assert!(err.message.contains("server_url"), "{}", err.message);
    }
}
