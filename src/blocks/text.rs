//! Plain text (and light Markdown) to blocks.
//!
//! Every non-blank line is one block: listicles pasted as text put one item's heading, its
//! labelled lines and its paragraphs on lines of their own, and a line is the unit a reader
//! sees. Markdown headings (`## 3. Name`) become headings, bullet lines (`- `, `* `, `+ `, `• `)
//! become list items with the bullet removed, `**bold**` at the start of a line becomes the
//! block's lead, `[text](url)` becomes a link, and `![alt](url)` an image (on a line of its
//! own, the image of the next block). The first lines are read as the article's
//! header: its title, and byline lines with the author, the
//! date and the reading time.

use std::sync::LazyLock;

use regex::Regex;

use super::{Block, Blocks, Image, Kind, Link, Meta, collapse_ws, collapse_ws_owned};
use crate::chars::find_pair;

static MD_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)").unwrap());

warm!(MD_LINK);

/// Reduce plain text to blocks. `text` is the decoded document.
pub fn blocks(text: &str) -> Blocks {
    let mut out = line_blocks(text);
    // A hard-wrapped text's paragraphs are one block each, as in any other text.
    if let Some(w) = wrap_width(text, &out) {
        out = unwrap(text, out, w);
    }
    // A block a line, with no blank line between any two (a WET archive's page text, a
    // crawler's export): nothing says which lines go together, so each is set apart, as
    // blank lines between them would set them. Not a short text (a title over a tight list).
    if out.len() >= 8 && out.iter().skip(1).all(|b| !b.blank_before) {
        for b in &mut out {
            b.blank_before = true;
        }
    }
    let mut blocks = Blocks {
        blocks: out,
        meta: Meta::default(),
        body_start: 0,
        title_counts: Default::default(),
    };
    read_header(&mut blocks);
    blocks
}

/// The blocks of `text`, a line each.
fn line_blocks(text: &str) -> Vec<Block> {
    // A block for every 40 bytes is more than text exports have (about one in 70, blank
    // lines between them), so the list seldom regrows; the room unused is never touched.
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
    let mut blank_before = true;
    let mut in_comment = false;
    let mut pending_image: Option<Image> = None;
    // Markdown tables seen so far: each one's rows share a container (its number).
    let mut tables: u32 = 0;
    // 1-based line of the current line's start: one more than the `\n`s before it (a lone
    // `\r` ends a line here but does not count, as in [`super::LineIndex`]).
    let mut line = 1;
    let bytes = text.as_bytes();
    // YAML front matter: the document's metadata, not its text. Its `title:` stands as the
    // first line would.
    let front = front_matter(text);
    if let Some((_, Some((title, at, line)))) = front {
        out.push(Block::new(
            Kind::Heading(1),
            collapse_ws(title),
            at,
            at + title.len(),
            line,
        ));
    }
    let body_from = front.map_or(0, |(end, _)| end);
    for (start, end) in lines(text) {
        let this_line = line;
        if bytes.get(end) == Some(&b'\n')
            || (bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n'))
        {
            line += 1;
        }
        if crate::budget::over() {
            break;
        }
        let raw = &text[start..end];
        let t = trim(raw);
        if start < body_from {
            continue;
        }
        // A Markdown rule: under a line of text, `===` or `---` makes it a heading (a setext
        // heading, as converters from HTML write them); anywhere else it is a break between
        // parts (`* * *`, `---`), as a blank line is.
        if let Some(c) = rule(t) {
            match out.last_mut() {
                Some(prev)
                    if !blank_before
                        && matches!(c, b'=' | b'-')
                        && prev.kind == Kind::Paragraph
                        && prev.line + 1 == this_line
                        && underlined(&prev.text) =>
                {
                    prev.kind = Kind::Heading(if c == b'=' { 1 } else { 2 });
                }
                _ => blank_before = true,
            }
            continue;
        }
        // HTML comments are invisible in Markdown; a line that is all comment is no text.
        if in_comment || t.starts_with("<!--") {
            in_comment = !t.ends_with("-->");
            continue;
        }
        if t.is_empty() {
            blank_before = true;
            continue;
        }
        // A Markdown table: the line under the header row (`|---|:--:|`) makes it a header.
        if is_table_rule(t) {
            if let Some(prev) = out.last_mut().filter(|b: &&mut Block| b.kind == Kind::Row)
                && !blank_before
            {
                prev.header = true;
            }
            continue;
        }
        let mut block = line_block(t, start, end, this_line);
        // A Markdown table row (`| Aero 14 | $499 |`): its cells joined by ` | `, as a page's
        // row is; the rows of one table share a container.
        if block.kind == Kind::Paragraph
            && let Some(cells) = table_cells(&block.text)
        {
            let continues = !blank_before && out.last().is_some_and(|b| b.kind == Kind::Row);
            if !continues {
                tables += 1;
            }
            block.text = cells;
            block.kind = Kind::Row;
            block.container = tables;
        }
        // A line that is only an image (`![alt](url)`) gives its image to the next block, as
        // an image in a page does.
        if block.text.is_empty() {
            if block.image.is_some() {
                pending_image = block.image;
            }
            continue;
        }
        if block.image.is_none() {
            block.image = pending_image.take();
        }
        block.blank_before = blank_before;
        block.indent = raw
            .bytes()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .map(|b| if b == b'\t' { 4 } else { 1 })
            .sum::<u16>();
        blank_before = false;
        out.push(block);
    }
    out
}

/// Where the text after a front matter starts, and its `title:` value with the value's
/// offset and 1-based line.
type FrontMatter<'a> = (usize, Option<(&'a str, usize, usize)>);

