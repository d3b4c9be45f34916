//! A small, forgiving HTML tokenizer and tree builder.
//!
//! It builds an arena of element and text nodes that point into the source text, so a page
//! costs one pass and a few allocations per element, not one per character. It follows the
//! parts of the HTML parsing rules that change which text belongs to which element (void
//! elements, raw-text elements, implied end tags for `p`, `li`, `dt`/`dd`, `tr`/`td`,
//! headings and `option`, end tags that close the nearest open element of their name) and
//! ignores the rest. Nesting deeper than [`MAX_DEPTH`] is flattened, so a page of 100,000
//! nested `<div>`s costs linear time and no recursion.

/// Deeper elements are attached to the element at this depth.
pub const MAX_DEPTH: usize = 256;

/// Tag names the reducer cares about; everything else is `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    Text,
    Root,
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Base,
    Script,
    Style,
    Template,
    NoScript,
    Div,
    Section,
    Article,
    Main,
    Header,
    Footer,
    Nav,
    Aside,
    Form,
    P,
    H(u8),
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Figure,
    FigCaption,
    Blockquote,
    Pre,
    Table,
    TSection,
    Tr,
    Td,
    Th,
    Caption,
    Hr,
    Br,
    Img,
    A,
    Strong,
    B,
    Em,
    Button,
    Select,
    Option,
    Svg,
    Iframe,
    Input,
    TextArea,
    Embed,
    Other,
    /// A void element the reducer ignores (`<source>`, `<wbr>`, ...).
    OtherVoid,
    /// A block-level element without a role of its own (`address`, `center`, `details`, ...).
    OtherBlock,
}

impl Tag {
    pub fn of(name: &[u8]) -> Tag {
        let mut buf = [0u8; 12];
        if name.len() > buf.len() {
            return Tag::Other;
        }
        for (i, &b) in name.iter().enumerate() {
            buf[i] = b.to_ascii_lowercase();
        }
        match &buf[..name.len()] {
            b"html" => Tag::Html,
            b"head" => Tag::Head,
            b"body" => Tag::Body,
            b"title" => Tag::Title,
            b"meta" => Tag::Meta,
            b"link" => Tag::Link,
            b"base" => Tag::Base,
            b"script" => Tag::Script,
            b"style" => Tag::Style,
            b"template" => Tag::Template,
            b"noscript" => Tag::NoScript,
            b"div" => Tag::Div,
            b"section" => Tag::Section,
            b"article" => Tag::Article,
            b"main" => Tag::Main,
            b"header" => Tag::Header,
            b"footer" => Tag::Footer,
            b"nav" => Tag::Nav,
            b"aside" => Tag::Aside,
            b"form" => Tag::Form,
            b"p" => Tag::P,
            b"h1" => Tag::H(1),
            b"h2" => Tag::H(2),
            b"h3" => Tag::H(3),
            b"h4" => Tag::H(4),
            b"h5" => Tag::H(5),
            b"h6" => Tag::H(6),
            b"ul" | b"menu" => Tag::Ul,
            b"ol" => Tag::Ol,
            b"li" => Tag::Li,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"dd" => Tag::Dd,
            b"figure" => Tag::Figure,
            b"figcaption" => Tag::FigCaption,
            b"blockquote" => Tag::Blockquote,
            b"pre" | b"listing" | b"xmp" => Tag::Pre,
            b"table" => Tag::Table,
            b"thead" | b"tbody" | b"tfoot" => Tag::TSection,
            b"tr" => Tag::Tr,
            b"td" => Tag::Td,
            b"th" => Tag::Th,
            b"caption" => Tag::Caption,
            b"hr" => Tag::Hr,
            b"br" => Tag::Br,
            b"img" => Tag::Img,
            b"a" => Tag::A,
            b"strong" => Tag::Strong,
            b"b" => Tag::B,
            b"em" | b"i" => Tag::Em,
            b"button" => Tag::Button,
            b"select" => Tag::Select,
            b"option" => Tag::Option,
            b"svg" | b"math" | b"canvas" => Tag::Svg,
            b"iframe" | b"object" | b"video" | b"audio" => Tag::Iframe,
            b"input" => Tag::Input,
            b"textarea" => Tag::TextArea,
            b"embed" => Tag::Embed,
            b"area" | b"col" | b"param" | b"source" | b"track" | b"wbr" | b"keygen" => {
                Tag::OtherVoid
            }
            b"address" | b"center" | b"details" | b"summary" | b"dialog" | b"fieldset"
            | b"hgroup" | b"legend" | b"dir" => Tag::OtherBlock,
            _ => Tag::Other,
        }
    }

