pub mod normalize;
pub mod view;

pub use view::{Span, TextView};
