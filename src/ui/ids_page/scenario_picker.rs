//! The IDs lab's named scenarios in the shell's scenario picker, with each one's expected outcome
//! and what its lesson scales from the real system.

use yew::prelude::*;

use crate::idgen::checker::IdChecker;
use crate::idgen::{IdConfig, IdNode};
use crate::lab::ids::scenarios::Named;
use crate::lab::ids::IdScenario;
use crate::ui::i18n::ids::{outcome_text, scenario_scaled, scenario_text, t, watch_text, Key};
use crate::ui::i18n::{fill, Lang};
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

    fn details(self, lang: Lang) -> Html {
        html! {
            <p class="scenario-outcome" data-testid="scenario-outcome" data-outcome={self.outcome().name()}>
                { fill(t(lang, Key::Expect), &[("outcome", outcome_text(lang, self.outcome()))]) }
                if let Some(scaled) = scenario_scaled(lang, self) {
                    <span class="scenario-scaled" data-testid="scenario-scaled">
                        { " · " }{ fill(t(lang, Key::ScaledLesson), &[("what", scaled)]) }
                    </span>
                }
            </p>
        }
    }
}

/// How the IDs page makes its runs.
pub fn runs() -> ScenarioRuns<IdNode, IdChecker, Named> {
    ScenarioRuns {
        default_run,
        named_run,
        fresh,
        // The same run whatever its `until` (a link of a named run keeps the script, not the end).
        named_of: |scenario: &IdScenario| {
            Named::ALL.into_iter().find(|n| {
                let named = n.scenario();
                (named.seed, &named.config, &named.actions) == (scenario.seed, &scenario.config, &scenario.actions)
            })
        },
        is_default: |scenario: &IdScenario| scenario.actions.is_empty() && scenario.config == IdConfig::default(),
    }
}
