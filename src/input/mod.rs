//! Turns a file into a `TextView`. Plain text for now; each format gets its own module.

pub mod decode;
