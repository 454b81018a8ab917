//! HTML -> a compact DOM: html5gum's tokenizer and html5ever's tree builder (see `super::gum`)
//! into an arena of nodes linked by index.
//!
//! The parse is a browser's (the HTML standard's tree construction, scripting off, as lexbor
//! parsed it before: `<noscript>` content is markup); the arena holds one `Node` per DOM node,
//! linked by index (parent, children, siblings), with no reference counting per node. The
//! tree builder's handles carry the element's name (shared by all elements of that name), so `elem_name` borrows nothing
//! from the arena, and every sink method borrows it only for its own short step.

use crate::hash::Map;
use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tokenizer::TokenizerOpts;
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{local_name, ns, parse_document, Attribute, LocalName, ParseOpts, QualName};
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

/// A node's index in [`Dom::nodes`].
pub type NodeId = u32;
/// No node (the end of a list of children, a node without a parent).
pub const NONE: NodeId = NodeId::MAX;
/// The document node.
pub const DOCUMENT: NodeId = 0;

/// What a node is.
#[derive(Debug, PartialEq)]
pub enum Data {
    Document,
    /// An element: its name and its attributes (as parsed: the first of a repeated name).
    Element {
        name: Rc<QualName>,
        attrs: Vec<Attribute>,
    },
    Text(StrTendril),
    /// A comment, a doctype or a processing instruction: nothing the walk reads.
    Other,
}

/// A node and its links (indices, [`NONE`] for none).
#[derive(Debug, PartialEq)]
pub struct Node {
    pub data: Data,
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub prev: NodeId,
    pub next: NodeId,
}

/// A parsed document.
#[derive(Debug, PartialEq)]
pub struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    /// The node `id` (the document for an index out of range: never from the parser).
    pub fn node(&self, id: NodeId) -> &Node {
        self.nodes.get(id as usize).unwrap_or(&self.nodes[0])
    }

    /// The element's local name, if `id` is an element.
    pub fn tag(&self, id: NodeId) -> Option<&str> {
        match &self.node(id).data {
            Data::Element { name, .. } => Some(&name.local),
            _ => None,
        }
    }

    /// The first child of `id` that is an element named `name`.
    pub fn child_named(&self, id: NodeId, name: &str) -> Option<NodeId> {
        let mut child = self.node(id).first_child;
        while child != NONE {
            if self.tag(child) == Some(name) {
                return Some(child);
            }
            child = self.node(child).next;
        }
        None
    }

    /// The document element (`<html>`).
    pub fn root(&self) -> Option<NodeId> {
        let mut child = self.node(DOCUMENT).first_child;
        while child != NONE {
            if self.tag(child).is_some() {
                return Some(child);
            }
            child = self.node(child).next;
        }
        None
    }

    /// The `<body>` element: the `<body>` child of `<html>`.
    pub fn body(&self) -> Option<NodeId> {
        let root = self.root()?;
        if self.tag(root) != Some("html") {
            return None;
        }
        self.child_named(root, "body")
    }

    /// The value of attribute `name` of element `id` (in no namespace).
    pub fn attr(&self, id: NodeId, name: &LocalName) -> Option<&str> {
        match &self.node(id).data {
            Data::Element { attrs, .. } => attr_in(attrs, name),
            _ => None,
        }
    }

    /// The element's attributes.
    pub fn attrs(&self, id: NodeId) -> &[Attribute] {
        match &self.node(id).data {
            Data::Element { attrs, .. } => attrs,
            _ => &[],
        }
    }

    /// The text of a text node.
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.node(id).data {
            Data::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The first element named `name` in document order (any namespace), without recursion.
    pub fn first_named(&self, name: &str) -> Option<NodeId> {
        let mut id = self.node(DOCUMENT).first_child;
        while id != NONE {
            if self.tag(id) == Some(name) {
                return Some(id);
            }
            id = self.following(id, DOCUMENT);
        }
        None
    }

    /// The node after `id` in document order within `scope` ([`NONE`] at its end).
    pub fn following(&self, id: NodeId, scope: NodeId) -> NodeId {
        let node = self.node(id);
        if node.first_child != NONE {
            return node.first_child;
        }
        let mut at = id;
        while at != scope && at != NONE {
            let n = self.node(at);
            if n.next != NONE {
                return n.next;
            }
            at = n.parent;
        }
        NONE
    }

    /// The tree with only the attributes [`parse`] keeps: those of a formatting element, and
    /// the others named by [`super::gum::is_kept_attribute`] (in no namespace, as tokenized).
    pub fn read_attributes(mut self) -> Dom {
        for node in &mut self.nodes {
            if let Data::Element { name, attrs } = &mut node.data {
                if !super::gum::keeps_all_attributes(name.local.as_bytes()) {
                    attrs.retain(|a| {
                        a.name.ns.is_empty()
                            && a.name.prefix.is_none()
                            && super::gum::is_kept_attribute(a.name.local.as_bytes())
                    });
                }
            }
        }
        self
    }

    /// The text of the text nodes under `id`, in order (`textContent`).
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        let mut at = self.node(id).first_child;
        while at != NONE {
            if let Some(t) = self.text(at) {
                out.push_str(t);
            }
            at = self.following(at, id);
        }
        out
    }
}

