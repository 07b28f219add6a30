//! Summaries of a level, and the machine's own load around it.

use crate::*;

#[derive(Clone, Copy, Default)]
pub(crate) struct Summary {
    pub(crate) count: usize,
    pub(crate) p50_ms: f64,
    pub(crate) p99_ms: f64,
    pub(crate) max_ms: f64,
}

impl Summary {
    pub(crate) fn of(mut us: Vec<u32>) -> Self {
        if us.is_empty() {
            return Self::default();
        }
        us.sort_unstable();
        let at = |p: f64| {
            let rank = ((p * us.len() as f64).ceil() as usize).clamp(1, us.len());
            us[rank - 1] as f64 / 1000.0
        };
        Self {
            count: us.len(),
            p50_ms: at(0.50),
            p99_ms: at(0.99),
            max_ms: *us.last().unwrap() as f64 / 1000.0,
        }
    }
}

pub(crate) struct LevelResult {
    pub(crate) clients: usize,
    pub(crate) seconds: f64,
    /// CPU time of this process (server and clients) per second of the run, in cores.
    pub(crate) cpu_cores: f64,
    /// CPU time of everything else on the machine per second of the run, in cores.
    pub(crate) other_cores: f64,
    /// p50 of a 4 KiB write + fdatasync in the database directory just before the level.
    pub(crate) fsync_p50_ms: f64,
    pub(crate) all: Summary,
    pub(crate) by_op: [Summary; 3],
    pub(crate) errors: u64,
    pub(crate) messages: Vec<String>,
    pub(crate) issued: usize,
    pub(crate) called: usize,
    pub(crate) empty_calls: u64,
}

impl LevelResult {
    pub(crate) fn ops_per_sec(&self) -> f64 {
        self.all.count as f64 / self.seconds
    }

    pub(crate) fn meets_aim(&self, aim: Aim) -> bool {
        self.errors == 0 && self.ops_per_sec() >= aim.ops && self.all.p99_ms <= aim.p99_ms
    }
}

/// User + system CPU time of this process from `/proc/self/stat` (USER_HZ = 100 on Linux);
/// 0 where that file does not exist.
pub(crate) fn process_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

/// Busy CPU time of the whole machine (all but idle and iowait) from `/proc/stat`.
pub(crate) fn machine_busy_seconds() -> f64 {
    std::fs::read_to_string("/proc/stat")
        .ok()
        .and_then(|s| {
            let line = s.lines().next()?;
            let f: Vec<f64> = line
                .split_whitespace()
                .skip(1)
                .filter_map(|v| v.parse().ok())
                .collect();
            let total: f64 = f.iter().take(8).sum();
            Some((total - f.get(3)? - f.get(4)?) / 100.0)
        })
        .unwrap_or(0.0)
}

/// Sectors written to every block device so far (`/proc/diskstats`).
pub(crate) fn sectors_written() -> f64 {
    std::fs::read_to_string("/proc/diskstats")
        .ok()
        .map(|s| {
            s.lines()
                .filter_map(|l| l.split_whitespace().nth(9)?.parse::<f64>().ok())
                .sum()
        })
        .unwrap_or(0.0)
}

/// Waits (up to `max`) until, for 5 s running, the rest of the machine has used under 0.1
/// core and the disks have taken under 1 MiB/s of writes.
pub(crate) fn wait_for_quiet(max: Duration) {
    if max.is_zero() {
        return;
    }
    let until = Instant::now() + max;
    let mut quiet = 0;
    while quiet < 5 && Instant::now() < until {
        let (busy0, own0, disk0) = (
            machine_busy_seconds(),
            process_cpu_seconds(),
            sectors_written(),
        );
        std::thread::sleep(Duration::from_secs(1));
        let others = (machine_busy_seconds() - busy0) - (process_cpu_seconds() - own0);
        let written = sectors_written() - disk0;
        quiet = if others < 0.1 && written < 2048.0 {
            quiet + 1
        } else {
            0
        };
    }
    if quiet < 5 {
        eprintln!("the machine did not get quiet within {max:?}; running anyway");
    }
}
