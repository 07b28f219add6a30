//! The shell's windows: which URL each role opens, where it sits on the screen, and the
//! rules every window obeys (no navigation away from the hall server).

use super::*;

/// The page a window loads. Tokens go in the fragment, which never reaches a server log.
pub(crate) fn window_url(
    base: &str,
    role: Role,
    config: &DesktopConfig,
    credentials: Option<&WindowCredentials>,
) -> anyhow::Result<Url> {
    let mut url = format!("{base}/{role}");
    if role == Role::Counter {
        url.push_str("?counter=");
        url.push_str(&encode_component(&config.counter));
    }
    let fragment = match (credentials, role) {
        (Some(c), Role::Kiosk) => {
            Some(format!("device_token={}", encode_component(&c.kiosk_token)))
        }
        (Some(c), Role::Display) => Some(format!(
            "device_token={}",
            encode_component(&c.display_token)
        )),
        (Some(c), Role::Counter) => {
            Some(format!("session={}", encode_component(&c.counter_session)))
        }
        // The other staff windows log in on the page.
        (Some(_), _) => None,
        (None, role) if role.is_device() => {
            if config.device_token.is_empty() {
                tracing::warn!(window = %role, "no device_token configured: the page will ask for one");
                None
            } else {
                Some(format!(
                    "device_token={}",
                    encode_component(&config.device_token)
                ))
            }
        }
        // Terminal counters log in on the page.
        (None, _) => None,
    };
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(&fragment);
    }
    Url::parse(&url).with_context(|| format!("invalid window URL for {role}"))
}

/// A URL fit for logs: without the fragment, where the tokens are.
pub(crate) fn redacted(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    url.to_string()
}

/// Where a window goes, in logical pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Placement {
    At {
        x: f64,
        y: f64,
        width: f64,
        height: f64,
    },
    Centered {
        width: f64,
        height: f64,
    },
}

/// Side by side across the primary monitor when tiling several windows; otherwise each window
/// at its default size (shrunk to fit the screen), centred. A display window given a monitor of
/// its own (`display_monitor`) fills that monitor instead.
pub(crate) fn layout(app: &AppHandle, config: &DesktopConfig) -> Vec<Placement> {
    let screen = app
        .primary_monitor()
        .ok()
        .flatten()
        .map(|m| logical_area(&m));
    let display_area = config.display_monitor.and_then(|index| {
        let monitors = app.available_monitors().unwrap_or_default();
        let found = monitors.get(index).map(logical_area);
        if found.is_none() {
            tracing::warn!(
                index,
                monitors = monitors.len(),
                "display_monitor not found: tiling the display window"
            );
        }
        found
    });
    let tiled: Vec<Role> = config
        .windows
        .iter()
        .copied()
        .filter(|role| !(display_area.is_some() && *role == Role::Display))
        .collect();
    let mut placed = place(&tiled, screen, config.tile && !config.fullscreen).into_iter();
    config
        .windows
        .iter()
        .map(|role| match display_area {
            Some((x, y, width, height)) if *role == Role::Display => Placement::At {
                x,
                y,
                width,
                height,
            },
            _ => placed.next().unwrap_or(Placement::Centered {
                width: 800.0,
                height: 600.0,
            }),
        })
        .collect()
}

/// A monitor's work area (or whole area) in logical pixels: `(x, y, width, height)`.
fn logical_area(monitor: &tauri::Monitor) -> (f64, f64, f64, f64) {
    let scale = monitor.scale_factor();
    let area = monitor.work_area();
    let (position, size) = if area.size.width > 0 && area.size.height > 0 {
        (area.position, area.size)
    } else {
        (*monitor.position(), *monitor.size())
    };
    (
        f64::from(position.x) / scale,
        f64::from(position.y) / scale,
        f64::from(size.width) / scale,
        f64::from(size.height) / scale,
    )
}