    pub fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Meta
                | Tag::Link
                | Tag::Base
                | Tag::Hr
                | Tag::Br
                | Tag::Img
                | Tag::Input
                | Tag::Embed
                | Tag::OtherVoid
        )
    }

    /// Elements whose content is not markup.
    pub fn is_raw(self) -> bool {
        matches!(
            self,
            Tag::Script | Tag::Style | Tag::Title | Tag::TextArea | Tag::NoScript | Tag::Template
        )
    }

    /// Block-level: text on either side of it belongs to different blocks.
    pub fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::Text
                | Tag::A
                | Tag::Strong
                | Tag::B
                | Tag::Em
                | Tag::Other
                | Tag::OtherVoid
                | Tag::Img
                | Tag::Br
                | Tag::Input
                | Tag::Button
                | Tag::Select
                | Tag::Option
                | Tag::Svg
                | Tag::Embed
        )
    }

    /// Starting one of these closes an open `<p>`.
    fn closes_p(self) -> bool {
        self.is_block()
            && !matches!(
                self,
                Tag::Td
                    | Tag::Th
                    | Tag::Tr
                    | Tag::TSection
                    | Tag::Caption
                    | Tag::Iframe
                    | Tag::Head
                    | Tag::Html
                    | Tag::Body
                    | Tag::Title
                    | Tag::Meta
                    | Tag::Link
                    | Tag::Base
                    | Tag::Script
                    | Tag::Style
                    | Tag::Template
                    | Tag::NoScript
                    | Tag::TextArea
                    | Tag::Root
            )
    }
}

pub const NONE: u32 = u32::MAX;

#[derive(Clone, Debug)]
pub struct Node {
    pub tag: Tag,
    pub parent: u32,
    pub first_child: u32,
    pub last_child: u32,
    pub next: u32,
    /// Element: the start tag's `<` to the end of its end tag. Text: the text itself.
    pub start: u32,
    pub end: u32,
    /// Element: its content, for raw-text elements (script, style, title).
    pub content: (u32, u32),
    pub attrs: (u32, u32),
}

#[derive(Clone, Copy, Debug)]
pub struct Attr {
    pub name: (u32, u32),
    pub value: (u32, u32),
}

pub struct Dom<'a> {
    pub src: &'a str,
    pub nodes: Vec<Node>,
    pub attrs: Vec<Attr>,
}

impl<'a> Dom<'a> {
    pub fn attr(&self, node: u32, name: &str) -> Option<&'a str> {
        let n = &self.nodes[node as usize];
        for a in &self.attrs[n.attrs.0 as usize..n.attrs.1 as usize] {
            let an = &self.src[a.name.0 as usize..a.name.1 as usize];
            if an.eq_ignore_ascii_case(name) {
                return Some(&self.src[a.value.0 as usize..a.value.1 as usize]);
            }
        }
        None
    }

    pub fn has_attr(&self, node: u32, name: &str) -> bool {
        self.attr(node, name).is_some()
    }

    pub fn text_of(&self, node: u32) -> &'a str {
        let n = &self.nodes[node as usize];
        &self.src[n.start as usize..n.end as usize]
    }

    pub fn children(&self, node: u32) -> Children<'_, 'a> {
        Children {
            dom: self,
            next: self.nodes[node as usize].first_child,
        }
    }
}

pub struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: u32,
}

impl Iterator for Children<'_, '_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.next == NONE {
            return None;
        }
        let n = self.next;
        self.next = self.dom.nodes[n as usize].next;
        Some(n)
    }
}

struct Builder<'a> {
    src: &'a str,
    nodes: Vec<Node>,
    attrs: Vec<Attr>,
    /// Open elements; `stack[0]` is the root.
    stack: Vec<u32>,
}

