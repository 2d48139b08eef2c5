//! distlab-sim: the native command-line runner: run scenario files, fuzz, benchmark.

use std::alloc::{GlobalAlloc, Layout, System};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use distlab::idgen::bench::snowflake_in_process;
use distlab::lab::catalog::{self, LabEntry};
use distlab::lab::fuzz::FuzzOptions;
use distlab::lab::raft::workloads::ten_minute_scenario;
use distlab::lab::runner::{run_json, RunError};
use distlab::raft::bench::run_raft_bench;
use distlab::raft::{RaftChecker, RaftNode};
use distlab::sim::bench::run_kernel_bench;
use distlab::sim::{secs, Retention, Timeline};
use distlab::txn::bench::run_txn_bench;

const USAGE: &str = "usage:
  distlab-sim run SCENARIO.json [--trace OUT.ndjson]
        play a scenario to its end with every invariant of its lab checked after every event;
        exit 0 when all hold, 1 on a violation, 2 on bad input
  distlab-sim fuzz --lab LAB --seeds N [--first-seed S] [--bug NAME] [--nodes N] [--save FILE]
        the lab's random fault schedule on N seeds (raft: 3, 5 and 7 nodes in turn unless --nodes;
        --bug: one of the lab's mistakes or unsafe recipes, which the schedule must catch);
        exit 0 when nothing was found, 1 with the smallest seed that finds a violation
  distlab-sim bench --lab kernel [--events N] [--seed N]     kernel events per second (best of 3)
  distlab-sim bench --lab raft [--seconds N] [--seed N]      simulated seconds per wall second (best of 3)
  distlab-sim bench --lab memory [--seed N]                  heap held by a 10-minute Raft run and its checkpoints
  distlab-sim bench --lab txn [--events N] [--seed N]        TCC payments simulated and checked per second (N: transactions)
  distlab-sim bench --lab ids [--seconds N]                  in-process Snowflake IDs issued and checked per second
  distlab-sim help";

/// The usage text, with the labs that fuzz and the variants each knows.
fn usage() -> String {
    let mut text = USAGE.to_string();
    for entry in catalog::LABS.iter() {
        if let Some(schedule) = &entry.fuzz {
            text.push_str(&format!("\n--bug for --lab {}: {}", entry.name, (schedule.variants)().join(", ")));
        }
    }
    text
}

/// Print a line to standard output, ignoring a closed pipe (`distlab-sim ... | head` must not panic).
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// The system allocator, counting the bytes currently allocated (for `bench --lab memory`).
struct CountingAllocator;

/// Bytes currently allocated on the heap.
static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Heap bytes allocated by `work`'s result (what it still holds when it returns), and the result.
fn heap_held_by<T>(work: impl FnOnce() -> T) -> (usize, T) {
    let before = LIVE_BYTES.load(Ordering::Relaxed);
    let result = work();
    (LIVE_BYTES.load(Ordering::Relaxed).saturating_sub(before), result)
}

/// The trace window the Raft page keeps (`ui::raft_page::setup::TRACE_WINDOW`).
const PAGE_TRACE_WINDOW: usize = 4_000;

/// How many timed runs a benchmark takes the best of.
const BENCH_RUNS: u32 = 3;

/// A parsed command line.
#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Run { scenario: String, trace: Option<String> },
    Fuzz(FuzzArgs),
    Bench(BenchArgs),
}

/// Arguments of `fuzz`.
#[derive(Debug, PartialEq)]
struct FuzzArgs {
    lab: &'static str,
    seeds: u64,
    first_seed: u64,
    options: FuzzOptions,
    save: Option<String>,
}

/// Arguments of `bench`.
#[derive(Debug, PartialEq)]
struct BenchArgs {
    lab: String,
    amount: Option<u64>,
    seed: u64,
}

/// Flags and their values, in order, with the positional arguments apart.
struct Flags<'a> {
    positional: Vec<&'a str>,
    named: Vec<(&'a str, &'a str)>,
}

