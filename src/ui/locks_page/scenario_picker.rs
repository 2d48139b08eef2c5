//! The locks lab's named scenarios in the shell's scenario picker.

use crate::lab::locks::scenarios::Named;
use crate::lab::locks::LockScenario;
use crate::lock::checker::LockChecker;
use crate::lock::{LockConfig, LockNode};
use crate::ui::i18n::locks::{scenario_text, watch_text};
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

    fn watch(self, lang: Lang) -> Option<&'static str> {
        watch_text(lang, self)
    }
}

/// How the locks page makes its runs.
pub fn runs() -> ScenarioRuns<LockNode, LockChecker, Named> {
    ScenarioRuns {
        default_run,
        named_run,
        fresh,
        named_of: |scenario: &LockScenario| Named::ALL.into_iter().find(|n| n.scenario() == *scenario),
        is_default: |scenario: &LockScenario| scenario.actions.is_empty() && scenario.config == LockConfig::default(),
    }
}
