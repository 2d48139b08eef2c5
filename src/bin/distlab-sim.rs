//! distlab-sim: the native command-line runner (benchmarks now; `run` and `fuzz` to come).

use std::process::ExitCode;
use std::time::Instant;

use distlab::sim::bench::run_kernel_bench;

const USAGE: &str = "usage:
  distlab-sim bench --lab kernel [--events N] [--seed N]   time the simulation kernel (best of 3)
  distlab-sim help                                         show this text";

/// How many timed runs a benchmark takes the best of.
const BENCH_RUNS: u32 = 3;

/// A parsed command line.
#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Bench(BenchArgs),
}

/// Arguments of `bench`.
#[derive(Debug, PartialEq)]
struct BenchArgs {
    lab: String,
    events: u64,
    seed: u64,
}

fn parse(args: &[String]) -> Result<Command, String> {
    let Some((command, rest)) = args.split_first() else { return Err("no command given".into()) };
    match command.as_str() {
        "bench" => parse_bench(rest).map(Command::Bench),
        "help" | "-h" | "--help" => Ok(Command::Help),
        other => Err(format!("unknown command {other:?}")),
    }
}

fn parse_bench(args: &[String]) -> Result<BenchArgs, String> {
    let mut parsed = BenchArgs { lab: String::new(), events: 2_000_000, seed: 1 };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--lab" => parsed.lab = value()?.clone(),
            "--events" => parsed.events = number(flag, value()?)?,
            "--seed" => parsed.seed = number(flag, value()?)?,
            other => return Err(format!("unknown argument {other:?} for bench")),
        }
    }
    match parsed.lab.as_str() {
        "kernel" => Ok(parsed),
        "" => Err("bench needs --lab (only \"kernel\" so far)".into()),
        other => Err(format!("no benchmark for lab {other:?} (only \"kernel\" so far)")),
    }
}

fn number(flag: &str, text: &str) -> Result<u64, String> {
    text.replace('_', "").parse().map_err(|_| format!("{flag} takes a whole number, not {text:?}"))
}

fn bench(args: &BenchArgs) {
    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..BENCH_RUNS {
        let start = Instant::now();
        let r = run_kernel_bench(args.events, args.seed);
        best = best.min(start.elapsed().as_secs_f64());
        result = Some(r);
    }
    let r = result.expect("at least one run");
    println!(
        "kernel: {} events in {:.3} s (best of {BENCH_RUNS}): {:.2} M events/s; virtual time {:.1} s; fingerprint {:016x}",
        r.events,
        best,
        r.events as f64 / best / 1e6,
        r.virtual_time as f64 / 1e6,
        r.fingerprint
    );
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args) {
        Ok(Command::Help) => println!("{USAGE}"),
        Ok(Command::Bench(b)) => bench(&b),
        Err(message) => {
            eprintln!("distlab-sim: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
