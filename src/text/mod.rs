pub mod markdown;
pub mod normalize;
pub mod re;
pub mod reflow;
pub mod source_map;
pub mod view;
pub mod word;

pub use view::{Span, TextView};