/// [`layout`] without the monitor: `screen` is the logical `(x, y, width, height)` work area.
pub(crate) fn place(
    roles: &[Role],
    screen: Option<(f64, f64, f64, f64)>,
    tile: bool,
) -> Vec<Placement> {
    match screen {
        Some((x0, y0, width, height)) if tile && roles.len() > 1 => {
            let total: f64 = roles.iter().map(|r| r.tile_weight()).sum();
            let mut x = x0;
            roles
                .iter()
                .map(|role| {
                    let w = (width * role.tile_weight() / total).floor();
                    let placement = Placement::At {
                        x,
                        y: y0,
                        width: w,
                        height,
                    };
                    x += w;
                    placement
                })
                .collect()
        }
        _ => roles
            .iter()
            .map(|role| {
                let (width, height) = role.default_size();
                match screen {
                    Some((_, _, sw, sh)) => Placement::Centered {
                        width: width.min(sw),
                        height: height.min(sh),
                    },
                    None => Placement::Centered { width, height },
                }
            })
            .collect(),
    }
}

pub(crate) fn open_window(
    app: &AppHandle,
    role: Role,
    url: Url,
    origin: url::Origin,
    placement: Placement,
    config: &DesktopConfig,
    scripts: Vec<String>,
) -> anyhow::Result<()> {
    tracing::info!(window = %role, url = %redacted(&url), "opening window");
    let mut builder = WebviewWindowBuilder::new(app, role.as_str(), WebviewUrl::External(url))
        .title(role.title())
        .fullscreen(
            config.fullscreen || (role == Role::Display && config.display_monitor.is_some()),
        )
        .on_navigation(move |target| {
            // The windows show the hall and nothing else; the kiosk only its public pages.
            if target.as_str() == "about:blank" {
                return true;
            }
            if target.origin() != origin {
                tracing::warn!(window = %role, url = %redacted(target), "navigation away from the hall blocked");
                return false;
            }
            if role == Role::Kiosk && !kiosk_may_open(target.path()) {
                tracing::warn!(window = %role, url = %redacted(target), "navigation to a staff page blocked");
                return false;
            }
            true
        })
        .on_page_load({
            let test_script = test_script(role);
            move |webview, payload| {
                if payload.event() == PageLoadEvent::Finished {
                    tracing::info!(window = %role, url = %redacted(payload.url()), "page loaded");
                    if let Some(script) = &test_script {
                        if let Err(e) = webview.eval(script) {
                            tracing::warn!(window = %role, "test script not run: {e}");
                        }
                    }
                }
            }
        });
    for script in scripts {
        builder = builder.initialization_script(script);
    }
    let locked = role == Role::Kiosk && config.kiosk_lockdown;
    if locked {
        builder = builder
            .fullscreen(true)
            .decorations(false)
            .always_on_top(true)
            .closable(false)
            .minimizable(false)
            .maximizable(false)
            .skip_taskbar(true);
    }
    builder = match placement {
        Placement::At {
            x,
            y,
            width,
            height,
        } => builder.inner_size(width, height).position(x, y),
        Placement::Centered { width, height } => builder.inner_size(width, height).center(),
    };
    let window = builder.build()?;
    if locked {
        // Alt+F4 and the window manager's close ask first; a locked kiosk says no.
        let app = app.clone();
        window.on_window_event(move |event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                if app.state::<crate::lockdown::Lockdown>().is_locked() {
                    tracing::warn!("close of the locked kiosk refused");
                    api.prevent_close();
                }
            }
        });
    }
    crate::watchdog::watch(&window, role);
    Ok(())
}

/// The hall pages a citizen may reach from the kiosk: the kiosk itself, tracking and
/// verification (the QR scanner), and the public booking page; anything under them too.
pub(crate) const KIOSK_PAGES: [&str; 4] = ["/kiosk", "/track", "/verify", "/public"];

