//! The configuration-center lab's named scenarios in the shell's scenario picker.

use crate::config_center::checker::ConfigChecker;
use crate::config_center::ConfigNode;
use crate::lab::config::scenarios::{Named, Outcome};
use crate::ui::i18n::config::scenario_text;
use crate::ui::i18n::Lang;
use crate::ui::shell::scenario_choice::{NamedScenario, ScenarioRuns};

use super::setup::{default_run, fresh, is_default, named_run};

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

/// How the configuration-center page makes its runs.
pub fn runs() -> ScenarioRuns<ConfigNode, ConfigChecker, Named> {
    ScenarioRuns { default_run, named_run, fresh, named_of: Named::of, is_default }
}
