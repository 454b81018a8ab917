//! html5gum's tokenizer feeding html5ever's tree builder: the tokens html5ever's own tokenizer
//! would give it (tag names and attribute names as atoms, the first of a repeated attribute,
//! U+0000 in text as a null-character token), and the tokenizer states the tree builder asks for
//! (RCDATA, RAWTEXT, script data, PLAINTEXT; CDATA in foreign content).
//!
//! Text is gathered until the next token that is not text, so the tree builder sees each run of
//! text once (html5ever's tokenizer hands it over line by line; the tree builder joins both).

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};
use html5gum::{Emitter, Error, State};
use std::convert::Infallible;

/// `bytes` as text: UTF-8 (pieces of a `&str` page), read lossily all the same.
fn text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match crate::pystr::utf8(bytes) {
        Some(text) => text.into(),
        None => String::from_utf8_lossy(bytes),
    }
}

/// `bytes` as a tendril.
fn tendril(bytes: &[u8]) -> StrTendril {
    StrTendril::from_slice(&text(bytes))
}

/// `bytes` as the piece of `page` they are, if they are one on character boundaries (html5gum
/// hands most text over as slices of the page, which was checked whole: no need to check them
/// again). Bytes lying in the page's memory are the page's bytes, whatever made the slice.
fn in_page<'p>(page: &'p str, bytes: &[u8]) -> Option<&'p str> {
    let offset = (bytes.as_ptr() as usize).wrapping_sub(page.as_ptr() as usize);
    page.get(offset..offset.checked_add(bytes.len())?)
}

/// `one` (a piece of `page`) and `bytes` as one piece of the page, if the page goes on with
/// those bytes after `one` (up to a character boundary): the bytes read there, or others equal
/// to them (a `<` that starts no tag, a `&` that starts no reference, handed over as a copy).
fn extended<'p>(page: &'p str, one: &str, bytes: &[u8]) -> Option<&'p str> {
    let start = (one.as_ptr() as usize).wrapping_sub(page.as_ptr() as usize);
    let end = start.checked_add(one.len())?;
    let next = end.checked_add(bytes.len())?;
    let after = page.as_bytes().get(end..next)?;
    if !std::ptr::eq(after.as_ptr(), bytes.as_ptr()) && after != bytes {
        return None;
    }
    page.get(start..next)
}

/// A text gathered piece by piece (a run of text, an attribute's value): pieces of the page are
/// taken as they are, and while the text is one such piece it is not copied; other bytes
/// (character references, a byte the tokenizer rewrote) are checked, read lossily, between
/// the page's pieces. The same text as the pieces joined and read lossily: a piece of the page
/// begins and ends a character, so no sequence runs across its edges.
#[derive(Default)]
struct Gathered<'p> {
    /// The text, while it is one piece of the page.
    one: &'p str,
    /// The text, once it is more than one piece.
    text: String,
    /// Bytes after `text`, not yet checked.
    odd: Vec<u8>,
}

