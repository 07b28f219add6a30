//! What every benchmark writes beside its figures: the machine it ran on, and its own section
//! of docs/BENCHMARKS.md (the rest of the file is kept as it is). Included by each bench target
//! with `#[path]`, since bench targets cannot share a library of their own.

#![allow(dead_code)]

use std::path::Path;

pub(crate) struct Machine {
    pub(crate) cpus: usize,
    pub(crate) cpu_model: String,
    pub(crate) date: String,
    pub(crate) commit: String,
    /// `/proc/loadavg` before the run: other work on the machine skews every figure.
    pub(crate) load: String,
}

pub(crate) fn git(args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

pub(crate) fn machine() -> Machine {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu_model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let commit = match git(&["rev-parse", "--short", "HEAD"]) {
        Some(c) => {
            let dirty = git(&["status", "--porcelain", "--untracked-files=no"])
                .is_some_and(|s| !s.is_empty());
            if dirty {
                format!("{c} (with uncommitted changes)")
            } else {
                c
            }
        }
        None => "unknown".into(),
    };
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into());
    Machine {
        cpus,
        cpu_model,
        date: chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
        commit,
        load,
    }
}

pub(crate) const INTRO: &str = "# Benchmarks\n\n\
Figures measured by the benchmarks under `benches/`, on the machine named in each section. Each \
section below is rewritten by the benchmark that owns it (`cargo bench --bench <name>`); the rest of \
this file is kept as it is.\n";

/// Replaces the text from `heading` to the next `## ` heading (or the end); appends the section
/// if the file has none.
pub(crate) fn replace_section(doc: &str, heading: &str, body: &str) -> String {
    let new_section = format!("{heading}\n\n{}\n", body.trim_end());
    let lines: Vec<&str> = doc.split_inclusive('\n').collect();
    let Some(start) = lines.iter().position(|l| l.trim_end() == heading) else {
        let mut out = doc.trim_end().to_string();
        out.push_str("\n\n");
        out.push_str(&new_section);
        return out;
    };
    let end = lines[start + 1..]
        .iter()
        .position(|l| l.starts_with("## "))
        .map_or(lines.len(), |i| start + 1 + i);
    let mut out: String = lines[..start].concat();
    out.push_str(&new_section);
    if end < lines.len() {
        out.push('\n');
        out.push_str(&lines[end..].concat());
    }
    out
}

pub(crate) fn write_doc(heading: &str, section_body: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/BENCHMARKS.md");
    let old = std::fs::read_to_string(&path).unwrap_or_else(|_| INTRO.to_string());
    let new = replace_section(&old, heading, section_body);
    std::fs::write(&path, new).expect("write docs/BENCHMARKS.md");
    eprintln!("updated {}", path.display());
}