/// YAML front matter at the start of `text`: `---` on the first line, then lines of
/// `key: value` (or indented, or `- item`), up to a line of `---` or `...` within 60 lines.
/// Anything else at the start (a rule over prose) is no front matter.
fn front_matter(text: &str) -> Option<FrontMatter<'_>> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut pieces = text[start..].split_inclusive('\n');
    if pieces.next()?.trim_end() != "---" {
        return None;
    }
    let mut title = None;
    for (k, piece) in pieces.take(60).enumerate() {
        let t = piece.trim_end();
        let next = piece.as_ptr() as usize - text.as_ptr() as usize + piece.len();
        if t == "---" || t == "..." {
            return Some((next, title));
        }
        let key = t.split_once(':').map(|(k, _)| k).filter(|k| {
            !k.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        });
        if key.is_none() && !t.is_empty() && !t.starts_with([' ', '\t', '-', '#']) {
            return None;
        }
        if key == Some("title") {
            let v = t["title:".len()..].trim();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(v);
            if !v.is_empty() {
                title = Some((v, v.as_ptr() as usize - text.as_ptr() as usize, k + 2));
            }
        }
    }
    None
}

/// Can `t`, over a rule, be a heading it underlines? Short, and not a sentence's end: a
/// paragraph of prose over a rule of dashes (a plain-text separator) stays a paragraph.
fn underlined(t: &str) -> bool {
    t.len() <= 150 && !t.ends_with(['.', ',', ';', ':'])
}

/// A Markdown rule: three or more of one of `-`, `*`, `_` (spaces between them allowed), or
/// of `=`. Its character.
fn rule(t: &str) -> Option<u8> {
    let b = t.as_bytes();
    let c = *b.first()?;
    if !matches!(c, b'-' | b'*' | b'_' | b'=') {
        return None;
    }
    let mut n = 0;
    for &x in b {
        match x {
            _ if x == c => n += 1,
            b' ' | b'\t' if c != b'=' => {}
            _ => return None,
        }
    }
    (n >= 3).then_some(c)
}

/// A Markdown code fence: a line that starts with ```` ``` ```` or `~~~` (after its indent).
fn is_fence(line: &[u8]) -> bool {
    let lead = line
        .iter()
        .position(|&c| c != b' ' && c != b'\t')
        .map_or(&b""[..], |k| &line[k..]);
    lead.starts_with(b"```") || lead.starts_with(b"~~~")
}

/// A line's length in characters, without the spaces at its end.
fn line_chars(raw: &str) -> usize {
    raw.trim_end().chars().count()
}

/// A line's length in characters, without the spaces at its end, when it is 100 or fewer.
fn chars_upto_100(raw: &str) -> Option<usize> {
    // More than 400 bytes is more than 100 characters, without counting them.
    if raw.len() > 400 {
        return None;
    }
    Some(line_chars(raw)).filter(|&n| n <= 100)
}

/// Each of `blocks` (a line each, as [`blocks`] reads them) with the line right before its
/// own when it goes on from it: the line of the block before, no blank or other line
/// between, and neither of them code (a fence or a line between fences).
fn block_lines<'t, 'b>(
    text: &'t str,
    blocks: &'b [Block],
) -> impl Iterator<Item = (&'b Block, Option<&'t str>)> + use<'t, 'b> {
    let mut in_fence = false;
    let mut last: Option<&Block> = None;
    blocks.iter().map(move |b| {
        let fence = is_fence(&text.as_bytes()[b.start..b.end]);
        in_fence ^= fence;
        let code = in_fence || fence;
        let before = last
            .filter(|l| !code && !b.blank_before && l.line + 1 == b.line)
            .map(|l| &text[l.start..l.end]);
        last = (!code).then_some(b);
        (b, before)
    })
}

/// The width a hard-wrapped text was wrapped at: the text breaks its paragraphs into lines of
/// at most so many characters (an e-mail at 72, a Markdown file at 80), putting a word on the
/// next line when it would not fit. Read from the lines that another line follows directly
/// ("broken" lines), and of those, the ones whose next line starts in lower case (in the
/// middle of a sentence: a list of one-line items starts each line anew). The width is the
/// length of up to 100 characters that has the most of those within 12 characters below it,
/// the longer of equals. The text is wrapped when that width is 40 or more, three of those
/// lines or more are that near it, they are two in three of those lines at least, and they
/// are half of all the broken lines that near it at least. `None` for text that is not
/// wrapped: a paragraph a line, or lines that the writer broke. `blocks` are the text's
/// blocks, a line each.
fn wrap_width(text: &str, blocks: &[Block]) -> Option<usize> {
    // The length of each broken line of up to 100 characters, and of those followed by one
    // in lower case, read in one walk.
    let (mut broken, mut lower): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for (b, before) in block_lines(text, blocks) {
        let Some((prev, n)) = before.and_then(|p| Some((p, chars_upto_100(p)?))) else {
            continue;
        };
        broken.push(n);
        // A line of fewer than 28 bytes has fewer than 28 characters: too short to be within
        // 12 of a width of 40 or more.
        if prev.len() >= 28
            && text[b.start..b.end]
                .trim_start()
                .starts_with(char::is_lowercase)
        {
            lower.push(n);
        }
    }
    if lower.len() < 3 {
        return None;
    }
    lower.sort_unstable();
    // For each length (the window's top), how many are within 12 below it.
    let (mut best, mut near, mut from) = (0, 0, 0);
    for (to, &n) in lower.iter().enumerate() {
        while lower[from] + 12 < n {
            from += 1;
        }
        if to + 1 - from >= near {
            (best, near) = (n, to + 1 - from);
        }
    }
    // A wrap leaves the lines it breaks mid-sentence near its width; lines of a page's text
    // that happen to go on in lower case (a teaser's `by Jane Doe`, a product's
    // `http://amzn.to/…` under it) end anywhere.
    if best < 40 || near < 3 || near * 3 < lower.len() * 2 {
        return None;
    }
    let all_near = broken
        .iter()
        .filter(|&&n| n <= best && n + 12 >= best)
        .count();
    (near * 2 >= all_near).then_some(best)
}

