pub mod normalize;
pub mod re;
pub mod view;

pub use view::{Span, TextView};
