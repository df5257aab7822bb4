//! The parts of XX/1 InfoGroups the infogroup rules look at.

use roxmltree::Node;

use crate::document::{children, local};
use crate::rule::Context;

/// Every InfoGroup of the message (0..1 is allowed; `multiple-infogroups` reports more).
pub(crate) fn groups<'a, 'i>(cx: &Context<'a, 'i>) -> &'a [Node<'a, 'i>] {
    cx.shape.map_or(&[], |s| s.infogroups.as_slice())
}

/// Every element child of every InfoGroup with this name.
pub(crate) fn entries<'a, 'i: 'a>(
    cx: &Context<'a, 'i>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    groups(cx).iter().flat_map(move |g| children(*g, name))
}

/// Element children, in order.
pub(crate) fn elements<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(Node::is_element)
}

pub(crate) fn is(node: Node, name: &str) -> bool {
    local(node) == name
}
