//! The lab switch: one tab per lab page, chosen by `?lab=` in the URL.

use yew::prelude::*;

use crate::ui::i18n::replay::{t, Key};
use crate::ui::i18n::use_lang;

/// A lab page of the app.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lab {
    /// "The network is unreliable".
    #[default]
    Network,
    /// Raft.
    Raft,
    /// Distributed locks.
    Locks,
}

impl Lab {
    /// Every lab, in tab order.
    pub const ALL: [Lab; 3] = [Lab::Network, Lab::Raft, Lab::Locks];

    /// The name in `?lab=` and in scenarios.
    pub fn name(self) -> &'static str {
        match self {
            Lab::Network => crate::lab::network::LAB,
            Lab::Raft => crate::lab::raft::LAB,
            Lab::Locks => crate::lab::locks::LAB,
        }
    }

    /// The lab named `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Lab> {
        Lab::ALL.into_iter().find(|lab| lab.name() == name)
    }

    fn title(self) -> Key {
        match self {
            Lab::Network => Key::TabNetwork,
            Lab::Raft => Key::TabRaft,
            Lab::Locks => Key::TabLocks,
        }
    }
}

/// Properties of [`LabTabs`].
#[derive(Properties, PartialEq)]
pub struct LabTabsProps {
    /// The lab shown.
    pub current: Lab,
    /// A tab was chosen.
    pub on_switch: Callback<Lab>,
}

/// A tab list with one tab per lab (`data-testid="lab-network"`, `"lab-raft"`, `"lab-locks"`).
#[component]
pub fn LabTabs(props: &LabTabsProps) -> Html {
    let lang = use_lang();
    html! {
        <div class="lab-tabs" role="tablist" aria-label={t(lang, Key::LabsLabel)}>
            { for Lab::ALL.into_iter().map(|lab| {
                let current = lab == props.current;
                html! {
                    <button key={lab.name()} type="button" role="tab" class={classes!("tab", current.then_some("current"))}
                            data-testid={format!("lab-{}", lab.name())} aria-selected={current.to_string()}
                            onclick={props.on_switch.reform(move |_: MouseEvent| lab)}>
                        { t(lang, lab.title()) }
                    </button>
                }
            }) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::Lab;

    #[test]
    fn lab_names_round_trip() {
        for lab in Lab::ALL {
            assert_eq!(Lab::from_name(lab.name()), Some(lab));
        }
        assert_eq!(Lab::from_name("idgen"), None);
    }
}
