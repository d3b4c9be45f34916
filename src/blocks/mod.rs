//! The block model: the one shape that plain text and HTML both reduce to.
//!
//! A document becomes a flat, ordered list of [`Block`]s (headings, paragraphs, list items,
//! captions, table rows, preformatted text), each with the byte span it came from. Everything
//! after this layer (segmenting, extraction, normalising) sees only blocks, so one segmenter
//! serves both input kinds. Reduction is infallible: any byte string gives some blocks.

pub mod html;
pub mod text;

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

static READING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[0-9]+\s*(?:-\s*[0-9]+\s*)?min(?:ute)?s?(?: read)?$").unwrap()
});
static RELATIVE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[0-9]+|an?|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago$")
        .unwrap()
});
static ABS_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:updated|published|posted)(?: on)?:?\s+)?((?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? [0-9]{1,2},? [0-9]{4}|[0-9]{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? [0-9]{4}))$",
    )
    .unwrap()
});

warm!(ABS_DATE, READING_TIME, RELATIVE_DATE);

/// Read a byline into `meta`: `By Jane Doe`, `5 min read`, `3 days ago`, `March 3, 2024`, or
/// several of them on one line between `·`, `|`, `•` or a spaced dash (`By Jane Doe · March
/// 3, 2024`). Fills only what `meta` does not have yet. True when every part of the line is
/// one of them (a part that starts `By Name` may go on: `By Jane Doe, Staff Writer`).
pub(crate) fn read_byline(line: &str, meta: &mut Meta) -> bool {
    let line = line.trim().trim_end_matches(['.', ',']);
    if line.is_empty() || line.len() > 160 {
        return false;
    }
    let parts: Vec<&str> = line
        .split(['·', '|', '•'])
        .flat_map(|p| p.split(" — ").flat_map(|p| p.split(" – ")))
        .flat_map(|p| p.split(" - "))
        .map(|p| p.trim().trim_end_matches(['.', ',']))
        .filter(|p| !p.is_empty())
        .collect();
    let read = |p: &str| -> Option<(u8, String)> {
        if !may_be_byline_part(p) {
            None
        } else if let Some(name) = crate::names::byline_name(p) {
            Some((0, name.trim().to_string()))
        } else if READING_TIME.is_match(p) {
            Some((1, p.to_string()))
        } else if RELATIVE_DATE.is_match(p) {
            Some((2, p.to_string()))
        } else {
            // The date without a `Published on:` before it.
            ABS_DATE.captures(p).map(|c| (2, c[1].to_string()))
        }
    };
    let Some(found) = parts.iter().map(|p| read(p)).collect::<Option<Vec<_>>>() else {
        return false;
    };
    for (kind, value) in found {
        match kind {
            0 => meta.author.get_or_insert(value),
            1 => meta.reading_time.get_or_insert(value),
            _ => meta.date.get_or_insert(value),
        };
    }
    !parts.is_empty()
}

/// Can `part` be one of a byline's parts, judging by its first character? Each of the four
/// patterns starts with a digit or with a letter of `by`, `an`, `one`, `updated`, `published`,
/// `posted` or a month's name, in either case (`ſ` is `s` to a caseless regex).
fn may_be_byline_part(part: &str) -> bool {
    part.chars().next().is_some_and(|c| {
        c.is_ascii_digit()
            || matches!(
                c.to_ascii_lowercase(),
                'a' | 'b' | 'd' | 'f' | 'j' | 'm' | 'n' | 'o' | 'p' | 's' | 'u'
            )
            || c == 'ſ'
    })
}

/// What a block is, as far as the source's structure says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A heading, with its level (1 to 6). Plain-text Markdown `#` lines are headings too.
    Heading(u8),
    /// A paragraph, or in plain text one non-blank line.
    Paragraph,
    /// An item of a `<ul>`/`<ol>`, or a plain-text bullet line.
    ListItem,
    /// A `<figcaption>` or a gallery slide's title.
    Caption,
    /// One row of a table, cells joined by " | ".
    Row,
    /// Preformatted text (code); never a list item.
    Pre,
    /// A block quotation.
    Quote,
}

