//! The DOM html5ever builds for the walk: nodes in an arena, linked by `Cell`s (after
//! html5ever's `examples/arena.rs`, MIT/Apache-2.0). Only what the walk reads is kept.

use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::interface::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{Attribute, LocalName, QualName};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::ptr;

pub type Arena<'a> = typed_arena::Arena<Node<'a>>;
pub type Ref<'a> = &'a Node<'a>;
type Link<'a> = Cell<Option<Ref<'a>>>;

/// A DOM node.
pub struct Node<'a> {
    parent: Link<'a>,
    next_sibling: Link<'a>,
    previous_sibling: Link<'a>,
    first_child: Link<'a>,
    last_child: Link<'a>,
    pub data: NodeData<'a>,
}

/// What a node is.
pub enum NodeData<'a> {
    Document,
    Text(RefCell<StrTendril>),
    /// A comment, doctype or processing instruction: nothing the walk reads.
    Other,
    Element {
        name: QualName,
        attrs: RefCell<Vec<Attribute>>,
        template_contents: Option<Ref<'a>>,
        annotation_xml: bool,
    },
}

impl<'a> Node<'a> {
    fn new(data: NodeData<'a>) -> Self {
        Node {
            parent: Cell::new(None),
            next_sibling: Cell::new(None),
            previous_sibling: Cell::new(None),
            first_child: Cell::new(None),
            last_child: Cell::new(None),
            data,
        }
    }

    pub fn first_child(&self) -> Option<Ref<'a>> {
        self.first_child.get()
    }

    pub fn next_sibling(&self) -> Option<Ref<'a>> {
        self.next_sibling.get()
    }

    fn detach(&self) {
        let parent = self.parent.take();
        let previous = self.previous_sibling.take();
        let next = self.next_sibling.take();
        if let Some(next) = next {
            next.previous_sibling.set(previous);
        } else if let Some(parent) = parent {
            parent.last_child.set(previous);
        }
        if let Some(previous) = previous {
            previous.next_sibling.set(next);
        } else if let Some(parent) = parent {
            parent.first_child.set(next);
        }
    }

    fn append(&'a self, child: Ref<'a>) {
        child.detach();
        child.parent.set(Some(self));
        if let Some(last) = self.last_child.take() {
            child.previous_sibling.set(Some(last));
            last.next_sibling.set(Some(child));
        } else {
            self.first_child.set(Some(child));
        }
        self.last_child.set(Some(child));
    }

    fn insert_before(&'a self, sibling: Ref<'a>) {
        sibling.detach();
        sibling.parent.set(self.parent.get());
        sibling.next_sibling.set(Some(self));
        if let Some(previous) = self.previous_sibling.take() {
            sibling.previous_sibling.set(Some(previous));
            previous.next_sibling.set(Some(sibling));
        } else if let Some(parent) = self.parent.get() {
            parent.first_child.set(Some(sibling));
        }
        self.previous_sibling.set(Some(sibling));
    }
}

struct Sink<'a> {
    arena: &'a Arena<'a>,
    document: Ref<'a>,
}

impl<'a> Sink<'a> {
    fn new_node(&self, data: NodeData<'a>) -> Ref<'a> {
        self.arena.alloc(Node::new(data))
    }

    /// Append `child` with `append`, or merge text into `previous` if that is a text node.
    fn append_common(&self, child: NodeOrText<Ref<'a>>, previous: Option<Ref<'a>>, append: impl FnOnce(Ref<'a>)) {
        let node = match child {
            NodeOrText::AppendText(text) => {
                if let Some(Node { data: NodeData::Text(contents), .. }) = previous {
                    contents.borrow_mut().push_tendril(&text);
                    return;
                }
                self.new_node(NodeData::Text(RefCell::new(text)))
            }
            NodeOrText::AppendNode(node) => node,
        };
        append(node)
    }
}

/// The name of an element; html5ever only asks it of elements. For anything else (a broken
/// promise) the name is that of an element in no namespace the builder treats specially.
fn name_of<'b>(node: &'b Node<'_>, fallback: &'b QualName) -> &'b QualName {
    match &node.data {
        NodeData::Element { name, .. } => name,
        _ => fallback,
    }
}

thread_local! {
    static NO_NAME: &'static QualName = Box::leak(Box::new(QualName::new(None, html5ever::ns!(), html5ever::local_name!(""))));
}

