//! `desktop.toml` and the command line that overrides it.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::{Parser, ValueEnum};
use serde::{Deserialize, Serialize};

/// Name of the config file in the app's config directory.
pub const FILE_NAME: &str = "desktop.toml";

/// What the shell does: run the hall here, or show a hall that runs elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Start the hall server in this process (SQLite in the app data directory).
    #[default]
    Standalone,
    /// Open windows onto a hall server elsewhere (`server_url`).
    Terminal,
}

/// A window the shell can open; each loads the hall page of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// 自助取号: the self-service ticket kiosk.
    Kiosk,
    /// 综合窗口: the staff counter.
    Counter,
    /// 叫号屏: the calling display.
    Display,
    /// 分类审批: a department's approval queue.
    Approver,
    /// 统一出件: the output window.
    Output,
    /// 管理: the hall admin's screens.
    Admin,
}

impl Role {
    /// The windows a fresh `desktop.toml` opens.
    pub const DEFAULT: [Role; 3] = [Role::Kiosk, Role::Counter, Role::Display];
    #[cfg(test)]
    pub const ALL: [Role; 6] = [
        Role::Kiosk,
        Role::Counter,
        Role::Display,
        Role::Approver,
        Role::Output,
        Role::Admin,
    ];

    /// Window label and URL path segment.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Kiosk => "kiosk",
            Role::Counter => "counter",
            Role::Display => "display",
            Role::Approver => "approver",
            Role::Output => "output",
            Role::Admin => "admin",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Role::Kiosk => "自助取号",
            Role::Counter => "综合窗口",
            Role::Display => "叫号屏",
            Role::Approver => "分类审批",
            Role::Output => "统一出件",
            Role::Admin => "大厅管理",
        }
    }

    /// Whether the page authenticates as a device (token) rather than as staff (login).
    pub fn is_device(self) -> bool {
        matches!(self, Role::Kiosk | Role::Display)
    }

    /// Logical size when the window is not tiled.
    pub fn default_size(self) -> (f64, f64) {
        match self {
            Role::Kiosk => (768.0, 1024.0),
            Role::Display => (1280.0, 720.0),
            Role::Counter | Role::Approver | Role::Output | Role::Admin => (1280.0, 800.0),
        }
    }

    /// Share of the screen's width when tiled.
    pub fn tile_weight(self) -> f64 {
        match self {
            Role::Kiosk => 3.0,
            _ => 4.0,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The contents of `desktop.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DesktopConfig {
    pub mode: Mode,
    /// Terminal mode: the hall server, e.g. `http://10.0.0.5:8080`.
    pub server_url: String,
    /// Terminal mode: this device's token, handed to the kiosk and display pages.
    pub device_token: String,
    pub windows: Vec<Role>,
    /// The counter (window number) the counter page serves.
    pub counter: String,
    /// Split the screen between the windows when several are open.
    pub tile: bool,
    /// Open the windows full screen.
    pub fullscreen: bool,
    /// CUPS queue of the 80 mm receipt printer (ticket slips); empty: none, slips go to a preview.
    pub receipt_printer: String,
    /// CUPS queue of the A4 printer (notices, completion documents); empty: print preview.
    pub a4_printer: String,
    /// Seconds a print job may wait in the queue before the printer counts as stuck.
    pub print_timeout_secs: u64,
    /// Kiosk lockdown: the kiosk window full screen, undecorated, on top, not closable; only the
    /// admin PIN leaves it.
    pub kiosk_lockdown: bool,
    /// Seconds without a touch after which the kiosk goes back to its home screen.
    pub idle_timeout_secs: u64,
    /// Argon2 hash of the admin PIN (`onetrip-desktop hash-pin`); empty: lockdown cannot be left
    /// from the screen.
    pub admin_pin_hash: String,
    /// Monitor (0 = primary, 1, 2 … in the system's order) for the display window, full screen.
    pub display_monitor: Option<usize>,
}

impl Default for DesktopConfig {
    fn default() -> Self {
        Self {
            mode: Mode::Standalone,
            server_url: String::new(),
            device_token: String::new(),
            windows: Role::DEFAULT.to_vec(),
            counter: "1".to_owned(),
            tile: true,
            fullscreen: false,
            receipt_printer: String::new(),
            a4_printer: String::new(),
            print_timeout_secs: 20,
            kiosk_lockdown: false,
            idle_timeout_secs: 90,
            admin_pin_hash: String::new(),
            display_monitor: None,
        }
    }
}

/// What a fresh `desktop.toml` holds: the defaults, with comments. A test checks that it parses
/// to [`DesktopConfig::default`].
pub const DEFAULT_FILE: &str = r#"# onetrip desktop shell — 只跑一次综合服务大厅
# Every key can be overridden on the command line, e.g.
#   onetrip-desktop --mode terminal --server-url http://10.0.0.5:8080 --windows kiosk,display

# "standalone": run the hall server on this machine (SQLite in the app data directory).
# "terminal":   open windows onto a hall server that runs elsewhere (server_url).
mode = "standalone"

# Terminal mode: the hall server's address, and this device's token (kiosk and display windows).
server_url = ""
device_token = ""

# Which windows to open: any of "kiosk" (自助取号), "counter" (综合窗口), "display" (叫号屏),
# "approver" (分类审批), "output" (统一出件), "admin" (大厅管理).
windows = ["kiosk", "counter", "display"]

# The counter (window number) the counter window serves.
counter = "1"

# Split the screen between the windows when several are open.
tile = true

# Open the windows full screen (kiosk and display machines).
fullscreen = false

# CUPS printers (names as `lpstat -p` lists them). Empty: no printer, the page shows a preview.
# receipt_printer takes the kiosk's 80 mm ticket slips; a4_printer the notices and documents.
receipt_printer = ""
a4_printer = ""

# Seconds a job may wait in the printer's queue before the screen reports the printer stuck
# (paper out, jam) and the slip or document is marked for reprint.
print_timeout_secs = 20

# Kiosk lockdown (self-service machines): the kiosk window full screen, without decorations,
# always on top and not closable. The admin PIN leaves it: press Ctrl+Alt+L or touch the
# top-left corner five times within three seconds. Set the PIN with
#   onetrip-desktop hash-pin
# and paste the hash it prints here.
kiosk_lockdown = false
admin_pin_hash = ""

# Seconds without a touch after which the kiosk goes back to its home screen.
idle_timeout_secs = 90

# The monitor (0 = primary, 1, 2 …) that shows the display window full screen; unset: tiled.
# display_monitor = 1
"#;

/// Command line. Every `desktop.toml` key has a flag that overrides it.
#[derive(Debug, Clone, Default, Parser)]
#[command(
    name = "onetrip-desktop",
    version,
    about = "只跑一次综合服务大厅 — desktop shell (kiosk, counter and display windows)"
)]
pub struct Cli {
    /// Config file to use instead of desktop.toml in the app config directory.
    #[arg(long, value_name = "PATH", env = "ONETRIP_DESKTOP_CONFIG")]
    pub config: Option<PathBuf>,
    #[arg(long, value_enum)]
    pub mode: Option<Mode>,
    /// Terminal mode: the hall server, e.g. http://10.0.0.5:8080
    #[arg(long, value_name = "URL")]
    pub server_url: Option<String>,
    /// Terminal mode: this device's token for the kiosk and display windows.
    #[arg(
        long,
        value_name = "TOKEN",
        env = "ONETRIP_DEVICE_TOKEN",
        hide_env_values = true
    )]
    pub device_token: Option<String>,
    /// Windows to open, comma-separated: kiosk,counter,display,approver,output,admin
    #[arg(long, value_enum, value_delimiter = ',', value_name = "ROLES")]
    pub windows: Option<Vec<Role>>,
    /// The counter (window number) the counter window serves.
    #[arg(long, value_name = "N")]
    pub counter: Option<String>,
    /// Split the screen between the windows: true or false.
    #[arg(long, value_name = "BOOL")]
    pub tile: Option<bool>,
    /// Open the windows full screen: true or false.
    #[arg(long, value_name = "BOOL")]
    pub fullscreen: Option<bool>,
    /// CUPS queue of the receipt printer (ticket slips); "" for none.
    #[arg(long, value_name = "QUEUE")]
    pub receipt_printer: Option<String>,
    /// CUPS queue of the A4 printer (documents); "" for none.
    #[arg(long, value_name = "QUEUE")]
    pub a4_printer: Option<String>,
    /// Seconds a print job may wait before the printer counts as stuck.
    #[arg(long, value_name = "SECONDS")]
    pub print_timeout_secs: Option<u64>,
    /// Kiosk lockdown: true or false.
    #[arg(long, value_name = "BOOL")]
    pub kiosk_lockdown: Option<bool>,
    /// Seconds without a touch before the kiosk goes home.
    #[arg(long, value_name = "SECONDS")]
    pub idle_timeout_secs: Option<u64>,
    /// Monitor index for the display window.
    #[arg(long, value_name = "N")]
    pub display_monitor: Option<usize>,
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Once the windows are open, print the hall server's URL on stdout.
    #[arg(long)]
    pub print_url: bool,
    /// Once the windows are open, write the hall server's URL to this file.
    #[arg(long, value_name = "PATH", env = "ONETRIP_DESKTOP_REPORT")]
    pub report: Option<PathBuf>,
}

