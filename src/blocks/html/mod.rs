//! HTML to blocks.
//!
//! The page is parsed once into a small arena ([`dom`]); then:
//!
//! 1. **Metadata**: title (`<title>`, `og:title`, JSON-LD `headline`, `h1`), author, date,
//!    canonical URL, language, and a schema.org `ItemList` (JSON-LD or microdata) if any.
//! 2. **Text statistics** per element: text length, link text length, and "good" text (text in
//!    blocks with few links). The **article region** is the element with the most good text
//!    net of the other text it carries; `<article>` and `<main>` are preferred when they hold
//!    most of it. Blocks outside the region, blocks that are mostly links, and blocks above the
//!    heading that repeats the page title get lower weights, which the segmenter multiplies
//!    into its scores.
//! 3. **Blocks**: a walk in document order that drops script, style, nav, asides, forms,
//!    page-level headers and footers, hidden elements and comments, and emits headings,
//!    paragraphs, list items (with `<ol start>`, `reversed` and `<li value>` numbering),
//!    captions, table rows and preformatted text. Lines separated by `<br>` inside a paragraph
//!    are blocks of their own; `<strong>` at the start of a block is its lead; `dt`/`dd` pairs
//!    become `Label: value` blocks; links are resolved against `<base>` or the canonical URL.

pub mod dom;

use std::borrow::Cow;

use dom::{Dom, NONE, Tag};

use super::{Block, Blocks, Image, Kind, LineIndex, Link, ListInfo, Meta, collapse_ws};

/// Reduce an HTML page to blocks.
pub fn blocks(src: &str) -> Blocks {
    let dom = dom::parse(src);
    let mut meta = Meta::default();
    let mut base: Option<url::Url> = None;
    read_meta(&dom, &mut meta, &mut base);
    let stats = Stats::new(&dom);
    let mut w = Walker {
        dom: &dom,
        stats: &stats,
        base: base.as_ref(),
        lines: LineIndex::new(src),
        out: Vec::new(),
        elems: Vec::new(),
        cur: Cur::default(),
        ctx: Vec::new(),
        lists: Vec::new(),
        figure: None,
        pending_dt: None,
        dd_item: None,
        pending_image: None,
        row: None,
        heading: None,
        em_depth: 0,
    };
    w.walk();
    let Walker { out, elems, .. } = w;
    let mut blocks = out;
    weigh(&stats, &meta, &mut blocks, &elems);
    read_bylines(&blocks, &mut meta);
    Blocks {
        blocks,
        meta,
        body_start: 0,
        title_counts: Default::default(),
    }
}

/// A page's byline in its text (`By Jane Doe · March 3, 2024`), for an author or date that
/// its meta tags do not give: short blocks among the three after its first top-level heading,
/// or the two before it.
fn read_bylines(blocks: &[Block], meta: &mut Meta) {
    if meta.author.is_some() && meta.date.is_some() {
        return;
    }
    let Some(h) = blocks.iter().position(|b| b.kind == Kind::Heading(1)) else {
        return;
    };
    let near = (h.saturating_sub(2)..h).chain(h + 1..(h + 4).min(blocks.len()));
    for i in near {
        if !matches!(blocks[i].kind, Kind::Heading(_)) {
            super::read_byline(&blocks[i].text, meta);
        }
    }
}

fn decode(s: &str) -> Cow<'_, str> {
    if s.contains('&') {
        html_escape::decode_html_entities(s)
    } else {
        Cow::Borrowed(s)
    }
}

// ---------------------------------------------------------------------------------------------
// Metadata

fn read_meta(dom: &Dom, meta: &mut Meta, base: &mut Option<url::Url>) {
    let mut title_tag = None;
    let mut og_title = None;
    let mut h1 = Vec::new();
    let mut base_href = None;
    let mut canonical = None;
    let mut og_url = None;
    let mut ld_headline = Vec::new();
    for (i, n) in dom.nodes.iter().enumerate() {
        let id = i as u32;
        match n.tag {
            Tag::Title if title_tag.is_none() => {
                let t = &dom.src[n.content.0 as usize..n.content.1 as usize];
                let t = collapse_ws(&decode(t));
                if !t.is_empty() {
                    title_tag = Some(t);
                }
            }
            Tag::Html => {
                if let Some(l) = dom.attr(id, "lang") {
                    meta.lang.get_or_insert_with(|| l.trim().to_string());
                }
            }
            Tag::Base => base_href = base_href.or(dom.attr(id, "href")),
            Tag::Link => {
                let rel = dom.attr(id, "rel").unwrap_or("");
                if rel.eq_ignore_ascii_case("canonical") {
                    canonical = canonical.or(dom.attr(id, "href"));
                }
            }
            Tag::Meta => {
                let key = dom
                    .attr(id, "property")
                    .or(dom.attr(id, "name"))
                    .or(dom.attr(id, "itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(value) = dom.attr(id, "content").or(dom.attr(id, "value")) else {
                    continue;
                };
                let value = collapse_ws(&decode(value));
                if value.is_empty() {
                    continue;
                }
                match key.as_str() {
                    "og:title" | "twitter:title" => {
                        og_title.get_or_insert(value);
                    }
                    "og:url" => {
                        og_url.get_or_insert(value);
                    }
                    "author" | "article:author" | "byl" | "parsely-author" | "sailthru.author"
                        if !value.starts_with("http") =>
                    {
                        meta.author.get_or_insert(value);
                    }
                    "article:published_time"
                    | "datepublished"
                    | "date"
                    | "pubdate"
                    | "publish-date"
                    | "parsely-pub-date"
                    | "dc.date"
                    | "sailthru.date" => {
                        meta.date.get_or_insert(value);
                    }
                    _ => {}
                }
            }
            Tag::Script => {
                let ty = dom.attr(id, "type").unwrap_or("");
                if ty.eq_ignore_ascii_case("application/ld+json") {
                    let body = &dom.src[n.content.0 as usize..n.content.1 as usize];
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(body.trim()) {
                        json_ld(&v, meta, &mut ld_headline, 0);
                    }
                }
            }
            Tag::H(1) => {
                let t = collapse_ws(&decode(&inner_text(dom, id)));
                if !t.is_empty() {
                    h1.push(t);
                }
            }
            _ => {}
        }
        if n.tag != Tag::Text
            && meta.item_list.is_empty()
            && dom
                .attr(id, "itemtype")
                .is_some_and(|t| t.ends_with("/ItemList"))
        {
            meta.item_list = microdata_names(dom, id);
        }
    }
    // JSON-LD's headline or name that is mostly in the page's `h1` or `<title>` (either, when
    // the page has neither).
    let own: Vec<&str> = h1
        .iter()
        .take(1)
        .chain(&title_tag)
        .map(String::as_str)
        .collect();
    let ld_headline = ld_headline
        .into_iter()
        .find(|h| own.is_empty() || own.iter().any(|t| mostly_in(h, t)));
    // The title: the page's own headline first, then what it tells search engines.
    let mut titles: Vec<String> = Vec::new();
    for t in [og_title, ld_headline, h1.first().cloned(), title_tag]
        .into_iter()
        .flatten()
    {
        if !titles.iter().any(|x| x == &t) {
            titles.push(t);
        }
    }
    if !titles.is_empty() {
        meta.title = Some(titles.remove(0));
        meta.alt_titles = titles;
    }
    let page = canonical
        .map(|c| decode(c).into_owned())
        .or(og_url)
        .and_then(|u| url::Url::parse(u.trim()).ok());
    meta.url = page.as_ref().map(|u| u.to_string());
    *base = match (base_href, page) {
        (Some(b), Some(p)) => p.join(decode(b).trim()).ok(),
        (Some(b), None) => url::Url::parse(decode(b).trim()).ok(),
        (None, p) => p,
    };
}

/// Are most words of `a` in `b`: half its runs of letters and digits (two characters or
/// more) or more found in `b`, in any case? Found as substrings, so that a title in a script
/// written without spaces matches the longer `<title>` that holds it.
fn mostly_in(a: &str, b: &str) -> bool {
    let b = b.to_lowercase();
    let a = a.to_lowercase();
    let words = a
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some());
    let (mut found, mut all) = (0, 0);
    for w in words {
        all += 1;
        found += usize::from(b.contains(w));
    }
    all > 0 && found * 2 >= all
}

