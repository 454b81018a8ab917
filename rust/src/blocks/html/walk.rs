//! The walk of a parsed page (`_walk` of the Python walk): text nodes to the builder, element
//! by element, without recursion.
//!
//! Siblings are visited in a loop; the stack holds where to resume once an element's content
//! is done: its next sibling, under the marker of where its content ends (a link's end, or a
//! block element's: the number of blocks made before it, `-1 - n` for a hidden one). A hidden
//! inline element is skipped; a hidden block element's blocks are made and the element
//! recorded as a hidden container, whatever its size.
//!
//! A piece of a huge page (see `super::html_blocks`): the block elements in `resuming`
//! continue elements the last piece ended inside (their marker is given; nothing opens), and
//! those in `ending` are still open where this piece ends (nothing closes: their markers go to
//! `Builder::carried`).

use super::builder::{Builder, LinkMark};
use super::parse::{attr_in, parse, Data, Dom, NodeId, NONE};
use super::rules::{block_tag, hidden_style, hints_into, is_reopenable, is_skipped, is_structure};
use crate::blocks::whitespace::py_strip;
use crate::hash::{Map, Set};
use html5ever::local_name;

/// What the stack holds: a node to visit (and its following siblings), or the end of an
/// element's content.
enum Item<'d> {
    Node(NodeId),
    LinkEnd,
    Link(LinkMark<'d>),
    /// A block element open where the piece ends: its marker goes to the next piece.
    Carry(i64),
    /// A block element's end (its marker).
    End(i64),
}

/// The depth cap of a `<noframes>` element's markup before it is parsed (`depth.prepare`).
pub type Cap<'a, E> = dyn FnMut(&str) -> Result<String, E> + 'a;