/// Join each line of a text wrapped at `width` that goes on with the line before it
/// ([`wraps_into`]) to that line's block, with a space: `blocks` are a line each, and what is
/// returned a paragraph (or a bullet's text) each.
fn unwrap(text: &str, blocks: Vec<Block>, width: usize) -> Vec<Block> {
    let before: Vec<Option<&str>> = block_lines(text, &blocks).map(|(_, l)| l).collect();
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for (mut b, before) in blocks.into_iter().zip(before) {
        // Never into the first block: the title.
        if let Some(prev_line) = before
            && out.len() > 1
            && let Some(prev) = out.last_mut()
            && wraps_into(prev, &b, prev_line, trim(&text[b.start..b.end]), width)
        {
            prev.text.push(' ');
            prev.text.push_str(&b.text);
            prev.end = b.end;
            prev.links.append(&mut b.links);
            prev.emphasis &= b.emphasis;
        } else {
            out.push(b);
        }
    }
    out
}

/// Does the line of block `next` (`trimmed`) go on with the block `prev`, whose last line is
/// `prev_line`, in a text wrapped at `width`? When `prev` is a paragraph or a bullet's text
/// and `next` a paragraph (a bullet, of a mark or a pictograph, starts a list item), with no
/// number to start an item, no bold name (`**Fujifilm X100V**: …`), no `Label:` and no
/// image of its own, and the first word of `next` would not have fit on the line before: the
/// break was the wrap's, not the writer's. Not a short line shaped as a heading's text after
/// a sentence's end, either (`Leica Q3`, [`crate::segment::heading_shaped`]); nor after a
/// line that ends in a symbol (`… | Watch with Subtitles ✔️`), which no wrap leaves.
fn wraps_into(prev: &Block, next: &Block, prev_line: &str, trimmed: &str, width: usize) -> bool {
    let first_word = trimmed.split([' ', '\t']).next().unwrap_or("");
    // A letter, a digit or punctuation (ASCII, or the dashes, quotes and dots of General
    // Punctuation): not a pictograph or other symbol.
    let ends_in_text = prev.text.chars().next_back().is_some_and(|c| {
        c.is_alphanumeric()
            || c.is_ascii_punctuation()
            || ('\u{2010}'..='\u{205e}').contains(&c)
            || matches!(c, '«' | '»')
    });
    let heading_line = prev.text.ends_with(['.', '!', '?', ':'])
        && trimmed.chars().count() * 2 < width
        && crate::segment::heading_shaped(trimmed);
    matches!(prev.kind, Kind::Paragraph | Kind::ListItem)
        && ends_in_text
        && next.kind == Kind::Paragraph
        && next.image.is_none()
        && next.lead.is_none()
        && line_chars(prev_line) + 1 + first_word.chars().count() > width
        && !heading_line
        && crate::segment::marker::parse(trimmed).is_none()
        && crate::extract::label_line(trimmed).is_none()
}

/// A Markdown table's rule under its header row: `|---|:--:|`, cells of dashes and colons.
fn is_table_rule(t: &str) -> bool {
    let Some(inner) = t.strip_prefix('|').and_then(|r| r.strip_suffix('|')) else {
        return false;
    };
    inner.split('|').all(|c| {
        let c = c.trim();
        c.contains('-') && c.bytes().all(|b| matches!(b, b'-' | b':'))
    })
}

/// The cells of a Markdown table row (`| a | b |`, two cells or more), trimmed and joined by
/// ` | `.
fn table_cells(t: &str) -> Option<String> {
    let inner = t.strip_prefix('|')?.strip_suffix('|')?;
    let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
    (cells.len() >= 2).then(|| cells.join(" | "))
}

/// Byte ranges of lines, splitting on `\n`, `\r\n` and lone `\r`, without the terminators.
fn lines(text: &str) -> Lines<'_> {
    Lines {
        bytes: text.as_bytes(),
        chunk: 0,
        mask: 0,
        start: 0,
    }
}

/// The lines of a text ([`lines`]), found sixteen bytes at a time: one mask of the line
/// breaks a chunk, and a few instructions a line, where a search from each line's start paid
/// a call a line (half the lines of a text export are the blank ones between paragraphs).
struct Lines<'a> {
    bytes: &'a [u8],
    /// Where the chunk that `mask` covers starts.
    chunk: usize,
    /// The `\n` and `\r` bytes of that chunk not yet read, one bit a byte.
    mask: u32,
    /// Where the next line starts.
    start: usize,
}

impl Iterator for Lines<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        use crate::chars::simd::Bytes16;
        let b = self.bytes;
        loop {
            while self.mask == 0 {
                if self.chunk >= b.len() {
                    // The last line, when it has no break after it.
                    return (self.start < b.len()).then(|| {
                        let line = (self.start, b.len());
                        self.start = b.len();
                        line
                    });
                }
                let v = Bytes16::at(b, self.chunk, b'a');
                self.mask = v.eq(b'\n') | v.eq(b'\r');
                self.chunk += 16;
            }
            let at = self.chunk - 16 + self.mask.trailing_zeros() as usize;
            self.mask &= self.mask - 1;
            // The `\n` of a `\r\n` ends no line of its own.
            if at < self.start {
                continue;
            }
            let line = (self.start, at);
            self.start = if b[at] == b'\r' && b.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            return Some(line);
        }
    }
}

/// `s.trim()`, with no Unicode tables when the line is empty (the blank lines between
/// paragraphs) or both its ends are plain ASCII (most other lines).
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (None, _) => s,
        (Some(&a), Some(&z)) if (b'!'..0x80).contains(&a) && (b'!'..0x80).contains(&z) => s,
        _ => s.trim(),
    }
}

