//! The commands hall pages may call, and which window may call which. Every app command is
//! denied unless a capability grants it (build.rs declares them in the app's ACL manifest); the
//! capabilities are added at start-up, once the hall server's origin is known, so that only
//! pages from that origin, in the window of the right role, get them.

use tauri::ipc::CapabilityBuilder;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::config::{DesktopConfig, Role};
use crate::lockdown::Lockdown;
use crate::printing::{self, Paper, PrintError, PrintErrorCode, Printed, Printers};

/// Prints a ticket slip (base64 PDF) on the receipt printer.
#[tauri::command]
pub async fn print_slip(
    printers: State<'_, Printers>,
    pdf: String,
    title: Option<String>,
) -> Result<Printed, PrintError> {
    print_on(printers.inner().clone(), Paper::Receipt, pdf, title).await
}

/// Prints a document (base64 PDF) on the A4 printer.
#[tauri::command]
pub async fn print_document(
    printers: State<'_, Printers>,
    pdf: String,
    title: Option<String>,
) -> Result<Printed, PrintError> {
    print_on(printers.inner().clone(), Paper::A4, pdf, title).await
}

async fn print_on(
    printers: Printers,
    paper: Paper,
    pdf: String,
    title: Option<String>,
) -> Result<Printed, PrintError> {
    // `lp` and the queue polling block; keep them off the IPC thread.
    tauri::async_runtime::spawn_blocking(move || {
        let bytes = printing::decode_pdf(&pdf)?;
        printing::print(&printers, paper, &bytes, title.as_deref().unwrap_or(""))
    })
    .await
    .unwrap_or_else(|e| {
        tracing::error!("print task failed: {e}");
        Err(PrintError {
            code: PrintErrorCode::PrintFailed,
            message: "打印失败，请联系工作人员".into(),
        })
    })
}

/// What a role's window may print: the kiosk its slips, the counter both, the other staff
/// windows their documents, the display nothing.
pub fn grants(role: Role) -> &'static [Paper] {
    match role {
        Role::Kiosk => &[Paper::Receipt],
        Role::Counter => &[Paper::Receipt, Paper::A4],
        Role::Approver | Role::Output | Role::Admin => &[Paper::A4],
        Role::Display => &[],
    }
}

/// Every permission a role's window gets: its printers, and for a locked-down kiosk the way to
/// the PIN window.
pub fn permissions(role: Role, config: &DesktopConfig) -> Vec<&'static str> {
    let mut granted: Vec<&'static str> = grants(role).iter().map(|p| permission(*p)).collect();
    if role == Role::Kiosk && config.kiosk_lockdown {
        granted.push("allow-request-unlock");
    }
    granted
}

fn permission(paper: Paper) -> &'static str {
    match paper {
        Paper::Receipt => "allow-print-slip",
        Paper::A4 => "allow-print-document",
    }
}

/// Grants each open window its role's commands, for pages of `origin` only.
pub fn grant_roles<R: Runtime>(
    app: &AppHandle<R>,
    config: &DesktopConfig,
    origin: &url::Origin,
) -> tauri::Result<()> {
    app.manage(Printers::from(config));
    app.manage(Lockdown::new(config.kiosk_lockdown, &config.admin_pin_hash));
    for role in &config.windows {
        let granted = permissions(*role, config);
        if granted.is_empty() {
            continue;
        }
        let mut capability = CapabilityBuilder::new(format!("{role}-hall"))
            .remote(format!("{}/*", origin.ascii_serialization()))
            .local(false)
            .window(role.as_str());
        for permission in granted {
            capability = capability.permission(permission);
        }
        app.add_capability(capability)?;
    }
    Ok(())
}

/// The script that gives a role's pages their print hooks; none for a role that prints nothing
/// or when no printer of its kind is configured (the page then prints in the browser).
pub fn print_bridge(role: Role, config: &DesktopConfig) -> Option<String> {
    let printers = Printers::from(config);
    let kinds: Vec<&str> = grants(role)
        .iter()
        .filter(|paper| printers.queue(**paper).is_some())
        .map(|paper| match paper {
            Paper::Receipt => "slip",
            Paper::A4 => "document",
        })
        .collect();
    if kinds.is_empty() {
        return None;
    }
    let list = serde_json::to_string(&kinds).ok()?;
    Some(include_str!("print_bridge.js").replace("__ONETRIP_PRINT_GRANTS__", &list))
}

/// The kiosk's own script: idle return to the home screen and, in lockdown, the PIN gesture.
pub fn kiosk_script(config: &DesktopConfig) -> String {
    let settings = serde_json::json!({
        "idleSeconds": config.idle_timeout_secs,
        "homePath": "/kiosk",
        "publicPaths": crate::windows::KIOSK_PAGES,
        "lockdown": config.kiosk_lockdown,
    });
    include_str!("kiosk.js").replace("__ONETRIP_KIOSK__", &settings.to_string())
}

/// The scripts a role's window runs on every page load.
pub fn window_scripts(role: Role, config: &DesktopConfig) -> Vec<String> {
    let mut scripts = Vec::new();
    if role == Role::Kiosk {
        scripts.push(kiosk_script(config));
    }
    scripts.extend(print_bridge(role, config));
    scripts
}