fn inner_text(dom: &Dom, id: u32) -> String {
    let mut s = String::new();
    let mut stack = vec![id];
    let mut order = Vec::new();
    while let Some(n) = stack.pop() {
        order.push(n);
        let kids: Vec<u32> = dom.children(n).collect();
        stack.extend(kids.into_iter().rev());
    }
    for n in order {
        let node = &dom.nodes[n as usize];
        if node.tag == Tag::Text {
            s.push_str(dom.text_of(n));
        } else if node.tag == Tag::Br {
            s.push(' ');
        }
    }
    s
}

fn json_ld(v: &serde_json::Value, meta: &mut Meta, headline: &mut Vec<String>, depth: u8) {
    use serde_json::Value;
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => {
            for x in a {
                json_ld(x, meta, headline, depth + 1);
            }
        }
        Value::Object(o) => {
            let ty: Vec<&str> = match o.get("@type") {
                Some(Value::String(s)) => vec![s.as_str()],
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            let is_article = ty
                .iter()
                .any(|t| t.ends_with("Article") || *t == "BlogPosting");
            if is_article {
                // Its headline, then its name: which is the title is settled by the page's own
                // (`h1`, `<title>`), for a headline can be a description of the kind of page.
                for key in ["headline", "name"] {
                    if let Some(h) = o.get(key).and_then(Value::as_str) {
                        let h = collapse_ws(&decode(h));
                        if !h.is_empty() && !headline.contains(&h) {
                            headline.push(h);
                        }
                    }
                }
                if let Some(a) = o.get("author").and_then(person_name) {
                    meta.author.get_or_insert(a);
                }
                if let Some(d) = o.get("datePublished").and_then(Value::as_str) {
                    meta.date.get_or_insert_with(|| d.to_string());
                }
            }
            if ty.contains(&"ItemList")
                && meta.item_list.is_empty()
                && let Some(Value::Array(items)) = o.get("itemListElement")
            {
                meta.item_list = items
                    .iter()
                    .filter_map(|it| {
                        it.get("name")
                            .or_else(|| it.get("item").and_then(|i| i.get("name")))
                            .and_then(Value::as_str)
                            .map(|s| collapse_ws(&decode(s)))
                    })
                    .collect();
            }
            if let Some(g) = o.get("@graph") {
                json_ld(g, meta, headline, depth + 1);
            }
        }
        _ => {}
    }
}

