//! Reports checked against each other: last year's report of the same issuer, and the other
//! units' reports of one batch. Each report is checked alone first; what a comparison needs
//! of it is kept as a `Digest`, and the comparisons run on digests.

pub mod copy;
pub mod diff;
pub mod digest;
pub mod issuer;
pub mod pairs;
pub mod rollup;