impl Kind {
    pub fn heading_level(self) -> Option<u8> {
        match self {
            Kind::Heading(n) => Some(n),
            _ => None,
        }
    }
}

/// A hyperlink inside a block, or a scraped link caption line in plain text (href is `None`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Link {
    pub text: String,
    pub href: Option<String>,
}

/// An image inside a block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Image {
    pub src: String,
    pub alt: Option<String>,
}

/// Where a block sits among lists: which list (an id unique within the document), and the
/// number the markup itself gives the item (`<ol start>`, `reversed`, `<li value>`), if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ListInfo {
    pub id: u32,
    pub ordered: bool,
    pub value: Option<i64>,
    /// Nesting depth of lists: 0 for a top-level list.
    pub depth: u16,
    /// Which item of its list the block is in (1 for the first `<li>`): the blocks of one
    /// item (`<li><h3>Name</h3><p>…</p></li>`) share it.
    pub item: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Block {
    pub kind: Kind,
    /// Text with whitespace collapsed; inline markup removed.
    pub text: String,
    /// Byte span in the decoded source text.
    pub start: usize,
    pub end: usize,
    /// 1-based line of `start` in the decoded source text.
    pub line: usize,
    /// Plain text: a blank line comes before this one. HTML: always true.
    pub blank_before: bool,
    /// Plain text: how far the line is indented (spaces, a tab counting four).
    #[serde(skip_serializing_if = "is_zero")]
    pub indent: u16,
    /// Plain text: a bullet (`-`, `*`, `+`, `•`) that was removed from the front of the line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bullet: Option<char>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<ListInfo>,
    /// Leading emphasised text (`<strong>`, `<b>`, `**bold**`), as a lead-in or label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    /// HTML: an id for the element that contains this block (its parent container), so that
    /// blocks which are siblings can be told from blocks in different parts of the page.
    pub container: u32,
    /// HTML: how trustworthy the region holding the block is as article content (0 to 1).
    pub weight: f32,
    /// HTML: the `<figure>` holding the block and that figure's parent, for galleries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure: Option<(u32, u32)>,
    /// HTML: a table row of header cells only (`<th>`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub header: bool,
    /// HTML: a heading directly followed by an embedded player (`<video>`, `<iframe>`,
    /// `<object>`, `<embed>`): the title of the media.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub media_after: bool,
    /// All of the block's text is in italics (`<em>`, `<i>`; a line `*text*` or `_text_`): an
    /// editor's note such as
    /// "This article first appeared in …".
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub emphasis: bool,
}

fn is_zero(n: &u16) -> bool {
    *n == 0
}

impl Block {
    pub fn new(kind: Kind, text: String, start: usize, end: usize, line: usize) -> Block {
        Block {
            kind,
            text,
            start,
            end,
            line,
            blank_before: true,
            indent: 0,
            bullet: None,
            list: None,
            lead: None,
            links: Vec::new(),
            image: None,
            container: 0,
            weight: 1.0,
            figure: None,
            header: false,
            media_after: false,
            emphasis: false,
        }
    }
}

/// Article metadata found beside the blocks.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    /// Other titles the page gives itself (`<title>`, `og:title`, `h1`), best first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alt_titles: Vec<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub reading_time: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    /// Names from a schema.org `ItemList`, in order, when the page carries one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item_list: Vec<String>,
}

/// A document reduced to blocks.
#[derive(Clone, Debug, Default)]
pub struct Blocks {
    pub blocks: Vec<Block>,
    pub meta: Meta,
    /// Blocks before this index are the document's header (title, byline) and never entries.
    pub body_start: usize,
    /// The item counts the title promises, read once when first asked
    /// (`segment::title_counts`).
    pub(crate) title_counts: std::sync::OnceLock<Vec<i64>>,
}

