//! The transactions lab's fuzz schedule: the protected configurations in turn by seed (TCC with
//! DTM's barrier, TCC with Seata's fence, Saga with the barrier, XA; TCC's Trys in parallel on
//! even rounds, in turn on odd ones) under the engine's random faults for 5 s, then healed: nothing
//! may be found, and every transaction must end within 30 s (Liveness); then the local message
//! table and transactional messages with an idempotent receiver (RocketMQ's times scaled). Each
//! variant is an unprotected configuration the same faults must expose.

use super::LAB;
use crate::lab::fuzz::{FuzzOptions, FuzzOutcome, FuzzSchedule};
use crate::sim::{Retention, SimTime};
use crate::txn::fuzz::{fuzz_config, judge, schedule, TxnRun};
use crate::txn::guard::Protection;
use crate::txn::{Pattern, TxnConfig};

/// The transactions fuzz schedule (the configuration decides the cluster: `--nodes` is refused).
pub const SCHEDULE: FuzzSchedule = FuzzSchedule { variants, sizes: &[], size_range: None, run: fuzz };

/// An unprotected configuration the schedule must catch (`--bug NAME`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// TCC branches with no protection: an empty rollback releases money never frozen, a
    /// repeated Confirm or Cancel is applied twice.
    TccWithoutProtection,
    /// TCC branches with a hand-written status row only: safe against empty rollback and repeats,
    /// but a Try arriving after its Cancel freezes money forever (hanging).
    TccStatusRowOnly,
    /// Saga steps with no protection: an empty compensation puts back what was never taken, a
    /// repeated step is applied twice.
    SagaWithoutBarrier,
    /// Saga steps with a status row only: a forward step arriving after its compensation still
    /// runs (an order nobody paid for).
    SagaStatusRowOnly,
    /// The local message table with a receiver that keeps no processed-message table: a row the
    /// monitor sends again (or the network repeats) is credited twice.
    LocalMessageNotIdempotent,
    /// Transactional messages with a consumer that is not idempotent: a redelivered (or repeated)
    /// message is credited twice.
    TxMessageNotIdempotent,
}

impl Variant {
    /// Every variant, in the order `--bug` lists them.
    pub const ALL: [Variant; 6] = [
        Variant::TccWithoutProtection,
        Variant::TccStatusRowOnly,
        Variant::SagaWithoutBarrier,
        Variant::SagaStatusRowOnly,
        Variant::LocalMessageNotIdempotent,
        Variant::TxMessageNotIdempotent,
    ];

    /// The name `--bug` takes.
    pub fn name(self) -> &'static str {
        match self {
            Variant::TccWithoutProtection => "tcc_without_protection",
            Variant::TccStatusRowOnly => "tcc_status_row_only",
            Variant::SagaWithoutBarrier => "saga_without_barrier",
            Variant::SagaStatusRowOnly => "saga_status_row_only",
            Variant::LocalMessageNotIdempotent => "local_message_not_idempotent",
            Variant::TxMessageNotIdempotent => "tx_message_not_idempotent",
        }
    }

    /// The variant named `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.name() == name)
    }

    /// Its configuration.
    pub fn config(self) -> TxnConfig {
        match self {
            Variant::TccWithoutProtection => fuzz_config(Pattern::Tcc, Protection::None, true),
            Variant::TccStatusRowOnly => fuzz_config(Pattern::Tcc, Protection::TryRecord, true),
            Variant::SagaWithoutBarrier => fuzz_config(Pattern::Saga, Protection::None, true),
            Variant::SagaStatusRowOnly => fuzz_config(Pattern::Saga, Protection::TryRecord, true),
            Variant::LocalMessageNotIdempotent => not_idempotent(Pattern::LocalMessage),
            Variant::TxMessageNotIdempotent => not_idempotent(Pattern::TxMessage),
        }
    }
}

fn not_idempotent(pattern: Pattern) -> TxnConfig {
    TxnConfig { idempotent: false, ..fuzz_config(pattern, Protection::Barrier, true) }
}

fn variants() -> Vec<&'static str> {
    Variant::ALL.iter().map(|v| v.name()).collect()
}

/// The protected configurations, taken in turn by seed.
const SAFE: [(Pattern, Protection); 6] = [
    (Pattern::Tcc, Protection::Barrier),
    (Pattern::Tcc, Protection::Fence),
    (Pattern::Saga, Protection::Barrier),
    (Pattern::Xa, Protection::None),
    (Pattern::LocalMessage, Protection::Barrier),
    (Pattern::TxMessage, Protection::Barrier),
];