impl<'p> Gathered<'p> {
    fn push(&mut self, page: &'p str, bytes: &[u8]) {
        if bytes.is_empty() {
            return; // (an empty piece of the page would settle a sequence the next bytes end)
        }
        if self.text.is_empty() && self.odd.is_empty() && !self.one.is_empty() {
            if let Some(longer) = extended(page, self.one, bytes) {
                self.one = longer;
                return;
            }
        }
        match in_page(page, bytes) {
            Some(piece) if self.is_empty() => self.one = piece,
            Some(piece) => {
                self.settle();
                self.text.push_str(piece);
            }
            None => {
                self.spill();
                self.odd.extend_from_slice(bytes);
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.one.is_empty() && self.text.is_empty() && self.odd.is_empty()
    }

    /// `one` into `text`.
    fn spill(&mut self) {
        if !self.one.is_empty() {
            self.text.push_str(self.one);
            self.one = "";
        }
    }

    /// `one` and the bytes not yet checked into `text`.
    fn settle(&mut self) {
        self.spill();
        if !self.odd.is_empty() {
            self.text.push_str(&text(&self.odd));
            self.odd.clear();
        }
    }

    /// The text.
    fn get(&mut self) -> &str {
        if self.text.is_empty() && self.odd.is_empty() {
            return self.one;
        }
        self.settle();
        &self.text
    }

    fn clear(&mut self) {
        self.one = "";
        self.text.clear();
        self.odd.clear();
    }
}

/// `bytes` as an atom: the names most pages are made of matched at once, any other looked up.
fn atom(bytes: &[u8]) -> LocalName {
    match bytes {
        b"a" => local_name!("a"),
        b"li" => local_name!("li"),
        b"div" => local_name!("div"),
        b"span" => local_name!("span"),
        b"td" => local_name!("td"),
        b"p" => local_name!("p"),
        b"script" => local_name!("script"),
        b"tr" => local_name!("tr"),
        b"i" => local_name!("i"),
        b"img" => local_name!("img"),
        b"br" => local_name!("br"),
        b"ul" => local_name!("ul"),
        b"font" => local_name!("font"),
        b"table" => local_name!("table"),
        b"style" => local_name!("style"),
        b"meta" => local_name!("meta"),
        b"link" => local_name!("link"),
        b"em" => local_name!("em"),
        b"strong" => local_name!("strong"),
        b"b" => local_name!("b"),
        b"h1" => local_name!("h1"),
        b"h2" => local_name!("h2"),
        b"h3" => local_name!("h3"),
        b"h4" => local_name!("h4"),
        b"input" => local_name!("input"),
        b"iframe" => local_name!("iframe"),
        b"th" => local_name!("th"),
        b"tbody" => local_name!("tbody"),
        b"body" => local_name!("body"),
        b"head" => local_name!("head"),
        b"html" => local_name!("html"),
        b"title" => local_name!("title"),
        b"class" => local_name!("class"),
        b"id" => local_name!("id"),
        b"href" => local_name!("href"),
        b"src" => local_name!("src"),
        b"alt" => local_name!("alt"),
        b"target" => local_name!("target"),
        b"type" => local_name!("type"),
        b"content" => local_name!("content"),
        b"name" => local_name!("name"),
        b"rel" => local_name!("rel"),
        _ => LocalName::from(&*text(bytes)),
    }
}

/// True for the attributes the tree is built with: those html5ever's tree builder reads
/// (`type` of an `<input>`, `encoding` of `<annotation-xml>`, `color`, `face` and `size` of a
/// `<font>` in foreign content, `form`, a `<meta>`'s `charset`, `http-equiv` and `content`,
/// a `<template>`'s `shadowroot…`) and those the walk reads ([`super::parse::Dom::attr`]).
/// The others change no node, link, name or text of the tree (see [`keeps_all_attributes`]).
pub fn is_kept_attribute(name: &[u8]) -> bool {
    matches!(
        name,
        b"class"
            | b"id"
            | b"style"
            | b"hidden"
            | b"href"
            | b"src"
            | b"alt"
            | b"colspan"
            | b"rowspan"
            | b"type"
            | b"encoding"
            | b"color"
            | b"face"
            | b"size"
            | b"form"
            | b"charset"
            | b"http-equiv"
            | b"content"
    ) || name.starts_with(b"shadowroot")
}

/// True for the tags whose elements keep all their attributes: the formatting elements, which
/// the tree builder compares attribute by attribute (the "Noah's Ark" clause of the list of
/// active formatting elements: a fourth equal one pushes out the first).
pub fn keeps_all_attributes(tag: &[u8]) -> bool {
    matches!(
        tag,
        b"a" | b"b"
            | b"big"
            | b"code"
            | b"em"
            | b"font"
            | b"i"
            | b"nobr"
            | b"s"
            | b"small"
            | b"strike"
            | b"strong"
            | b"tt"
            | b"u"
    )
}

/// The emitter: the token being read and where the finished ones go.
pub struct Feed<'a, S: TokenSink> {
    sink: &'a S,
    /// The page being read.
    page: &'a str,
    text: Gathered<'a>,
    kind: TagKind,
    name: Vec<u8>,
    self_closing: bool,
    attrs: Vec<Attribute>,
    duplicate: bool,
    attr_name: Vec<u8>,
    attr_value: Gathered<'a>,
    /// The tag being read keeps all its attributes (every tag does when `all`).
    keep_all: bool,
    /// The value of the attribute being read is kept.
    keep_value: bool,
    /// Keep every attribute (the tokenizer's trees compared whole with html5ever's).
    all: bool,
    last_start: Vec<u8>,
    doctype_name: Vec<u8>,
    public_id: Option<Vec<u8>>,
    system_id: Option<Vec<u8>>,
    force_quirks: bool,
    /// The state the tree builder asked for after the last start tag.
    next: Option<State>,
}

impl<'a, S: TokenSink> Feed<'a, S> {
    /// The tokens of `page` for `sink`'s tree; `all`: with every attribute, else with those the
    /// tree builder and the walk read ([`is_kept_attribute`]).
    pub fn new(sink: &'a S, page: &'a str, all: bool) -> Self {
        Feed {
            sink,
            page,
            text: Gathered::default(),
            kind: TagKind::StartTag,
            name: Vec::new(),
            self_closing: false,
            attrs: Vec::new(),
            duplicate: false,
            attr_name: Vec::new(),
            attr_value: Gathered::default(),
            keep_all: all,
            keep_value: true,
            all,
            last_start: Vec::new(),
            doctype_name: Vec::new(),
            public_id: None,
            system_id: None,
            force_quirks: false,
            next: None,
        }
    }

