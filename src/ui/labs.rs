//! Every lab page of the app, in tab order: adding a page adds one line to [`PAGES`].

use yew::prelude::*;

use crate::ui::config_page::ConfigPage;
use crate::ui::i18n::replay::Key;
use crate::ui::ids_page::IdsPage;
use crate::ui::locks_page::LocksPage;
use crate::ui::network_page::NetworkPage;
use crate::ui::raft_page::RaftPage;
use crate::ui::txn_page::TxnPage;

/// A lab page as the app shows it.
#[derive(Clone, Copy)]
pub struct LabPage {
    /// The lab's name (`?lab=`), as the lab catalog has it.
    pub name: &'static str,
    /// Its tab's title.
    pub title: Key,
    /// The page.
    pub page: fn() -> Html,
}

/// Every lab page, in tab order; the first one opens when the link names none.
pub const PAGES: [LabPage; 6] = [
    LabPage { name: crate::lab::network::LAB, title: Key::TabNetwork, page: || html! { <NetworkPage /> } },
    LabPage { name: crate::lab::raft::LAB, title: Key::TabRaft, page: || html! { <RaftPage /> } },
    LabPage { name: crate::lab::locks::LAB, title: Key::TabLocks, page: || html! { <LocksPage /> } },
    LabPage { name: crate::lab::ids::LAB, title: Key::TabIds, page: || html! { <IdsPage /> } },
    LabPage { name: crate::lab::txn::LAB, title: Key::TabTxn, page: || html! { <TxnPage /> } },
    LabPage { name: crate::lab::config::LAB, title: Key::TabConfig, page: || html! { <ConfigPage /> } },
];

/// The page of the lab named `name`, if there is one.
pub fn page(name: &str) -> Option<&'static LabPage> {
    PAGES.iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_is_a_lab_of_the_catalog_and_found_by_its_name() {
        for p in &PAGES {
            assert_eq!(page(p.name).map(|found| found.name), Some(p.name));
            assert!(crate::lab::catalog::lab(p.name).is_some(), "{} is not in the lab catalog", p.name);
        }
        assert!(page("idgen").is_none());
    }
}
