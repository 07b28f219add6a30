//! The tables and verdicts of the section of docs/BENCHMARKS.md this run owns (the machine and
//! the writing of the section are `bench_doc`'s).

use crate::*;

/// Median latency of a 4 KiB write + fdatasync where the database lives: each commit pays
/// about one, and other writers on the same disk slow it down.
pub(crate) fn fsync_probe(dir: &Path) -> f64 {
    let path = dir.join(format!("onetrip-bench-fsync-{}", std::process::id()));
    let mut file = std::fs::File::create(&path).expect("fsync probe file");
    let block = [0u8; 4096];
    let mut us = Vec::with_capacity(200);
    for _ in 0..200 {
        file.write_all(&block).expect("probe write");
        let t0 = Instant::now();
        file.sync_data().expect("probe fsync");
        us.push(t0.elapsed().as_micros() as u32);
    }
    drop(file);
    let _ = std::fs::remove_file(&path);
    Summary::of(us).p50_ms
}

pub(crate) fn table(results: &[LevelResult], aim: Aim) -> String {
    let mut s = String::from(
        "| clients | duration (s) | total ops | ops/s | p50 ms | p99 ms | max ms | errors | aim met |\n\
         |--------:|-------------:|----------:|------:|-------:|-------:|-------:|-------:|:-------:|\n",
    );
    for r in results {
        let _ = writeln!(
            s,
            "| {} | {:.1} | {} | {:.0} | {:.2} | {:.2} | {:.1} | {} | {} |",
            r.clients,
            r.seconds,
            r.all.count,
            r.ops_per_sec(),
            r.all.p50_ms,
            r.all.p99_ms,
            r.all.max_ms,
            r.errors,
            if r.meets_aim(aim) { "yes" } else { "no" },
        );
    }
    s.push_str(
        "\nPer operation (ms):\n\n\
         | clients | issue p50 | issue p99 | call-next p50 | call-next p99 | finish p50 | finish p99 |\n\
         |--------:|----------:|----------:|--------------:|--------------:|-----------:|-----------:|\n",
    );
    for r in results {
        let [i, c, f] = r.by_op;
        let _ = writeln!(
            s,
            "| {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
            r.clients, i.p50_ms, i.p99_ms, c.p50_ms, c.p99_ms, f.p50_ms, f.p99_ms,
        );
    }
    s.push_str(
        "\nConditions: CPU used by this process (server and clients) and by the rest of the machine, \
         in cores (2.00 = both cores busy); a 4 KiB write + fdatasync in the database directory \
         just before the level; and the queue work done.\n\n\
         | clients | CPU this process | CPU rest of machine | fsync p50 ms | tickets issued | calls | empty calls (204) |\n\
         |--------:|-----------------:|--------------------:|-------------:|---------------:|------:|------------------:|\n",
    );
    for r in results {
        let _ = writeln!(
            s,
            "| {} | {:.2} | {:.2} | {:.2} | {} | {} | {} |",
            r.clients,
            r.cpu_cores,
            r.other_cores,
            r.fsync_p50_ms,
            r.issued,
            r.called,
            r.empty_calls
        );
    }
    s
}

/// "1 client", "10 and 50 clients".
pub(crate) fn clients_phrase(levels: &[usize]) -> String {
    let names: Vec<String> = levels.iter().map(usize::to_string).collect();
    let list = match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    let plural = levels.len() > 1 || levels.first() != Some(&1);
    format!("{list} client{}", if plural { "s" } else { "" })
}