    fn send(&mut self, token: Token) {
        self.next = match self.sink.process_token(token, 1) {
            TokenSinkResult::RawData(RawKind::Rcdata) => Some(State::RcData),
            TokenSinkResult::RawData(RawKind::Rawtext) => Some(State::RawText),
            TokenSinkResult::RawData(RawKind::ScriptData) => Some(State::ScriptData),
            TokenSinkResult::Plaintext => Some(State::PlainText),
            // script data escaped is never asked for; a script to run, never (scripting is off)
            _ => None,
        };
    }

    /// The text gathered so far, as html5ever's tokenizer gives it (U+0000 on its own).
    fn flush_text(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let mut gathered = std::mem::take(&mut self.text);
        let mut rest = gathered.get();
        loop {
            let end = memchr::memchr(0, rest.as_bytes()).unwrap_or(rest.len());
            if end > 0 {
                self.send(Token::CharacterTokens(StrTendril::from_slice(&rest[..end])));
            }
            let Some(after) = rest.get(end + 1..) else { break };
            self.send(Token::NullCharacterToken);
            rest = after;
        }
        gathered.clear();
        self.text = gathered;
    }

    /// The attribute being read joins the tag, unless the tag has one of its name.
    fn finish_attribute(&mut self) {
        if self.attr_name.is_empty() {
            return;
        }
        if !self.keep_all && !is_kept_attribute(&self.attr_name) {
            self.attr_name.clear();
            self.attr_value.clear();
            return;
        }
        let name = atom(&self.attr_name);
        self.attr_name.clear();
        if self.attrs.iter().any(|a| a.name.local == name) {
            self.duplicate = true;
        } else {
            let value = StrTendril::from_slice(self.attr_value.get());
            self.attrs.push(Attribute { name: QualName::new(None, ns!(), name), value });
        }
        self.attr_value.clear();
    }