/// What the binary does instead of opening windows.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Reads a PIN (4–12 digits) from stdin and prints its hash for `admin_pin_hash`.
    HashPin,
    /// Opens only the settings screen (no hall windows, no server).
    Settings,
}

impl DesktopConfig {
    /// Reads `path`, writing the default file there first if there is none.
    pub fn load_or_create(path: &Path) -> anyhow::Result<Self> {
        if !path.exists() {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
            }
            std::fs::write(path, DEFAULT_FILE)
                .with_context(|| format!("writing {}", path.display()))?;
            tracing::info!(path = %path.display(), "wrote default desktop config");
        }
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("invalid {}", path.display()))
    }

    /// The file's settings with the command line's on top.
    pub fn apply(mut self, cli: &Cli) -> Self {
        if let Some(mode) = cli.mode {
            self.mode = mode;
        }
        if let Some(url) = &cli.server_url {
            self.server_url = url.clone();
        }
        if let Some(token) = &cli.device_token {
            self.device_token = token.clone();
        }
        if let Some(windows) = &cli.windows {
            self.windows = windows.clone();
        }
        if let Some(counter) = &cli.counter {
            self.counter = counter.clone();
        }
        if let Some(tile) = cli.tile {
            self.tile = tile;
        }
        if let Some(fullscreen) = cli.fullscreen {
            self.fullscreen = fullscreen;
        }
        if let Some(queue) = &cli.receipt_printer {
            self.receipt_printer = queue.clone();
        }
        if let Some(queue) = &cli.a4_printer {
            self.a4_printer = queue.clone();
        }
        if let Some(secs) = cli.print_timeout_secs {
            self.print_timeout_secs = secs;
        }
        if let Some(lockdown) = cli.kiosk_lockdown {
            self.kiosk_lockdown = lockdown;
        }
        if let Some(secs) = cli.idle_timeout_secs {
            self.idle_timeout_secs = secs;
        }
        if let Some(monitor) = cli.display_monitor {
            self.display_monitor = Some(monitor);
        }
        self
    }

    /// Checks the settings and puts them in canonical form (no duplicate windows, no trailing `/`).
    pub fn validate(mut self) -> anyhow::Result<Self> {
        let mut seen = Vec::new();
        for role in self.windows {
            if !seen.contains(&role) {
                seen.push(role);
            }
        }
        self.windows = seen;
        if self.windows.is_empty() {
            bail!("no windows to open: set `windows` to some of kiosk, counter, display");
        }
        self.counter = self.counter.trim().to_owned();
        if self.counter.is_empty() {
            bail!("`counter` must not be empty");
        }
        self.server_url = self.server_url.trim().trim_end_matches('/').to_owned();
        self.receipt_printer = self.receipt_printer.trim().to_owned();
        self.a4_printer = self.a4_printer.trim().to_owned();
        for queue in [&self.receipt_printer, &self.a4_printer] {
            if queue
                .chars()
                .any(|c| c.is_whitespace() || c == '/' || c == '#')
            {
                bail!("printer names may not contain spaces, '/' or '#': {queue:?}");
            }
        }
        if !(1..=600).contains(&self.print_timeout_secs) {
            bail!("print_timeout_secs must be between 1 and 600");
        }
        if !(15..=3600).contains(&self.idle_timeout_secs) {
            bail!("idle_timeout_secs must be between 15 and 3600");
        }
        self.admin_pin_hash = self.admin_pin_hash.trim().to_owned();
        if !self.admin_pin_hash.is_empty() && !self.admin_pin_hash.starts_with("$argon2") {
            bail!("admin_pin_hash must be a hash printed by `onetrip-desktop hash-pin`, not the PIN itself");
        }
        if self.mode == Mode::Terminal {
            if self.server_url.is_empty() {
                bail!(
                    "terminal mode needs `server_url` (or --server-url), e.g. http://10.0.0.5:8080"
                );
            }
            let url = url::Url::parse(&self.server_url)
                .with_context(|| format!("invalid server_url {:?}", self.server_url))?;
            if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
                bail!(
                    "server_url must be an http:// or https:// address, not {:?}",
                    self.server_url
                );
            }
        }
        Ok(self)
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so that a token survives
/// in a URL fragment and `decodeURIComponent`/`URLSearchParams` give it back unchanged.
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_file_is_the_default_config() {
        let parsed: DesktopConfig = toml::from_str(DEFAULT_FILE).unwrap();
        assert_eq!(parsed, DesktopConfig::default());
    }

    #[test]
    fn missing_keys_take_defaults_and_unknown_keys_are_refused() {
        let parsed: DesktopConfig = toml::from_str("mode = \"terminal\"").unwrap();
        assert_eq!(parsed.mode, Mode::Terminal);
        assert_eq!(parsed.windows, Role::DEFAULT.to_vec());
        assert!(toml::from_str::<DesktopConfig>("windws = []").is_err());
    }

    #[test]
    fn command_line_overrides_the_file() {
        let cli = Cli::try_parse_from([
            "onetrip-desktop",
            "--mode",
            "terminal",
            "--server-url",
            "http://10.0.0.5:8080/",
            "--windows",
            "kiosk,display,kiosk",
            "--tile",
            "false",
        ])
        .unwrap();
        let config = DesktopConfig::default().apply(&cli).validate().unwrap();
        assert_eq!(config.mode, Mode::Terminal);
        assert_eq!(config.server_url, "http://10.0.0.5:8080");
        assert_eq!(config.windows, vec![Role::Kiosk, Role::Display]);
        assert!(!config.tile);
        assert_eq!(config.counter, "1");
    }

    #[test]
    fn terminal_mode_needs_an_http_server_url() {
        let terminal = DesktopConfig {
            mode: Mode::Terminal,
            ..DesktopConfig::default()
        };
        assert!(terminal.clone().validate().is_err());
        for bad in ["10.0.0.5:8080", "ftp://x", "http://"] {
            let config = DesktopConfig {
                server_url: bad.into(),
                ..terminal.clone()
            };
            assert!(config.validate().is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn load_or_create_writes_the_defaults_once() {
        let dir = std::env::temp_dir().join(format!("onetrip-desktop-test-{}", std::process::id()));
        let path = dir.join("sub").join(FILE_NAME);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(
            DesktopConfig::load_or_create(&path).unwrap(),
            DesktopConfig::default()
        );
        std::fs::write(&path, "mode = \"terminal\"\nserver_url = \"http://h:1\"\n").unwrap();
        assert_eq!(
            DesktopConfig::load_or_create(&path).unwrap().mode,
            Mode::Terminal
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn tokens_are_encoded_for_fragments() {
        assert_eq!(encode_component("aZ09-._~"), "aZ09-._~");
        assert_eq!(encode_component("a+b/c=&#"), "a%2Bb%2Fc%3D%26%23");
    }
}
