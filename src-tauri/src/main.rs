//! onetrip-desktop — the desktop shell of 只跑一次综合服务大厅.
//!
//! A thin Tauri app without business logic: in standalone mode it starts the hall server in
//! this process and opens windows onto it; in terminal mode it opens windows onto a hall server
//! elsewhere. Every window loads a page the hall server serves (`/kiosk`, `/counter`, `/display`).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod config;
mod lockdown;
mod printing;
mod settings;
mod watchdog;
mod windows;

use windows::{layout, open_window, window_url};

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use tauri::webview::PageLoadEvent;
use tauri::{AppHandle, Manager, Url, WebviewUrl, WebviewWindowBuilder};

use config::{encode_component, Cli, DesktopConfig, Mode, Role};
use onetrip::server::{RunningServer, ServerConfig, WindowCredentials};

/// Label of the window that shows a start-up failure.
const NOTICE_LABEL: &str = "notice";

/// What the start-up task hands back to `main`.
#[derive(Default)]
struct Shell {
    /// The in-process hall server (standalone mode), stopped when the app exits.
    server: Mutex<Option<RunningServer>>,
    /// Start-up failed: the app exits non-zero once the notice is closed.
    failed: AtomicBool,
}

fn main() {
    prepare_environment();
    init_tracing();
    let cli = Cli::parse();
    if let Some(config::Command::HashPin) = cli.command {
        if let Err(e) = lockdown::hash_pin_from_stdin() {
            eprintln!("onetrip-desktop: {e:#}");
            std::process::exit(2);
        }
        return;
    }
    let shell = Arc::new(Shell::default());

    let app = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![
            commands::print_slip,
            commands::print_document,
            lockdown::request_unlock,
            lockdown::unlock_kiosk,
            lockdown::close_unlock,
            settings::get_settings,
            settings::save_settings
        ])
        .setup({
            let shell = shell.clone();
            move |app| {
                let handle = app.handle().clone();
                tauri::async_runtime::spawn(async move {
                    if let Err(error) = open(&handle, &cli, &shell).await {
                        fail(&handle, &shell, error);
                    }
                });
                stop_on_signal(app.handle().clone());
                Ok(())
            }
        })
        .build(tauri::generate_context!())
        .unwrap_or_else(|error| {
            eprintln!("onetrip-desktop: cannot start the desktop shell: {error}");
            std::process::exit(1);
        });

    let code = app.run_return(|_, _| {});

    let server = shell
        .server
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take();
    if let Some(server) = server {
        tracing::info!("stopping the hall server");
        // The timer must be made inside the runtime.
        let stopped = tauri::async_runtime::block_on(async {
            tokio::time::timeout(Duration::from_secs(10), server.shutdown()).await
        });
        match stopped {
            Ok(()) => tracing::info!("hall server stopped"),
            Err(_) => tracing::warn!("hall server did not stop within 10 s"),
        }
    }
    let code = if code == 0 && shell.failed.load(Ordering::SeqCst) {
        1
    } else {
        code
    };
    std::process::exit(code);
}

/// Environment WebKitGTK needs before anything starts (single-threaded here, so `set_var` is fine).
fn prepare_environment() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // Without it WebKitGTK renders blank windows under Xvfb and on some GPUs.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