impl<'a> Flags<'a> {
    fn parse(args: &'a [String], known: &[&str]) -> Result<Self, String> {
        let mut flags = Flags { positional: Vec::new(), named: Vec::new() };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            if arg.starts_with("--") {
                if !known.contains(&arg.as_str()) {
                    return Err(format!("unknown argument {arg:?}"));
                }
                let value = it.next().ok_or_else(|| format!("{arg} needs a value"))?;
                flags.named.push((arg, value));
            } else {
                flags.positional.push(arg);
            }
        }
        Ok(flags)
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        self.named.iter().rev().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    fn number(&self, name: &str) -> Result<Option<u64>, String> {
        self.get(name)
            .map(|text| text.replace('_', "").parse().map_err(|_| format!("{name} takes a whole number, not {text:?}")))
            .transpose()
    }
}

fn parse(args: &[String]) -> Result<Command, String> {
    let Some((command, rest)) = args.split_first() else { return Err("no command given".into()) };
    match command.as_str() {
        "run" => {
            let flags = Flags::parse(rest, &["--trace"])?;
            match flags.positional.as_slice() {
                [scenario] => {
                    Ok(Command::Run { scenario: scenario.to_string(), trace: flags.get("--trace").map(Into::into) })
                }
                [] => Err("run needs a scenario file".into()),
                _ => Err("run takes one scenario file".into()),
            }
        }
        "fuzz" => parse_fuzz(rest).map(Command::Fuzz),
        "bench" => parse_bench(rest).map(Command::Bench),
        "help" | "-h" | "--help" => Ok(Command::Help),
        other => Err(format!("unknown command {other:?}")),
    }
}

fn parse_fuzz(args: &[String]) -> Result<FuzzArgs, String> {
    let flags = Flags::parse(args, &["--lab", "--seeds", "--first-seed", "--bug", "--nodes", "--save"])?;
    if let Some(extra) = flags.positional.first() {
        return Err(format!("unexpected argument {extra:?} for fuzz"));
    }
    let fuzzing: Vec<&str> = catalog::LABS.iter().filter(|e| e.fuzz.is_some()).map(|e| e.name).collect();
    let (lab, schedule) = match flags.get("--lab").map(|name| (name, catalog::lab(name))) {
        Some((_, Some(entry @ LabEntry { fuzz: Some(schedule), .. }))) => (entry.name, schedule),
        Some((name, _)) => return Err(format!("no fuzzer for lab {name:?} (labs that fuzz: {})", fuzzing.join(", "))),
        None => return Err(format!("fuzz needs --lab ({})", fuzzing.join(", "))),
    };
    let variant = match flags.get("--bug") {
        None => None,
        Some(name) => Some(schedule.variant(name).ok_or_else(|| format!("unknown bug {name:?} for {lab}"))?),
    };
    let nodes = flags.number("--nodes")?.map(|n| n as u32);
    match (nodes, schedule.size_range) {
        (Some(_), None) => return Err(format!("--nodes: the {lab} schedule chooses its own clusters")),
        (Some(n), Some((low, high))) if !(low..=high).contains(&n) => {
            return Err(format!("--nodes takes {low} to {high}"))
        }
        _ => {}
    }
    Ok(FuzzArgs {
        lab,
        seeds: flags.number("--seeds")?.ok_or("fuzz needs --seeds N")?,
        first_seed: flags.number("--first-seed")?.unwrap_or(0),
        options: FuzzOptions { nodes, variant },
        save: flags.get("--save").map(Into::into),
    })
}

