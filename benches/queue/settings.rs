//! What a run measures: the aims, and the settings read from the environment.

use crate::*;

pub(crate) const CATEGORIES: [&str; 5] = ["A", "B", "C", "D", "E"];
/// The issues' aims: SQLite (issue 3) and PostgreSQL (issue 4, stated at 200 clients).
#[derive(Clone, Copy)]
pub(crate) struct Aim {
    pub(crate) ops: f64,
    pub(crate) p99_ms: f64,
}
pub(crate) const SQLITE_AIM: Aim = Aim {
    ops: 5_000.0,
    p99_ms: 20.0,
};
pub(crate) const POSTGRES_AIM: Aim = Aim {
    ops: 3_000.0,
    p99_ms: 30.0,
};
/// Error messages kept per level for the report (all errors are counted).
pub(crate) const KEPT_ERRORS: usize = 10;

pub(crate) struct Settings {
    pub(crate) seconds: f64,
    pub(crate) levels: Vec<usize>,
    pub(crate) counters: usize,
    pub(crate) dir: PathBuf,
    pub(crate) write_doc: bool,
    /// Longest wait for a quiet machine before each level.
    pub(crate) wait_idle: Duration,
    /// PostgreSQL admin URL; None: SQLite.
    pub(crate) postgres: Option<String>,
    pub(crate) instances: usize,
}

impl Settings {
    pub(crate) fn from_env() -> Self {
        let seconds = std::env::var("BENCH_SECONDS")
            .ok()
            .map(|s| s.trim().parse::<f64>().expect("BENCH_SECONDS: a number"))
            .unwrap_or(10.0);
        assert!(seconds > 0.0, "BENCH_SECONDS must be positive");
        let levels: Vec<usize> = std::env::var("BENCH_LEVELS")
            .ok()
            .map(|s| {
                s.split(',')
                    .map(|l| l.trim().parse().expect("BENCH_LEVELS: e.g. 1,10,50,200"))
                    .collect()
            })
            .unwrap_or_else(|| vec![1, 10, 50, 200]);
        assert!(
            !levels.is_empty() && levels.iter().all(|&n| n > 0),
            "BENCH_LEVELS: positive client counts"
        );
        let largest = *levels.iter().max().unwrap();
        let counters = std::env::var("BENCH_COUNTERS")
            .ok()
            .map(|s| s.trim().parse().expect("BENCH_COUNTERS: a number"))
            .unwrap_or(200usize)
            .max(largest);
        let dir = std::env::var_os("BENCH_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(std::env::temp_dir);
        let write_doc = std::env::var("BENCH_NO_DOC").map_or(true, |v| v.is_empty() || v == "0");
        let wait_idle = Duration::from_secs(
            std::env::var("BENCH_WAIT_IDLE")
                .ok()
                .map(|s| s.trim().parse().expect("BENCH_WAIT_IDLE: seconds"))
                .unwrap_or(0),
        );
        let postgres = std::env::var("BENCH_POSTGRES")
            .ok()
            .filter(|v| !v.is_empty() && v != "0")
            .map(|v| {
                if v.starts_with("postgres") {
                    v
                } else {
                    std::env::var("ONETRIP_TEST_POSTGRES").expect(
                        "BENCH_POSTGRES=1 needs ONETRIP_TEST_POSTGRES (scripts/with-postgres.sh)",
                    )
                }
            });
        let instances: usize = std::env::var("BENCH_INSTANCES")
            .ok()
            .map(|s| s.trim().parse().expect("BENCH_INSTANCES: a number"))
            .unwrap_or(1);
        assert!(
            instances >= 1 && (instances == 1 || postgres.is_some()),
            "BENCH_INSTANCES above 1 needs BENCH_POSTGRES: instances share one database"
        );
        Self {
            seconds,
            levels,
            counters,
            dir,
            write_doc,
            wait_idle,
            postgres,
            instances,
        }
    }

    /// The heading of the section of docs/BENCHMARKS.md this run owns.
    pub(crate) fn aim(&self) -> Aim {
        if self.postgres.is_some() {
            POSTGRES_AIM
        } else {
            SQLITE_AIM
        }
    }

    pub(crate) fn durability_phrase(&self) -> &'static str {
        if self.postgres.is_some() {
            "PostgreSQL's defaults, unchanged — `fsync=on`, `synchronous_commit=on`, so every \
             acknowledged operation is a committed transaction whose WAL was flushed before the \
             answer was sent"
        } else {
            "the server's default settings, unchanged — WAL journal with `synchronous=FULL`, so \
             every acknowledged operation is a committed transaction whose WAL write was fsync'ed \
             before the answer was sent"
        }
    }

    pub(crate) fn section(&self) -> String {
        match (&self.postgres, self.instances) {
            (None, _) => "## Queue API (SQLite)".into(),
            (Some(_), 1) => "## Queue API (PostgreSQL, 1 instance)".into(),
            (Some(_), n) => format!("## Queue API (PostgreSQL, {n} instances)"),
        }
    }

    pub(crate) fn backend_phrase(&self) -> String {
        match (&self.postgres, self.instances) {
            (None, _) => "a fresh SQLite database".into(),
            (Some(_), 1) => "a fresh PostgreSQL database (a throwaway local server, default settings)".into(),
            (Some(_), n) => format!(
                "a fresh PostgreSQL database (a throwaway local server, default settings) shared by {n} \
                 server instances in the process, terminal n talking to instance n mod {n}"
            ),
        }
    }
}