/// Collapse runs of whitespace (including NBSP and other Unicode spaces) to one space, trim.
pub fn collapse_ws(s: &str) -> String {
    if is_collapsed(s.as_bytes()) {
        return s.to_string();
    }
    collapse_slow(s)
}

/// [`collapse_ws`] on an owned string: returned as it is, with no copy, when it is already
/// collapsed (the common case for a line of text).
pub fn collapse_ws_owned(s: String) -> String {
    if is_collapsed(s.as_bytes()) {
        return s;
    }
    collapse_slow(&s)
}

fn collapse_slow(s: &str) -> String {
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        // Skip a run of whitespace.
        loop {
            let n = space_len(s, i);
            if n == 0 {
                break;
            }
            i += n;
        }
        if i >= b.len() {
            break;
        }
        // Copy a run of non-space bytes in one go.
        let start = i;
        while i < b.len() && space_len(s, i) == 0 {
            i += if b[i] < 0x80 { 1 } else { utf8_len(b[i]) };
        }
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend_from_slice(&b[start..i]);
    }
    // Whole characters were copied, and only ASCII spaces added.
    String::from_utf8(out).expect("valid UTF-8")
}

/// Is the text already collapsed: no leading or trailing space, single ASCII spaces only, and
/// none of the Unicode spaces (NBSP, U+2000..U+200B, U+2028/9, U+202F, U+205F, U+3000, U+FEFF,
/// U+1680, U+0085)? Any control byte counts as "not collapsed" (the slow path copies what is
/// not whitespace). Sixteen bytes are tested at a time ([`crate::chars::simd`]); only the
/// places where a Unicode space's first two bytes stand are looked at one by one.
fn is_collapsed(b: &[u8]) -> bool {
    scan::<false>(b).collapsed
}

/// What one pass over a line of text finds ([`scan_line`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LineScan {
    /// The line has a byte of Markdown's marks: `]`, `*` or `_`.
    pub marked: bool,
    /// [`is_collapsed`]; only meant when `marked` is false (the scan stops at the first mark).
    pub collapsed: bool,
}

/// One pass over a line that answers both whether it has Markdown's marks and whether it is
/// collapsed, where a line of plain text asked each in turn (most lines have no marks, and
/// then their text is the line's).
pub(crate) fn scan_line(b: &[u8]) -> LineScan {
    scan::<true>(b)
}

#[inline]
fn scan<const MARKS: bool>(b: &[u8]) -> LineScan {
    use crate::chars::simd::{Bytes16, bits, chunks};
    let mut collapsed = b.first() != Some(&b' ') && b.last() != Some(&b' ');
    if !MARKS && !collapsed {
        return LineScan {
            marked: false,
            collapsed,
        };
    }
    // Set (bit 0) when the byte before the sixteen is a space.
    let mut space_before = 0u32;
    for (i, v) in chunks(b, b'a') {
        if MARKS && v.eq(b']') | v.eq(b'*') | v.eq(b'_') != 0 {
            return LineScan {
                marked: true,
                collapsed: false,
            };
        }
        if !collapsed {
            continue;
        }
        let spaces = v.eq(b' ');
        if v.below(0x20) | (spaces & ((spaces << 1) | space_before)) != 0 {
            collapsed = false;
            if MARKS {
                continue;
            }
            break;
        }
        space_before = spaces >> 15;
        if v.high() != 0 {
            // The first two bytes of each Unicode space, the second read one byte further on.
            let n = Bytes16::at(b, i + 1, b'a');
            let maybe = (v.eq(0xc2) & (n.eq(0x85) | n.eq(0xa0)))
                | (v.eq(0xe2) & (n.eq(0x80) | n.eq(0x81)))
                | (v.eq(0xe3) & n.eq(0x80))
                | (v.eq(0xe1) & n.eq(0x9a))
                | (v.eq(0xef) & n.eq(0xbb));
            if bits(maybe).any(|k| unicode_space_at(b, i + k)) {
                collapsed = false;
                if !MARKS {
                    break;
                }
            }
        }
    }
    LineScan {
        marked: false,
        collapsed,
    }
}

