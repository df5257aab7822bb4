//! From bytes to a parsed message: decoding, the prolog, the secure parse, JSON bodies, and
//! the message's shape, located once and shared by every rule. Spans are byte offsets into
//! the decoded text, which has the byte length of the body.

mod decode;
pub mod json;
mod node;
mod parse;
mod prolog;
pub(crate) mod request;
mod shape;
mod span;

pub use decode::{Decoded, EncodingProblem, decode};
pub use node::{child, children, element_text, first_element, local};
pub use parse::{ParseFailure, parse};
pub use prolog::{Prolog, parse_text, prolog};
pub use shape::Shape;
pub use span::{
    attr_value_span, element_path, element_paths, name_span, ns_decl_value_span, raw_span,
    start_tag_span,
};