impl<'a> TreeSink for Sink<'a> {
    type Handle = Ref<'a>;
    type Output = Ref<'a>;
    type ElemName<'b>
        = &'b QualName
    where
        Self: 'b;

    fn finish(self) -> Ref<'a> {
        self.document
    }

    fn parse_error(&self, _: Cow<'static, str>) {}

    fn get_document(&self) -> Ref<'a> {
        self.document
    }

    fn set_quirks_mode(&self, _: QuirksMode) {}

    fn same_node(&self, x: &Ref<'a>, y: &Ref<'a>) -> bool {
        ptr::eq::<Node>(*x, *y)
    }

    fn elem_name<'b>(&'b self, target: &'b Ref<'a>) -> &'b QualName {
        name_of(target, NO_NAME.with(|n| *n))
    }

    fn get_template_contents(&self, target: &Ref<'a>) -> Ref<'a> {
        match target.data {
            NodeData::Element { template_contents: Some(contents), .. } => contents,
            _ => self.new_node(NodeData::Document),
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, target: &Ref<'a>) -> bool {
        matches!(target.data, NodeData::Element { annotation_xml: true, .. })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Ref<'a> {
        let template_contents = if flags.template { Some(self.new_node(NodeData::Document)) } else { None };
        self.new_node(NodeData::Element {
            name,
            attrs: RefCell::new(attrs),
            template_contents,
            annotation_xml: flags.mathml_annotation_xml_integration_point,
        })
    }

    fn create_comment(&self, _: StrTendril) -> Ref<'a> {
        self.new_node(NodeData::Other)
    }

    fn create_pi(&self, _: StrTendril, _: StrTendril) -> Ref<'a> {
        self.new_node(NodeData::Other)
    }

    fn append(&self, parent: &Ref<'a>, child: NodeOrText<Ref<'a>>) {
        self.append_common(child, parent.last_child.get(), |node| parent.append(node))
    }

    fn append_before_sibling(&self, sibling: &Ref<'a>, child: NodeOrText<Ref<'a>>) {
        self.append_common(child, sibling.previous_sibling.get(), |node| sibling.insert_before(node))
    }

    fn append_based_on_parent_node(&self, element: &Ref<'a>, previous: &Ref<'a>, child: NodeOrText<Ref<'a>>) {
        if element.parent.get().is_some() {
            self.append_before_sibling(element, child)
        } else {
            self.append(previous, child)
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        self.document.append(self.new_node(NodeData::Other))
    }

    fn add_attrs_if_missing(&self, target: &Ref<'a>, attrs: Vec<Attribute>) {
        if let NodeData::Element { attrs: existing, .. } = &target.data {
            let mut existing = existing.borrow_mut();
            for attr in attrs {
                if !existing.iter().any(|e| e.name == attr.name) {
                    existing.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Ref<'a>) {
        target.detach()
    }

    fn reparent_children(&self, node: &Ref<'a>, new_parent: &Ref<'a>) {
        let mut next = node.first_child.get();
        while let Some(child) = next {
            next = child.next_sibling.get();
            new_parent.append(child)
        }
    }
}

/// The tree builder behind a token filter that brings html5ever to the current HTML
/// standard (and lexbor) where it lags: `<isindex>` is an ordinary unknown element now (the
/// standard dropped its special parsing, and it is no longer "special" in the adoption
/// agency), so it is renamed before the tree builder sees it.
struct Current<S>(S);

impl<S: TokenSink> TokenSink for Current<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        let token = match token {
            Token::TagToken(mut tag) if &*tag.name == "isindex" => {
                tag.name = LocalName::from("isindex-");
                Token::TagToken(tag)
            }
            token => token,
        };
        self.0.process_token(token, line_number)
    }

    fn end(&self) {
        self.0.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.0.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Parse `html` as a browser with scripting disabled does (lexbor's setting too: the
/// content of `<noscript>` is markup), keeping a leading BOM as text (as lexbor, given a
/// string); returns the document node.
pub fn parse<'a>(html: &str, arena: &'a Arena<'a>) -> Ref<'a> {
    let document = arena.alloc(Node::new(NodeData::Document));
    let sink = Sink { arena, document };
    let builder = TreeBuilder::new(sink, TreeBuilderOpts { scripting_enabled: false, ..Default::default() });
    let tokenizer = Tokenizer::new(Current(builder), TokenizerOpts { discard_bom: false, ..Default::default() });
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    document
}