fn parse_bench(args: &[String]) -> Result<BenchArgs, String> {
    let flags = Flags::parse(args, &["--lab", "--events", "--seconds", "--seed"])?;
    if let Some(extra) = flags.positional.first() {
        return Err(format!("unexpected argument {extra:?} for bench"));
    }
    let lab = flags.get("--lab").ok_or("bench needs --lab (kernel, raft, memory, txn or ids)")?.to_string();
    let amount = match lab.as_str() {
        "kernel" | "txn" if flags.get("--seconds").is_none() => flags.number("--events")?,
        "raft" | "ids" if flags.get("--events").is_none() => flags.number("--seconds")?,
        "memory" if flags.get("--events").is_none() && flags.get("--seconds").is_none() => None,
        "kernel" | "raft" | "memory" | "txn" | "ids" => {
            return Err("kernel and txn take --events, raft and ids take --seconds, memory takes neither".into())
        }
        other => return Err(format!("no benchmark for lab {other:?} (kernel, raft, memory, txn or ids)")),
    };
    Ok(BenchArgs { lab, amount, seed: flags.number("--seed")?.unwrap_or(1) })
}

fn run(scenario: &str, trace: Option<&str>) -> ExitCode {
    let json = match std::fs::read_to_string(scenario) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("distlab-sim: cannot read {scenario}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut file = match trace.map(File::create).transpose() {
        Ok(file) => file.map(BufWriter::new),
        Err(e) => {
            eprintln!("distlab-sim: cannot create the trace file: {e}");
            return ExitCode::from(2);
        }
    };
    let result = run_json(&json, file.as_mut().map(|f| f as &mut dyn Write));
    if let Some(Err(e)) = file.as_mut().map(Write::flush) {
        eprintln!("distlab-sim: cannot write the trace: {e}");
        return ExitCode::from(2);
    }
    match result {
        Ok(report) => {
            say!("{report}");
            ExitCode::from(if report.violation.is_some() { 1 } else { 0 })
        }
        Err(e @ RunError::BadInput(_)) | Err(e @ RunError::Io(_)) => {
            eprintln!("distlab-sim: {e}");
            ExitCode::from(2)
        }
    }
}