/// The value of attribute `name` (in no namespace) among an element's `attrs` ([`Dom::attr`]).
pub fn attr_in<'d>(attrs: &'d [Attribute], name: &LocalName) -> Option<&'d str> {
    debug_assert!(super::gum::is_kept_attribute(name.as_bytes()), "{name} is not parsed");
    attrs.iter().find(|a| a.name.local == *name && a.name.ns.is_empty()).map(|a| &*a.value)
}

/// A handle of the tree builder: the node's index and, for an element, its name.
#[derive(Clone, Debug)]
pub struct Handle {
    id: NodeId,
    name: Rc<QualName>,
}

struct Sink {
    nodes: RefCell<Vec<Node>>,
    /// One shared name per distinct element name (an element's costs no allocation).
    names: RefCell<Map<QualName, Rc<QualName>>>,
    /// The same for HTML names without a prefix (most), keyed by the local name alone.
    html_names: RefCell<Map<LocalName, Rc<QualName>>>,
    /// The name handles of non-elements carry (never read by the tree builder).
    no_name: Rc<QualName>,
}

impl Sink {
    /// The sink of a page `html`: its arena made large enough at once for most pages, rather
    /// than grown (and copied) a dozen times. The dev pages have 1.1 nodes per `<` (an element's
    /// tags and the text after each); at most one node per 8 bytes is reserved.
    fn start(html: &str) -> Sink {
        let tags = memchr::memchr_iter(b'<', html.as_bytes()).count();
        let capacity = (tags + tags / 4).min(html.len() / 8) + 8;
        let sink = Sink {
            nodes: RefCell::new(Vec::with_capacity(capacity)),
            names: RefCell::default(),
            html_names: RefCell::default(),
            no_name: Rc::new(QualName::new(None, ns!(), local_name!(""))),
        };
        sink.new_node(Data::Document);
        sink
    }

    fn new_node(&self, data: Data) -> NodeId {
        push_node(&mut self.nodes.borrow_mut(), data)
    }

    fn handle(&self, id: NodeId) -> Handle {
        Handle { id, name: self.no_name.clone() }
    }
}

/// A new node, linked to none, at the end of the arena.
fn push_node(nodes: &mut Vec<Node>, data: Data) -> NodeId {
    let id = NodeId::try_from(nodes.len()).unwrap_or(NONE);
    nodes.push(Node { data, parent: NONE, first_child: NONE, last_child: NONE, prev: NONE, next: NONE });
    id
}

/// Detach `id` from its parent and siblings.
fn detach(nodes: &mut [Node], id: NodeId) {
    let Some(node) = nodes.get(id as usize) else { return };
    let (parent, prev, next) = (node.parent, node.prev, node.next);
    if parent == NONE && prev == NONE && next == NONE {
        return; // linked to none (a node just made)
    }
    if let Some(n) = nodes.get_mut(next as usize) {
        n.prev = prev;
    } else if let Some(p) = nodes.get_mut(parent as usize) {
        p.last_child = prev;
    }
    if let Some(n) = nodes.get_mut(prev as usize) {
        n.next = next;
    } else if let Some(p) = nodes.get_mut(parent as usize) {
        p.first_child = next;
    }
    if let Some(node) = nodes.get_mut(id as usize) {
        node.parent = NONE;
        node.prev = NONE;
        node.next = NONE;
    }
}

/// Append `child` (detached first) as the last child of `parent`.
fn append_child(nodes: &mut [Node], parent: NodeId, child: NodeId) {
    detach(nodes, child);
    let Some(last) = nodes.get(parent as usize).map(|p| p.last_child) else { return };
    if let Some(l) = nodes.get_mut(last as usize) {
        l.next = child;
    } else if let Some(p) = nodes.get_mut(parent as usize) {
        p.first_child = child;
    }
    if let Some(p) = nodes.get_mut(parent as usize) {
        p.last_child = child;
    }
    if let Some(c) = nodes.get_mut(child as usize) {
        c.parent = parent;
        c.prev = last;
    }
}

