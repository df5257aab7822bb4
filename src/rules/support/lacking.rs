//! What elements lack, gathered so that each element gets one finding naming all of it:
//! "`Property` has no `HotelName`, `Position` or `Address`".

use std::collections::HashMap;

use roxmltree::{Node, NodeId};

use crate::document::local;
use crate::rule::{Context, Findings};

#[derive(Default)]
pub(crate) struct Lacking<'a, 'i> {
    items: Vec<(Node<'a, 'i>, Vec<String>)>,
    index: HashMap<NodeId, usize>,
}

impl<'a, 'i> Lacking<'a, 'i> {
    /// Notes that `node` lacks `what` (once, however often it is noted).
    pub fn add(&mut self, node: Node<'a, 'i>, what: String) {
        match self.index.get(&node.id()) {
            Some(&at) if self.items[at].1.contains(&what) => {}
            Some(&at) => self.items[at].1.push(what),
            None => {
                self.index.insert(node.id(), self.items.len());
                self.items.push((node, vec![what]));
            }
        }
    }

    /// Reports each element once, in document order; `help` is built only if needed.
    pub fn report(mut self, cx: &Context, out: &mut Findings, help: impl Fn() -> String) {
        self.items.sort_by_key(|(n, _)| n.range().start);
        for (node, missing) in self.items {
            let list = match missing.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, init)) => format!("{} or {last}", init.join(", ")),
                None => continue,
            };
            out.report(
                cx.name_span(node),
                format!("`{}` has no {list}", local(node)),
            )
            .label("incomplete")
            .help(help());
        }
    }
}