fn fuzz(args: &FuzzArgs) -> ExitCode {
    let Some(schedule) = catalog::lab(args.lab).and_then(|entry| entry.fuzz.as_ref()) else {
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let seeds = args.first_seed..args.first_seed.saturating_add(args.seeds);
    let sweep = match distlab::lab::fuzz::sweep(schedule, seeds, &args.options) {
        Ok(sweep) => sweep,
        Err(e) => {
            eprintln!("distlab-sim: {e}");
            return ExitCode::from(2);
        }
    };
    let bug = args.options.variant.map(|v| format!(" --bug {v}")).unwrap_or_default();
    if let Some((seed, outcome)) = &sweep.found {
        let finding = outcome.finding.as_ref().expect("a sweep stops at a finding");
        let nodes = if schedule.size_range.is_some() { format!(" --nodes {}", outcome.nodes) } else { String::new() };
        say!("seed {seed} ({} nodes) finds: {finding} (fingerprint {:016x})", outcome.nodes, outcome.fingerprint);
        say!("reproduce: distlab-sim fuzz --lab {} --seeds 1 --first-seed {seed}{nodes}{bug}", args.lab);
        if let Some(path) = &args.save {
            match std::fs::write(path, &outcome.recording) {
                Ok(()) => say!("scenario saved to {path} (replay: distlab-sim run {path})"),
                Err(e) => eprintln!("distlab-sim: cannot save the scenario: {e}"),
            }
        }
        return ExitCode::from(1);
    }
    say!(
        "ok {}: {} seeds from {} ({}), {} events, no violation{}; {:.1} s",
        args.lab,
        sweep.seeds,
        args.first_seed,
        args.options.variant.map_or("no bug".to_string(), |v| format!("bug {v}")),
        sweep.events,
        if args.lab == "raft" { ", liveness held" } else { "" },
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// Time `work` BENCH_RUNS times; the best wall time in seconds and the last result.
fn best_of<T>(mut work: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..BENCH_RUNS {
        let start = Instant::now();
        result = Some(work());
        best = best.min(start.elapsed().as_secs_f64());
    }
    (best, result.expect("at least one run"))
}

/// Heap held by the ten-minute Raft run as the page keeps it (timeline, checkpoints, trace window).
fn memory_bench(seed: u64) {
    let (held, timeline) = heap_held_by(|| {
        let scenario = ten_minute_scenario(seed);
        let mut timeline =
            Timeline::<RaftNode, RaftChecker>::new(scenario, Retention::Window(PAGE_TRACE_WINDOW)).expect("valid");
        timeline.seek(secs(600));
        timeline
    });
    let (world_bytes, world) = heap_held_by(|| timeline.world().clone());
    let (scenario_bytes, scenario) = heap_held_by(|| timeline.scenario().clone());
    say!(
        "memory: 10-minute Raft run (5 servers, {} scripted actions), trace window {PAGE_TRACE_WINDOW}: {:.2} MB held by the timeline; {} checkpoints of about {:.0} KB (one world with its trace window); the scenario {:.0} KB",
        scenario.actions.len(),
        held as f64 / 1e6,
        timeline.checkpoint_count(),
        world_bytes as f64 / 1e3,
        scenario_bytes as f64 / 1e3
    );
    drop((world, scenario));
}

fn bench(args: &BenchArgs) {
    if args.lab == "memory" {
        memory_bench(args.seed);
        return;
    }
    if args.lab == "txn" {
        let transactions = args.amount.unwrap_or(80_000) as u32;
        let (best, r) = best_of(|| run_txn_bench(transactions, args.seed));
        say!(
            "txn: {} TCC payments (barrier on, checker after every event) in {best:.3} s (best of {BENCH_RUNS}): {:.0} transactions per s; {} events ({:.2} M/s); violation: {}; fingerprint {:016x}",
            r.transactions,
            r.transactions as f64 / best,
            r.events,
            r.events as f64 / best / 1e6,
            r.violated,
            r.fingerprint
        );
        return;
    }
    if args.lab == "ids" {
        let seconds = args.amount.unwrap_or(10);
        let (best, r) = best_of(|| snowflake_in_process(4, 25_000, secs(seconds)));
        say!(
            "ids: 4 apps x 25,000 Snowflake IDs per virtual s for {seconds} s: {} issued, {} distinct, in {best:.3} s (best of {BENCH_RUNS}): {:.2} M IDs issued and checked per s; {} events",
            r.issued,
            r.checked,
            r.issued as f64 / best / 1e6,
            r.events
        );
        return;
    }
    if args.lab == "raft" {
        let seconds = args.amount.unwrap_or(60);
        let (best, r) = best_of(|| run_raft_bench(secs(seconds), args.seed));
        say!(
            "raft: {seconds} s simulated in {best:.4} s (best of {BENCH_RUNS}): {:.0} simulated s per wall s; {} events ({:.2} M/s), {} entries committed; fingerprint {:016x}",
            seconds as f64 / best,
            r.events,
            r.events as f64 / best / 1e6,
            r.committed,
            r.fingerprint
        );
        return;
    }
    let events = args.amount.unwrap_or(2_000_000);
    let (best, r) = best_of(|| run_kernel_bench(events, args.seed));
    say!(
        "kernel: {} events in {best:.3} s (best of {BENCH_RUNS}): {:.2} M events/s; virtual time {:.1} s; fingerprint {:016x}",
        r.events,
        r.events as f64 / best / 1e6,
        r.virtual_time as f64 / 1e6,
        r.fingerprint
    );
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args) {
        Ok(Command::Help) => say!("{}", usage()),
        Ok(Command::Run { scenario, trace }) => return run(&scenario, trace.as_deref()),
        Ok(Command::Fuzz(f)) => return fuzz(&f),
        Ok(Command::Bench(b)) => bench(&b),
        Err(message) => {
            eprintln!("distlab-sim: {message}\n{}", usage());
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_line(line: &str) -> Result<Command, String> {
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        parse(&args)
    }

    #[test]
    fn run_takes_one_scenario_and_an_optional_trace_file() {
        assert_eq!(
            parse_line("run s.json --trace out.ndjson"),
            Ok(Command::Run { scenario: "s.json".into(), trace: Some("out.ndjson".into()) })
        );
        assert_eq!(parse_line("run s.json"), Ok(Command::Run { scenario: "s.json".into(), trace: None }));
        assert_eq!(parse_line("run"), Err("run needs a scenario file".into()));
        assert_eq!(parse_line("run a.json b.json"), Err("run takes one scenario file".into()));
        assert_eq!(parse_line("run s.json --trace"), Err("--trace needs a value".into()));
    }

    #[test]
    fn fuzz_reads_its_flags_and_refuses_what_it_does_not_know() {
        let options = FuzzOptions { nodes: Some(5), variant: Some("commit_old_term_by_count") };
        let expected = FuzzArgs { lab: "raft", seeds: 2_000, first_seed: 7, options, save: None };
        let line = "fuzz --lab raft --seeds 2_000 --first-seed 7 --bug commit_old_term_by_count --nodes 5";
        assert_eq!(parse_line(line), Ok(Command::Fuzz(expected)));
        let locks = FuzzOptions { nodes: None, variant: Some("plain_del") };
        let expected = FuzzArgs { lab: "locks", seeds: 9, first_seed: 0, options: locks, save: Some("f.json".into()) };
        assert_eq!(parse_line("fuzz --lab locks --seeds 9 --bug plain_del --save f.json"), Ok(Command::Fuzz(expected)));
        assert!(parse_line("fuzz --seeds 5").unwrap_err().starts_with("fuzz needs --lab (raft, locks"));
        assert!(parse_line("fuzz --lab network --seeds 5").unwrap_err().contains("no fuzzer for lab"));
        assert_eq!(parse_line("fuzz --lab raft"), Err("fuzz needs --seeds N".into()));
        assert_eq!(parse_line("fuzz --lab raft --seeds 5 --bug nope"), Err("unknown bug \"nope\" for raft".into()));
        assert_eq!(
            parse_line("fuzz --lab locks --seeds 5 --bug commit_old_term_by_count").unwrap_err(),
            "unknown bug \"commit_old_term_by_count\" for locks"
        );
        assert_eq!(parse_line("fuzz --lab raft --seeds 5 --nodes 26"), Err("--nodes takes 1 to 25".into()));
        assert!(parse_line("fuzz --lab locks --seeds 5 --nodes 3").unwrap_err().contains("chooses its own"));
        assert!(parse_line("fuzz --lab raft --seeds many").unwrap_err().contains("whole number"));
        assert_eq!(parse_line("fuzz --lab raft --seeds 5 --verbose x"), Err("unknown argument \"--verbose\"".into()));
    }

    #[test]
    fn bench_knows_its_labs_and_their_amounts() {
        let bench = |lab: &str, amount| Ok(Command::Bench(BenchArgs { lab: lab.into(), amount, seed: 1 }));
        assert_eq!(parse_line("bench --lab kernel --events 10"), bench("kernel", Some(10)));
        assert_eq!(parse_line("bench --lab raft --seconds 3"), bench("raft", Some(3)));
        assert_eq!(parse_line("bench --lab memory"), bench("memory", None));
        assert!(parse_line("bench --lab raft --events 3").unwrap_err().contains("raft and ids take --seconds"));
        assert!(parse_line("bench --lab memory --seconds 3").unwrap_err().contains("memory takes neither"));
        assert!(parse_line("bench --lab locks").unwrap_err().contains("no benchmark for lab"));
        assert_eq!(parse_line("bench --lab txn --events 800"), bench("txn", Some(800)));
        assert_eq!(parse_line("bench --lab ids --seconds 2"), bench("ids", Some(2)));
        assert!(parse_line("bench").unwrap_err().contains("bench needs --lab"));
    }

    #[test]
    fn help_and_unknown_commands() {
        assert_eq!(parse_line("help"), Ok(Command::Help));
        assert_eq!(parse_line("--help"), Ok(Command::Help));
        assert_eq!(parse_line(""), Err("no command given".into()));
        assert_eq!(parse_line("serve"), Err("unknown command \"serve\"".into()));
    }
}
