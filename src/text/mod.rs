pub mod normalize;
pub mod re;
pub mod view;
pub mod word;

pub use view::{Span, TextView};