/// Insert `new` (detached first) just before `sibling`.
fn insert_before(nodes: &mut [Node], sibling: NodeId, new: NodeId) {
    detach(nodes, new);
    let Some((parent, prev)) = nodes.get(sibling as usize).map(|s| (s.parent, s.prev)) else { return };
    if let Some(p) = nodes.get_mut(prev as usize) {
        p.next = new;
    } else if let Some(p) = nodes.get_mut(parent as usize) {
        p.first_child = new;
    }
    if let Some(s) = nodes.get_mut(sibling as usize) {
        s.prev = new;
    }
    if let Some(n) = nodes.get_mut(new as usize) {
        n.parent = parent;
        n.prev = prev;
        n.next = sibling;
    }
}

impl Sink {
    /// Text goes into the text node `previous` if it is one (adjacent text is one node).
    fn add_text(&self, previous: NodeId, text: &StrTendril) -> bool {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(Node { data: Data::Text(t), .. }) = nodes.get_mut(previous as usize) {
            t.push_tendril(text);
            return true;
        }
        false
    }

    fn node_of(&self, child: NodeOrText<Handle>, previous: NodeId) -> Option<NodeId> {
        match child {
            NodeOrText::AppendNode(h) => Some(h.id),
            NodeOrText::AppendText(text) => {
                if self.add_text(previous, &text) {
                    None
                } else {
                    Some(self.new_node(Data::Text(text)))
                }
            }
        }
    }