/// Reads the settings, starts the hall server when standalone, and opens the windows.
async fn open(app: &AppHandle, cli: &Cli, shell: &Shell) -> anyhow::Result<()> {
    let config_path = match &cli.config {
        Some(path) => path.clone(),
        None => app
            .path()
            .app_config_dir()
            .context("finding the app config directory")?
            .join(config::FILE_NAME),
    };
    app.manage(settings::SettingsFile(config_path.clone()));
    if let Some(config::Command::Settings) = cli.command {
        DesktopConfig::load_or_create(&config_path)?;
        settings::open_settings(app.clone());
        return Ok(());
    }
    let config = DesktopConfig::load_or_create(&config_path)?
        .apply(cli)
        .validate()
        .with_context(|| {
            format!(
                "settings from {} and the command line",
                config_path.display()
            )
        })?;
    tracing::info!(mode = ?config.mode, windows = ?config.windows, config = %config_path.display(), "desktop shell starting");

    let (base, credentials) = match config.mode {
        Mode::Standalone => {
            let server = start_server(app).await?;
            let base = server.url();
            let credentials = onetrip::server::standalone_window_credentials(&server).await;
            // Keep the server before looking at the result, so that it is stopped on exit either way.
            *shell.server.lock().unwrap_or_else(|e| e.into_inner()) = Some(server);
            let credentials =
                credentials.context("getting the credentials of the standalone windows")?;
            (base, Some(credentials))
        }
        Mode::Terminal => (config.server_url.clone(), None),
    };
    let origin = Url::parse(&base)
        .with_context(|| format!("invalid hall server URL {base:?}"))?
        .origin();
    commands::grant_roles(app, &config, &origin).context("granting the windows' commands")?;

    let placements = layout(app, &config);
    for (role, placement) in config.windows.iter().copied().zip(placements) {
        let url = window_url(&base, role, &config, credentials.as_ref())?;
        let scripts = commands::window_scripts(role, &config);
        open_window(app, role, url, origin.clone(), placement, &config, scripts)
            .with_context(|| format!("opening the {role} window"))?;
    }
    report(cli, &base)
}

/// Starts the in-process hall server on 127.0.0.1 with its SQLite database in the app data dir.
async fn start_server(app: &AppHandle) -> anyhow::Result<RunningServer> {
    let data_dir = app
        .path()
        .app_data_dir()
        .context("finding the app data directory")?;
    // 127.0.0.1 on a free port, SQLite at <data_dir>/hall.db, Asia/Shanghai, demo catalog if empty.
    let mut server_config = ServerConfig::standalone(data_dir);
    // `make run` asks for a demonstration hall with a day of activity already in it.
    server_config.demo_day_on_seed = std::env::var_os("ONETRIP_DEMO_DAY").is_some();
    tracing::info!(database = %server_config.database_url, "starting the hall server");
    let server = onetrip::server::start(server_config)
        .await
        .context("starting the hall server")?;
    tracing::info!(url = %server.url(), "hall server listening");
    Ok(server)
}

/// `--print-url` / `--report`: tell tests (and scripts) where the hall is.
fn report(cli: &Cli, url: &str) -> anyhow::Result<()> {
    if cli.print_url {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{url}")?;
        stdout.flush()?;
    }
    if let Some(path) = &cli.report {
        write_atomically(path, &format!("{url}\n"))
            .with_context(|| format!("writing the report file {}", path.display()))?;
    }
    Ok(())
}

/// Writes beside `path` and renames, so a reader never sees half a line.
fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    std::fs::write(&tmp, contents)?;
    std::fs::rename(&tmp, path)
}

/// Shows why the shell could not start, in a window of its own; closing it exits with code 1.
fn fail(app: &AppHandle, shell: &Shell, error: anyhow::Error) {
    shell.failed.store(true, Ordering::SeqCst);
    let message = format!("{error:#}");
    tracing::error!("{message}");
    let script = format!(
        "window.__ONETRIP_NOTICE__ = {};",
        serde_json::to_string(&message).unwrap_or_else(|_| "\"\"".to_owned())
    );
    let notice =
        WebviewWindowBuilder::new(app, NOTICE_LABEL, WebviewUrl::App("notice.html".into()))
            .title("只跑一次综合服务大厅 — 启动失败")
            .inner_size(720.0, 400.0)
            .center()
            .initialization_script(script)
            .build();
    if let Err(e) = notice {
        tracing::error!("cannot show the failure: {e}");
        app.exit(1);
        return;
    }
    // Windows opened before the failure would only show a half-working hall.
    for (label, window) in app.webview_windows() {
        if label != NOTICE_LABEL {
            let _ = window.destroy();
        }
    }
}

/// Ctrl-C and SIGTERM close the app the normal way, so the hall server is stopped cleanly.
fn stop_on_signal(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        #[cfg(unix)]
        {
            let mut term =
                match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                    Ok(term) => term,
                    Err(e) => {
                        tracing::warn!("cannot listen for SIGTERM: {e}");
                        return;
                    }
                };
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            return;
        }
        tracing::info!("signal received: closing");
        app.exit(0);
    });
}