/// Is there a Unicode space that [`collapse_ws`] folds at `b[k..]`?
fn unicode_space_at(b: &[u8], k: usize) -> bool {
    let (x, y) = (b.get(k + 1).copied(), b.get(k + 2).copied());
    match b[k] {
        0xc2 => matches!(x, Some(0x85 | 0xa0)),
        0xe2 => {
            let y = y.unwrap_or(0);
            x == Some(0x80) && (y <= 0x8b || matches!(y, 0xa8 | 0xa9 | 0xaf))
                || x == Some(0x81) && y == 0x9f
        }
        0xe3 => x == Some(0x80) && y == Some(0x80),
        0xe1 => x == Some(0x9a) && y == Some(0x80),
        0xef => x == Some(0xbb) && y == Some(0xbf),
        _ => false,
    }
}

/// The byte length of the whitespace character at `i`, or 0 when it is not whitespace.
#[inline]
fn space_len(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    let Some(&c) = b.get(i) else {
        return 0;
    };
    if c < 0x80 {
        return usize::from(matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c));
    }
    match s[i..].chars().next() {
        Some(ch) if ch.is_whitespace() || ch == '\u{200b}' || ch == '\u{feff}' => ch.len_utf8(),
        _ => 0,
    }
}

#[inline]
fn utf8_len(first: u8) -> usize {
    match first {
        0xf0.. => 4,
        0xe0.. => 3,
        _ => 2,
    }
}

/// 1-based line numbers for byte offsets, computed once per document.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
            starts.push(i + 1);
        }
        LineIndex { starts }
    }

    pub fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// A symbol or emoji that posts use as a bullet (`✅ x`, `👉 x`, `🔹 x`, `➡️ x`, `⭐ x`): arrows,