    fn links(&self, id: NodeId) -> (NodeId, NodeId, NodeId) {
        let nodes = self.nodes.borrow();
        nodes.get(id as usize).map_or((NONE, NONE, NONE), |n| (n.parent, n.prev, n.last_child))
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Dom;
    type ElemName<'a> = &'a QualName;

    fn finish(self) -> Dom {
        Dom { nodes: self.nodes.into_inner() }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        self.handle(DOCUMENT)
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> &'a QualName {
        &target.name
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let name = if name.prefix.is_none() && name.ns == ns!(html) {
            let mut html = self.html_names.borrow_mut();
            html.entry(name.local.clone()).or_insert_with(|| Rc::new(name)).clone()
        } else {
            self.names.borrow_mut().entry(name).or_insert_with_key(|name| Rc::new(name.clone())).clone()
        };
        let id = self.new_node(Data::Element { name: name.clone(), attrs });
        if flags.template {
            // its contents: a fragment of its own, the node after it (see get_template_contents)
            self.new_node(Data::Document);
        }
        Handle { id, name }
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        self.handle(self.new_node(Data::Other))
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        self.handle(self.new_node(Data::Other))
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        // (the arena borrowed once: the commonest step of the tree builder)
        let mut nodes = self.nodes.borrow_mut();
        let new = match child {
            NodeOrText::AppendNode(h) => h.id,
            NodeOrText::AppendText(text) => {
                let last = nodes.get(parent.id as usize).map_or(NONE, |p| p.last_child);
                if let Some(Node { data: Data::Text(t), .. }) = nodes.get_mut(last as usize) {
                    t.push_tendril(&text); // adjacent text is one node
                    return;
                }
                push_node(&mut nodes, Data::Text(text))
            }
        };
        append_child(&mut nodes, parent.id, new);
    }

    fn append_based_on_parent_node(&self, element: &Handle, prev_element: &Handle, child: NodeOrText<Handle>) {
        if self.links(element.id).0 != NONE {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {
        let id = self.new_node(Data::Other);
        append_child(&mut self.nodes.borrow_mut(), DOCUMENT, id);
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        // create_element made the fragment right after the template
        let next = target.id.saturating_add(1);
        let is_fragment = matches!(self.nodes.borrow().get(next as usize), Some(Node { data: Data::Document, .. }));
        self.handle(if is_fragment { next } else { target.id })
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        let prev = self.links(sibling.id).1;
        if let Some(new) = self.node_of(new_node, prev) {
            insert_before(&mut self.nodes.borrow_mut(), sibling.id, new);
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(Node { data: Data::Element { attrs: existing, .. }, .. }) = nodes.get_mut(target.id as usize) {
            for attr in attrs {
                if !existing.iter().any(|e| e.name == attr.name) {
                    existing.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        detach(&mut self.nodes.borrow_mut(), target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes.get(node.id as usize).map_or(NONE, |n| n.first_child);
        while child != NONE {
            let next = nodes.get(child as usize).map_or(NONE, |n| n.next);
            append_child(&mut nodes, new_parent.id, child);
            child = next;
        }
    }
}

/// Parse `html` as a browser does (scripting off: `<noscript>` content is markup; a leading
/// byte-order mark is text, as lexbor kept it): html5gum's tokenizer under html5ever's tree
/// builder (see `super::gum`), which builds the trees of [`parse_ever`] in about half the time,
/// with only the attributes the tree builder and the walk read ([`Dom::read_attributes`]).
pub fn parse(html: &str) -> Dom {
    parse_with(html, false)
}

/// [`parse`] with every attribute: [`parse_ever`]'s tree.
pub fn parse_all(html: &str) -> Dom {
    parse_with(html, true)
}

fn parse_with(html: &str, all: bool) -> Dom {
    let tb = TreeBuilder::new(Sink::start(html), TreeBuilderOpts { scripting_enabled: false, ..Default::default() });
    let Ok(()) = html5gum::Tokenizer::new_with_emitter(html, super::gum::Feed::new(&tb, html, all)).finish();
    tb.sink.finish()
}

/// [`parse_all`] with html5ever's own tokenizer: the reference the tests hold the parse to.
pub fn parse_ever(html: &str) -> Dom {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts { scripting_enabled: false, ..Default::default() },
        tokenizer: TokenizerOpts { discard_bom: false, ..Default::default() },
    };
    parse_document(Sink::start(html), opts).one(StrTendril::from_slice(html))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(dom: &Dom, id: NodeId) -> Vec<String> {
        let mut out = Vec::new();
        let mut c = dom.node(id).first_child;
        while c != NONE {
            out.push(dom.tag(c).map_or_else(|| format!("#{}", dom.text(c).unwrap_or("")), str::to_string));
            c = dom.node(c).next;
        }
        out
    }

    #[test]
    fn builds_a_tree() {
        let dom = parse("<title>t</title><p>a<b>b</b>c<p>d");
        let body = dom.body().unwrap();
        assert_eq!(tags(&dom, body), ["p", "p"]);
        let p = dom.node(body).first_child;
        assert_eq!(tags(&dom, p), ["#a", "b", "#c"]);
        assert_eq!(dom.text_content(dom.first_named("title").unwrap()), "t");
    }

    #[test]
    fn foster_parented_text_is_one_node() {
        let dom = parse("<table>a<tr>b</tr>c</table>");
        assert_eq!(tags(&dom, dom.body().unwrap()), ["#abc", "table"]);
    }

    #[test]
    fn noscript_is_markup_and_attributes_merge() {
        let dom = parse("<head><noscript><p>x</p></noscript></head><body class=1><body id=2 class=3>y");
        let body = dom.body().unwrap();
        assert_eq!(tags(&dom, body), ["p", "#y"]);
        assert_eq!((dom.attr(body, &local_name!("class")), dom.attr(body, &local_name!("id"))), (Some("1"), Some("2")));
        let dom = parse("<div class=a class=b>x");
        assert_eq!(dom.attr(dom.node(dom.body().unwrap()).first_child, &local_name!("class")), Some("a"));
    }

    #[test]
    fn only_the_attributes_read_are_kept() {
        let dom = parse("<div data-x=1 class=c title=t style='color:red'><a data-x=1 href=/>甲</a></div>");
        let div = dom.node(dom.body().unwrap()).first_child;
        let names = |id| dom.attrs(id).iter().map(|a| a.name.local.to_string()).collect::<Vec<_>>();
        assert_eq!(names(div), ["class", "style"]);
        assert_eq!(names(dom.node(div).first_child), ["data-x", "href"]); // a formatting element
        assert_eq!(parse_all("<div data-x=1>").read_attributes(), parse("<div data-x=1>"));
    }

    #[test]
    fn formatting_elements_are_compared_with_all_their_attributes() {
        // a fourth `<b>` equal to three others pushes the first out of the list of active
        // formatting elements: equal only if every attribute is
        for html in [
            "<p><b data-x=1><b data-x=1><b data-x=1><b data-x=1><p>x",
            "<p><b data-x=1><b data-x=2><b data-x=3><b data-x=4><p>x",
            "<p><a title=1 href=a><a title=2 href=a><a title=3 href=a><a title=4 href=a><p>x",
            "<table><input type=hidden name=a><input type=text name=b>x</table>",
            "<svg><font color=red data-x=1>x</font></svg><svg><font data-x=1>y",
            "<math><annotation-xml encoding=text/html data-x=1><p>x",
            "<template shadowrootmode=open data-x=1><p>x</p></template>",
        ] {
            assert_eq!(parse(html), parse_ever(html).read_attributes(), "{html}");
            assert_eq!(parse_all(html), parse_ever(html), "{html}");
        }
    }

    #[test]
    fn misnested_formatting_is_reconstructed() {
        let dom = parse("<p><b>1<p>2</b>3");
        let body = dom.body().unwrap();
        let second = dom.node(dom.node(body).first_child).next;
        assert_eq!(tags(&dom, second), ["b", "#3"]);
    }
}
