//! The transactions lab's named scenarios in the shell's scenario picker.

use crate::lab::txn::scenarios::{Named, Outcome};
use crate::lab::txn::TxnScenario;
use crate::txn::checker::TxnChecker;
use crate::txn::{TxnConfig, TxnNode};
use crate::ui::i18n::txn::scenario_text;
use crate::ui::i18n::Lang;
use crate::ui::shell::scenario_choice::{NamedScenario, ScenarioRuns};

use super::setup::{default_run, fresh, named_run};

impl NamedScenario for Named {
    fn all() -> Vec<Self> {
        Named::ALL.to_vec()
    }

    fn id(self) -> &'static str {
        Named::id(self)
    }

    fn text(self, lang: Lang) -> (&'static str, &'static str) {
        scenario_text(lang, self)
    }

    fn breaks(self) -> bool {
        matches!(self.outcome(), Outcome::Breaks { .. })
    }
}

/// How the transactions page makes its runs.
pub fn runs() -> ScenarioRuns<TxnNode, TxnChecker, Named> {
    ScenarioRuns {
        default_run,
        named_run,
        fresh,
        named_of: |scenario: &TxnScenario| Named::ALL.into_iter().find(|n| n.scenario() == *scenario),
        is_default: |scenario: &TxnScenario| scenario.actions.is_empty() && scenario.config == TxnConfig::default(),
    }
}