impl Builder<'_> {
    fn append(&mut self, node: Node) -> u32 {
        let id = self.nodes.len() as u32;
        let parent = node.parent;
        self.nodes.push(node);
        let p = &mut self.nodes[parent as usize];
        if p.first_child == NONE {
            p.first_child = id;
        } else {
            let last = p.last_child;
            self.nodes[last as usize].next = id;
        }
        self.nodes[parent as usize].last_child = id;
        id
    }

    fn top(&self) -> u32 {
        *self.stack.last().unwrap()
    }

    fn tag(&self, id: u32) -> Tag {
        self.nodes[id as usize].tag
    }

    /// Close elements down to and including the nearest open `want`, unless a `boundary`
    /// element comes first.
    fn close_open(&mut self, want: &[Tag], boundary: &[Tag], at: usize) {
        for i in (1..self.stack.len()).rev() {
            let t = self.tag(self.stack[i]);
            if want.contains(&t) {
                self.pop_to(i, at);
                return;
            }
            if boundary.contains(&t) {
                return;
            }
        }
    }

    fn pop_to(&mut self, i: usize, at: usize) {
        while self.stack.len() > i {
            let id = self.stack.pop().unwrap();
            self.nodes[id as usize].end = at as u32;
        }
    }

    fn text(&mut self, start: usize, end: usize) {
        if start < end {
            let parent = self.top();
            self.append(Node {
                tag: Tag::Text,
                parent,
                first_child: NONE,
                last_child: NONE,
                next: NONE,
                start: start as u32,
                end: end as u32,
                content: (0, 0),
                attrs: (0, 0),
            });
        }
    }
}

const SCOPE: &[Tag] = &[
    Tag::Div,
    Tag::Section,
    Tag::Article,
    Tag::Main,
    Tag::Td,
    Tag::Th,
    Tag::Li,
    Tag::Blockquote,
    Tag::Table,
    Tag::Figure,
    Tag::Body,
    Tag::Header,
    Tag::Footer,
    Tag::Aside,
    Tag::Nav,
    Tag::Form,
];

/// Parse a page. Never fails; offsets are byte offsets in `src`.
pub fn parse(src: &str) -> Dom<'_> {
    let bytes = src.as_bytes();
    let mut b = Builder {
        src,
        nodes: Vec::with_capacity(src.len() / 40 + 16),
        attrs: Vec::with_capacity(src.len() / 60 + 16),
        stack: vec![0],
    };
    b.nodes.push(Node {
        tag: Tag::Root,
        parent: 0,
        first_child: NONE,
        last_child: NONE,
        next: NONE,
        start: 0,
        end: src.len() as u32,
        content: (0, 0),
        attrs: (0, 0),
    });
    let mut i = 0;
    let mut text_start = 0;
    let n = bytes.len();
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        if crate::budget::over() {
            break;
        }
        let lt = i + off;
        let next = bytes.get(lt + 1).copied().unwrap_or(0);
        if next == b'!' || next == b'?' {
            b.text(text_start, lt);
            let end = if bytes[lt..].starts_with(b"<!--") {
                memchr::memmem::find(&bytes[lt + 4..], b"-->")
                    .map(|k| lt + 4 + k + 3)
                    .unwrap_or(n)
            } else {
                memchr::memchr(b'>', &bytes[lt..])
                    .map(|k| lt + k + 1)
                    .unwrap_or(n)
            };
            i = end;
            text_start = end;
            continue;
        }
        let closing = next == b'/';
        let name_start = lt + 1 + usize::from(closing);
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            // `a < b`, `</ >`: text.
            i = lt + 1;
            continue;
        }
        b.text(text_start, lt);
        let mut j = name_start;
        while j < n
            && !matches!(
                bytes[j],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'
            )
        {
            j += 1;
        }
        let name_end = j;
        let tag = Tag::of(&bytes[name_start..name_end]);
        // Attributes.
        let attr_from = b.attrs.len() as u32;
        let mut self_closing = false;
        loop {
            while j < n && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                j += 1;
            }
            if j >= n {
                break;
            }
            match bytes[j] {
                b'>' => {
                    j += 1;
                    break;
                }
                b'/' => {
                    self_closing = bytes.get(j + 1) == Some(&b'>');
                    j += 1;
                    continue;
                }
                _ => {}
            }
            let an = j;
            while j < n
                && !matches!(
                    bytes[j],
                    b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'='
                )
            {
                j += 1;
            }
            let name = (an as u32, j as u32);
            while j < n && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r') {
                j += 1;
            }
            let mut value = (j as u32, j as u32);
            if j < n && bytes[j] == b'=' {
                j += 1;
                while j < n && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r') {
                    j += 1;
                }
                if j < n && (bytes[j] == b'"' || bytes[j] == b'\'') {
                    let q = bytes[j];
                    let vs = j + 1;
                    let ve = memchr::memchr(q, &bytes[vs..]).map(|k| vs + k).unwrap_or(n);
                    value = (vs as u32, ve as u32);
                    j = (ve + 1).min(n);
                } else {
                    let vs = j;
                    while j < n && !matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'>') {
                        j += 1;
                    }
                    value = (vs as u32, j as u32);
                }
            }
            if !closing && name.0 < name.1 {
                b.attrs.push(Attr { name, value });
            }
            if j == an {
                j += 1; // never stall on an unexpected byte
            }
        }
        let tag_end = j.min(n);
        i = tag_end;
        text_start = tag_end;
        if closing {
            b.attrs.truncate(attr_from as usize);
            close_tag(&mut b, tag, &bytes[name_start..name_end], tag_end);
            continue;
        }
        open_tag(&mut b, tag, lt);
        let parent = b.top();
        let id = b.append(Node {
            tag,
            parent,
            first_child: NONE,
            last_child: NONE,
            next: NONE,
            start: lt as u32,
            end: tag_end as u32,
            content: (tag_end as u32, tag_end as u32),
            attrs: (attr_from, b.attrs.len() as u32),
        });
        // `<title/>` and `<title>` inside SVG are not the page's raw-text title.
        let in_svg =
            tag == Tag::Title && b.stack.iter().any(|&o| b.nodes[o as usize].tag == Tag::Svg);
        if tag.is_raw() && !self_closing && !in_svg {
            let (content_end, after) = find_close(bytes, tag_end, &bytes[name_start..name_end]);
            b.nodes[id as usize].content = (tag_end as u32, content_end as u32);
            b.nodes[id as usize].end = after as u32;
            i = after;
            text_start = after;
            continue;
        }
        if !tag.is_void() && !self_closing_void(tag, self_closing) && b.stack.len() < MAX_DEPTH {
            b.stack.push(id);
        }
    }
    b.text(text_start, n);
    let end = n;
    b.pop_to(1, end);
    Dom {
        src,
        nodes: b.nodes,
        attrs: b.attrs,
    }
}

