pub mod cell;
pub mod garbled;
pub mod grid;
pub mod html_tables;
pub mod markdown;
pub mod normalize;
pub mod numerals;
pub mod re;
pub mod reflow;
pub mod source_map;
pub mod view;
pub mod word;

pub use view::{Span, TextView};

/// The nearest char boundary at or before `at` (clamped to the text).
pub fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
