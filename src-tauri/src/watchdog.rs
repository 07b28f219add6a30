//! Keeps a window's page alive: when WebKit's web process dies, the page is loaded again; when
//! it stops answering for [`HANG_GRACE`], it is killed (and so reloaded). A kiosk or display
//! must never sit on a blank or frozen screen waiting for someone to notice.

use std::time::Duration;

use tauri::{Runtime, WebviewWindow};

use crate::config::Role;

/// How long a page may stay unresponsive before its web process is restarted.
const HANG_GRACE: Duration = Duration::from_secs(15);

#[cfg(target_os = "linux")]
pub fn watch<R: Runtime>(window: &WebviewWindow<R>, role: Role) {
    let handle = window.clone();
    let installed = window.with_webview(move |platform| {
        use webkit2gtk::WebViewExt;
        let view = platform.inner();
        view.connect_web_process_terminated(move |view, reason| {
            tracing::error!(window = %role, ?reason, "web process ended: reloading the page");
            view.reload();
        });
        view.connect_is_web_process_responsive_notify(move |view| {
            if view.is_web_process_responsive() {
                tracing::info!(window = %role, "page responsive again");
                return;
            }
            tracing::warn!(window = %role, "page not responding");
            let handle = handle.clone();
            tauri::async_runtime::spawn(async move {
                tokio::time::sleep(HANG_GRACE).await;
                let _ = handle.with_webview(move |platform| {
                    let view = platform.inner();
                    if !view.is_web_process_responsive() {
                        tracing::error!(window = %role, "page hung: restarting its web process");
                        // Ends in web-process-terminated, which reloads the page.
                        view.terminate_web_process();
                    }
                });
            });
        });
    });
    if let Err(e) = installed {
        tracing::warn!(window = %role, "no crash watch: {e}");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn watch<R: Runtime>(_window: &WebviewWindow<R>, _role: Role) {}