/// `<div/>` is not self-closing in HTML, but `<svg .../>` and friends are.
fn self_closing_void(tag: Tag, self_closing: bool) -> bool {
    self_closing && matches!(tag, Tag::Svg | Tag::Other)
}

fn open_tag(b: &mut Builder, tag: Tag, at: usize) {
    match tag {
        Tag::Li => b.close_open(
            &[Tag::Li],
            &[
                Tag::Ul,
                Tag::Ol,
                Tag::Table,
                Tag::Div,
                Tag::Section,
                Tag::Article,
                Tag::Body,
            ],
            at,
        ),
        Tag::Dt | Tag::Dd => b.close_open(&[Tag::Dt, Tag::Dd], &[Tag::Dl, Tag::Div, Tag::Body], at),
        Tag::Tr => b.close_open(&[Tag::Tr], &[Tag::Table, Tag::TSection], at),
        Tag::Td | Tag::Th => b.close_open(&[Tag::Td, Tag::Th], &[Tag::Tr, Tag::Table], at),
        Tag::Option => b.close_open(&[Tag::Option], &[Tag::Select], at),
        Tag::A => b.close_open(&[Tag::A], SCOPE, at),
        Tag::H(_) => {
            b.close_open(&[Tag::P], SCOPE, at);
            let t = b.tag(b.top());
            if matches!(t, Tag::H(_)) {
                let l = b.stack.len();
                b.pop_to(l - 1, at);
            }
            return;
        }
        _ => {}
    }
    if tag.closes_p() {
        b.close_open(&[Tag::P], SCOPE, at);
    }
}

fn close_tag(b: &mut Builder, tag: Tag, name: &[u8], end: usize) {
    for k in (1..b.stack.len()).rev() {
        let open = b.stack[k];
        let t = b.tag(open);
        let same = if tag == Tag::Other {
            // Compare the names themselves for unknown tags.
            let n = &b.nodes[open as usize];
            let src = &b.src.as_bytes()[n.start as usize + 1..];
            let len = name.len();
            t == Tag::Other
                && src.len() > len
                && src[..len].eq_ignore_ascii_case(name)
                && !src[len].is_ascii_alphanumeric()
        } else {
            t == tag || (matches!(tag, Tag::H(_)) && matches!(t, Tag::H(_)))
        };
        if same {
            b.pop_to(k, end);
            return;
        }
        // An end tag does not close past a table cell or the body.
        if matches!(t, Tag::Td | Tag::Th | Tag::Body)
            && !matches!(
                tag,
                Tag::Tr | Tag::Table | Tag::TSection | Tag::Body | Tag::Html
            )
        {
            return;
        }
    }
}