/// The configuration of `seed`: a protected one in turn (TCC's Trys in parallel on even rounds),
/// or the variant's.
pub fn config_of(seed: u64, variant: Option<Variant>) -> TxnConfig {
    match variant {
        Some(v) => v.config(),
        None => {
            let (pattern, protection) = SAFE[(seed % SAFE.len() as u64) as usize];
            fuzz_config(pattern, protection, (seed / SAFE.len() as u64) % 2 == 0)
        }
    }
}

/// Fuzz one seed: the engine's fault schedule, judged as the batch run judges it.
fn fuzz(seed: u64, options: &FuzzOptions) -> Result<FuzzOutcome, String> {
    let variant = match options.variant {
        Some(name) => Some(Variant::from_name(name).ok_or(format!("unknown variant {name:?}"))?),
        None => None,
    };
    let config = config_of(seed, variant);
    let mut run = TxnRun::new(schedule(&config, seed), Retention::Window(0)).map_err(|e| e.to_string())?;
    run.set_checkpoint_every(SimTime::MAX);
    let finding = judge(&mut run, &mut |run, t| {
        run.run_until(t);
    });
    let mut recording = run.scenario().clone();
    debug_assert_eq!(recording.lab, LAB);
    let now = run.now();
    // A violation before healing: the run ended there, and its replay needs no liveness phase.
    if run.violation().is_some_and(|v| recording.liveness_from.is_some_and(|healed| v.t < healed)) {
        recording.liveness_from = None;
        recording.actions.retain(|a| a.at <= now);
    }
    recording.until = Some(now);
    Ok(FuzzOutcome::of(run.world(), finding, &recording))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::fuzz::{assert_replays, sweep};

    /// Seeds of the safe sweep in the unit tests (`distlab-sim fuzz --lab txn` runs more).
    const SAFE_SEEDS: u64 = 200;

    #[test]
    fn the_protected_configurations_survive_random_faults_and_settle() {
        let safe = sweep(&SCHEDULE, 0..SAFE_SEEDS, &FuzzOptions::default()).unwrap();
        assert!(safe.found.is_none(), "{:?}", safe.found.map(|(seed, o)| (seed, o.finding, o.recording)));
        assert_eq!(safe.seeds, SAFE_SEEDS);
    }

    /// Each variant, the smallest seed that catches it (a full sweep from 0), and what it breaks.
    const CAUGHT: [(&str, u64, &str); 6] = [
        ("tcc_without_protection", 0, "Money Conserved"),
        ("tcc_status_row_only", 10, "All Or Nothing"),
        ("saga_without_barrier", 0, "Stock Conserved"),
        // The forward step must be delayed past its compensation: rare under random faults.
        ("saga_status_row_only", 1894, "Orders Match"),
        ("local_message_not_idempotent", 1, "Applied Once"),
        ("tx_message_not_idempotent", 7, "Applied Once"),
    ];

    #[test]
    fn each_unprotected_variant_is_caught_and_its_recording_replays_to_the_same_verdict() {
        assert_eq!(CAUGHT.map(|c| c.0).to_vec(), variants());
        for (name, seed, invariant) in CAUGHT {
            let options = FuzzOptions { nodes: None, variant: SCHEDULE.variant(name) };
            let first = if seed <= 20 { 0 } else { seed - 3 };
            let found = sweep(&SCHEDULE, first..seed + 1, &options).unwrap();
            let (found_at, outcome) = found.found.unwrap_or_else(|| panic!("{name} not caught by seed {seed}"));
            assert_eq!(found_at, seed, "{name}");
            let violation = outcome.finding.clone().unwrap();
            assert_eq!(violation.invariant, invariant, "{name}, seed {seed}: {violation}");
            assert_replays(&outcome, &format!("{name}, seed {seed}"));
        }
    }

    #[test]
    fn recordings_replay_to_the_same_run_over_many_seeds() {
        for seed in 0..60 {
            let variant = [None, Some("tcc_without_protection"), Some("tcc_status_row_only")][(seed % 3) as usize];
            let options = FuzzOptions { nodes: None, variant };
            let outcome = (SCHEDULE.run)(seed, &options).unwrap();
            assert_replays(&outcome, &format!("seed {seed} {variant:?}"));
        }
    }

    #[test]
    fn unknown_variants_are_refused() {
        let options = FuzzOptions { nodes: None, variant: Some("no_such_bug") };
        assert!((SCHEDULE.run)(0, &options).is_err());
        assert_eq!(SCHEDULE.variant("saga_without_barrier"), Some("saga_without_barrier"));
    }
}