impl From<&DesktopConfig> for Printers {
    fn from(config: &DesktopConfig) -> Self {
        Printers {
            receipt: config.receipt_printer.clone(),
            a4: config.a4_printer.clone(),
            stuck_after: std::time::Duration::from_secs(config.print_timeout_secs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
    use tauri::webview::InvokeRequest;
    use tauri::{WebviewUrl, WebviewWindowBuilder};

    const HALL: &str = "http://127.0.0.1:4000";

    fn app() -> tauri::App<tauri::test::MockRuntime> {
        mock_builder()
            .invoke_handler(tauri::generate_handler![
                print_slip,
                print_document,
                crate::lockdown::request_unlock,
                crate::lockdown::unlock_kiosk,
                crate::lockdown::close_unlock,
                crate::settings::get_settings,
                crate::settings::save_settings
            ])
            .build(tauri::generate_context!())
            .expect("mock app")
    }

    fn invoke(
        app: &tauri::App<tauri::test::MockRuntime>,
        window: &str,
        page: &str,
        cmd: &str,
    ) -> Result<serde_json::Value, serde_json::Value> {
        let webview = app.get_webview_window(window).expect("window");
        get_ipc_response(
            &webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: page.parse().unwrap(),
                body: InvokeBody::Json(json!({ "pdf": "JVBERi0xLjc=", "title": "t" })),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.into(),
            },
        )
        .map(|body| body.deserialize::<serde_json::Value>().unwrap())
    }

    /// A granted command reaches the printing code: with no printer configured it answers
    /// `no_printer`, which is how the test tells "ran" from "refused by the ACL".
    fn ran(result: &Result<serde_json::Value, serde_json::Value>) -> bool {
        matches!(result, Err(e) if e["code"] == "no_printer")
    }

    fn hall_app() -> tauri::App<tauri::test::MockRuntime> {
        let app = app();
        for role in Role::ALL {
            WebviewWindowBuilder::new(&app, role.as_str(), WebviewUrl::App("index.html".into()))
                .build()
                .unwrap();
        }
        let config = DesktopConfig {
            windows: Role::ALL.to_vec(),
            kiosk_lockdown: true,
            ..DesktopConfig::default()
        };
        let origin = url::Url::parse(HALL).unwrap().origin();
        grant_roles(app.handle(), &config, &origin).unwrap();
        app
    }

    #[test]
    fn each_role_gets_only_its_commands() {
        let app = hall_app();
        let kiosk = format!("{HALL}/kiosk");
        assert!(ran(&invoke(&app, "kiosk", &kiosk, "print_slip")));
        let refused = invoke(&app, "kiosk", &kiosk, "print_document");
        assert!(!ran(&refused), "kiosk ran a staff command: {refused:?}");
        assert!(refused.unwrap_err().to_string().contains("not allowed"));

        let counter = format!("{HALL}/counter");
        assert!(ran(&invoke(&app, "counter", &counter, "print_document")));
        assert!(ran(&invoke(&app, "counter", &counter, "print_slip")));

        let display = format!("{HALL}/display");
        assert!(!ran(&invoke(&app, "display", &display, "print_slip")));

        for staff in ["approver", "output", "admin"] {
            let page = format!("{HALL}/{staff}");
            assert!(
                ran(&invoke(&app, staff, &page, "print_document")),
                "{staff}"
            );
            assert!(!ran(&invoke(&app, staff, &page, "print_slip")), "{staff}");
        }
    }

    #[test]
    fn only_the_pin_window_may_lift_the_lockdown() {
        let app = hall_app();
        let kiosk = format!("{HALL}/kiosk");
        // The kiosk may ask for the PIN window…
        assert!(invoke(&app, "kiosk", &kiosk, "request_unlock").is_ok());
        // …but neither it nor a staff page may unlock, whatever the PIN, or touch the settings.
        for (window, page) in [("kiosk", kiosk.clone()), ("admin", format!("{HALL}/admin"))] {
            for cmd in ["unlock_kiosk", "get_settings", "save_settings"] {
                let refused = invoke(&app, window, &page, cmd).unwrap_err();
                assert!(
                    refused.to_string().contains("not allowed"),
                    "{window} {cmd}: {refused}"
                );
            }
        }
        let lock = app.state::<Lockdown>();
        assert!(lock.is_locked());
    }

    #[test]
    fn pages_of_another_origin_get_nothing() {
        let app = hall_app();
        for page in ["http://evil.example/kiosk", "http://127.0.0.1:4001/kiosk"] {
            let result = invoke(&app, "kiosk", page, "print_slip");
            assert!(!ran(&result), "{page} could print: {result:?}");
        }
    }

    #[test]
    fn the_bridge_is_injected_only_where_a_printer_is_configured() {
        let mut config = DesktopConfig::default();
        assert_eq!(print_bridge(Role::Kiosk, &config), None);
        config.receipt_printer = "slip".into();
        let kiosk = print_bridge(Role::Kiosk, &config).unwrap();
        assert!(kiosk.contains(r#"["slip"]"#));
        assert_eq!(print_bridge(Role::Display, &config), None);
        config.a4_printer = "a4".into();
        assert!(print_bridge(Role::Counter, &config)
            .unwrap()
            .contains(r#"["slip","document"]"#));
        assert!(!print_bridge(Role::Kiosk, &config)
            .unwrap()
            .contains("document\"]"));
    }
}