    fn init_tag(&mut self, kind: TagKind) {
        self.kind = kind;
        self.name.clear();
        self.self_closing = false;
        self.attrs.clear();
        self.duplicate = false;
        self.attr_name.clear();
        self.attr_value.clear();
    }
}

impl<S: TokenSink> Emitter for Feed<'_, S> {
    type Token = Infallible;

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start.clear();
        self.last_start.extend_from_slice(last_start_tag.unwrap_or_default());
    }

    fn emit_eof(&mut self) {
        self.flush_text();
        self.send(Token::EOFToken);
        self.sink.end();
    }

    fn emit_error(&mut self, _error: Error) {}

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<Infallible> {
        None
    }

    fn emit_string(&mut self, c: &[u8]) {
        self.text.push(self.page, c);
    }

    fn init_start_tag(&mut self) {
        self.init_tag(TagKind::StartTag);
    }

    fn init_end_tag(&mut self) {
        self.init_tag(TagKind::EndTag);
    }

    fn init_comment(&mut self) {}

    fn emit_current_tag(&mut self) -> Option<State> {
        self.finish_attribute();
        self.flush_text();
        let name = atom(&self.name);
        if self.kind == TagKind::StartTag {
            std::mem::swap(&mut self.last_start, &mut self.name);
        }
        let tag = Tag {
            kind: self.kind,
            name,
            self_closing: self.self_closing,
            attrs: std::mem::take(&mut self.attrs),
            had_duplicate_attributes: self.duplicate,
        };
        self.send(Token::TagToken(tag));
        self.next.take()
    }

    fn emit_current_comment(&mut self) {
        self.flush_text();
        // the tree keeps no comment's text
        self.send(Token::CommentToken(StrTendril::new()));
    }

    fn emit_current_doctype(&mut self) {
        self.flush_text();
        let doctype = Doctype {
            name: Some(&self.doctype_name).filter(|n| !n.is_empty()).map(|n| tendril(n)),
            public_id: self.public_id.as_deref().map(tendril),
            system_id: self.system_id.as_deref().map(tendril),
            force_quirks: self.force_quirks,
        };
        self.send(Token::DoctypeToken(doctype));
    }

    fn set_self_closing(&mut self) {
        self.self_closing = true;
    }

    fn set_force_quirks(&mut self) {
        self.force_quirks = true;
    }

    fn push_tag_name(&mut self, s: &[u8]) {
        self.name.extend_from_slice(s);
    }

    fn push_comment(&mut self, _s: &[u8]) {}

    fn push_doctype_name(&mut self, s: &[u8]) {
        self.doctype_name.extend_from_slice(s);
    }

    fn init_doctype(&mut self) {
        self.doctype_name.clear();
        self.public_id = None;
        self.system_id = None;
        self.force_quirks = false;
    }

    fn init_attribute(&mut self) {
        self.finish_attribute();
        self.keep_all = self.all || keeps_all_attributes(&self.name);
        self.keep_value = true;
    }

    fn init_attribute_value(&mut self) {
        self.keep_value = self.keep_all || is_kept_attribute(&self.attr_name);
    }

    fn push_attribute_name(&mut self, s: &[u8]) {
        self.attr_name.extend_from_slice(s);
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        if self.keep_value {
            self.attr_value.push(self.page, s);
        }
    }

    fn set_doctype_public_identifier(&mut self, value: &[u8]) {
        self.public_id = Some(value.to_vec());
    }

    fn set_doctype_system_identifier(&mut self, value: &[u8]) {
        self.system_id = Some(value.to_vec());
    }

    fn push_doctype_public_identifier(&mut self, s: &[u8]) {
        if let Some(id) = self.public_id.as_mut() {
            id.extend_from_slice(s);
        }
    }

    fn push_doctype_system_identifier(&mut self, s: &[u8]) {
        if let Some(id) = self.system_id.as_mut() {
            id.extend_from_slice(s);
        }
    }

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.kind == TagKind::EndTag && !self.last_start.is_empty() && self.name == self.last_start
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&mut self) -> bool {
        self.flush_text();
        self.sink.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::{parse, parse_all, parse_ever, Data, Dom};

    fn dump(dom: &Dom) -> String {
        let mut out = String::new();
        for (i, n) in dom.nodes.iter().enumerate() {
            let d = match &n.data {
                Data::Document => "#doc".to_string(),
                Data::Element { name, attrs } => format!(
                    "<{}:{} {}>",
                    &*name.ns,
                    &*name.local,
                    attrs
                        .iter()
                        .map(|a| format!("{}:{}={:?}", &*a.name.ns, &*a.name.local, &*a.value))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
                Data::Text(t) => format!("{:?}", &**t),
                Data::Other => "#other".to_string(),
            };
            out.push_str(&format!("{i} {} {} {} {} {} {d}\n", n.parent, n.first_child, n.last_child, n.prev, n.next));
        }
        out
    }

    /// Markup that tests the tokenizer's corners: the states the tree builder switches to, CDATA
    /// in foreign content, U+0000, CR LF, character references, repeated attributes, doctypes.
    const PIECES: &[&str] = &[
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<a href=x>",
        "</a>",
        "<table>",
        "</table>",
        "<tr>",
        "<td>",
        "</td>",
        "<th>",
        "<tbody>",
        "<caption>",
        "<col>",
        "<colgroup>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<title>",
        "</title>",
        "<textarea>",
        "</textarea>",
        "<plaintext>",
        "<xmp>",
        "</xmp>",
        "<iframe>",
        "</iframe>",
        "<noembed>",
        "</noembed>",
        "<noframes>",
        "</noframes>",
        "<noscript>",
        "</noscript>",
        "<svg>",
        "</svg>",
        "<math>",
        "</math>",
        "<mi>",
        "<mtext>",
        "<foreignObject>",
        "<desc>",
        "<template>",
        "</template>",
        "<select>",
        "<option>",
        "<optgroup>",
        "<frameset>",
        "<frame>",
        "<head>",
        "<body>",
        "</body>",
        "<html>",
        "</html>",
        "<br>",
        "</br>",
        "<br/>",
        "<img src=a alt='b c'>",
        "<input type=hidden>",
        "<hr>",
        "<pre>\n",
        "<listing>\r\n",
        "<li>",
        "<dd>",
        "<dt>",
        "<h1>",
        "</h2>",
        "<form>",
        "</form>",
        "<button>",
        "<nobr>",
        "<font color=red>",
        "<marquee>",
        "<object>",
        "<applet>",
        "<ruby><rt>",
        "<rp>",
        "<image>",
        "<isindex>",
        "<keygen>",
        "<math><annotation-xml encoding='text/html'>",
        "<![CDATA[x]]>",
        "<![CDATA[a\0b",
        "<!-- c -->",
        "<!--->",
        "<!-->",
        "<!---->",
        "<?pi x?>",
        "<!DOCTYPE html>",
        "<!doctype html public \"-//W3C//DTD HTML 4.01//EN\">",
        "<!DOCTYPE>",
        "<!DOCTYPE html SYSTEM 'about:legacy-compat'>",
        "<!doctype foo>",
        "&amp;",
        "&lt;",
        "&nbsp;",
        "&notin;",
        "&notit;",
        "&copy",
        "&#0;",
        "&#x80;",
        "&#xD800;",
        "&#1114112;",
        "&#20013;",
        "&bogus;",
        "&",
        "&#",
        "&#x;",
        "<",
        ">",
        "</",
        "</ >",
        "</>",
        "<a/b>",
        "<div class=a class=b id=c>",
        "<div CLASS=A Id='x' style=\"display:none\" hidden>",
        "<p title='&amp;x&ampy=1&copy=2'>",
        "<a href=\"?a=1&b=2&lt=3\">",
        "<DIV>",
        "</DIV>",
        "<sCrIpT>",
        "</ScRiPt>",
        "<script><!--",
        "<script><!--<script>",
        "</script >",
        "</script/>",
        "-->",
        "<x-custom a=1>",
        "<svg:rect>",
        "<math><mglyph>",
        "<svg><title>t</title>",
        "<svg><foreignObject><p>",
        "<table><input type=hidden>",
        "<table>x</table>",
        "<td><p>",
        "\0",
        "a\0b",
        "\r\n",
        "\r",
        "\n",
        "\t",
        " ",
        "\u{feff}",
        "\u{3000}",
        "今天下雨了。",
        "字",
        "Hello world",
        "x",
        "\u{1F600}",
        "\u{fffd}",
        "\u{80}",
        "<a \0=1>",
        "<\0>",
        "</a\0>",
        "<p id=\"\0\">",
        "<!-- \0 -->",
        "<script>\0</script>",
        "<title>\0&amp;</title>",
        "<textarea>\n\n</textarea>",
        "<a b=c d>",
        "<a b = 'c' / >",
        "<a b=c/>",
        "<div =x>",
        "<div a\"b=1>",
        "<!doctype html><html><head></head><body>",
        "<head><noscript><p>x</p></noscript>",
        "<frameset><frame></frameset>",
        "</p></p>",
        "</td>",
        "</table>",
        "<body a=1><body b=2 a=3>",
        "<html lang=zh><html x=y>",
        "<base href=/>",
        "<meta charset=gbk>",
        "<link rel=x>",
        "<selectedcontent>",
        "<search>",
        "<dialog>",
        "<details><summary>",
        "<b data-x=1>",
        "<b data-x=2 class=c>",
        "<a title=t href=x>",
        "<div data-x=1 title=t>",
        "<input type=hidden name=n>",
        "<font face=x data-y=2>",
        "<td colspan=2 width=3>",
        "<img src=a width=1 alt=b>",
    ];

    /// Seeded tag soup of the pieces above (up to 120 of them).
    fn soup(seed: u64) -> String {
        let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let n = next() % 120;
        let mut out = String::new();
        for _ in 0..n {
            out.push_str(PIECES[next() % PIECES.len()]);
        }
        out
    }

    /// `html` parses to the same arena (every node, link, name, attribute and text) with
    /// html5gum's tokenizer as with html5ever's; and with only the attributes kept, to that
    /// arena without the others.
    fn same(html: &str) {
        let ever = parse_ever(html);
        let (a, b) = (dump(&ever), dump(&parse_all(html)));
        assert!(a == b, "differs on {html:?}:\n{a}\n---\n{b}");
        let (a, b) = (dump(&ever.read_attributes()), dump(&parse(html)));
        assert!(a == b, "differs with the attributes kept on {html:?}:\n{a}\n---\n{b}");
    }

    #[test]
    fn gathered_text_is_the_pieces_joined_and_read_lossily() {
        // pieces of a page (on character boundaries or not) and bytes from elsewhere (whole
        // characters, stray continuation bytes, the start of a sequence), in any order
        use super::super::gum::Gathered;
        let page = "ab中文\u{1F600}x&amp;\r\n\0甲";
        let bytes = page.as_bytes();
        // (copies of the page's bytes too: `&`, `文`, `x&`, `amp;`, the first bytes of `中`)
        let other: [&[u8]; 10] = [
            b"<",
            "\u{fffd}".as_bytes(),
            b"\x80",
            b"\xe4\xb8",
            b"\xad",
            "乙".as_bytes(),
            b"&",
            "文".as_bytes(),
            b"x&",
            b"amp;",
        ];
        let mut rng = crate::test_rng::Rng(0x51_7CC1_B727_220A);
        let mut gathered = Gathered::default();
        for _ in 0..20_000 {
            gathered.clear();
            let mut joined = Vec::new();
            let mut pieces = Vec::new();
            for _ in 0..rng.below(6) {
                let piece: &[u8] = if rng.below(2) == 0 {
                    let a = rng.below(bytes.len() + 1);
                    let b = a + rng.below(bytes.len() + 1 - a);
                    &bytes[a..b]
                } else {
                    other[rng.below(other.len())]
                };
                gathered.push(page, piece);
                joined.extend_from_slice(piece);
                pieces.push(piece);
            }
            assert_eq!(gathered.get(), String::from_utf8_lossy(&joined), "{joined:?} {pieces:?}");
        }
        assert_eq!(super::super::gum::in_page(page, &bytes[2..5]), Some("中"));
        assert_eq!(super::super::gum::in_page(page, &bytes[2..4]), None); // not a whole character
        assert_eq!(super::super::gum::in_page(page, "中".as_bytes()), None); // not the page's
    }

    #[test]
    fn gum_builds_html5evers_trees() {
        for i in 0..20_000 {
            same(&soup(i));
        }
        for piece in PIECES {
            same(piece);
            same(&format!("<body>{piece}"));
            same(&format!("<svg>{piece}"));
            same(&format!("<table>{piece}"));
            same(&format!("<title>{piece}"));
            same(&format!("<script>{piece}"));
        }
    }
}