/// The block of one line, `trimmed` of the spaces around it.
fn line_block(trimmed: &str, start: usize, end: usize, line: usize) -> Block {
    let mut kind = Kind::Paragraph;
    let mut body = trimmed;
    let mut bullet = None;
    let hashes = body.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && body[hashes..].starts_with([' ', '\t']) {
        kind = Kind::Heading(hashes as u8);
        body = body[hashes..].trim().trim_end_matches('#').trim_end();
    } else if let Some(rest) = strip_bullet(body) {
        kind = Kind::ListItem;
        bullet = body.chars().next();
        body = rest;
    }
    let mut links = Vec::new();
    let mut lead = None;
    let mut image = None;
    let mut text;
    // Most lines have no Markdown marks at all: one pass finds that, and the searches for
    // links, bold and italics are skipped.
    let scan = super::scan_line(body.as_bytes());
    let marked = scan.marked;
    if marked && find_pair(body, b']', b'(').is_some() {
        text = String::with_capacity(body.len());
        let mut last = 0;
        for c in MD_LINK.captures_iter(body) {
            let m = c.get(0).unwrap();
            let before = &body[last..m.start()];
            if let Some(before) = before.strip_suffix('!') {
                // `![alt](url)`: an image, not a link, and no text.
                text.push_str(before);
                image.get_or_insert_with(|| Image {
                    src: c[2].to_string(),
                    alt: Some(c[1].trim().to_string()).filter(|a| !a.is_empty()),
                });
            } else {
                text.push_str(before);
                text.push_str(&c[1]);
                links.push(Link {
                    text: c[1].to_string(),
                    href: Some(c[2].to_string()),
                });
            }
            last = m.end();
        }
        text.push_str(&body[last..]);
    } else {
        text = body.to_string();
    }
    if (text.starts_with("**") || (text.starts_with("__") && dunder_at(&text, 0).is_none()))
        && let Some(c) = bold_lead(&text)
    {
        lead = Some(collapse_ws(c));
    } else if let Some(k) = bold_after_number(&text)
        && let Some(c) = bold_lead(&text[k..])
    {
        // `1. **Name**: text`: the bold name after the item's number is its lead.
        lead = Some(collapse_ws(c));
    }
    if marked && (find_pair(&text, b'*', b'*').is_some() || find_pair(&text, b'_', b'_').is_some())
    {
        text = unbold(&text);
    }
    let italic = whole_italic(&text).map(str::to_string);
    let emphasis = italic.is_some();
    if let Some(inner) = italic {
        text = inner;
    }
    // With no marks, the text is the line's, and the scan has said whether it is collapsed.
    let text = if !marked && scan.collapsed {
        text
    } else {
        collapse_ws_owned(text)
    };
    let mut block = Block::new(kind, text, start, end, line);
    block.emphasis = emphasis;
    block.bullet = bullet;
    block.links = links;
    block.lead = lead;
    block.image = image;
    block
}

/// Where bold starts right after a leading number (`1. **Name**`, `2) __Name__`): the byte
/// offset of the `**` or `__`.
/// What a bold run at the start of `s` holds: `**` or `__`, then the fewest characters (one
/// at least, none a line break) before the next `**` or `__`, either closing either.
fn bold_lead(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    if !(b.starts_with(b"**") || b.starts_with(b"__")) {
        return None;
    }
    let first = s[2..].chars().next().filter(|&c| c != '\n')?;
    let from = 2 + first.len_utf8();
    let line = &b[from..memchr::memchr(b'\n', &b[from..]).map_or(b.len(), |i| from + i)];
    let close = line.windows(2).position(|w| w == b"**" || w == b"__")?;
    Some(&s[2..from + close])
}

fn bold_after_number(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=3).contains(&digits) || !matches!(b.get(digits), Some(b'.' | b')')) {
        return None;
    }
    let k = digits + 1 + b[digits + 1..].iter().take_while(|&&c| c == b' ').count();
    (k > digits + 1
        && (b[k..].starts_with(b"**") || (b[k..].starts_with(b"__") && dunder_at(s, k).is_none())))
    .then_some(k)
}

/// The text of a line that is all in italics, `*text*` or `_text_`: one marker at each end,
/// touching the text, and none inside.
fn whole_italic(s: &str) -> Option<&str> {
    let m = *s.as_bytes().first()?;
    if !matches!(m, b'*' | b'_') || s.len() < 3 {
        return None;
    }
    let inner = s.strip_prefix(m as char)?.strip_suffix(m as char)?;
    (!inner.starts_with(char::is_whitespace)
        && !inner.ends_with(char::is_whitespace)
        && !inner.contains(m as char))
    .then_some(inner)
}