/// Find `</name` (case-insensitive) from `from`; returns (content end, position after `>`).
fn find_close(bytes: &[u8], from: usize, name: &[u8]) -> (usize, usize) {
    let mut k = from;
    static CLOSE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"</"));
    while let Some(off) = CLOSE.find(&bytes[k..]) {
        let at = k + off;
        let after = at + 2;
        if bytes.len() >= after + name.len()
            && bytes[after..after + name.len()].eq_ignore_ascii_case(name)
        {
            let close = memchr::memchr(b'>', &bytes[after..])
                .map(|c| after + c + 1)
                .unwrap_or(bytes.len());
            return (at, close);
        }
        k = after;
    }
    (bytes.len(), bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(dom: &Dom, id: u32, out: &mut String) {
        let n = &dom.nodes[id as usize];
        if n.tag == Tag::Text {
            out.push_str(&dom.src[n.start as usize..n.end as usize]);
            return;
        }
        out.push_str(&format!("{:?}(", n.tag));
        for c in dom.children(id) {
            shape(dom, c, out);
        }
        out.push(')');
    }

    fn tree(s: &str) -> String {
        let dom = parse(s);
        let mut out = String::new();
        for c in dom.children(0) {
            shape(&dom, c, &mut out);
        }
        out
    }

    #[test]
    fn implied_end_tags() {
        assert_eq!(tree("<p>a<p>b"), "P(a)P(b)");
        assert_eq!(tree("<ul><li>a<li>b</ul>"), "Ul(Li(a)Li(b))");
        assert_eq!(tree("<p>a<div>b</div>"), "P(a)Div(b)");
        assert_eq!(tree("<dl><dt>a<dd>b</dl>"), "Dl(Dt(a)Dd(b))");
        assert_eq!(
            tree("<table><tr><td>a<td>b<tr><td>c</table>"),
            "Table(Tr(Td(a)Td(b))Tr(Td(c)))"
        );
        assert_eq!(tree("<h2>a<h3>b</h3>"), "H(2)(a)H(3)(b)");
    }

    #[test]
    fn raw_text_comments_and_stray_lt() {
        assert_eq!(tree("<script>if (a<b) {}</script><p>x</p>"), "Script()P(x)");
        assert_eq!(tree("<!-- <p>no</p> --><p>a < b</p>"), "P(a < b)");
        assert_eq!(tree("<p>a</span>b</p>"), "P(ab)");
    }

    #[test]
    fn attributes() {
        let dom =
            parse("<a href=\"/x?a=1&amp;b\" class=c data-x='y z'>t</a><img src=i.png alt=\"A\"/>");
        assert_eq!(dom.attr(1, "href"), Some("/x?a=1&amp;b"));
        assert_eq!(dom.attr(1, "CLASS"), Some("c"));
        assert_eq!(dom.attr(1, "data-x"), Some("y z"));
        assert_eq!(dom.attr(3, "alt"), Some("A"));
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let s = "<div>".repeat(100_000) + "x" + &"</div>".repeat(100_000);
        let dom = parse(&s);
        assert_eq!(dom.nodes.len(), 100_002);
        let mut depth = 0;
        let mut id = dom.nodes.len() as u32 - 1;
        while id != 0 {
            id = dom.nodes[id as usize].parent;
            depth += 1;
        }
        assert!(depth <= MAX_DEPTH + 1, "{depth}");
    }

    #[test]
    fn unterminated_input() {
        assert_eq!(tree("<p>a<b"), "P(aB())");
        assert_eq!(tree("<!-- never closed"), "");
        assert_eq!(tree("<script>x"), "Script()");
        assert_eq!(tree("<svg><title/></svg><p>a</p>"), "Svg(Title())P(a)");
        assert_eq!(
            tree("<svg><title>t</title></svg><p>a</p>"),
            "Svg(Title(t))P(a)"
        );
    }
}