fn person_name(v: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match v {
        Value::String(s) if !s.starts_with("http") => Some(collapse_ws(s)),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(collapse_ws),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(person_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

fn microdata_names(dom: &Dom, list: u32) -> Vec<String> {
    let end = subtree_end(dom, list);
    let mut out = Vec::new();
    let mut in_element: Option<u32> = None;
    for id in list + 1..=end {
        let n = &dom.nodes[id as usize];
        if n.tag == Tag::Text {
            continue;
        }
        let prop = dom.attr(id, "itemprop").unwrap_or("");
        if prop.split_whitespace().any(|p| p == "itemListElement") {
            in_element = Some(subtree_end(dom, id));
        }
        if let Some(e) = in_element
            && id <= e
            && prop.split_whitespace().any(|p| p == "name")
        {
            let t = dom
                .attr(id, "content")
                .map(|c| c.to_string())
                .unwrap_or_else(|| inner_text(dom, id));
            let t = collapse_ws(&decode(&t));
            if !t.is_empty() {
                out.push(t);
            }
            in_element = None;
        }
    }
    out
}

fn subtree_end(dom: &Dom, id: u32) -> u32 {
    let mut n = id;
    loop {
        let last = dom.nodes[n as usize].last_child;
        if last == NONE {
            return n;
        }
        n = last;
    }
}

// ---------------------------------------------------------------------------------------------
// Text statistics and the article region

struct Stats {
    /// Bytes of visible text in each node's subtree.
    text: Vec<u32>,
    /// Is each node an ARIA control ([`widget`])?
    widget: Vec<bool>,
    /// ARIA controls in each node's subtree, below the node itself.
    widgets: Vec<u16>,
    /// Bytes of text in blocks with few links.
    good: Vec<u32>,
    /// The element chosen as the article region.
    root: u32,
    root_end: u32,
}

fn dropped(dom: &Dom, id: u32) -> bool {
    matches!(
        dom.nodes[id as usize].tag,
        Tag::Script
            | Tag::Style
            | Tag::Template
            | Tag::NoScript
            | Tag::Head
            | Tag::Title
            | Tag::Button
            | Tag::Select
            | Tag::Svg
            | Tag::Iframe
            | Tag::TextArea
            | Tag::Input
    )
}

/// An element whose ARIA role makes it a control, not text: a video player's "Play" and
/// "Loaded: 0%", tab strips, menus, toolbars, search boxes. A "button" or "switch" is a
/// control only with a short label (`text` is the element's text length): a whole card made
/// clickable with `role=button` holds an item.
fn widget(dom: &Dom, id: u32, text: u32) -> bool {
    let node = &dom.nodes[id as usize];
    if node.attrs.0 == node.attrs.1 {
        return false;
    }
    let Some(role) = dom.attr(id, "role") else {
        return false;
    };
    match role.trim().to_ascii_lowercase().as_str() {
        "button" | "switch" => text < 80,
        "slider" | "progressbar" | "scrollbar" | "spinbutton" | "toolbar" | "menu" | "menubar"
        | "tablist" | "navigation" | "search" | "alertdialog" => true,
        _ => false,
    }
}

fn hidden(dom: &Dom, id: u32) -> bool {
    if dom.nodes[id as usize].attrs.0 == dom.nodes[id as usize].attrs.1 {
        return false;
    }
    if dom.has_attr(id, "hidden")
        || dom
            .attr(id, "aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    dom.attr(id, "style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

impl Stats {
    fn new(dom: &Dom) -> Stats {
        let n = dom.nodes.len();
        let mut text = vec![0u32; n];
        let mut link = vec![0u32; n];
        let mut good = vec![0u32; n];
        let mut skip = vec![false; n];
        // Parents come before children in the arena, so one forward pass marks skipped
        // subtrees and one backward pass sums.
        for id in 1..n {
            let p = dom.nodes[id].parent as usize;
            skip[id] = skip[p] || (dom.nodes[id].tag != Tag::Text && dropped(dom, id as u32));
        }
        let mut in_link = vec![false; n];
        for id in 1..n {
            let p = dom.nodes[id].parent as usize;
            in_link[id] = in_link[p] || dom.nodes[id].tag == Tag::A;
        }
        let mut widgets = vec![0u16; n];
        let mut is_widget = vec![false; n];
        for id in (1..n).rev() {
            if skip[id] {
                continue;
            }
            let node = &dom.nodes[id];
            if node.tag == Tag::Text {
                let t = dom.text_of(id as u32);
                let len = t.len() - t.bytes().filter(u8::is_ascii_whitespace).count();
                text[id] += len as u32;
                if in_link[id] {
                    link[id] += len as u32;
                }
            }
            let p = node.parent as usize;
            text[p] += text[id];
            link[p] += link[id];
            is_widget[id] = node.tag != Tag::Text && widget(dom, id as u32, text[id]);
            widgets[p] = widgets[p]
                .saturating_add(widgets[id])
                .saturating_add(u16::from(is_widget[id]));
        }
        // Good text: the text of paragraph-like elements whose link density is low.
        for id in (1..n).rev() {
            if skip[id] {
                continue;
            }
            let node = &dom.nodes[id];
            let paragraphish = matches!(
                node.tag,
                Tag::P
                    | Tag::Li
                    | Tag::Dd
                    | Tag::Td
                    | Tag::Blockquote
                    | Tag::Pre
                    | Tag::FigCaption
                    | Tag::H(_)
            );
            if paragraphish && good[id] == 0 && text[id] > 0 && link[id] * 10 < text[id] * 4 {
                good[id] = text[id] - link[id];
            } else if node.tag == Tag::Text {
                // Loose text directly in a container (a div of <br>-separated lines).
                let p = node.parent as usize;
                let ptag = dom.nodes[p].tag;
                if matches!(
                    ptag,
                    Tag::Div | Tag::Section | Tag::Article | Tag::Main | Tag::Body | Tag::Other
                ) {
                    good[id] = text[id] - link[id];
                }
            }
            let p = node.parent as usize;
            good[p] += good[id];
        }
        let mut st = Stats {
            text,
            widget: is_widget,
            widgets,
            good,
            root: 0,
            root_end: (n - 1) as u32,
        };
        st.choose_root(dom);
        st
    }

    fn choose_root(&mut self, dom: &Dom) {
        let score = |id: usize| -> f64 {
            let g = self.good[id] as f64;
            let other = (self.text[id] as f64 - g).max(0.0);
            g - 0.3 * other
        };
        let mut best = 0usize;
        let mut best_score = f64::MIN;
        for (id, node) in dom.nodes.iter().enumerate().skip(1) {
            if node.tag == Tag::Text || !node.tag.is_block() {
                continue;
            }
            let mut s = score(id);
            if matches!(node.tag, Tag::Article | Tag::Main)
                || dom
                    .attr(id as u32, "itemprop")
                    .is_some_and(|p| p.contains("articleBody"))
            {
                s *= 1.15;
            }
            if s > best_score {
                best_score = s;
                best = id;
            }
        }
        if best == 0 || self.good[best] == 0 {
            return;
        }
        // A region that holds a small share of the page's good text is too narrow: widen to
        // the ancestor that first holds most of it.
        let total = self.good[0].max(1) as f64;
        let mut r = best;
        while (self.good[r] as f64) < 0.5 * total && r != 0 {
            r = dom.nodes[r].parent as usize;
        }
        self.root = r as u32;
        self.root_end = subtree_end(dom, r as u32);
    }

    fn in_root(&self, id: u32) -> bool {
        self.root == 0 || (self.root <= id && id <= self.root_end)
    }
}

/// Weights: 1 inside the article region, less outside it, less again for link-heavy blocks and
/// for blocks above the heading that repeats the title.
fn weigh(stats: &Stats, meta: &Meta, blocks: &mut [Block], elems: &[u32]) {
    let title = meta
        .title
        .as_deref()
        .map(crate::extract::fold)
        .unwrap_or_default();
    let title_at = blocks.iter().position(|b| {
        matches!(b.kind, Kind::Heading(1..=3)) && {
            let f = crate::extract::fold(&b.text);
            f.len() >= 8 && !title.is_empty() && (title.contains(&f) || f.contains(&title))
        }
    });
    for (k, b) in blocks.iter_mut().enumerate() {
        let el = elems[k];
        let mut w = if stats.in_root(el) { 1.0 } else { 0.35 };
        let lt: usize = b.links.iter().map(|l| l.text.len()).sum();
        let density = lt as f32 / b.text.len().max(1) as f32;
        // A linked heading is still a heading (roundups link every item); a paragraph or
        // list item that is all link is navigation.
        if density >= 0.6 && !matches!(b.kind, Kind::Heading(_)) {
            w *= 0.5;
        }
        if title_at.is_some_and(|t| k < t) {
            w *= 0.6;
        }
        b.weight = w;
    }
}

// ---------------------------------------------------------------------------------------------
// The walk

#[derive(Default)]
struct Cur {
    text: String,
    start: usize,
    end: usize,
    lead_start: Option<usize>,
    lead: Option<String>,
    links: Vec<Link>,
    link_start: Vec<(usize, Option<String>)>,
    image: Option<Image>,
    /// Table cells seen in this block: data cells and header cells.
    td: u16,
    th: u16,
    /// Text seen in this block inside emphasis, and outside it.
    emphasised: bool,
    plain: bool,
}

struct ListCtx {
    id: u32,
    ordered: bool,
    next: i64,
    step: i64,
    /// Items opened so far.
    items: u32,
}

struct Walker<'d, 'a> {
    dom: &'d Dom<'a>,
    stats: &'d Stats,
    base: Option<&'d url::Url>,
    lines: LineIndex,
    out: Vec<Block>,
    /// The element each block came from, for weights.
    elems: Vec<u32>,
    cur: Cur,
    /// Open block-level elements.
    ctx: Vec<u32>,
    lists: Vec<ListCtx>,
    figure: Option<u32>,
    /// A term waiting for its definition: its text and where it starts in the source.
    pending_dt: Option<(String, usize)>,
    /// The `<dd>` whose blocks are the current definition-list item.
    dd_item: Option<u32>,
    pending_image: Option<Image>,
    /// The table row being read as one block, if any.
    row: Option<u32>,
    /// The heading being read as one block, if any.
    heading: Option<u32>,
    /// `<em>` and `<i>` elements open here.
    em_depth: u32,
}

impl Walker<'_, '_> {
    fn walk(&mut self) {
        let mut stack: Vec<(u32, bool)> = vec![(0, true)];
        while let Some((id, enter)) = stack.pop() {
            if crate::budget::over() {
                break;
            }
            let tag = self.dom.nodes[id as usize].tag;
            if !enter {
                self.exit(id, tag);
                continue;
            }
            if tag == Tag::Text {
                self.text(id);
                continue;
            }
            if id != 0 && self.skip(id, tag) {
                // A player right after a heading (nothing read in between) makes the heading
                // the title of the media.
                if matches!(tag, Tag::Iframe | Tag::Embed)
                    && self.cur.text.trim().is_empty()
                    && let Some(last) = self.out.last_mut()
                    && matches!(last.kind, Kind::Heading(_))
                {
                    last.media_after = true;
                }
                continue;
            }
            self.enter(id, tag);
            stack.push((id, false));
            let first = stack.len();
            stack.extend(self.dom.children(id).map(|c| (c, true)));
            stack[first..].reverse();
        }
        self.flush();
    }

    fn skip(&self, id: u32, tag: Tag) -> bool {
        if dropped(self.dom, id) {
            return true;
        }
        // Hidden menus and pop-ups are dropped; hidden slides and tabs that hold the
        // article's own text (a gallery shown one slide at a time) are read.
        if hidden(self.dom, id) && self.stats.good[id as usize] < 200 {
            return true;
        }
        // A widget that wraps most of the page (a whole-page `role=navigation`) is not dropped.
        let text = self.stats.text[id as usize];
        if self.stats.widget[id as usize] && text * 2 < self.stats.text[0] {
            return true;
        }
        // A media player: a video (or embed) with its controls beside it, three or more, and
        // little text ("Current Time 0:00", "Playback Rate", "Captions").
        if self.stats.widgets[id as usize] >= 3
            && text < 800
            && self
                .dom
                .children(id)
                .any(|c| self.dom.nodes[c as usize].tag == Tag::Iframe)
        {
            return true;
        }
        match tag {
            Tag::Nav | Tag::Aside | Tag::Form => {
                // A form or nav that wraps the whole page (old ASP.NET sites) is not dropped.
                self.stats.text[id as usize] * 2 < self.stats.text[0]
            }
            Tag::Header | Tag::Footer => {
                // Page-level header and footer; inside an article they are kept, unless a footer.
                let inside = self.ctx.iter().any(|&c| {
                    matches!(
                        self.dom.nodes[c as usize].tag,
                        Tag::Article | Tag::Main | Tag::Section
                    )
                });
                (!inside || tag == Tag::Footer)
                    && self.stats.text[id as usize] * 2 < self.stats.text[0]
            }
            _ => false,
        }
    }

    /// Inside a small table row, block elements do not break the row: the row is one block
    /// with its cells joined by " | ". A large row (a layout table) is read as ordinary blocks.
    fn acts_as_block(&self, tag: Tag) -> bool {
        if !tag.is_block() || tag == Tag::Root {
            return false;
        }
        if self.row.is_some() || self.heading.is_some() {
            return false;
        }
        true
    }

    fn enter(&mut self, id: u32, tag: Tag) {
        if tag == Tag::Tr && self.row.is_none() && self.stats.text[id as usize] <= 600 {
            self.flush();
            self.ctx.push(id);
            self.row = Some(id);
        } else if matches!(tag, Tag::H(_)) && self.row.is_none() && self.heading.is_none() {
            // A heading is one block, whatever it wraps its text in.
            self.flush();
            self.ctx.push(id);
            self.heading = Some(id);
        } else if self.acts_as_block(tag) {
            self.flush();
            self.ctx.push(id);
        }
        match tag {
            Tag::Ul | Tag::Ol => {
                let ordered = tag == Tag::Ol;
                let reversed = ordered && self.dom.has_attr(id, "reversed");
                let count = self
                    .dom
                    .children(id)
                    .filter(|&c| self.dom.nodes[c as usize].tag == Tag::Li)
                    .count() as i64;
                let start = self
                    .dom
                    .attr(id, "start")
                    .and_then(|s| s.trim().parse::<i64>().ok())
                    .unwrap_or(if reversed { count } else { 1 });
                self.lists.push(ListCtx {
                    id,
                    ordered,
                    next: start,
                    step: if reversed { -1 } else { 1 },
                    items: 0,
                });
            }
            // A definition list's terms are its items (`<dt>Name</dt><dd>about it</dd>`).
            Tag::Dl => self.lists.push(ListCtx {
                id,
                ordered: false,
                next: 1,
                step: 1,
                items: 0,
            }),
            Tag::Dt if self.in_dl() => {
                if let Some(l) = self.lists.last_mut() {
                    l.items += 1;
                }
            }
            Tag::Li => {
                // A list item after text in a table cell: set apart from it.
                if self.row.is_some() && self.cell_has_text() {
                    self.push_str("; ");
                }
                if let Some(l) = self.lists.last_mut() {
                    l.items += 1;
                    if let Some(v) = self
                        .dom
                        .attr(id, "value")
                        .and_then(|s| s.trim().parse::<i64>().ok())
                    {
                        l.next = v;
                    }
                }
            }
            Tag::Figure => self.figure = Some(id),
            Tag::A => {
                let href = self.dom.attr(id, "href").and_then(|h| self.resolve(h));
                self.cur.link_start.push((self.cur.text.len(), href));
            }
            Tag::Strong | Tag::B if self.cur.text.trim().is_empty() && self.cur.lead.is_none() => {
                self.cur.lead_start = Some(self.cur.text.len());
            }
            Tag::Em => self.em_depth += 1,
            Tag::Br => {
                if self.row.is_none() && self.in_line_context() {
                    self.flush();
                } else if self.row.is_some() && self.cell_has_text() && !self.cell_ends_sentence() {
                    // Lines in a table cell stay apart: `Light; Cheap`.
                    self.push_str("; ");
                } else {
                    self.push_str(" ");
                }
            }
            // A paragraph after text in a table cell: set apart from it.
            Tag::P | Tag::Div if self.row.is_some() && self.cell_has_text() => {
                self.push_str(if self.cell_ends_sentence() { " " } else { "; " });
            }
            Tag::Td | Tag::Th => {
                if !self.cur.text.trim().is_empty() {
                    self.push_str(" | ");
                }
                if tag == Tag::Td {
                    self.cur.td += 1;
                } else {
                    self.cur.th += 1;
                }
            }
            Tag::Img => {
                let src = self
                    .dom
                    .attr(id, "src")
                    .filter(|s| !s.starts_with("data:"))
                    .or(self.dom.attr(id, "data-src"))
                    .or(self.dom.attr(id, "data-lazy-src"));
                if let Some(src) = src.and_then(|s| self.resolve(s)) {
                    let alt = self
                        .dom
                        .attr(id, "alt")
                        .map(|a| collapse_ws(&decode(a)))
                        .filter(|a| !a.is_empty());
                    let img = Image { src, alt };
                    if self.cur.image.is_none() {
                        self.cur.image = Some(img);
                    }
                }
            }
            _ => {}
        }
    }

    fn exit(&mut self, id: u32, tag: Tag) {
        match tag {
            Tag::A => {
                if let Some((start, href)) = self.cur.link_start.pop() {
                    let text = collapse_ws(self.cur.text.get(start..).unwrap_or(""));
                    if !text.is_empty() || href.is_some() {
                        self.cur.links.push(Link { text, href });
                    }
                }
            }
            Tag::Em => self.em_depth = self.em_depth.saturating_sub(1),
            Tag::Strong | Tag::B => {
                if let Some(s) = self.cur.lead_start.take() {
                    let lead = collapse_ws(self.cur.text.get(s..).unwrap_or(""));
                    if !lead.is_empty() {
                        self.cur.lead = Some(lead);
                    }
                }
            }
            _ => {}
        }
        if self.row == Some(id) || self.heading == Some(id) {
            self.flush();
            self.ctx.pop();
            self.row = None;
            self.heading = None;
            return;
        }
        if self.heading.is_some() {
            // `<h3><div class=number>1</div> Name</h3>`: a number set apart in its own element
            // at the start of a heading is the item's rank marker. One written as a marker
            // (`<span>No.1</span><span>Name</span>`) is set apart from the name by a space,
            // as the page's style sets it apart on screen.
            let t = self.cur.text.trim();
            if crate::segment::bare_number(t).is_some() {
                if t.bytes().all(|b| b.is_ascii_digit()) {
                    self.cur.text = format!("{t}. ");
                } else if !self.cur.text.ends_with(char::is_whitespace) {
                    self.cur.text.push(' ');
                }
            }
        }
        if self.acts_as_block(tag) {
            self.flush();
            self.ctx.pop();
            match tag {
                Tag::Ul | Tag::Ol | Tag::Dl => {
                    self.lists.pop();
                }
                Tag::Li => {
                    if let Some(l) = self.lists.last_mut() {
                        l.next += l.step;
                    }
                }
                Tag::Figure => self.figure = None,
                _ => {}
            }
        }
    }

    /// Has the table cell being read any text yet (past the last cell's ` | `)?
    fn cell_has_text(&self) -> bool {
        let t = self.cur.text.trim_end();
        !t.is_empty() && !t.ends_with(" |")
    }

    /// Does the table cell's text so far end a sentence (`.`, `!`, `?`, `:` or `;`)? Then a
    /// line break after it is a space, as between the sentences of a paragraph.
    fn cell_ends_sentence(&self) -> bool {
        self.cur
            .text
            .trim_end()
            .ends_with(['.', '!', '?', ':', ';'])
    }

    /// Is a `<br>` here a line break between blocks (a paragraph of lines), rather than a
    /// space inside one (a heading, a list item, a cell)?
    fn in_line_context(&self) -> bool {
        match Some(self.block_element()).filter(|&c| c != 0) {
            Some(c) => !matches!(
                self.dom.nodes[c as usize].tag,
                Tag::H(_)
                    | Tag::Li
                    | Tag::Td
                    | Tag::Th
                    | Tag::Dt
                    | Tag::Dd
                    | Tag::FigCaption
                    | Tag::Caption
                    | Tag::Pre
            ),
            None => true,
        }
    }

    fn text(&mut self, id: u32) {
        let n = &self.dom.nodes[id as usize];
        let raw = self.dom.text_of(id);
        let pre = self
            .ctx
            .iter()
            .any(|&c| self.dom.nodes[c as usize].tag == Tag::Pre);
        let t = decode(raw);
        if t.trim().is_empty() && !pre {
            if !self.cur.text.is_empty() && !self.cur.text.ends_with(' ') {
                self.cur.text.push(' ');
            }
            return;
        }
        if self.cur.text.trim().is_empty() {
            self.cur.start = n.start as usize + (raw.len() - raw.trim_start().len());
        }
        if self.em_depth > 0 {
            self.cur.emphasised = true;
        } else {
            self.cur.plain = true;
        }
        self.cur.end = n.end as usize - (raw.len() - raw.trim_end().len());
        if pre {
            self.cur.text.push_str(&t);
        } else {
            self.push_str(&t);
        }
    }

    /// Append text, folding whitespace runs to one space.
    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
                if !self.cur.text.is_empty() && !self.cur.text.ends_with(' ') {
                    self.cur.text.push(' ');
                }
            } else {
                self.cur.text.push(c);
            }
        }
    }

    fn resolve(&self, href: &str) -> Option<String> {
        let h = decode(href);
        let h = h.trim();
        if h.is_empty() || h.starts_with("javascript:") || h.starts_with("data:") {
            return None;
        }
        match self.base {
            Some(b) => b.join(h).ok().map(|u| u.to_string()),
            None => Some(h.to_string()),
        }
    }

    /// Is the innermost list open here a definition list (not a stray `<dt>` in a `<ul>`)?
    fn in_dl(&self) -> bool {
        self.lists
            .last()
            .is_some_and(|l| self.dom.nodes[l.id as usize].tag == Tag::Dl)
    }

    /// Is the innermost list open here entered through a list item (`<ol><li>…`, not text
    /// placed in the list outside any item)?
    fn in_list_item(&self) -> bool {
        for &c in self.ctx.iter().rev() {
            match self.dom.nodes[c as usize].tag {
                Tag::Li => return true,
                Tag::Ul | Tag::Ol | Tag::Dl => return false,
                _ => {}
            }
        }
        false
    }

    /// The element that decides a block's kind: the innermost open block element that is not
    /// a generic wrapper (`<h2><div>x</div></h2>` is a heading), and for a paragraph the list
    /// item, cell or caption it sits in (`<li><p>x</p></li>` is a list item).
    fn block_element(&self) -> u32 {
        let generic = |t: Tag| {
            matches!(
                t,
                Tag::Div
                    | Tag::Section
                    | Tag::Article
                    | Tag::Main
                    | Tag::Header
                    | Tag::Footer
                    | Tag::OtherBlock
                    | Tag::Form
                    | Tag::Nav
                    | Tag::Aside
                    | Tag::Figure
                    | Tag::Body
                    | Tag::Html
                    | Tag::Root
                    | Tag::Ul
                    | Tag::Ol
                    | Tag::Dl
                    | Tag::Table
                    | Tag::TSection
            )
        };
        let mut found: Option<(usize, u32)> = None;
        for (k, &c) in self.ctx.iter().enumerate().rev() {
            let t = self.dom.nodes[c as usize].tag;
            if generic(t) {
                continue;
            }
            match found {
                None => {
                    if t != Tag::P {
                        return c;
                    }
                    found = Some((k, c));
                }
                Some((pk, p)) => {
                    let near = pk - k <= 2;
                    return if near
                        && matches!(
                            t,
                            Tag::Li | Tag::Dd | Tag::FigCaption | Tag::Blockquote | Tag::H(_)
                        ) {
                        c
                    } else {
                        p
                    };
                }
            }
        }
        found
            .map(|(_, c)| c)
            .or(self.ctx.last().copied())
            .unwrap_or(0)
    }

    /// Emit the text gathered so far as a block of the innermost open block element.
    fn flush(&mut self) {
        let cur = std::mem::take(&mut self.cur);
        let pre = self
            .ctx
            .last()
            .is_some_and(|&c| self.dom.nodes[c as usize].tag == Tag::Pre);
        let mut text = if pre {
            cur.text.trim_matches('\n').to_string()
        } else {
            cur.text.trim().to_string()
        };
        if text.is_empty() {
            if let Some(img) = cur.image {
                self.pending_image.get_or_insert(img);
            }
            return;
        }
        let el = self.block_element();
        let tag = self.dom.nodes[el as usize].tag;
        let mut kind = match tag {
            Tag::H(n) => Kind::Heading(n),
            Tag::Li => Kind::ListItem,
            Tag::FigCaption | Tag::Caption => Kind::Caption,
            Tag::Pre => Kind::Pre,
            Tag::Blockquote => Kind::Quote,
            Tag::Tr => Kind::Row,
            _ => Kind::Paragraph,
        };
        let mut lead = cur.lead;
        if tag == Tag::Dt {
            self.pending_dt = Some((text, cur.start));
            return;
        }
        // A term and its definition are one item of the definition list; further blocks of
        // the same `<dd>` (`<dd><p>…</p><p>Players: 2</p></dd>`) belong to that item.
        let mut start = cur.start;
        if tag == Tag::Dd
            && let Some((dt, at)) = self.pending_dt.take()
        {
            // The item's span starts at its term.
            start = at.min(start);
            let label = format!("{}:", dt.trim_end_matches(':'));
            text = format!("{label} {text}");
            lead = Some(label);
            if self.in_dl() {
                kind = Kind::ListItem;
                self.dd_item = Some(el);
            }
        } else if tag == Tag::Dd && self.dd_item == Some(el) {
            kind = Kind::ListItem;
        }
        let mut bullet = None;
        if kind == Kind::Paragraph {
            let mut chars = text.chars();
            if let (Some(c), Some(' ')) = (chars.next(), chars.next())
                && (matches!(c, '+' | '*' | '-' | '•' | '·' | '▪' | '◦') || super::pictograph(c))
            {
                bullet = Some(c);
                kind = Kind::ListItem;
                text = text[c.len_utf8() + 1..].trim_start().to_string();
            }
        }
        // A list item's block, and any other block inside a list item (a heading,
        // `<li><h3>Name</h3><p>…`, a quote, a stray `<dd>`), carry the item's place in its
        // list: the number a reader sees beside it.
        let list = if tag == Tag::Li
            || (tag == Tag::Dd && kind == Kind::ListItem)
            || self.in_list_item()
        {
            self.lists.last().map(|l| ListInfo {
                id: l.id,
                ordered: l.ordered,
                value: l.ordered.then_some(l.next),
                depth: self.lists.len().saturating_sub(1) as u16,
                item: l.items,
            })
        } else {
            None
        };
        let parent = self.dom.nodes[el as usize].parent;
        let mut b = Block::new(
            kind,
            text,
            start,
            cur.end.max(start),
            self.lines.line(start),
        );
        b.bullet = bullet;
        b.list = list;
        b.lead = lead;
        b.links = cur.links;
        b.image = cur.image.or_else(|| self.pending_image.take());
        b.container = parent + 1;
        b.figure = self.figure.map(|f| (f, self.dom.nodes[f as usize].parent));
        b.header = kind == Kind::Row && cur.th > 0 && cur.td == 0;
        b.emphasis = cur.emphasised && !cur.plain;
        self.out.push(b);
        self.elems.push(el);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(html: &str) -> Vec<(String, String)> {
        blocks(html)
            .blocks
            .iter()
            .map(|b| (format!("{:?}", b.kind), b.text.clone()))
            .collect()
    }

    #[test]
    fn headings_paragraphs_lists() {
        let k = kinds(
            "<h2>1. A</h2><p>x <b>y</b></p><ol start=3><li>p</li><li value=7>q</li><li>r</li></ol>",
        );
        assert_eq!(
            k,
            vec![
                ("Heading(2)".into(), "1. A".into()),
                ("Paragraph".into(), "x y".into()),
                ("ListItem".into(), "p".into()),
                ("ListItem".into(), "q".into()),
                ("ListItem".into(), "r".into()),
            ]
        );
        let b = blocks("<ol start=3><li>p</li><li value=7>q</li><li>r</li></ol>").blocks;
        let v: Vec<Option<i64>> = b.iter().map(|b| b.list.unwrap().value).collect();
        assert_eq!(v, vec![Some(3), Some(7), Some(8)]);
        let b = blocks("<ol reversed><li>a</li><li>b</li><li>c</li></ol>").blocks;
        let v: Vec<Option<i64>> = b.iter().map(|b| b.list.unwrap().value).collect();
        assert_eq!(v, vec![Some(3), Some(2), Some(1)]);
    }

    /// Lines, list items and paragraphs in a table cell stay apart in the row's text (`; `),
    /// except after a sentence's end, where a space follows as in a paragraph.
    #[test]
    fn lines_in_a_table_cell_stay_apart() {
        let k = kinds(
            "<table><tr><th>Pros</th><th>Cons</th></tr>\
             <tr><td><ul><li>Light</li><li>Cheap</li></ul></td><td>Small<br>Loud</td></tr>\
             <tr><td><p>It folds.</p><p>It packs.</p></td><td>Heavy<p>Dear</p></td></tr></table>",
        );
        assert_eq!(
            k,
            vec![
                ("Row".into(), "Pros | Cons".into()),
                ("Row".into(), "Light; Cheap | Small; Loud".into()),
                ("Row".into(), "It folds. It packs. | Heavy; Dear".into()),
            ]
        );
    }

    #[test]
    fn br_lines_leads_and_entities() {
        let k =
            kinds("<p>01. A &amp; B<br>02. C&nbsp;D<br/>+ E</p><p><strong>Pros:</strong> fast</p>");
        assert_eq!(k[0].1, "01. A & B");
        assert_eq!(k[1].1, "02. C D");
        assert_eq!(k[2], ("ListItem".into(), "E".into()));
        let b = blocks("<p><strong>Pros:</strong> fast</p>").blocks;
        assert_eq!(b[0].lead.as_deref(), Some("Pros:"));
        assert_eq!(b[0].text, "Pros: fast");
    }

    #[test]
    fn a_number_in_its_own_element_opens_a_heading() {
        let k = kinds(
            "<h3><div class=n>4</div> Name</h3><h3><span>12</span>Other</h3><h3><div>Lead</div> in</h3>",
        );
        assert_eq!(k[0].1, "4. Name");
        assert_eq!(k[1].1, "12. Other");
        assert_eq!(k[2].1, "Lead in");
        // A number written as a marker in its own element is set apart from the name too.
        let k = kinds(
            "<h3><span>No.1</span><span>Name</span></h3><h3><span>#2</span>Other</h3><h3><b>3 of 10</b>Third</h3><h3><span>4.</span>Fourth</h3><h3><span>2019</span>Year</h3><h3><span>No.</span>5 <i>x</i>y</h3>",
        );
        assert_eq!(
            k.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
            [
                "No.1 Name",
                "#2 Other",
                "3 of 10 Third",
                "4. Fourth",
                "2019Year",
                "No.5 xy"
            ]
        );
    }

    #[test]
    fn inline_tags_do_not_add_spaces() {
        let k = kinds("<h3>7) <em>Call Me</em> <em>b</em><em>y Your Name</em></h3>");
        assert_eq!(k[0].1, "7) Call Me by Your Name");
    }

    #[test]
    fn dropped_and_hidden() {
        let k = kinds(
            "<nav><li>x</li></nav><script>var a</script><p hidden>h</p><div style='display: none'>n</div><p>kept</p><aside>side</aside>",
        );
        assert_eq!(k, vec![("Paragraph".into(), "kept".into())]);
    }

    #[test]
    fn a_media_player_with_its_controls_is_dropped() {
        let player = "<div class='player'><video src='v.mp4'></video><div role='group'>\
             <div role='button'>Play</div><div role='slider'>Loaded: 0%</div>\
             <div><span>Current Time</span> 0:00</div><div><span>Duration Time</span> 0:00</div>\
             <div role='button'>Captions</div></div></div>";
        let k = kinds(&format!(
            "<p>Before the video.</p>{player}<p>After the video.</p>"
        ));
        assert_eq!(
            k,
            vec![
                ("Paragraph".into(), "Before the video.".into()),
                ("Paragraph".into(), "After the video.".into())
            ]
        );
        // Text beside a video with no controls is kept.
        let k = kinds("<div><video src='v.mp4'></video><p>What the video shows.</p></div>");
        assert_eq!(
            k,
            vec![("Paragraph".into(), "What the video shows.".into())]
        );
    }

    #[test]
    fn aria_widgets_are_dropped() {
        let k = kinds(
            "<div role='slider'><p>Loaded: 0%</p></div><div role=' Button '><p>Play</p></div>\
             <ul role='tablist'><li>Tab</li></ul><div role='region'><p>kept</p></div>",
        );
        assert_eq!(k, vec![("Paragraph".into(), "kept".into())]);
        // A card made clickable holds text, not a control.
        let k = kinds(
            "<div role='button'><p>A card with a long text that is an item of the list, not a control.</p></div><p>x</p>",
        );
        assert_eq!(k.len(), 2);
        // A role that wraps the whole page (old sites) does not drop the page.
        let k = kinds("<div role='navigation'><p>All of the page is in here.</p></div>");
        assert_eq!(
            k,
            vec![("Paragraph".into(), "All of the page is in here.".into())]
        );
    }

    #[test]
    fn a_byline_in_the_text_gives_the_author_and_date_that_meta_tags_do_not() {
        let d = blocks(
            "<title>T</title><h1>T</h1><p>By <a href='/u/jd'>Jane Doe</a> · Published on: March 3, 2024</p><p>Text.</p>",
        );
        assert_eq!(d.meta.author.as_deref(), Some("Jane Doe"));
        assert_eq!(d.meta.date.as_deref(), Some("March 3, 2024"));
        // Meta tags come first; a line with anything else in it is no byline; nor is one far
        // below the heading.
        let d = blocks(
            "<head><meta name='author' content='Ann Lee'></head><h1>T</h1><p>By Jane Doe</p><p>4 days ago · in Gardening</p>",
        );
        assert_eq!(d.meta.author.as_deref(), Some("Ann Lee"));
        assert_eq!(d.meta.date, None);
        let d = blocks("<h1>T</h1><p>a</p><p>b</p><p>c</p><p>By Jane Doe</p>");
        assert_eq!(d.meta.author, None);
    }

    #[test]
    fn dt_dd_become_label_lines() {
        let b = blocks("<dl><dt>Director</dt><dd>Ann Lee</dd></dl>").blocks;
        assert_eq!(b[0].text, "Director: Ann Lee");
        assert_eq!(b[0].lead.as_deref(), Some("Director:"));
    }

    #[test]
    fn dt_dd_pairs_are_the_items_of_their_list() {
        let src = "<dl><dt>Alpha</dt><dd><p>First game.</p><p>Players: 2</p></dd>\
                   <dt>Beta</dt><dd>Second game.</dd></dl><p>After.</p>";
        let b = blocks(src).blocks;
        let kinds: Vec<(Kind, &str, Option<u32>)> = b
            .iter()
            .map(|x| (x.kind, x.text.as_str(), x.list.map(|l| l.item)))
            .collect();
        assert_eq!(
            kinds,
            [
                (Kind::ListItem, "Alpha: First game.", Some(1)),
                (Kind::ListItem, "Players: 2", Some(1)),
                (Kind::ListItem, "Beta: Second game.", Some(2)),
                (Kind::Paragraph, "After.", None),
            ]
        );
        assert_eq!(b[0].list.map(|l| l.id), b[2].list.map(|l| l.id));
        // The item's span starts at its term.
        assert_eq!(b[0].start, "<dl><dt>".len());
        assert_eq!(b[2].start, src.find("Beta").unwrap());
        assert_eq!(b[0].list.map(|l| l.ordered), Some(false));
        // A caption list (WordPress: the image as the term) has no term text: its caption
        // stays a paragraph of its own.
        let b =
            blocks("<dl class=wp-caption><dt><img src=a.jpg></dt><dd>A harbour at dusk</dd></dl>")
                .blocks;
        assert_eq!(
            (b[0].kind, b[0].text.as_str(), b[0].list),
            (Kind::Paragraph, "A harbour at dusk", None)
        );
        // A stray term inside a bulleted list's item keeps the label but is no item of its
        // own, and the item's blocks stay one item.
        let b =
            blocks("<ul><li><p>Alpha game.</p><dt>Players</dt><dd>2</dd><p>More.</p></li></ul>")
                .blocks;
        let items: Vec<(&str, Option<u32>)> = b
            .iter()
            .map(|x| (x.text.as_str(), x.list.map(|l| l.item)))
            .collect();
        assert_eq!(
            items,
            [
                ("Alpha game.", Some(1)),
                ("Players: 2", Some(1)),
                ("More.", Some(1))
            ]
        );
    }

    #[test]
    fn metadata_and_links() {
        let html = r#"<html lang="de"><head><title>T | Site</title>
            <meta property="og:title" content="Seven Things">
            <link rel="canonical" href="https://ex.com/a/b.html">
            <meta name="author" content="Ann Lee">
            <script type="application/ld+json">{"@type":"ItemList","itemListElement":[{"name":"A"},{"item":{"name":"B"}}]}</script>
            </head><body><p><a href="../c">see</a> <img src="/i.png" alt="pic"></p></body></html>"#;
        let d = blocks(html);
        assert_eq!(d.meta.title.as_deref(), Some("Seven Things"));
        assert_eq!(d.meta.alt_titles, vec!["T | Site".to_string()]);
        assert_eq!(d.meta.author.as_deref(), Some("Ann Lee"));
        assert_eq!(d.meta.lang.as_deref(), Some("de"));
        assert_eq!(d.meta.url.as_deref(), Some("https://ex.com/a/b.html"));
        assert_eq!(d.meta.item_list, vec!["A".to_string(), "B".to_string()]);
        let b = &d.blocks[0];
        assert_eq!(b.links[0].href.as_deref(), Some("https://ex.com/c"));
        assert_eq!(b.image.as_ref().unwrap().src, "https://ex.com/i.png");
    }

    /// JSON-LD's headline is the title when it is mostly in the page's `h1` or `<title>`;
    /// a headline that describes the kind of page gives way to the article's name, and with
    /// neither `h1` nor `<title>` the headline stands.
    #[test]
    fn a_json_ld_headline_is_the_title_when_the_page_bears_it_out() {
        let page = |head: &str, ld: &str| {
            let html = format!(
                r#"<html><head>{head}<script type="application/ld+json">{ld}</script></head><body><p>x</p></body></html>"#
            );
            blocks(&html).meta.title
        };
        let described = r#"{"@type":"Article","name":"List of films with robots","headline":"Reference list page"}"#;
        assert_eq!(
            page(
                "<title>List of films with robots - Encyclopedia</title>",
                described
            )
            .as_deref(),
            Some("List of films with robots")
        );
        assert_eq!(page("", described).as_deref(), Some("Reference list page"));
        let own = r#"{"@type":"NewsArticle","headline":"Nine Teas to Try"}"#;
        assert_eq!(
            page("<title>Nine Teas to Try | Tea Weekly</title>", own).as_deref(),
            Some("Nine Teas to Try")
        );
        // Neither of its strings is the page's: the `<title>` is.
        let other = r#"{"@type":"Article","headline":"Site news"}"#;
        assert_eq!(
            page("<title>Nine Teas to Try</title>", other).as_deref(),
            Some("Nine Teas to Try")
        );
        // A title written without spaces is found inside the longer `<title>`.
        let ja = r#"{"@type":"Article","headline":"お茶の選び方"}"#;
        assert_eq!(
            page("<title>お茶の選び方 - 茶の本</title>", ja).as_deref(),
            Some("お茶の選び方")
        );
    }

    #[test]
    fn spans_point_into_the_source() {
        let html = "<p>  Hello <b>World</b>  </p>";
        let b = &blocks(html).blocks[0];
        assert_eq!(&html[b.start..b.end], "Hello <b>World");
    }
}