pub(crate) fn kiosk_may_open(path: &str) -> bool {
    KIOSK_PAGES.iter().any(|page| {
        path == *page
            || path
                .strip_prefix(page)
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// Debug builds only: `ONETRIP_DESKTOP_TEST_SCRIPT_<ROLE>` names a script the window runs once
/// its page has loaded, so tests/desktop/smoke.sh can press the kiosk's buttons in the real
/// WebKit window. Release builds ignore it.
fn test_script(role: Role) -> Option<String> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let var = format!(
        "ONETRIP_DESKTOP_TEST_SCRIPT_{}",
        role.as_str().to_ascii_uppercase()
    );
    let path = std::env::var_os(&var)?;
    match std::fs::read_to_string(&path) {
        Ok(script) => Some(script),
        Err(e) => {
            tracing::warn!("{var}: {e}");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credentials() -> WindowCredentials {
        WindowCredentials {
            kiosk_token: "k1".into(),
            display_token: "d+2".into(),
            counter_session: "s3".into(),
        }
    }

    #[test]
    fn standalone_windows_carry_their_credentials() {
        let config = DesktopConfig::default();
        let c = credentials();
        let url = |role| window_url("http://127.0.0.1:4000", role, &config, Some(&c)).unwrap();
        assert_eq!(
            url(Role::Kiosk).as_str(),
            "http://127.0.0.1:4000/kiosk#device_token=k1"
        );
        assert_eq!(
            url(Role::Counter).as_str(),
            "http://127.0.0.1:4000/counter?counter=1#session=s3"
        );
        assert_eq!(
            url(Role::Display).as_str(),
            "http://127.0.0.1:4000/display#device_token=d%2B2"
        );
        assert_eq!(
            redacted(&url(Role::Counter)),
            "http://127.0.0.1:4000/counter?counter=1"
        );
    }

    #[test]
    fn terminal_windows_use_the_device_token_and_counters_log_in() {
        let config = DesktopConfig {
            mode: Mode::Terminal,
            server_url: "http://10.0.0.5:8080".into(),
            device_token: "tok".into(),
            counter: "7".into(),
            ..DesktopConfig::default()
        };
        let url = |role| window_url(&config.server_url, role, &config, None).unwrap();
        assert_eq!(
            url(Role::Kiosk).as_str(),
            "http://10.0.0.5:8080/kiosk#device_token=tok"
        );
        assert_eq!(
            url(Role::Display).as_str(),
            "http://10.0.0.5:8080/display#device_token=tok"
        );
        assert_eq!(
            url(Role::Counter).as_str(),
            "http://10.0.0.5:8080/counter?counter=7"
        );
        let no_token = DesktopConfig {
            device_token: String::new(),
            ..config.clone()
        };
        let kiosk = window_url(&no_token.server_url, Role::Kiosk, &no_token, None).unwrap();
        assert_eq!(kiosk.as_str(), "http://10.0.0.5:8080/kiosk");
    }

    #[test]
    fn the_kiosk_opens_only_public_pages() {
        for ok in [
            "/kiosk",
            "/kiosk/",
            "/track/ABC",
            "/track/ticket/x",
            "/verify",
            "/public/appointments",
        ] {
            assert!(kiosk_may_open(ok), "{ok}");
        }
        for staff in [
            "/counter",
            "/login",
            "/admin/ratings",
            "/",
            "/kiosks",
            "/trackers",
            "/output",
        ] {
            assert!(!kiosk_may_open(staff), "{staff}");
        }
    }

    #[test]
    fn tiled_windows_share_the_screen_without_overlap() {
        let placements = place(&Role::ALL, Some((0.0, 0.0, 1600.0, 1000.0)), true);
        let mut right = 0.0;
        for placement in placements {
            let Placement::At {
                x,
                y,
                width,
                height,
            } = placement
            else {
                panic!("not tiled: {placement:?}");
            };
            assert_eq!((x, y, height), (right, 0.0, 1000.0));
            right = x + width;
        }
        assert!(right <= 1600.0 && right > 1590.0);
    }

    #[test]
    fn single_or_untiled_windows_are_centred_and_fit_the_screen() {
        let one = place(&[Role::Kiosk], Some((0.0, 0.0, 1600.0, 900.0)), true);
        assert_eq!(
            one,
            vec![Placement::Centered {
                width: 768.0,
                height: 900.0
            }]
        );
        let untiled = place(&Role::ALL, None, false);
        assert!(untiled
            .iter()
            .all(|p| matches!(p, Placement::Centered { .. })));
    }
}