/// shapes, dingbats and pictographs, but not the circled digits among them, which are ranks.
pub(crate) fn pictograph(c: char) -> bool {
    matches!(c as u32,
        0x2190..=0x21FF | 0x2300..=0x23FF | 0x25A0..=0x25FF | 0x2600..=0x2775 | 0x2794..=0x27BF
        | 0x2B00..=0x2BFF | 0x1F300..=0x1FAFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        let read = |line: &str| {
            let mut m = Meta::default();
            let all = read_byline(line, &mut m);
            (all, m.author, m.date, m.reading_time)
        };
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            read("By Jane Doe · March 3, 2024 | 5 min read"),
            (true, s("Jane Doe"), s("March 3, 2024"), s("5 min read"))
        );
        assert_eq!(
            read("By Jane Doe, Staff Writer"),
            (true, s("Jane Doe"), None, None)
        );
        assert_eq!(read("Updated 3 Mar 2024 - 2 days ago").2, s("3 Mar 2024"));
        // A line with anything else in it is not a byline, and gives nothing.
        assert_eq!(
            read("By Jane Doe · in Gardening"),
            (false, None, None, None)
        );
        assert_eq!(read("Bylines are hard"), (false, None, None, None));
        assert_eq!(read(""), (false, None, None, None));
    }

    #[test]
    fn collapse_ws_folds_unicode_spaces() {
        assert_eq!(collapse_ws("  a\u{a0}\u{a0}b \n\t c  "), "a b c");
        assert_eq!(collapse_ws(""), "");
        assert_eq!(
            collapse_ws("a\u{2009}b\u{3000}c\u{feff}d\u{200b}e\u{85}f"),
            "a b c d e f"
        );
        assert_eq!(
            collapse_ws("“quoted” words — kept"),
            "“quoted” words — kept"
        );
        assert_eq!(collapse_ws("a  b"), "a b");
    }

    /// A caseless `s` is also the long s: a date that starts with one is read.
    #[test]
    fn byline_part_may_start_with_a_long_s() {
        assert!(ABS_DATE.is_match("ſep 3, 2024"));
        assert!(may_be_byline_part("ſep 3, 2024"));
        assert!(!may_be_byline_part("Gardening"));
    }

    proptest::proptest! {
        /// Every part that one of the byline patterns matches passes the first-character
        /// check: parts made from the patterns themselves, in any case.
        #[test]
        fn byline_parts_pass_the_first_character_check(
            p in r"(?i:by)\s+\p{Lu}[\p{L}.'-]{0,8}|(?i)[0-9]{1,3}\s*(?:-\s*[0-9]+\s*)?min(?:ute)?s?(?: read)?|(?i)(?:[0-9]+|an?|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago|(?i)(?:(?:updated|published|posted)(?: on)?:?\s+)?(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,4}\.? [0-9]{1,2},? [0-9]{4}|[0-9]{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,4}\.? [0-9]{4})"
        ) {
            let matched = crate::names::byline_name(&p).is_some()
                || READING_TIME.is_match(&p)
                || RELATIVE_DATE.is_match(&p)
                || ABS_DATE.is_match(&p);
            proptest::prop_assert!(matched, "{:?}", p);
            proptest::prop_assert!(may_be_byline_part(&p), "{:?}", p);
        }

        /// The fast check never lets through text that the slow path would change.
        #[test]
        fn collapsed_check_agrees_with_slow_path(
            s in "[a b\t\n\r\u{a0}\u{85}\u{2009}\u{200b}\u{2028}\u{202f}\u{205f}\u{3000}\u{feff}\u{1680}\u{1}“é—]{0,24}"
        ) {
            proptest::prop_assert_eq!(collapse_ws(&s), collapse_slow(&s));
            proptest::prop_assert_eq!(collapse_ws_owned(s.clone()), collapse_slow(&s));
        }

        /// The check says exactly whether a line is collapsed: spaces where it can go wrong
        /// (at either end, doubled, Unicode ones beside curly quotes and dashes).
        #[test]
        fn collapsed_check_is_exact(
            s in "[ab ]{0,40}|[ab  \t\u{1}\u{1f}\u{7f}~!é’—\u{a0}\u{85}\u{1680}\u{2000}-\u{200d}\u{2028}-\u{202f}\u{205f}\u{3000}\u{feff}]{0,40}"
        ) {
            let b = s.as_bytes();
            let unicode_space = s.chars().any(|c| {
                c != ' ' && (c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}')
                    && !c.is_ascii()
            });
            let want = !s.starts_with(' ')
                && !s.ends_with(' ')
                && !b.iter().any(|&c| c < 0x20)
                && !s.contains("  ")
                && !unicode_space;
            proptest::prop_assert_eq!(is_collapsed(b), want);
            // The same pass with Markdown's marks: a line with one is `marked`, and any other
            // is collapsed exactly when the check says so.
            let marked = b.iter().any(|c| matches!(c, b']' | b'*' | b'_'));
            let got = scan_line(b);
            proptest::prop_assert_eq!(got.marked, marked);
            if !marked {
                proptest::prop_assert_eq!(got.collapsed, want);
            }
        }

        /// Marks anywhere in a longer line, before or after what makes it not collapsed.
        #[test]
        fn scan_finds_marks_anywhere(
            s in "[ab  \t\u{a0}é]{0,40}[]*_]?[ab  \u{3000}]{0,40}"
        ) {
            let b = s.as_bytes();
            let marked = b.iter().any(|c| matches!(c, b']' | b'*' | b'_'));
            let got = scan_line(b);
            proptest::prop_assert_eq!(got.marked, marked);
            if !marked {
                proptest::prop_assert_eq!(got.collapsed, is_collapsed(b));
            }
        }
    }

    #[test]
    fn line_index_counts_from_one() {
        let idx = LineIndex::new("ab\ncd\n\nef");
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(2), 1);
        assert_eq!(idx.line(3), 2);
        assert_eq!(idx.line(6), 3);
        assert_eq!(idx.line(7), 4);
    }
}