pub(crate) fn verdict(results: &[LevelResult], aim: Aim) -> String {
    let Aim {
        ops: aim_ops,
        p99_ms: aim_p99,
    } = aim;
    let levels = |f: &dyn Fn(&LevelResult) -> bool| -> Vec<usize> {
        results.iter().filter(|r| f(r)).map(|r| r.clients).collect()
    };
    let met = levels(&|r| r.meets_aim(aim));
    let fast = levels(&|r| r.all.p99_ms <= aim_p99);
    let best = results
        .iter()
        .max_by(|a, b| a.ops_per_sec().total_cmp(&b.ops_per_sec()))
        .expect("at least one level");
    let mut s = format!("**Aim: ≥ {aim_ops:.0} ops/s with p99 ≤ {aim_p99:.0} ms — ");
    if met.len() == results.len() {
        s.push_str("met at every level.**");
    } else {
        if met.is_empty() {
            s.push_str("not met at any level.**");
        } else {
            let _ = write!(s, "met only with {}.**", clients_phrase(&met));
        }
        let _ = write!(
            s,
            " The best throughput is {:.0} ops/s ({}, p99 {:.1} ms), {:.0} % of the aim; \
             p99 ≤ {aim_p99:.0} ms holds {}.",
            best.ops_per_sec(),
            clients_phrase(&[best.clients]),
            best.all.p99_ms,
            100.0 * best.ops_per_sec() / aim_ops,
            if fast.is_empty() {
                "at no level".to_string()
            } else if fast.len() == results.len() {
                "at every level".to_string()
            } else {
                format!("only with {}", clients_phrase(&fast))
            }
        );
    }
    s
}

pub(crate) fn section(settings: &Settings, m: &Machine, results: &[LevelResult]) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "Each of N simulated terminals loops for {secs} s: `POST /api/v1/tickets` (as a kiosk, with an \
         `Idempotency-Key`), `POST /api/v1/counters/P{{n}}/call-next` (as its own clerk at its own \
         counter), then `POST /api/v1/tickets/{{id}}/finish` for whatever ticket it was given. Every HTTP \
         request is one operation; its latency is measured by the client from sending to the last byte \
         of the answer. The real server runs in the same process (`onetrip::server::start`, \
         127.0.0.1, HTTP/1.1 keep-alive, one `reqwest` client per terminal), so client and server \
         share the machine's cores. Each level gets {backend} with the demo catalog plus \
         {counters} intake counters P1–P{counters} (all categories, weight 1), N clerks and N kiosk \
         tokens, all created before the clock starts.\n\n\
         **Durability:** {durability}. After each level the run checks ticket \
         numbers unique and gapless per category and no ticket called twice, then stops the server, \
         reopens the database and finds every acknowledged issue, call and finish in it.\n\n\
         Rerun: `cargo bench --bench queue` (`BENCH_SECONDS=10`, `BENCH_LEVELS=1,10,50,200`, \
         `BENCH_COUNTERS`, `BENCH_DIR` for the database directory, `BENCH_WAIT_IDLE=<s>` to wait for a \
         quiet machine before each level, `BENCH_NO_DOC=1` to leave this file alone).\n\n\
         Run: {date}, commit {commit}; {cpus} CPUs ({model}); databases in `{dir}`; load average before \
         the run \
         {load}.\n\n",
        secs = settings.seconds,
        counters = settings.counters,
        date = m.date,
        commit = m.commit,
        cpus = m.cpus,
        model = m.cpu_model,
        dir = settings.dir.display(),
        load = m.load,
        backend = settings.backend_phrase(),
        durability = settings.durability_phrase(),
    );
    s.push_str(&table(results, settings.aim()));
    s.push('\n');
    s.push_str(&verdict(results, settings.aim()));
    s.push('\n');
    let with_errors: Vec<&LevelResult> = results.iter().filter(|r| r.errors > 0).collect();
    if with_errors.is_empty() {
        s.push_str(
            "\nNo request failed; every level passed the correctness and durability checks.\n",
        );
    } else {
        s.push_str("\nFailed requests (first few):\n\n");
        for r in with_errors {
            for m in &r.messages {
                let _ = writeln!(s, "- {} clients — {}", r.clients, m.replace('\n', " "));
            }
        }
    }
    s
}