/// `s` without Markdown's strong-emphasis markers `**` and `__`, except the underscores of a
/// name written `__name__` (`__init__`, `__del__`: lower-case letters, digits and underscores
/// between double underscores, standing as a word of its own), which is code, not bold.
fn unbold(s: &str) -> String {
    let s = s.replace("**", "");
    if !s.contains("__") {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(k) = memchr::memmem::find(&s.as_bytes()[i..], b"__") {
        let at = i + k;
        out.push_str(&s[i..at]);
        match dunder_at(&s, at) {
            Some(end) => {
                out.push_str(&s[at..end]);
                i = end;
            }
            None => i = at + 2,
        }
    }
    out.push_str(&s[i..]);
    out
}

/// The end of a `__name__` word that starts at byte `at` of `s`: not preceded or followed by
/// a letter, digit or underscore, and lower-case ASCII letters, digits and single
/// underscores inside, starting with a letter.
fn dunder_at(s: &str, at: usize) -> Option<usize> {
    let b = s.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
    if at > 0 && word(b[at - 1]) {
        return None;
    }
    let inner = b.get(at + 2..)?;
    let len = inner
        .iter()
        .take_while(|&&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
        .count();
    let name = &inner[..len];
    let core = name.strip_suffix(b"__")?;
    let end = at + 2 + len;
    (core.first().is_some_and(u8::is_ascii_lowercase)
        && !core.ends_with(b"_")
        && !core.windows(2).any(|w| w == b"__")
        && !b.get(end).is_some_and(|&c| word(c)))
    .then_some(end)
}

/// `- x`, `* x`, `+ x`, `• x` to `x`. A `*` or `-` with no space after it is not a bullet.
fn strip_bullet(s: &str) -> Option<&str> {
    let mut chars = s.chars();
    let c = chars.next()?;
    if !matches!(c, '-' | '*' | '+' | '•' | '·' | '▪' | '◦' | '–') && !super::pictograph(c)
    {
        return None;
    }
    // An emoji's variation selector belongs to it (`➡️`).
    let rest = chars.as_str().trim_start_matches('\u{fe0f}');
    if rest.starts_with([' ', '\t']) && !rest.trim().is_empty() {
        Some(rest.trim_start())
    } else {
        None
    }
}

/// Read the title and the byline lines at the top of a text article into `meta`, and mark
/// where the body starts. The title is the first line, unless that line is already an item.
fn read_header(doc: &mut Blocks) {
    let Some(first) = doc.blocks.first() else {
        return;
    };
    if crate::segment::marker::parse(&first.text).is_some() || first.kind == Kind::ListItem {
        return;
    }
    // A label before it (`Article: Ten Things`) is dropped later, by the label table
    // (`crate::normalize::meta`).
    doc.meta.title = Some(first.text.clone());
    let mut i = 1;
    // Byline lines are short and come before the first paragraph of prose.
    while i < doc.blocks.len() && i <= 6 {
        let b = &doc.blocks[i];
        if b.text.chars().count() > 80 {
            break;
        }
        let t = b.text.trim_end_matches(['.', ',']);
        if super::read_byline(t, &mut doc.meta) {
        } else if b.kind == Kind::ListItem
            && crate::names::is_person(t)
            && doc.meta.author.is_none()
        {
            doc.meta.author = Some(t.to_string());
        } else {
            break;
        }
        i += 1;
    }
    doc.body_start = i;
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The bold lead is what the regex `^(?:\*\*|__)(.+?)(?:\*\*|__)` captures.
        #[test]
        fn bold_lead_matches_the_regex(s in "[*_a\né ]{0,12}") {
            let re = Regex::new(r"^(?:\*\*|__)(.+?)(?:\*\*|__)").unwrap();
            let want = re.captures(&s).map(|c| c.get(1).unwrap().as_str());
            proptest::prop_assert_eq!(bold_lead(&s), want);
        }
    }

    /// Markdown tables: each row a block of its cells joined by ` | ` (links and bold read
    /// as on any line), the row above the rule a header, and each table its own container.
    #[test]
    fn markdown_tables_are_rows() {
        let text = "Intro\n\n| Rank | Laptop | Price |\n|---|:--|--:|\n| 1 | **Aero 14** | $499 |\n\
                    | 2 | [Bolt](https://e.com/b) | $549 |\n\nBetween\n\n| a | b |\n| c | d |\n\
                    | not | a row\n";
        let doc = blocks(text);
        let got: Vec<(Kind, &str, bool, u32)> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str(), b.header, b.container))
            .collect();
        assert_eq!(
            got,
            [
                (Kind::Paragraph, "Intro", false, 0),
                (Kind::Row, "Rank | Laptop | Price", true, 1),
                (Kind::Row, "1 | Aero 14 | $499", false, 1),
                (Kind::Row, "2 | Bolt | $549", false, 1),
                (Kind::Paragraph, "Between", false, 0),
                (Kind::Row, "a | b", false, 2),
                (Kind::Row, "c | d", false, 2),
                (Kind::Paragraph, "| not | a row", false, 0),
            ]
        );
        assert_eq!(
            doc.blocks[3].links[0].href.as_deref(),
            Some("https://e.com/b")
        );
    }

    #[test]
    fn bold_lead_shapes() {
        assert_eq!(bold_lead("**Name**: text"), Some("Name"));
        assert_eq!(bold_lead("__Name** text"), Some("Name"));
        assert_eq!(bold_lead("****x**"), Some("**x"));
        assert_eq!(bold_lead("**é**"), Some("é"));
        assert_eq!(bold_lead("**a\nb**"), None);
        assert_eq!(bold_lead("**\n**"), None);
        assert_eq!(bold_lead("*a**"), None);
    }

    /// Lines by the obvious search from each line's start.
    fn lines_by_search(text: &str) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let (mut start, mut i) = (0, 0);
        while let Some(off) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + off;
            out.push((start, at));
            i = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            start = i;
        }
        if start < bytes.len() {
            out.push((start, bytes.len()));
        }
        out
    }

    proptest::proptest! {
        /// Lines found sixteen bytes at a time are those found by searching, whatever the
        /// breaks and wherever they fall against the chunks (`\r\n` across a chunk's end).
        #[test]
        fn lines_match_a_search(s in "[\r\na é]{0,80}") {
            proptest::prop_assert_eq!(lines(&s).collect::<Vec<_>>(), lines_by_search(&s));
        }
    }

    #[test]
    fn splits_all_line_endings() {
        let all = |t: &str| lines(t).collect::<Vec<_>>();
        assert_eq!(all("a\nb\r\nc\rd"), vec![(0, 1), (2, 3), (5, 6), (7, 8)]);
        assert_eq!(all("a\n"), vec![(0, 1)]);
        assert_eq!(all(""), Vec::<(usize, usize)>::new());
        assert_eq!(all("\n"), vec![(0, 0)]);
        assert_eq!(all("\r\n\r"), vec![(0, 0), (2, 2)]);
        // A `\r\n` split by the end of the first sixteen bytes, and a last line that fills
        // its chunk exactly.
        let t = format!("{}\r\n{}", "x".repeat(15), "y".repeat(16));
        assert_eq!(all(&t), vec![(0, 15), (17, 33)]);
    }

    #[test]
    fn line_numbers_count_newlines_as_the_line_index_does() {
        let text = "Top\r\n\r\nOne\rTwo\n\n  Three \r\n\nFour\n";
        let doc = blocks(text);
        let index = crate::blocks::LineIndex::new(text);
        let got: Vec<(&str, usize)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.line))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Top", 1),
                ("One", 3),
                ("Two", 3),
                ("Three", 5),
                ("Four", 7)
            ]
        );
        for b in &doc.blocks {
            assert_eq!(b.line, index.line(b.start), "{}", b.text);
        }
    }

    /// The text and lead of each block after the first (the title).
    fn texts_and_leads(doc: &Blocks) -> Vec<(&str, Option<&str>)> {
        doc.blocks[1..]
            .iter()
            .map(|b| (b.text.as_str(), b.lead.as_deref()))
            .collect()
    }

    #[test]
    fn bold_after_an_items_number_is_its_lead() {
        let doc = blocks(
            "Top\n\n1. **Rest well**: Sleep.\n\n12) __Eat__ greens\n\n3. __init__ runs\n\n4.**Tight** no\n\n1999. **Year** no\n",
        );
        assert_eq!(
            texts_and_leads(&doc),
            [
                ("1. Rest well: Sleep.", Some("Rest well")),
                ("12) Eat greens", Some("Eat")),
                ("3. __init__ runs", None),
                ("4.Tight no", None),
                ("1999. Year no", None),
            ]
        );
    }

    #[test]
    fn double_underscores_are_bold_except_around_a_name_in_code() {
        let doc = blocks(
            "Top\n\nMisusing the __del__ method\n\n__init__ runs first, then __call__().\n\n\
             __Bold lead__ and **more** and __two words__\n\n__Note__: x\n\nsnake__case__ and __a__b\n",
        );
        assert_eq!(
            texts_and_leads(&doc),
            [
                ("Misusing the __del__ method", None),
                ("__init__ runs first, then __call__().", None),
                ("Bold lead and more and two words", Some("Bold lead")),
                ("Note: x", Some("Note")),
                ("snakecase and ab", None),
            ]
        );
    }

    #[test]
    fn a_line_all_in_italics_is_marked_and_loses_its_markers() {
        let doc = blocks(
            "Top\n\n*First ran in The Times.*\n\n_Sign up here._\n\n*a* and *b*\n\n5 * 3 *\n",
        );
        let got: Vec<(&str, bool)> = doc.blocks[1..]
            .iter()
            .map(|b| (b.text.as_str(), b.emphasis))
            .collect();
        assert_eq!(
            got,
            [
                ("First ran in The Times.", true),
                ("Sign up here.", true),
                ("*a* and *b*", false),
                ("5 * 3 *", false),
            ]
        );
    }

    #[test]
    fn markdown_shapes() {
        let doc = blocks("Top\n\n## 3. Name\n- **Bold** rest\n* [x](https://e.com/a) y\n");
        let b = &doc.blocks;
        assert_eq!(b[1].kind, Kind::Heading(2));
        assert_eq!(b[1].text, "3. Name");
        assert_eq!(b[2].kind, Kind::ListItem);
        assert_eq!(b[2].text, "Bold rest");
        assert_eq!(b[2].lead.as_deref(), Some("Bold"));
        assert_eq!(b[3].text, "x y");
        assert_eq!(b[3].links[0].href.as_deref(), Some("https://e.com/a"));
    }

    /// `===` and `---` under a line of text make it a heading (as converters from HTML write
    /// headings); a rule anywhere else (`* * *`, `---`, `___`) is a break, as a blank line is,
    /// not a block of its own or a bullet.
    #[test]
    fn rules_and_setext_headings() {
        let kinds = |t: &str| {
            blocks(t)
                .blocks
                .iter()
                .map(|b| (b.kind, b.text.clone(), b.blank_before))
                .collect::<Vec<_>>()
        };
        let h = |n: u8, t: &str| (Kind::Heading(n), t.to_string(), true);
        let p = |t: &str, blank: bool| (Kind::Paragraph, t.to_string(), blank);
        assert_eq!(
            kinds(
                "Ten Films\n=========\n\nIntro.\n\n1. Parasite\n-----------\nText.\n* * *\nMore.\n"
            ),
            [
                h(1, "Ten Films"),
                p("Intro.", true),
                h(2, "1. Parasite"),
                p("Text.", false),
                p("More.", true),
            ]
        );
        // Under a sentence, a rule of dashes is a separator, not an underline.
        assert_eq!(
            kinds("Title\n\nWe went to the coast in May.\n------\nNext\n"),
            [
                p("Title", true),
                p("We went to the coast in May.", true),
                p("Next", true)
            ]
        );
        // Not under text (a blank line, or a bullet, above it): a break.
        assert_eq!(
            kinds("Title\n\nA line.\n\n---\nB line.\n- item\n___\nC\n"),
            [
                p("Title", true),
                p("A line.", true),
                p("B line.", true),
                (Kind::ListItem, "item".to_string(), false),
                p("C", true),
            ]
        );
        // Two marks, or marks mixed, are no rule.
        assert_eq!(
            kinds("Title\n\n-*-\n\n--\n"),
            [p("Title", true), p("-*-", true), p("--", true)]
        );
    }

    /// YAML front matter is metadata: its lines are no text, and its `title:` is the title.
    /// A rule over prose at the start is no front matter.
    #[test]
    fn front_matter_gives_the_title_and_no_text() {
        let doc =
            blocks("---\ntitle: \"Ten Films\"\ndate: 2024-03-01\ntags:\n  - film\n---\n\nIntro.\n");
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Ten Films", "Intro."]);
        assert_eq!(doc.meta.title.as_deref(), Some("Ten Films"));
        assert_eq!((doc.blocks[0].line, doc.blocks[1].line), (2, 8));
        let doc = blocks("\u{feff}---\r\ntitle: Crlf\r\n---\r\nBody text.\r\n");
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Crlf", "Body text."]);
        let doc = blocks("---\nNot metadata at all, a line of prose.\n\nMore prose.\n");
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Not metadata at all, a line of prose.", "More prose."]
        );
    }

    /// A Markdown image is an image, not a link: on a line of its own it goes to the next
    /// block; inside a line it leaves no text.
    #[test]
    fn markdown_images_are_images() {
        let doc = blocks(
            "Title\n\n![A kettle](https://img.example/k.jpg)\n\nA steel kettle.\nA pot ![](x) and ![a lid](https://img.example/lid.jpg) too.\n",
        );
        assert_eq!(doc.blocks[2].text, "A pot ![](x) and too.");
        assert_eq!(
            doc.blocks[2].image.as_ref().map(|i| i.src.as_str()),
            Some("https://img.example/lid.jpg")
        );
        let b = &doc.blocks[1];
        assert_eq!(b.text, "A steel kettle.");
        assert!(b.blank_before);
        assert!(b.links.is_empty());
        assert_eq!(
            b.image,
            Some(Image {
                src: "https://img.example/k.jpg".into(),
                alt: Some("A kettle".into())
            })
        );
        assert_eq!(doc.blocks.len(), 3);
    }

    #[test]
    fn header_reads_byline_bullets() {
        let doc = blocks(
            "Article: Ten Things\n- Ann Lee\n- 2 days ago\n- 4 min read\n\nIntro text here.\n",
        );
        assert_eq!(doc.meta.title.as_deref(), Some("Article: Ten Things"));
        assert_eq!(doc.meta.author.as_deref(), Some("Ann Lee"));
        assert_eq!(doc.meta.date.as_deref(), Some("2 days ago"));
        assert_eq!(doc.meta.reading_time.as_deref(), Some("4 min read"));
        assert_eq!(doc.body_start, 4);
    }

    /// A text wrapped at 60 (by Python's `textwrap`): each paragraph, numbered item and
    /// bullet is one block, its lines joined by a space, while a heading line under an item,
    /// code between fences and the line after one that ends in a pictograph stay lines.
    #[test]
    fn hard_wrapped_paragraphs_are_one_block_each() {
        let text = "Five Tools for a Small Workshop\n\n\
            A small workshop needs fewer tools than the catalogues\n\
            suggest, and the ones it needs are cheaper than most people\n\
            think when they start out.\n\n\
            1. Block plane - A small plane for end grain and chamfers,\n\
            the one tool that stays on the bench all week.\n\
            Price: $95\n\n\
            2. Marking gauge - Scribes a line parallel to an edge, far\n\
            finer than any pencil line could ever be drawn.\n\
            Chisels\n\
            A set of four covers almost every joint, from the widest\n\
            mortise down to the narrowest dovetail socket.\n\n\
            - Sharp edges cut cleaner and need less force, so a sharp\n  \
            tool is a safer tool as well as a better one.\n\n\
            ```\n\
            saw.cut(board, angle=45, depth=12) # the first cut, slowly\n\
            and then the second cut follows on from the first one\n\
            ```\n\n\
            Watch the whole build from the first cut to the last one ✔️\n\
            then come back here and tell us how yours turned out.\n";
        assert_eq!(wrap_width(text, &line_blocks(text)), Some(59));
        let doc = blocks(text);
        let got: Vec<(Kind, &str, usize)> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str(), b.line))
            .collect();
        let p = Kind::Paragraph;
        assert_eq!(
            got,
            [
                (p, "Five Tools for a Small Workshop", 1),
                (
                    p,
                    "A small workshop needs fewer tools than the catalogues suggest, and the \
                     ones it needs are cheaper than most people think when they start out.",
                    3
                ),
                (
                    p,
                    "1. Block plane - A small plane for end grain and chamfers, the one tool \
                     that stays on the bench all week.",
                    7
                ),
                (p, "Price: $95", 9),
                (
                    p,
                    "2. Marking gauge - Scribes a line parallel to an edge, far finer than any \
                     pencil line could ever be drawn.",
                    11
                ),
                (p, "Chisels", 13),
                (
                    p,
                    "A set of four covers almost every joint, from the widest mortise down to \
                     the narrowest dovetail socket.",
                    14
                ),
                (
                    Kind::ListItem,
                    "Sharp edges cut cleaner and need less force, so a sharp tool is a safer \
                     tool as well as a better one.",
                    17
                ),
                (p, "```", 20),
                (
                    p,
                    "saw.cut(board, angle=45, depth=12) # the first cut, slowly",
                    21
                ),
                (
                    p,
                    "and then the second cut follows on from the first one",
                    22
                ),
                (p, "```", 23),
                (
                    p,
                    "Watch the whole build from the first cut to the last one ✔️",
                    25
                ),
                (
                    p,
                    "then come back here and tell us how yours turned out.",
                    26
                ),
            ]
        );
        // A joined block spans its lines.
        let b = &doc.blocks[1];
        assert_eq!(&text[b.start..b.end], text.split("\n\n").nth(1).unwrap());
    }

    /// Text that is not wrapped has no width: a paragraph a line, lines the writer broke (a
    /// list of one-line items, each starting anew in capitals), or too few broken lines.
    #[test]
    fn unwrapped_text_has_no_wrap_width() {
        let width = |text: &str| wrap_width(text, &line_blocks(text));
        let paragraphs = "Title\n\nA first paragraph that runs on for a long while without any \
            break at all, as text exports write them.\n\nA second one, as long, written the same \
            way by the same export of the page.\n";
        assert_eq!(width(paragraphs), None);
        let one_liners = "Title\n\nSlow Roads - a travel show about back roads in small towns\n\
            Night Shift - stories from people who work through the night\n\
            The Map Room - cartographers explain one map every single week\n\
            Small Print - a lawyer reads the terms and conditions for you\n";
        assert_eq!(width(one_liners), None);
        let two_breaks = "Title\n\nA paragraph wrapped at sixty characters, which\n\
            goes on here and then once more on the line\n\
            below, where it ends.\n";
        assert_eq!(width(two_breaks), None);
        // Three lines go on in lower case, but more lines as long start anew: written so.
        let mostly_anew = "Title\n\nOne line that the writer ended here on purpose\n\
            and one that goes on in lower case to the end\n\
            and one more that goes on in lower case again\n\
            and a third line that carries on in lower case\n\
            Then a line that starts anew with its capital\n\
            Then another line that starts anew with one\n\
            Then a third line that starts anew, as before\n\
            Then the last line, which ends the list here\n";
        assert_eq!(width(mostly_anew), None);
        let wrapped = mostly_anew.replace("\nThen", "\nthen");
        assert_eq!(width(&wrapped), Some(46));
        // A page's text, a block a line: teasers' titles over their bylines go on in lower
        // case, but end at any length, as no wrap leaves lines.
        let teasers = "Title\nTen Ways to Keep a Kitchen Tidy\nby Ann Lee\n\
            Why We Stopped Buying Paper Towels for Good\nby Ann Lee\n\
            The One Drawer Every Small Flat Needs\nby Bo Park\n\
            A Week of Dinners From One Trip to the Market, Planned\nby Bo Park\n\
            How to Store Herbs So They Last a Whole Fortnight in the Fridge\nby Cy Moss\n";
        assert_eq!(width(teasers), None);
        // The same count of lines, each ending near 46: wrapped.
        let near = "Title\nOne line of a paragraph that ends near the width\nby the wrap\n\
            Another line of the paragraph that ends near it\nby the wrap\n\
            A third line of the paragraph, ending near it\nby the wrap\n\
            A fourth line of the paragraph that ends nearby\nby the wrap\n\
            A fifth line of the paragraph ends near it too\nby the wrap\n";
        assert_eq!(width(near), Some(48));
    }

    /// A text of a block a line with no blank lines between any two (a WET archive's page
    /// text) has every line set apart, as blank lines would set them; a text with a blank line
    /// somewhere, or of fewer than eight lines, keeps what its blank lines say.
    #[test]
    fn a_block_a_line_is_each_line_set_apart() {
        let apart = |text: &str| -> Vec<bool> {
            blocks(text).blocks.iter().map(|b| b.blank_before).collect()
        };
        let lines = "Title\nA\nB\nC\nD\nE\nF\nG\n";
        assert_eq!(apart(lines), [true; 8]);
        assert_eq!(
            apart(&lines.replace("C\n", "C\n\n")),
            [true, false, false, false, true, false, false, false]
        );
        assert_eq!(
            apart("Title\nA\nB\nC\nD\nE\nF\n"),
            [true, false, false, false, false, false, false]
        );
    }

    /// The tests of a line going on with the one before it, in a text wrapped at 60.
    #[test]
    fn a_line_goes_on_only_where_the_wrap_broke_it() {
        let para = |t: &str| Block::new(Kind::Paragraph, t.to_string(), 0, t.len(), 1);
        // The next line's block as the reading of lines makes it.
        let goes_on = |prev: &Block, next: &str| {
            let b = line_block(next, 0, next.len(), 2);
            wraps_into(prev, &b, &prev.text, next, 60)
        };
        let long = para("It keeps an edge for a long time and it sharpens in a minute");
        assert_eq!(long.text.chars().count(), 60);
        assert!(goes_on(&long, "or two."));
        // The next word would have fit on a shorter line: the writer broke it.
        let short = para("It keeps an edge for a long time.");
        assert!(!goes_on(&short, "or two."));
        // Items, labels and headings start lines of their own.
        assert!(!goes_on(&long, "2. Marking gauge"));
        assert!(!goes_on(&long, "Price: $95"));
        let sentence = para("It keeps an edge for a long time and it sharpens in a minute.");
        assert!(!goes_on(&sentence, "Chisels"));
        assert!(goes_on(&sentence, "Chisels are next."));
        // After a symbol, and for a heading or a bullet of its own, never.
        let tick = para("It keeps an edge for a long time and it sharpens fast ✔️");
        assert!(!goes_on(&tick, "then more"));
        let mut heading = long.clone();
        heading.kind = Kind::Heading(2);
        assert!(!goes_on(&heading, "or two."));
        // A bullet, a bold name or a pictograph bullet starts the next item; a pictograph
        // alone on the line is the end of the one above.
        assert!(!goes_on(&long, "- or two."));
        assert!(!goes_on(&long, "**Fujifilm X100V**: a fixed lens."));
        assert!(!goes_on(&long, "👉 or two."));
        assert!(goes_on(&long, "✔️"));
        // A line with an image of its own (`![alt](src) text`) keeps it.
        assert!(!goes_on(&long, "![A plane](https://e.com/a.jpg) or two."));
    }

    #[test]
    fn header_reads_by_line() {
        let doc = blocks("A Title\n\nby Sam Roe 12 views\n\nBody.\n");
        assert_eq!(doc.meta.author.as_deref(), Some("Sam Roe"));
        assert_eq!(doc.body_start, 2);
    }
}