/// Feed the text under `root` to the builder (see the module docs).
pub fn walk<E>(
    b: &mut Builder<'_>,
    dom: &Dom,
    root: NodeId,
    ending: &Set<NodeId>,
    resuming: &mut Map<NodeId, i64>,
    cap: &mut Cap<'_, E>,
) -> Result<(), E> {
    let mut stack = vec![Item::Node(root)];
    let mut link_depth: usize = 0;
    let spine = !ending.is_empty() || !resuming.is_empty();
    let mut element_hints = String::new(); // a block element's hints, made here
    while let Some(item) = stack.pop() {
        let mut node = match item {
            Item::Node(node) => node,
            Item::LinkEnd => {
                link_depth = link_depth.saturating_sub(1);
                continue;
            }
            Item::Link(mark) => {
                link_depth = link_depth.saturating_sub(1);
                b.link(&mark);
                continue;
            }
            Item::Carry(marker) => {
                b.carried.push(marker);
                continue;
            }
            Item::End(marker) => {
                b.end_element(marker);
                continue;
            }
        };
        while node != NONE {
            let n = dom.node(node);
            let (name, attrs) = match &n.data {
                Data::Text(text) => {
                    if !text.is_empty() {
                        b.push_part(text);
                        if link_depth > 0 {
                            let (chars, address) = Builder::stripped_chars(text);
                            if !address {
                                b.link_chars += chars;
                            }
                        }
                    }
                    node = n.next;
                    continue;
                }
                Data::Element { name, attrs } => (&*name.local, attrs),
                _ => {
                    node = if node != root { n.next } else { NONE };
                    continue;
                }
            };
            let sibling = if node != root { n.next } else { NONE };
            if is_skipped(name) {
                node = sibling;
                continue;
            }
            if name == "br" {
                if b.has_parts() {
                    b.flush();
                }
                node = sibling;
                continue;
            }
            if name == "noframes" {
                if b.has_parts() {
                    b.flush();
                }
                walk_noframes(b, dom, node, cap)?;
                node = sibling;
                continue;
            }
            let hidden = !attrs.is_empty()
                && (attr_in(attrs, &local_name!("hidden")).is_some()
                    || attr_in(attrs, &local_name!("style")).is_some_and(hidden_style));
            let block = block_tag(name);
            if hidden && block.is_none() {
                node = sibling;
                continue;
            }
            if name == "img" {
                let inline = b.layout.as_ref().is_some_and(|l| l.record_images) && b.any_text();
                let blocks = b.blocks.len();
                if let Some(layout) = b.layout.as_mut().filter(|l| l.record_images) {
                    layout.image(
                        attr_in(attrs, &local_name!("src")),
                        attr_in(attrs, &local_name!("alt")),
                        blocks,
                        inline,
                    );
                }
            }
            let child = n.first_child;
            if let Some(tag) = block {
                let mut carry = false;
                if spine && (is_reopenable(tag) || tag == "html" || tag == "body") {
                    carry = ending.contains(&node);
                    if let Some(marker) = resuming.remove(&node) {
                        // opened in the last piece: its text and block go on
                        if sibling != NONE {
                            stack.push(Item::Node(sibling));
                        }
                        stack.push(if carry { Item::Carry(marker) } else { Item::End(marker) });
                        node = child;
                        continue;
                    }
                }
                if b.has_parts() {
                    b.flush();
                }
                if attrs.is_empty() {
                    element_hints.clear();
                } else {
                    let (class, id) = (attr_in(attrs, &local_name!("class")), attr_in(attrs, &local_name!("id")));
                    hints_into(&mut element_hints, class, id);
                }
                b.push_context(tag, &element_hints);
                let blocks = b.blocks.len();
                if let Some(layout) = b.layout.as_mut() {
                    if is_structure(tag) {
                        layout.open(
                            tag,
                            blocks,
                            attr_in(attrs, &local_name!("colspan")),
                            attr_in(attrs, &local_name!("rowspan")),
                        );
                    }
                }
                if sibling != NONE {
                    stack.push(Item::Node(sibling));
                }
                // a hidden element's blocks are kept, marked (a negative marker)
                if hidden {
                    b.epoch += 1;
                }
                let marker = if hidden { -1 - blocks as i64 } else { blocks as i64 };
                stack.push(if carry { Item::Carry(marker) } else { Item::End(marker) });
            } else if name == "a" {
                link_depth += 1;
                b.links += 1;
                if sibling != NONE {
                    stack.push(Item::Node(sibling));
                }
                let href = match &b.layout {
                    Some(layout) if layout.record_links => {
                        attr_in(attrs, &local_name!("href")).filter(|h| !h.is_empty())
                    }
                    _ => None,
                };
                stack.push(match href {
                    Some(href) => Item::Link(LinkMark { href, blocks: b.blocks.len(), parts: b.parts() }),
                    None => Item::LinkEnd,
                });
            } else if child == NONE {
                node = sibling;
                continue;
            } else if sibling != NONE {
                stack.push(Item::Node(sibling));
            }
            node = child;
        }
    }
    Ok(())
}

/// The blocks of a `<noframes>` element: its content is raw text (markup and all), which is
/// parsed (depth capped) and walked like the page; a `<noframes>` inside that content is not
/// parsed again (the work stays linear). Its blocks are a hidden container.
fn walk_noframes<E>(b: &mut Builder<'_>, dom: &Dom, node: NodeId, cap: &mut Cap<'_, E>) -> Result<(), E> {
    if b.in_noframes {
        return Ok(());
    }
    b.epoch += 1; // a hidden container: its blocks never join others
    let first = b.blocks.len();
    let mut raw = String::new();
    let mut child = dom.node(node).first_child;
    while child != NONE {
        if let Some(text) = dom.text(child) {
            raw.push_str(text);
        }
        child = dom.node(child).next;
    }
    if !raw.contains('<') {
        if !py_strip(&raw).is_empty() {
            b.push_part(&raw);
            b.flush();
        }
    } else {
        let capped = cap(&raw)?;
        let inner = parse(&capped);
        if let Some(body) = inner.body() {
            b.in_noframes = true;
            let walked = walk(b, &inner, body, &Set::default(), &mut Map::default(), cap);
            b.in_noframes = false;
            walked?;
            if b.has_parts() {
                b.flush();
            }
        }
    }
    b.epoch += 1;
    if b.blocks.len() > first {
        let end = b.blocks.len();
        b.containers.push(super::builder::Container {
            first,
            end,
            tag: "noframes",
            hints: String::new(),
            hidden: true,
        });
    }
    Ok(())
}
