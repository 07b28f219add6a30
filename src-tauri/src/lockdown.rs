//! Kiosk lockdown: the kiosk window stays full screen, undecorated and on top, and cannot be
//! closed, until an admin enters the PIN in the shell's own unlock window (a local page, so the
//! hall pages never see the PIN). Wrong PINs are rate limited.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State, WebviewUrl, WebviewWindowBuilder};

use onetrip::service::auth::verify_password;

/// Label of the shell's PIN window.
pub const UNLOCK_LABEL: &str = "unlock";
/// Wrong PINs in a row before the PIN window refuses for [`LOCKOUT`].
const MAX_FAILURES: u32 = 5;
const LOCKOUT: Duration = Duration::from_secs(60);

/// The kiosk's lock: whether it is on, and the PIN that lifts it.
pub struct Lockdown {
    pin_hash: String,
    state: Mutex<LockState>,
}

#[derive(Debug, Default)]
struct LockState {
    locked: bool,
    failures: u32,
    refused_until: Option<Instant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnlockError {
    pub code: &'static str,
    pub message: String,
}

impl Lockdown {
    pub fn new(locked: bool, pin_hash: &str) -> Self {
        Self {
            pin_hash: pin_hash.to_owned(),
            state: Mutex::new(LockState {
                locked,
                ..LockState::default()
            }),
        }
    }

    pub fn is_locked(&self) -> bool {
        self.lock_state().locked
    }

    fn lock_state(&self) -> std::sync::MutexGuard<'_, LockState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Checks `pin` against the hash, at most [`MAX_FAILURES`] wrong tries per [`LOCKOUT`].
    pub fn try_unlock(&self, pin: &str, now: Instant) -> Result<(), UnlockError> {
        let mut state = self.lock_state();
        if !state.locked {
            return Ok(());
        }
        if self.pin_hash.is_empty() {
            return Err(UnlockError {
                code: "no_pin",
                message: "未设置管理员 PIN，无法在屏幕上解除锁定".into(),
            });
        }
        if let Some(until) = state.refused_until {
            if now < until {
                let secs = (until - now).as_secs().max(1);
                return Err(UnlockError {
                    code: "locked_out",
                    message: format!("错误次数过多，请 {secs} 秒后再试"),
                });
            }
            state.refused_until = None;
            state.failures = 0;
        }
        if verify_password(&self.pin_hash, pin.trim()) {
            state.locked = false;
            state.failures = 0;
            return Ok(());
        }
        state.failures += 1;
        if state.failures >= MAX_FAILURES {
            state.refused_until = Some(now + LOCKOUT);
        }
        Err(UnlockError {
            code: "wrong_pin",
            message: "PIN 不正确".into(),
        })
    }
}

/// Kiosk (Ctrl+Alt+L, or five touches in the top-left corner): shows the PIN window.
#[tauri::command]
pub fn request_unlock<R: Runtime>(app: AppHandle<R>, lock: State<'_, Lockdown>) {
    if !lock.is_locked() {
        return;
    }
    if let Some(window) = app.get_webview_window(UNLOCK_LABEL) {
        let _ = window.set_focus();
        return;
    }
    let script = format!(
        "window.__ONETRIP_UNLOCK__ = {{ pinSet: {} }};",
        !lock.pin_hash.is_empty()
    );
    let built =
        WebviewWindowBuilder::new(&app, UNLOCK_LABEL, WebviewUrl::App("unlock.html".into()))
            .title("解除自助机锁定")
            .inner_size(420.0, 360.0)
            .resizable(false)
            .always_on_top(true)
            .center()
            .initialization_script(script)
            .build();
    if let Err(e) = built {
        tracing::error!("cannot open the PIN window: {e}");
    }
}

/// The PIN window: lifts the lockdown when the PIN is right.
#[tauri::command]
pub fn unlock_kiosk<R: Runtime>(
    app: AppHandle<R>,
    lock: State<'_, Lockdown>,
    pin: String,
) -> Result<(), UnlockError> {
    lock.try_unlock(&pin, Instant::now()).inspect_err(|e| {
        tracing::warn!(code = e.code, "kiosk unlock refused");
    })?;
    tracing::info!("kiosk lockdown lifted with the admin PIN");
    if let Some(kiosk) = app.get_webview_window("kiosk") {
        let _ = kiosk.set_always_on_top(false);
        let _ = kiosk.set_fullscreen(false);
        let _ = kiosk.set_decorations(true);
        let _ = kiosk.set_closable(true);
        let _ = kiosk.set_minimizable(true);
    }
    close_unlock(app.clone());
    crate::settings::open_settings(app);
    Ok(())
}

/// The PIN window: closes itself.
#[tauri::command]
pub fn close_unlock<R: Runtime>(app: AppHandle<R>) {
    if let Some(window) = app.get_webview_window(UNLOCK_LABEL) {
        let _ = window.destroy();
    }
}

/// The hash kept for an admin PIN; a PIN is 4 to 12 digits.
pub fn hash_pin(pin: &str) -> Result<String, String> {
    let pin = pin.trim();
    if !(4..=12).contains(&pin.len()) || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err("PIN 须为 4 至 12 位数字".into());
    }
    onetrip::service::auth::hash_password(pin).map_err(|e| e.to_string())
}

/// Reads a PIN from stdin and prints its hash (`onetrip-desktop hash-pin`).
pub fn hash_pin_from_stdin() -> anyhow::Result<()> {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    println!("{}", hash_pin(&line).map_err(anyhow::Error::msg)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locked() -> Lockdown {
        let hash = onetrip::service::auth::hash_password("246810").unwrap();
        Lockdown::new(true, &hash)
    }

    #[test]
    fn the_right_pin_unlocks_and_a_wrong_one_does_not() {
        let lock = locked();
        let now = Instant::now();
        assert_eq!(lock.try_unlock("1234", now).unwrap_err().code, "wrong_pin");
        assert!(lock.is_locked());
        lock.try_unlock(" 246810 ", now).unwrap();
        assert!(!lock.is_locked());
    }

    #[test]
    fn five_wrong_pins_lock_the_window_out_for_a_minute() {
        let lock = locked();
        let now = Instant::now();
        for _ in 0..MAX_FAILURES {
            assert_eq!(lock.try_unlock("0000", now).unwrap_err().code, "wrong_pin");
        }
        // Even the right PIN is refused during the lockout…
        let err = lock.try_unlock("246810", now).unwrap_err();
        assert_eq!(err.code, "locked_out");
        assert!(err.message.contains("60 秒"), "{}", err.message);
        // …and accepted after it.
        lock.try_unlock("246810", now + LOCKOUT).unwrap();
        assert!(!lock.is_locked());
    }

    #[test]
    fn without_a_pin_the_screen_cannot_unlock() {
        let lock = Lockdown::new(true, "");
        let err = lock.try_unlock("", Instant::now()).unwrap_err();
        assert_eq!(err.code, "no_pin");
        assert!(lock.is_locked());
    }
}
