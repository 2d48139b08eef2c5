//! The distributed IDs lab: scenarios of the ID generators' engine, checked by its invariants.

use crate::idgen::checker::IdChecker;
use crate::idgen::IdNode;
use crate::lab::catalog::LabEntry;
use crate::lab::runner::run_lab;

pub use crate::idgen::LAB;

/// The distributed IDs lab in the catalog.
pub const ENTRY: LabEntry =
    LabEntry { name: LAB, run: |value, trace| run_lab::<IdNode, IdChecker>(value, LAB, trace), fuzz: None };
