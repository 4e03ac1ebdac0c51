//! Support shared by the integration tests.

include!("corpus_present.rs");
