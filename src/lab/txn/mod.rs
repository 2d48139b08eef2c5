//! The distributed transactions lab: scenarios of the transactions engine, checked by its invariants.

use crate::lab::catalog::LabEntry;
use crate::lab::runner::run_lab;
use crate::txn::checker::TxnChecker;
use crate::txn::TxnNode;

pub use crate::txn::LAB;

/// The distributed transactions lab in the catalog.
pub const ENTRY: LabEntry =
    LabEntry { name: LAB, run: |value, trace| run_lab::<TxnNode, TxnChecker>(value, LAB, trace), fuzz: None };
