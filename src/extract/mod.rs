//! Entry to record: the item's title, year, description, labelled fields and links.
//!
//! - The **title** is the heading without its marker, surrounding quotes, a trailing year in
//!   parentheses (which becomes `year`), a tagline when the whole list is written
//!   `Title: tagline`, a lowercase trailing aside (`Name (the gold standard)`) and trailing
//!   punctuation.
//! - **Fields** are `Label: value` lines in the body (a short capitalised label of at most
//!   four words), `<strong>Label:</strong> value` leads, and `Label: value` bullets. The
//!   value may be empty; the key is the label in snake_case.
//! - A **link caption** line (a page title followed by ` - Site` or ` | Site`, as left behind
//!   by scraping a link preview) becomes a link reference, not description.
//! - The **description** is the rest of the body.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

use crate::blocks::{Block, Blocks, Kind, Link};
use crate::record::{Record, Span};
use crate::segment::{Entry, Segmentation};

/// The bracket that ends a title with its year: `(2016)`, `[1999–2003]`, `(TV series 2019–)`,
/// `(2018 film)`, and in full-width brackets as Chinese and Japanese titles write them
/// (`寄生虫（2019）`). It is matched from the title's last opening bracket (see [`year_suffix`]).
/// Words before the year are tried only when the bracket does not open with it, so that
/// `(2001 - 2005)` is a range from 2001, not 2005 after the words `2001 -`. After the year, only
/// the kind of work it dates may follow (`film`, `TV series`, `2009 British film`), so that
/// `(2000 calories)` is no year.
const YEAR_BRACKET_BODY: &str = concat!(
    r"[(\[（](?:[^()\[\]（）]*?\s)??((?:19|20)[0-9][0-9])",
    r"(?:\s*[–—-]\s*((?:19|20)[0-9][0-9]|present|now)?)?",
    r"(?:\s+(?:[A-Z][a-z]+\s+)?(?:(?:TV|television|web|animated)\s+|mini-?)?",
    r"(?:film|movie|series|serial|show|special|documentary|short|anime|drama|remake|version|edition|album|novel|book|game|video game)s?)?",
    r"[)\]）]",
);

static YEAR_BRACKET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{YEAR_BRACKET_BODY}$")).unwrap());

/// A title that ends with its year in brackets: the title before it, the year and the end
/// year (`present` and `now` kept as written). No bracket may stand inside the year's, so it
/// opens at the last `(`, `[` or `（`; what goes before must hold no line break.
fn year_suffix(t: &str) -> Option<(&str, &str, Option<&str>)> {
    if !t.ends_with([')', ']', '）']) {
        return None;
    }
    let open = t.rfind(['(', '[', '（'])?;
    let title = t[..open].trim_end();
    if title.is_empty() || title.contains('\n') {
        return None;
    }
    let c = YEAR_BRACKET.captures(&t[open..])?;
    Some((title, c.get(1)?.as_str(), c.get(2).map(|m| m.as_str())))
}

warm!(YEAR_BRACKET, YEAR_BRACKET_LEAD);

/// A year in brackets at the start of a text (`(1972) – A space station drama`).
static YEAR_BRACKET_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{YEAR_BRACKET_BODY}")).unwrap());

/// Text folded for comparison: lowercased, quotes and dashes unified, punctuation dropped.
pub fn fold(s: &str) -> String {
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len() + RUN_SLACK);
    let mut space = false;
    if s.is_ascii() {
        fold_ascii_run(b, &mut out, &mut space);
        return String::from_utf8(out).expect("ASCII");
    }
    let mut i = 0;
    while i < b.len() {
        // Runs of ASCII (most of any Latin text) go through the table of [`fold_ascii_run`],
        // other chars one at a time through the lowercase table of [`crate::chars`]. A short
        // run (the space between two words of Cyrillic, say) is folded here byte by byte,
        // without setting up a run.
        let end = ascii_end(b, i);
        if end - i >= SHORT_RUN {
            fold_ascii_run(&b[i..end], &mut out, &mut space);
            i = end;
            continue;
        }
        for &c in &b[i..end] {
            let x = FOLD_ASCII[usize::from(c)];
            // A letter or digit as the table lowers it; anything else as it is, so that
            // `fold_push_known` tells an apostrophe from a break.
            let folded = if x > 1 { x } else { c };
            fold_push_known(char::from(folded), x > 1, &mut out, &mut space);
        }
        i = end;
        // Then the chars up to the next ASCII byte.
        while i < b.len() && b[i] >= 0x80 {
            let ch = s[i..].chars().next().expect("a char boundary");
            let len = ch.len_utf8();
            // General punctuation (U+2000 to U+203F: dashes, curly quotes, spaces) holds no
            // letter or digit: a break, but for the right single quote, an apostrophe.
            if b[i] == 0xe2 && b[i + 1] == 0x80 {
                space |= ch != '’';
                i += len;
                continue;
            }
            i += len;
            match crate::chars::lower(ch) {
                Some((l, alnum)) => fold_push_known(l, alnum, &mut out, &mut space),
                None => {
                    for l in ch.to_lowercase() {
                        fold_push_known(l, l.is_alphanumeric(), &mut out, &mut space);
                    }
                }
            }
        }
    }
    // Checking the whole fold again was a sixth of folding text in other scripts.
    debug_assert!(std::str::from_utf8(&out).is_ok());
    // SAFETY: `out` holds only ASCII bytes from the runs and the table, and whole chars
    // encoded by `char::encode_utf8` in `fold_push_known`: it is UTF-8.
    unsafe { String::from_utf8_unchecked(out) }
}

/// ASCII runs shorter than this are folded byte by byte in [`fold`].
const SHORT_RUN: usize = 8;

/// Where the run of ASCII bytes from `i` ends: the next byte at or above 0x80, or the end.
#[inline]
fn ascii_end(b: &[u8], mut i: usize) -> usize {
    use crate::chars::swar::HIGH;
    while let Some(w) = b.get(i..i + 8) {
        let high = u64::from_le_bytes(w.try_into().expect("eight bytes")) & HIGH;
        if high != 0 {
            return i + (high.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + b[i..]
        .iter()
        .position(|&c| c >= 0x80)
        .unwrap_or(b.len() - i)
}

/// Bytes of room past a run that [`fold_ascii_run`] writes into: one for a space owed from
/// before the run, one for a write it does not keep.
const RUN_SLACK: usize = 2;

/// Fold a run of ASCII bytes onto `out` (`space`: a word break is pending). Branch-free: every
/// byte writes a space and its folded self at the end of `out` and keeps each only as needed,
/// so that letters, digits and breaks in any order cost the same.
fn fold_ascii_run(b: &[u8], out: &mut Vec<u8>, space: &mut bool) {
    let mut n = out.len();
    // A run's fold is never longer than the run, but for the one space owed from before it.
    out.resize(n + b.len() + RUN_SLACK, 0);
    let buf = out.as_mut_slice();
    let mut sp = *space;
    let mut chunks = b.chunks_exact(8);
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if let Some((lower, lead, trail)) = plain_word(w) {
            // Eight letters, digits and single spaces: the fold is the bytes lowercased, the
            // spaces kept. A space that starts them is the break owed before the first
            // letter; one that ends them is owed after. Writing all eight never passes the
            // end: what was written is at most one byte longer than what was read (the space
            // owed from before the run), and eight bytes are left to read.
            // One space goes before the letters when a break is owed, unless nothing is
            // written yet. A leading space is that space; otherwise it is written first.
            let owed = (sp | lead) & (n > 0);
            let written_first = usize::from(owed & !lead);
            // A leading space with nothing before it is dropped.
            let dropped = usize::from(lead & !owed);
            buf[n] = b' ';
            let at = n + written_first;
            buf[at..at + 8].copy_from_slice(&(lower >> (8 * dropped)).to_le_bytes());
            n = at + 8 - usize::from(trail) - dropped;
            sp = trail;
            continue;
        }
        fold_bytes(chunk, buf, &mut n, &mut sp);
    }
    fold_bytes(chunks.remainder(), buf, &mut n, &mut sp);
    out.truncate(n);
    *space = sp;
}

/// The byte-at-a-time fold of [`fold_ascii_run`]. Branch-free: every byte writes a space and
/// its folded self at `n` and keeps each only as needed.
#[inline]
fn fold_bytes(b: &[u8], buf: &mut [u8], n: &mut usize, sp: &mut bool) {
    let (mut k, mut s) = (*n, *sp);
    for &c in b {
        let x = FOLD_ASCII[usize::from(c & 0x7f)];
        let alnum = x > 1;
        // A pending break is one space before the next letter or digit, never at the start.
        buf[k] = b' ';
        k += usize::from(alnum & s & (k > 0));
        buf[k] = x;
        k += usize::from(alnum);
        s = (s & !alnum) | (x == 0);
    }
    (*n, *sp) = (k, s);
}

/// Eight ASCII bytes (little-endian in `w`) that are all letters, digits or spaces, with no
/// two spaces together: the bytes lowercased, and whether the first and the last is a space.
/// `None` for anything else (punctuation, apostrophes, control bytes, a double space).
#[inline]
fn plain_word(w: u64) -> Option<(u64, bool, bool)> {
    use crate::chars::swar::{HIGH, ONES};
    // The high bit of each byte (all below 0x80) set where it lies in `lo..=hi`: adding
    // `0x80 - lo` reaches 0x80 from `lo` up, adding `0x7f - hi` reaches it past `hi`, and
    // neither carries into the next byte.
    let within = |lo: u8, hi: u8| {
        (w.wrapping_add(ONES * u64::from(0x80 - lo)) & !w.wrapping_add(ONES * u64::from(0x7f - hi)))
            & HIGH
    };
    if w & HIGH != 0 {
        return None;
    }
    let upper = within(b'A', b'Z');
    let spaces = within(b' ', b' ');
    let kept = upper | within(b'a', b'z') | within(b'0', b'9') | spaces;
    if kept != HIGH || spaces & (spaces >> 8) != 0 {
        return None;
    }
    Some((w | (upper >> 2), spaces & 0x80 != 0, spaces >> 63 != 0))
}

/// Byte classes for [`fold_ascii_run`]: the lowercase letter or digit itself, 1 for an
/// apostrophe (dropped inside words), 0 for anything else (a word break).
const FOLD_ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphanumeric() {
            b.to_ascii_lowercase()
        } else if b == b'\'' {
            1
        } else {
            0
        };
        c += 1;
    }
    t
};

/// Push `c` (`alnum` says whether it is a letter or digit) onto folded text: a letter or
/// digit after a break gets one space before it; apostrophes vanish; anything else breaks.
#[inline]
fn fold_push_known(c: char, alnum: bool, out: &mut Vec<u8>, space: &mut bool) {
    if alnum {
        if *space && !out.is_empty() {
            out.push(b' ');
        }
        *space = false;
        // A copy of a length known only at run time is a call to memcpy: each length by
        // itself.
        let mut buf = [0; 4];
        match c.encode_utf8(&mut buf).len() {
            1 => out.push(buf[0]),
            2 => out.extend_from_slice(&buf[..2]),
            3 => out.extend_from_slice(&buf[..3]),
            _ => out.extend_from_slice(&buf),
        }
    } else if c != '\'' && c != '’' {
        *space = true;
    }
}

/// A `Label: value` line: the label and the value (possibly empty).
pub fn label_line(s: &str) -> Option<(&str, &str)> {
    // The label: a capitalised word and at most three more, of letters and a little
    // punctuation, right before the first colon, within the first 48 bytes; or in a script
    // without capitals (`住所：…`), its words before the full-width colon.
    let head = &s.as_bytes()[..s.len().min(50)];
    // The first colon of either kind: `:` within 48 bytes, `：` (EF BC 9A) within 50.
    let (k, colon) = memchr::memchr2_iter(b':', 0xef, head).find_map(|i| match head[i] {
        b':' => (i < 48).then_some((i, 1)),
        _ => head[i..]
            .starts_with("：".as_bytes())
            .then_some((i, "：".len())),
    })?;
    let label = s[..k].trim_end_matches([' ', '\t']);
    let rest = &s[k + colon..];
    if colon == 1 && !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    is_label(label).then(|| (label, rest.trim()))
}

/// Can `c` start a label: a capital, or a letter of a script without capitals (Chinese,
/// Japanese, Korean, Arabic, …)?
fn label_start(c: char) -> bool {
    c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase())
}

/// A field's label: a capitalised word and at most three more, of letters and a little
/// punctuation, at most 40 bytes.
fn is_label(label: &str) -> bool {
    if label.len() > 40
        || label.ends_with(['.', '-'])
        || !label.chars().next().is_some_and(label_start)
    {
        return false;
    }
    // One pass: every char a word's (letters, a little punctuation) or a break between words
    // (a space or a tab), and one to four words.
    let ok_char = |c: char| c.is_alphabetic() || "'’./&()-".contains(c);
    let (mut words, mut in_word) = (0, false);
    for c in label.chars() {
        if c == ' ' || c == '\t' {
            in_word = false;
        } else if !ok_char(c) {
            return false;
        } else if !in_word {
            words += 1;
            in_word = true;
        }
    }
    (1..=4).contains(&words)
}

/// A scraped link caption: `Page Title - Site`, `Page Title | Site | ...`. Returns the page
/// title part. A caption is a single short line that is not a sentence.
pub fn link_caption(s: &str) -> Option<&str> {
    if s.chars().count() > 140 || s.ends_with(['.', ':', ',', ';']) {
        return None;
    }
    let b = s.as_bytes();
    let spaced = |i: usize, len: usize| i > 0 && b[i - 1] == b' ' && b.get(i + len) == Some(&b' ');
    if let Some(i) = memchr::memchr_iter(b'|', b).find(|&i| spaced(i, 1)) {
        // `Page Title | Site | ...`: the part after the first bar names a site, not a
        // `Label: value` (`Price: $149 | Rating: 4.5/5` is two fields).
        let site = s[i + 1..].split(" | ").next().unwrap_or_default().trim();
        return site_name(site)
            .then(|| s[..i - 1].trim())
            .filter(|p| !p.is_empty());
    }
    // The site name cannot hold a dash between spaces, so only the last dash can be the
    // one before it: ` - `, ` – ` (E2 80 93) or ` — ` (E2 80 94), found from the end.
    let (k, sep) = memchr::memrchr2_iter(b'-', 0xe2, b).find_map(|i| spaced_dash(b, i))?;
    let page = s[..k].trim();
    (!page.is_empty() && site_name(s[k + sep..].trim_start())).then_some(page)
}

/// The name of a site after a caption's dash or bar ([`crate::names::is_site`]), with a letter
/// in it: the `4` of `Players: 2 - 4` or the `12` of `Ages: 8 - 12` is a range's end.
fn site_name(s: &str) -> bool {
    crate::names::is_site(s) && s.chars().any(char::is_alphabetic)
}

/// A dash between spaces at byte `i` of `b` (` - `, ` – ` E2 80 93, ` — ` E2 80 94, where `b[i]`
/// is `-` or E2): where the separator starts (its first space) and its length.
fn spaced_dash(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let len = if b[i] == b'-' {
        1
    } else if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x93 | 0x94)) {
        3
    } else {
        return None;
    };
    (i > 0 && b[i - 1] == b' ' && b.get(i + len) == Some(&b' ')).then(|| (i - 1, len + 2))
}

/// snake_case key for a label: `Starring cast` to `starring_cast`.
pub fn snake(label: &str) -> String {
    // Already a key (normalising a record's fields): as it is.
    let b = label.as_bytes();
    if !b.is_empty()
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
        && b[0] != b'_'
        && b[b.len() - 1] != b'_'
        && crate::chars::find_pair(label, b'_', b'_').is_none()
    {
        return label.to_string();
    }
    if !label.is_ascii() {
        return snake_chars(label);
    }
    // ASCII (most labels) a byte at a time: the same lowercase letters and the same letters
    // and digits as the char tables give.
    let mut out = String::with_capacity(label.len());
    let mut sep = false;
    for &c in b {
        if c.is_ascii_alphanumeric() {
            if sep && !out.is_empty() {
                out.push('_');
            }
            sep = false;
            out.push(char::from(c.to_ascii_lowercase()));
        } else {
            sep = true;
        }
    }
    out
}

/// [`snake`] a char at a time, by the char tables: lowercase letters and digits, words joined
/// by `_`.
fn snake_chars(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut sep = false;
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if sep && !out.is_empty() {
                out.push('_');
            }
            sep = false;
            out.push(c);
        } else {
            sep = true;
        }
    }
    out
}

/// The title, year and end year from a heading.
/// `is_heading`: the item's head is a heading (a name), not a line of prose, so a lowercase
/// aside in parentheses at its end is dropped.
pub fn split_title(
    heading: &str,
    taglines: bool,
    is_heading: bool,
) -> (String, Option<i32>, Option<i32>) {
    let mut t = heading.trim().trim_end_matches([':', ',', ';', '.']).trim();
    let mut year = None;
    let mut year_end = None;
    if let Some((title, y, end)) = year_suffix(t) {
        year = y.parse().ok();
        year_end = end.and_then(|e| e.parse().ok());
        t = title;
    }
    if taglines {
        t = crate::segment::tagline_title(t);
    }
    let t = if is_heading { strip_aside(t) } else { t };
    let t = unquote(t);
    let t = t.trim().trim_end_matches([':', ',', ';']).trim();
    (t.to_string(), year, year_end)
}

/// An item of a list inside an entry's body: the list's id, and the number an ordered list
/// shows beside it.
type ListMark = (u32, Option<i64>);

/// `HunnyBunny Biscuit Co`, `Smith Bros`: a name whose last word is a capitalised
/// abbreviation of up to four letters (`Co`, `Inc`, `Jr`, `Bros`) after another word, with no
/// sentence ending before it (`Is it safe? No` is a sentence).
fn ends_in_abbreviation(h: &str) -> bool {
    let Some((before, last)) = h.rsplit_once(' ') else {
        return false;
    };
    let mut c = last.chars();
    c.next().is_some_and(|f| f.is_ascii_uppercase())
        && (1..=4).contains(&last.len())
        && c.all(|x| x.is_ascii_lowercase())
        && !before.trim().is_empty()
        && !before.contains(['.', '?', '!'])
}

/// `Name, 1974`, `Name – 1974`, `Name - 1974`, `Name | 1974`, `Name / 1974`: the end of the
/// name and the year after a comma, or a spaced dash, bar or slash, at the end of a heading.
fn bare_year(h: &str) -> Option<(usize, i32)> {
    let h = h.trim_end_matches(['.', ' ']);
    let (rest, year) = h.split_at_checked(h.len().checked_sub(4)?)?;
    // Four characters that parse into this range are four digits.
    let y: i32 = year.parse().ok().filter(|y| (1800..=2100).contains(y))?;
    let name = rest
        .trim_end()
        .strip_suffix(',')
        .or_else(|| {
            let dash = rest.strip_suffix(' ')?.trim_end();
            dash.strip_suffix(['-', '–', '—', '|', '/'])
                .filter(|b| b.ends_with(' '))
        })?
        .trim_end();
    (!name.is_empty()).then_some((name.len(), y))
}

/// The price at the end of a heading, as shown: in brackets (`Sony WH-1000XM5 ($348)`), or
/// after a comma, a spaced dash or `for` (`Wrap blouse, Net-A-Porter, $167`, `Echo Dot for
/// $45`, `Kindle – 89,99 €`). The price is a number with a currency sign or code that the
/// price reader reads whole, and something comes before it.
fn heading_price(h: &str) -> Option<&str> {
    let h = h.trim_end();
    let (name, tail) = if let Some(inner) = h.strip_suffix(')') {
        let k = inner.rfind('(')?;
        (&inner[..k], &inner[k + 1..])
    } else {
        // The last separator, looked for only where a price's length allows (a price is 24
        // bytes at most): one scan back over the heading's last bytes.
        let b = h.as_bytes();
        let (k, end) = (b.len().saturating_sub(32)..b.len()).rev().find_map(|i| {
            if !matches!(b[i], b',' | b' ') {
                return None;
            }
            [", ", " – ", " — ", " - ", " for "]
                .iter()
                .find(|sep| b[i..].starts_with(sep.as_bytes()))
                .map(|sep| (i, i + sep.len()))
        })?;
        (&h[..k], &h[end..])
    };
    let tail = tail.trim();
    (!name.trim().is_empty() && whole_price(tail)).then_some(tail)
}

/// Is `s` a price and nothing else: a number with a currency sign or code (`$348`, `89,99 €`,
/// `USD 30`) that the price reader reads whole? A number alone (`1995`, `2,448`,
/// `1995–2001`) has no currency, and words (`$5 small`) are more than a price.
fn whole_price(s: &str) -> bool {
    let sign = |c: char| !c.is_ascii_digit() && !matches!(c, ' ' | '.' | ',' | '-' | '–' | '—');
    s.len() <= 24
        && s.contains(|c: char| c.is_ascii_digit())
        && s.contains(sign)
        && (!s.contains(char::is_alphabetic) || s.contains(|c: char| c.is_ascii_uppercase()))
        && crate::normalize::values::price(s).get("value").is_some()
}

/// A line that is a price alone, or a price and where it is sold (`$49.99`, `$3.00 from
/// Amazon`, `£12 at Boots`): the price, and the shop's name after `at`, `from`, `on` or `@`
/// (four words at most) when there is one. The price is one the price reader reads whole.
fn price_line(t: &str) -> Option<(&str, &str)> {
    let t = t.trim();
    // A currency sign is `$` or a character past ASCII (`£`, `€`, `円`); this is asked of
    // every short line of every item, so the cheap tests come first.
    let b = t.as_bytes();
    if b.len() > 64
        || !b.iter().any(|&c| c == b'$' || c >= 0x80)
        || !b.iter().any(u8::is_ascii_digit)
    {
        return None;
    }
    let (price, shop) = [" at ", " from ", " on ", " @ "]
        .iter()
        .find_map(|sep| {
            let k = t.find(sep)?;
            Some((&t[..k], t[k + sep.len()..].trim()))
        })
        .unwrap_or((t, ""));
    let shop_ok = shop.is_empty()
        || (shop.split_whitespace().count() <= 4
            && shop.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
    let price = price.trim();
    (shop_ok && whole_price(price)).then_some((price, shop))
}

/// A block of an item's body that is a price line ([`price_line`]): a paragraph or a line,
/// not a table's row or a list's item.
fn is_price_line(b: &Block) -> bool {
    matches!(b.kind, Kind::Paragraph) && price_line(&b.text).is_some()
}

/// Is `text` nothing but the texts of `links`, one after another (`Amazon`, or `AmazonSHOP`
/// from two links side by side), or empty?
fn said_by_links(text: &str, links: &[Link]) -> bool {
    let mut rest = text.trim();
    for l in links {
        rest = rest
            .strip_prefix(l.text.trim())
            .unwrap_or(rest)
            .trim_start();
    }
    rest.is_empty()
}

/// `Name (the gold standard)` to `Name`: a trailing parenthetical that starts in lowercase is
/// an aside, while `(DXA)` or `(Beats Per Minute)` is part of the name.
fn strip_aside(t: &str) -> &str {
    if t.ends_with(')')
        && let Some(k) = crate::chars::rfind_pair(t, b' ', b'(')
        && t[k + 2..].starts_with(|c: char| c.is_lowercase())
    {
        return t[..k].trim_end();
    }
    t
}

/// Remove quotes around the whole title, or around its start when only a short
/// parenthetical follows (`“Thumper” ($20)`).
fn unquote(t: &str) -> &str {
    let pairs = [
        ('“', '”'),
        ('"', '"'),
        ('‘', '’'),
        ('\'', '\''),
        ('«', '»'),
        ('„', '“'),
    ];
    let t = t.trim();
    for (a, b) in pairs {
        if let Some(inner) = t.strip_prefix(a).and_then(|x| x.strip_suffix(b))
            && !inner.contains(a)
            && !inner.contains(b)
            && !inner.is_empty()
        {
            return inner.trim();
        }
        if let Some(inner) = t.strip_prefix(a)
            && let Some(k) = inner.find(b)
        {
            let after = inner[k + b.len_utf8()..].trim();
            if k > 0 && after.starts_with('(') && after.ends_with(')') && after.len() <= 30 {
                return inner[..k].trim();
            }
            // `«Title», Author` or `“Title” – Author`: a quoted work and who made it, a name
            // of up to five words after a comma or a spaced dash.
            let by = after.strip_prefix(',').or_else(|| {
                after
                    .strip_prefix(['–', '—', '-'])
                    .filter(|r| r.starts_with(' '))
            });
            if k > 0
                && let Some(by) = by.map(str::trim)
                && (1..=5).contains(&by.split_whitespace().count())
                && by.starts_with(|c: char| c.is_uppercase())
                && !by.contains([a, b])
            {
                return inner[..k].trim();
            }
        }
    }
    t
}

/// Build the records of one document, their fields as the page wrote them (in both `fields`
/// and `raw_fields`, until [`crate::normalize::record`] normalises `fields`).
pub fn records(doc: &Blocks, seg: &Segmentation, source: &str) -> Vec<Record> {
    let mut records = records_to_normalize(doc, seg, source);
    for r in &mut records {
        r.fields = r.raw_fields.clone();
    }
    records
}

/// [`records`] with the fields in `raw_fields` only (`fields` left empty), for
/// [`crate::normalize::record_in`] to fill: it builds both maps anew from `raw_fields`, so a
/// copy in `fields` would be dropped unread.
pub(crate) fn records_to_normalize(doc: &Blocks, seg: &Segmentation, source: &str) -> Vec<Record> {
    let blocks = &doc.blocks;
    let found = FieldLines::new(blocks, fact_tables(blocks, &seg.entries));
    let labels = label_counts(&found, blocks, &seg.entries);
    let boilerplate = repeated_texts(blocks, &seg.entries);
    // One-line items written `Name - what it is` or `Name: what it is` (most of them, one
    // way): the name is the title.
    let most = |split: NameSplit| {
        let n = seg
            .entries
            .iter()
            .filter(|e| inline_head(&blocks[e.head], e) && split.split(e, false).is_some())
            .count();
        seg.entries.len() >= 3 && n * 3 >= seg.entries.len() * 2
    };
    let name_split = [NameSplit::Dash, NameSplit::Colon]
        .into_iter()
        .find(|&split| most(split));
    // Headings that end in a year (most of them), some as `Name, 1974` or `Name – 1974`: that
    // year is the year too.
    let dated = seg
        .entries
        .iter()
        .filter(|e| {
            let h = e.heading.trim_end();
            bare_year(h).is_some() || year_suffix(h).is_some()
        })
        .count();
    // Headings that end in a full stop (most of them) are sentences; in a list of names, a
    // stop ends an abbreviation.
    let stops = seg
        .entries
        .iter()
        .filter(|e| e.heading.trim_end().ends_with('.'))
        .count();
    // One-paragraph items most of which are too long to be a title whole: each item's title is
    // its first sentence, the short ones' too.
    let long_heads = seg
        .entries
        .iter()
        .filter(|e| {
            let head = &blocks[e.head];
            inline_head(head, e)
                && head.lead.is_none()
                && e.heading.chars().count() > LONG_HEAD
                && title_cut(&e.heading).is_some()
        })
        .count();
    // Headings that end in a price (most of them): the price is a field too.
    let prices: Vec<Option<&str>> = seg
        .entries
        .iter()
        .map(|e| heading_price(&e.heading))
        .collect();
    let priced = prices.iter().flatten().count();
    // Items most of which have a line that is a price (`$3.00 from Amazon`): that price is
    // the item's `price`.
    let price_lines = seg
        .entries
        .iter()
        .filter(|e| blocks[e.body.clone()].iter().any(is_price_line))
        .count();
    let ctx = Ctx {
        price_lines: seg.entries.len() >= 3 && price_lines * 3 >= seg.entries.len() * 2,
        blocks,
        heading_prices: if seg.entries.len() >= 3 && priced * 3 >= seg.entries.len() * 2 {
            prices
        } else {
            Vec::new()
        },
        sentences: stops * 2 > seg.entries.len(),
        first_sentences: seg.entries.len() >= 3 && long_heads * 2 > seg.entries.len(),
        name_split,
        bare_years: seg.entries.len() >= 3 && dated * 3 >= seg.entries.len() * 2,
        names_after_colon: names_after_colon(blocks, &seg.entries, seg.taglines),
        names_below: names_below(blocks, &seg.entries),
        taglines: seg.taglines,
        source,
        meta: &doc.meta,
        labels: &labels,
        entries: seg.entries.len(),
        boilerplate: &boilerplate,
        found: &found,
    };
    seg.entries
        .iter()
        .enumerate()
        .map(|(k, e)| record(&ctx, e, k + 1))
        .collect()
}

/// Each block's `Label: value` reading and the label's key, made once per block when first
/// asked for (label counting, the record, and the neighbours' checks all ask).
struct FieldLines<'a> {
    blocks: &'a [Block],
    cells: Vec<std::cell::OnceCell<Option<FieldLine<'a>>>>,
    /// The header rows of tables of facts ([`fact_tables`]): their rows are `Label | value`.
    facts: HashSet<usize>,
}

/// A labelled line: its label, its value, and the label's key.
type FieldLine<'a> = (&'a str, &'a str, String);

impl<'a> FieldLines<'a> {
    fn new(blocks: &'a [Block], facts: HashSet<usize>) -> Self {
        FieldLines {
            blocks,
            cells: vec![std::cell::OnceCell::new(); blocks.len()],
            facts,
        }
    }

    /// The label, the value and the label's key of block `i`, if it is a labelled line.
    fn get(&self, i: usize) -> Option<&FieldLine<'a>> {
        self.cells[i]
            .get_or_init(|| {
                let b = &self.blocks[i];
                // A table with a header row is read by its columns ([`column_labels`]): no
                // row of it is `Label | value`.
                // A table of facts (`Specification | Details` over `Weight | 1.2 kg` rows) is
                // read a row a field.
                if b.kind == Kind::Row
                    && (b.header
                        || header_above(self.blocks, i).is_some_and(|h| !self.facts.contains(&h)))
                {
                    return None;
                }
                field_of(b).map(|(l, v)| (l, v, snake(l)))
            })
            .as_ref()
    }
}

struct Ctx<'a> {
    blocks: &'a [Block],
    /// Most items are one line, `Name - what it is` or `Name: what it is`: how to split
    /// them.
    name_split: Option<NameSplit>,
    /// Most headings end in a year after a comma or dash (`Name, 1974`): split it off.
    bare_years: bool,
    /// Most headings end in a full stop: they are sentences, and the stop is not the title's.
    sentences: bool,
    /// Most items are one long paragraph, titled by its first sentence: so are the short ones.
    first_sentences: bool,
    /// Headings are `Label: Name` (`Best overall: Brindle Mini`): the name follows the colon.
    names_after_colon: bool,
    /// When most headings end in a price (`Echo Dot for $45`), each entry's ([`heading_price`]),
    /// by position: the item's `price` when no line of the item labels one. Empty otherwise.
    heading_prices: Vec<Option<&'a str>>,
    /// Most items have a line that is a price ([`price_line`]): it is the item's `price`.
    price_lines: bool,
    /// Each heading is a label with the name in a subheading right below it (`Best overall`,
    /// then `Brindle Mini`): the subheading is the title ([`names_below`]).
    names_below: bool,
    taglines: bool,
    source: &'a str,
    meta: &'a crate::blocks::Meta,
    /// How many entries each label key appears in.
    labels: &'a HashMap<String, usize>,
    entries: usize,
    /// Paragraphs repeated word for word in most entries (a share widget, a sign-up line):
    /// page furniture, not description.
    boilerplate: &'a HashSet<&'a str>,
    found: &'a FieldLines<'a>,
}

/// Body texts that recur verbatim in at least three entries and most of them. A text with a
/// digit in it is data (a price, a date that several items share), never furniture.
fn repeated_texts<'a>(blocks: &'a [Block], entries: &[Entry]) -> HashSet<&'a str> {
    let body: usize = entries.iter().map(|e| e.body.len()).sum();
    let mut counts: HashMap<&str, usize> =
        HashMap::with_capacity_and_hasher(body, Default::default());
    // One set for every entry's texts, emptied between them (not grown anew for each).
    let mut seen = HashSet::default();
    for e in entries {
        seen.clear();
        for b in &blocks[e.body.clone()] {
            if !b.text.is_empty() && seen.insert(b.text.as_str()) {
                *counts.entry(b.text.as_str()).or_default() += 1;
            }
        }
    }
    let need = (entries.len() * 3).div_ceil(5).max(3);
    // Texts with a digit go, looked for only in those that can count: short ones, or ones in
    // enough entries (not every long paragraph).
    counts.retain(|t, n| {
        (*n >= need || t.len() <= SHORT_FURNITURE) && !t.bytes().any(|c| c.is_ascii_digit())
    });
    // A short line of an item that the page says three times or more, outside the items too
    // ("Advertisement" in some items and before the first): the page's furniture, not the
    // items' text (a type line that only items have, `Aggregator`, stays theirs).
    let mut page: HashMap<&str, (usize, bool)> = counts
        .keys()
        .filter(|t| t.len() <= SHORT_FURNITURE)
        .map(|&t| (t, (0, false)))
        .collect();
    if !page.is_empty() {
        let mut inside = vec![false; blocks.len()];
        for e in entries {
            inside[e.head] = true;
            inside[e.body.clone()].fill(true);
        }
        for (i, b) in blocks.iter().enumerate() {
            if b.text.len() <= SHORT_FURNITURE
                && let Some((n, out)) = page.get_mut(b.text.as_str())
            {
                *n += 1;
                // Not a menu's link that happens to say the same ("Netflix" in the nav).
                *out |= !inside[i] && !all_link(b);
            }
        }
    }
    counts
        .into_iter()
        .filter(|&(t, n)| n >= need || page.get(t).is_some_and(|&(k, out)| k >= 3 && out))
        .map(|(t, _)| t)
        .collect()
}

/// The longest item line that counts as page furniture for being said three times in a page.
const SHORT_FURNITURE: usize = 60;

/// How many entries each label key appears in: as a labelled line (`Price: $5`), or as a
/// label over a list ([`list_label`]: `### Pros`, then bullets).
fn label_counts(found: &FieldLines, blocks: &[Block], entries: &[Entry]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::default();
    for e in entries {
        let mut seen: Vec<std::borrow::Cow<str>> = Vec::new();
        let body = &blocks[e.body.clone()];
        for i in e.body.clone() {
            let key = match found.get(i) {
                Some((_, _, k)) => Some(std::borrow::Cow::Borrowed(k.as_str())),
                None => list_label(found, body, e.body.start, i - e.body.start)
                    .map(|(label, _)| std::borrow::Cow::Owned(snake(label))),
            };
            if let Some(k) = key
                && !seen.iter().any(|s| *s == *k)
            {
                match counts.get_mut(&*k) {
                    Some(n) => *n += 1,
                    None => {
                        counts.insert(k.to_string(), 1);
                    }
                }
                seen.push(k);
            }
        }
    }
    counts
}

/// A heading or a line of its own that names the list right under it, with no colon
/// (`### Pros`, `**Cons**`, then bullets): the label and how many list items it names. Not
/// when the block is a labelled line itself, and not over a list of labelled lines
/// (`Weight: 2 kg`), which are fields of their own.
fn list_label<'a>(
    found: &FieldLines,
    body: &'a [Block],
    start: usize,
    k: usize,
) -> Option<(&'a str, usize)> {
    let b = &body[k];
    // Most blocks are not over a list: asked first, it spares reading the label.
    if body.get(k + 1).is_none_or(|n| n.kind != Kind::ListItem)
        || matches!(b.kind, Kind::ListItem | Kind::Row | Kind::Pre)
        || !b.links.is_empty()
    {
        return None;
    }
    let label = b.text.trim().trim_end_matches([':', '：']).trim_end();
    if !is_label(label) || found.get(start + k).is_some() {
        return None;
    }
    let items = list_after(body, k);
    let labelled = (start + k + 1..start + k + 1 + items).any(|j| found.get(j).is_some());
    (items > 0 && !labelled).then_some((label, items))
}

/// A short block that is all link ("Read more", "Shop now", "Amazon"): a call to action, kept
/// in `links` but not in the description.
pub(crate) fn is_cta(b: &Block) -> bool {
    // Links first: most blocks have none, and then no words are counted.
    all_link(b) && b.text.split_whitespace().nth(4).is_none()
}

/// A link line of less weight than the item's head inside its body (a related story's
/// headline between two paragraphs of the item): kept in `links`, not in the description. A
/// sentence of the writer's that ends in a link stays.
fn is_teaser(b: &Block, head: &Block) -> bool {
    b.weight + 0.3 < head.weight
        && crate::segment::mostly_links(b)
        && !crate::segment::linked_sentence(b)
}

/// A figure's caption of a few words that is not a sentence ("Photo iStock", "Jane Roe/Site",
/// "Nintendo"): an image credit, not description.
fn is_credit(b: &Block) -> bool {
    b.kind == Kind::Caption
        && b.text.split_whitespace().nth(4).is_none()
        && !b.text.ends_with(['.', '!', '?'])
}

/// Is all of a block's text the text of its links?
pub(crate) fn all_link(b: &Block) -> bool {
    if b.links.is_empty() {
        return false;
    }
    let linked: usize = b.links.iter().map(|l| l.text.trim().len()).sum();
    linked >= b.text.trim().len()
}

/// Is a `Label: value` line in an entry's body really a field? Prose can open with a short
/// phrase and a colon too. A field's label recurs in other entries, or it stands in a run of
/// labelled lines, or its value is short and not a sentence.
/// `body` is the entry's body, which starts at block `start`; `k` is the line's index in it.
fn is_field(ctx: &Ctx, body: &[Block], start: usize, k: usize, key: &str, value: &str) -> bool {
    if ctx.entries < 3 || ctx.labels.get(key).is_some_and(|&n| n >= 2) {
        return true;
    }
    let adjacent = |a: &Block, b: &Block| {
        if a.container == 0 {
            // Bullets of one list in text, blank lines between them or not.
            !b.blank_before || (a.bullet.is_some() && b.bullet.is_some())
        } else {
            a.container == b.container
        }
    };
    let b = &body[k];
    // A neighbour vouches with a value of its own: a lone `Pros:` over bullets does not.
    let valued = |j: usize| ctx.found.get(j).is_some_and(|f| !f.1.is_empty());
    let before = k > 0 && adjacent(&body[k - 1], b) && valued(start + k - 1);
    let after = k + 1 < body.len() && adjacent(b, &body[k + 1]) && valued(start + k + 1);
    // A lone label with nothing after it ("Key features of X:") introduces what follows.
    before
        || after
        || (!value.is_empty() && value.chars().count() <= 60 && !value.ends_with(['.', '!', '?']))
}

/// A labelled line's value that goes on with more `Label: value` parts after ` | `
/// (`$149 | Rating: 4.5/5`): the first value and the other labels and values. When any part
/// after a bar is not labelled, the value is one value.
fn more_fields(value: &str) -> (&str, Vec<(&str, &str)>) {
    if memchr::memchr(b'|', value.as_bytes()).is_none() {
        return (value, Vec::new());
    }
    let mut parts = value.split(" | ");
    let first = parts.next().unwrap_or_default().trim();
    let more: Option<Vec<(&str, &str)>> = parts
        .map(|p| label_line(p.trim()).filter(|(_, v)| !v.is_empty()))
        .collect();
    match more {
        Some(more) if !more.is_empty() => (first, more),
        _ => (value, Vec::new()),
    }
}

/// How many list items of one list follow block `k` of `body` (none when the next block is
/// not a list item): the bullets under a lone label.
fn list_after(body: &[Block], k: usize) -> usize {
    let Some(first) = body.get(k + 1).filter(|b| b.kind == Kind::ListItem) else {
        return 0;
    };
    let same_list = |b: &Block| match (first.list, b.list) {
        (Some(a), Some(c)) => a.id == c.id,
        (None, None) => !b.blank_before || b.bullet.is_some(),
        _ => false,
    };
    body[k + 1..]
        .iter()
        .take_while(|b| b.kind == Kind::ListItem && same_list(b) && !b.text.is_empty())
        .count()
}

fn record(ctx: &Ctx, e: &Entry, position: usize) -> Record {
    let (blocks, taglines, source, meta) = (ctx.blocks, ctx.taglines, ctx.source, ctx.meta);
    let head = &blocks[e.head];
    let (heading, head_rest) = head_parts(head, e, ctx.name_split, ctx.first_sentences);
    let sub = ctx.names_below.then_some(e.body.start);
    let is_heading = matches!(head.kind, Kind::Heading(_));
    let (title, year, year_end) = if let Some(j) = sub {
        split_title(&blocks[j].text, false, true)
    } else {
        match crate::chars::split_pair(&heading, b':', b' ') {
            Some((_, name)) if ctx.names_after_colon && !name.trim().is_empty() => {
                split_title(name, false, is_heading)
            }
            _ => split_title(&heading, taglines, is_heading),
        }
    };
    let (title, year) = match bare_year(&title) {
        Some((k, y)) if ctx.bare_years && year.is_none() => (title[..k].to_string(), Some(y)),
        _ => (title, year),
    };
    // In a list of names, one that ends in an abbreviation keeps its stop (`Biscuit Co.`).
    let title = match heading.trim_end().strip_suffix('.') {
        Some(h)
            if !ctx.sentences
                && !title.is_empty()
                && h.ends_with(&title)
                && ends_in_abbreviation(h) =>
        {
            format!("{title}.")
        }
        _ => title,
    };
    let mut fields = Map::new();
    let mut links: Vec<Link> = head.links.clone();
    // The description's parts, borrowed until they are joined: (blank line before, text, and
    // for an item of a list in the body, which list and the number it shows).
    let mut description: Vec<(bool, &str, Option<ListMark>)> = Vec::new();
    if let Some(rest) = &head_rest {
        description.push((false, rest, None));
    }
    // An image placed before the head that introduces this item comes first.
    let mut image = e
        .media
        .and_then(|j| blocks[j..e.head].iter().find_map(|b| b.image.clone()))
        .or_else(|| head.image.clone());
    let mut year = year;
    if head.kind == Kind::Row
        && let Some(labels) = header_row(blocks, e.head)
    {
        // A table with a header row: every other cell is a field named by its column.
        let cells: Vec<&str> = head.text.split(" | ").map(str::trim).collect();
        if labels.len() == cells.len() {
            description.clear();
            for (label, cell) in labels.iter().zip(&cells) {
                if *cell == title
                    || e.rank
                        .is_some_and(|r| cell.trim_end_matches('.') == r.to_string())
                {
                    continue;
                }
                if year.is_none()
                    && cell.len() == 4
                    && cell.parse::<i32>().is_ok_and(|y| (1800..2100).contains(&y))
                {
                    year = cell.parse().ok();
                }
                match snake(label).as_str() {
                    "" => {}
                    "description" | "summary" | "notes" => description.push((false, cell, None)),
                    key => {
                        add_field(
                            &mut fields,
                            key.to_string(),
                            Value::String(cell.to_string()),
                        );
                    }
                }
            }
        }
    }
    let body = &blocks[e.body.clone()];
    // List items taken as a labelled list's value ("Pros:" and the bullets under it).
    let mut taken = 0..0;
    for (k, b) in body.iter().enumerate() {
        if image.is_none() {
            image = b.image.clone();
        }
        links.extend(b.links.iter().cloned());
        if taken.contains(&k) || sub == Some(e.body.start + k) {
            continue;
        }
        if b.kind == Kind::Pre {
            description.push((b.blank_before, &b.text, None));
            continue;
        }
        // A table in the item whose header row is all labels (`Pros | Cons`): each column
        // is a field, a list of its cells.
        // A table of facts' header row is neither a field nor text.
        if b.kind == Kind::Row && ctx.found.facts.contains(&(e.body.start + k)) {
            continue;
        }
        if b.kind == Kind::Row
            && let Some(columns) = column_labels(blocks, e.body.start + k, &ctx.found.facts)
        {
            if !b.header {
                // A cell of several lines or list items (`<li>`s, `<br>`s: `Light; Cheap`)
                // gives one value for each.
                // A line of the item with the same label (`Pros: light`) came first: its
                // value heads the list ([`add_field`]).
                for (label, cell) in columns.iter().zip(cells(&b.text)) {
                    let values = cell
                        .split("; ")
                        .map(str::trim)
                        .filter(|v| !v.is_empty())
                        .map(|v| Value::String(v.to_string()))
                        .collect();
                    add_field(&mut fields, snake(label), Value::Array(values));
                }
            }
            continue;
        }
        // Captions first: `Lantern: The Long Night - Wikipedia` is a caption, not a field.
        if k < 2
            && !matches!(b.kind, Kind::ListItem | Kind::Row)
            && b.links.is_empty()
            && b.lead.is_none()
            && let Some(_page) = link_caption(&b.text)
        {
            links.push(Link {
                text: b.text.clone(),
                href: None,
            });
            continue;
        }
        if let Some((_, value, key)) = ctx.found.get(e.body.start + k)
            && is_field(ctx, body, e.body.start, k, key, value)
        {
            // A lone label over a list ("Pros:", then bullets): the list is its value.
            let items = if value.is_empty() && b.kind != Kind::ListItem {
                list_after(body, k)
            } else {
                0
            };
            if items > 0 {
                taken = k + 1..k + 1 + items;
                add_field(&mut fields, key.clone(), texts(&body[taken.clone()]));
            } else {
                // `Price: $149 | Rating: 4.5/5`: several fields on one line.
                let (first, more) = more_fields(value);
                add_field(&mut fields, key.clone(), Value::String(first.to_string()));
                for (label, v) in more {
                    add_field(&mut fields, snake(label), Value::String(v.to_string()));
                }
            }
            continue;
        }
        // A price line (`$3.00 from Amazon`), in a list whose items mostly have one: the
        // item's price, unless a labelled line gave one. The line stays in the description
        // when it says more than the price and its links do (the shop, when not a link).
        if ctx.price_lines
            && b.kind == Kind::Paragraph
            && !fields.contains_key("price")
            && let Some((price, shop)) = price_line(&b.text)
        {
            fields.insert("price".to_string(), Value::String(price.to_string()));
            if said_by_links(shop, &b.links) {
                continue;
            }
        }
        // A label over a list, said in two entries or more (`### Pros`, then bullets): the
        // list is the label's value, as under a lone `Pros:`.
        if let Some((label, items)) = list_label(ctx.found, body, e.body.start, k) {
            let key = snake(label);
            if ctx.entries < 3 || ctx.labels.get(&key).is_some_and(|&n| n >= 2) {
                taken = k + 1..k + 1 + items;
                add_field(&mut fields, key, texts(&body[taken.clone()]));
                continue;
            }
        }
        if !b.text.is_empty()
            && !ctx.boilerplate.contains(b.text.as_str())
            && !is_cta(b)
            && !is_credit(b)
            && !is_teaser(b, head)
        {
            // A list inside the item's body, not the list whose items the entries are.
            let item = b
                .list
                .as_ref()
                .filter(|l| {
                    b.kind == Kind::ListItem && head.list.as_ref().is_none_or(|h| h.id != l.id)
                })
                .map(|l| (l.id, l.value));
            description.push((b.blank_before, &b.text, item));
        }
    }
    // A short line that ends the item with a colon ("More games news:") introduces what is
    // not part of it (links dropped as navigation, an embed): not description.
    if description
        .last()
        .is_some_and(|(_, t, _)| t.ends_with(':') && t.split_whitespace().nth(8).is_none())
    {
        description.pop();
    }
    let mut desc = String::with_capacity(
        description
            .iter()
            .map(|(_, t, _)| t.len() + 6)
            .sum::<usize>(),
    );
    let mut last_list = None;
    for (i, (blank, t, item)) in description.iter().enumerate() {
        // The items of one list in a page stand a line each, as a tight list in text does,
        // and an ordered list's keep the numbers the reader sees beside them (unless the
        // page wrote them into the item as well, as a marker of that number).
        let list = item.map(|(id, _)| id);
        if i > 0 {
            let tight = !*blank || (list.is_some() && list == last_list);
            desc.push_str(if tight { "\n" } else { "\n\n" });
        }
        last_list = list;
        if let Some((_, Some(n))) = item
            && crate::segment::marker::parse_any(t).is_none_or(|m| m.rank != *n)
        {
            use std::fmt::Write;
            let _ = write!(desc, "{n}. ");
        }
        desc.push_str(t);
    }
    // Last, so that a labelled line of the item (`Price:`, `Cost:`) comes first and wins.
    if let Some(Some(price)) = ctx.heading_prices.get(position - 1)
        && !fields.contains_key("price")
    {
        fields.insert("price".to_string(), Value::String(price.to_string()));
    }
    let end = if e.body.is_empty() {
        head.end
    } else {
        blocks[e.body.end - 1].end.max(head.end)
    };
    Record {
        source: source.to_string(),
        article_title: meta.title.clone(),
        article_author: meta.author.clone(),
        article_date: meta.date.clone(),
        article_url: meta.url.clone(),
        section: e.section.map(|i| blocks[i].text.clone()),
        position,
        rank: e.rank,
        title,
        heading,
        year,
        year_end,
        alt_title: None,
        description: if desc.is_empty() { None } else { Some(desc) },
        raw_fields: fields,
        fields: Map::new(),
        links,
        image,
        span: Span {
            start: head.start,
            end,
        },
        line: head.line,
    }
}

/// The heading of an entry, and for an inline item the text after its title.
/// Headings of the `Label: Name` shape (`Best overall: Brindle Mini`, `Best budget: Plume`)
/// rather than `Name: tagline`: the items' own text names the part after the colon more often
/// than the part before it (in half the items or more); or, for unnumbered heading lines
/// (`taglines`) when it names neither more, a word runs through the parts before the colon
/// of two in three headings or more and through no such share of the parts after it.
fn names_after_colon(blocks: &[Block], entries: &[Entry], taglines: bool) -> bool {
    let pairs: Vec<(&str, &str)> = entries
        .iter()
        .filter_map(|e| crate::chars::split_pair(&e.heading, b':', b' '))
        .collect();
    let n = pairs.len();
    if n < 3 || n < entries.len() {
        return false;
    }
    let (mut before, mut after) = (0, 0);
    for (e, (b, a)) in entries.iter().zip(&pairs) {
        before += usize::from(named_in(&blocks[e.body.clone()], b));
        after += usize::from(named_in(&blocks[e.body.clone()], a));
    }
    if after != before || !taglines {
        return after > before && after * 2 >= n;
    }
    let most_shared = |after: bool| -> usize {
        let mut counts: HashMap<String, usize> = HashMap::default();
        for p in &pairs {
            let mut words: Vec<String> = if after { p.1 } else { p.0 }
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            words.sort();
            words.dedup();
            for w in words {
                *counts.entry(w).or_default() += 1;
            }
        }
        counts.into_values().max().unwrap_or(0)
    };
    let need = (2 * n).div_ceil(3);
    most_shared(false) >= need && most_shared(true) < need
}

/// Each item's heading is a label and the name is in a subheading right below it (`<h2>Best
/// overall</h2><h3>Brindle Mini</h3>`): in every item (three or more) the first block under the
/// heading is a heading of a lower level, short, not a question nor a lead-in to a colon, the
/// only one of its level in the item and unlike every other item's; and the items' own text
/// names the subheadings more often than the headings, in half the items or more. (A
/// subheading that every item repeats, `Why go`, names a part of the item, not the item.)
fn names_below(blocks: &[Block], entries: &[Entry]) -> bool {
    let n = entries.len();
    if n < 3 {
        return false;
    }
    let mut subs: Vec<&str> = Vec::with_capacity(n);
    for e in entries {
        let first = blocks[e.body.clone()].first();
        let (Kind::Heading(level), Some(first)) = (blocks[e.head].kind, first) else {
            return false;
        };
        let Kind::Heading(sub) = first.kind else {
            return false;
        };
        let t = first.text.trim();
        let alone = !blocks[e.body.start + 1..e.body.end]
            .iter()
            .any(|b| b.kind == Kind::Heading(sub));
        if sub <= level
            || !alone
            || t.is_empty()
            || t.ends_with([':', '?'])
            || t.split_whitespace().nth(14).is_some()
        {
            return false;
        }
        subs.push(t);
    }
    let mut seen: HashSet<&str> = HashSet::default();
    if !subs.iter().all(|t| seen.insert(t)) {
        return false;
    }
    let (mut heads, mut names) = (0, 0);
    for (e, sub) in entries.iter().zip(&subs) {
        let below = &blocks[e.body.start + 1..e.body.end];
        heads += usize::from(named_in(below, &e.heading));
        names += usize::from(named_in(below, sub));
    }
    names > heads && names * 2 >= n
}

/// Whether one of `blocks` names `part` ([`crate::segment::namer`], on folded text).
fn named_in(blocks: &[Block], part: &str) -> bool {
    let f = fold(part);
    let names = crate::segment::namer(&f);
    !f.is_empty() && blocks.iter().any(|x| names(&x.text))
}

/// Is the item's head a line of text (its title and maybe more), not a heading?
fn inline_head(head: &Block, e: &Entry) -> bool {
    e.inline && !matches!(head.kind, Kind::Heading(_) | Kind::Row)
}

/// `Slow Roads - a travel show about…`: a name of at most eight words, a spaced dash, and a
/// description of three words or more that starts in lower case. A description in capitals
/// is one too after a name that ends in its year (`Paris, Texas (1984) - A man walks…`), or
/// when it is a sentence of six words or more (`Nebraska - A father and son cross the
/// plains.`); `Star Wars - The Last Jedi` is one name. In a list whose items are written so
/// (`loose`), a description in capitals that ends a sentence is one too, however short
/// (`The Long Run - Interviews with marathoners.`). Returns the byte offsets of the dash's
/// start and of the description.
fn dash_name(h: &str, loose: bool) -> Option<(usize, usize)> {
    let b = h.as_bytes();
    let (k, sep) = memchr::memchr2_iter(b'-', 0xe2, b).find_map(|i| spaced_dash(b, i))?;
    let (name, rest) = (h[..k].trim(), h[k + sep..].trim());
    let words = name.split_whitespace().count();
    let rest_words = rest.split_whitespace().count();
    let described = rest.starts_with(|c: char| c.is_lowercase())
        || (rest.starts_with(char::is_uppercase)
            && (year_suffix(name).is_some()
                || ((rest_words >= 6 || loose) && rest.ends_with(['.', '!', '?', '…']))));
    ((1..=8).contains(&words) && rest_words >= 3 && described).then_some((k, k + sep))
}

/// `Name: what it is`: a one-line item whose name, one to six words with no sentence ending
/// in them, comes before its first colon and space, and three words or more after it. Where the
/// name ends, and where the rest starts (past a spaced dash right after the colon, as in
/// `Name: – what it is`).
fn colon_name(h: &str) -> Option<(usize, usize)> {
    let k = crate::chars::find_pair(h, b':', b' ')?;
    let after = h[k + 1..].trim_start();
    let after = match after.strip_prefix(['–', '—', '-']) {
        Some(a) if a.starts_with(' ') => a.trim_start(),
        _ => after,
    };
    let name = h[..k].trim();
    let words = name.split_whitespace().count();
    ((1..=6).contains(&words)
        && !name.contains(['.', '!', '?'])
        && after.split_whitespace().nth(2).is_some())
    .then_some((k, h.len() - after.len()))
}

/// How most one-line items set their name apart from what follows it.
#[derive(Clone, Copy)]
enum NameSplit {
    /// `Name - what it is` ([`dash_name`]).
    Dash,
    /// `Name: what it is` ([`colon_name`]), in items of that one line alone: a heading line
    /// over text keeps its whole `Name: tagline`, as a heading does.
    Colon,
}

impl NameSplit {
    /// Where the name in entry `e`'s heading ends, and where the rest starts; `loose` once
    /// most items of the list are written this way.
    fn split(self, e: &Entry, loose: bool) -> Option<(usize, usize)> {
        match self {
            NameSplit::Dash => dash_name(&e.heading, loose),
            NameSplit::Colon if e.body.is_empty() => colon_name(&e.heading),
            NameSplit::Colon => None,
        }
    }
}

/// The longest one-paragraph item whose whole text is its title; a longer one is titled by
/// its first sentence.
pub(crate) const LONG_HEAD: usize = 160;

fn head_parts(
    head: &Block,
    e: &Entry,
    name_split: Option<NameSplit>,
    first_sentences: bool,
) -> (String, Option<String>) {
    if !e.inline || matches!(head.kind, Kind::Heading(_)) {
        return (e.heading.clone(), None);
    }
    if head.kind == Kind::Row {
        // A table row: the first cell that is not a number is the name; the rest describe it.
        let mut cells: Vec<&str> = e.heading.split(" | ").map(str::trim).collect();
        if cells.len() > 1 && cells[0].trim_end_matches('.').parse::<i64>().is_ok() {
            cells.remove(0);
        }
        let rest = cells[1..].join(" | ");
        return (cells[0].to_string(), (!rest.is_empty()).then_some(rest));
    }
    // A bold lead is the title: `<strong>1. Name</strong> description`.
    if let Some(lead) = head.lead.as_deref() {
        let lead_text = crate::segment::marker::parse_any(lead)
            .map(|m| lead[m.rest..].trim())
            .unwrap_or(lead.trim());
        if !lead_text.is_empty() && e.heading.starts_with(lead_text) {
            /// Past the colon or dash that sets a text off from what goes before it.
            fn set_off(t: &str) -> &str {
                t.trim_start_matches([':', '.', '–', '—', '-', ' ']).trim()
            }
            let owned = |t: &str| (!t.is_empty()).then(|| t.to_string());
            let rest = set_off(&e.heading[lead_text.len()..]);
            let title = lead_text.trim_end_matches(':');
            // `**Solaris** (1972)`: the year in brackets right after the bold name is the
            // name's, as it would be inside the bold.
            if let Some(m) = YEAR_BRACKET_LEAD.find(rest) {
                let after = set_off(&rest[m.end()..]);
                return (format!("{title} {}", m.as_str()), owned(after));
            }
            return (title.to_string(), owned(rest));
        }
    }
    let h = e.heading.as_str();
    if let Some(split) = name_split
        && head.lead.is_none()
        && let Some((k, rest)) = split.split(e, true)
    {
        return (
            h[..k].trim().to_string(),
            Some(h[rest..].trim().to_string()),
        );
    }
    let short = h.chars().count() <= LONG_HEAD;
    if short && !first_sentences {
        return (h.to_string(), None);
    }
    // A long item with no emphasised name: its first sentence (or clause) is the title. A
    // short one among long ones is cut the same way, unless that leaves a title of a word or
    // two (`Family. Family. Family.`), which a short item says in full.
    match title_cut(h) {
        Some((i, rest)) if !short || h[..i].split_whitespace().count() >= 3 => {
            (h[..i].to_string(), Some(h[rest..].trim().to_string()))
        }
        _ => (h.to_string(), None),
    }
}

/// Where the first sentence (or clause) of a long one-block item ends, when it ends within
/// 200 bytes: at `.`, `!`, `?` or `:` before a space, or at a spaced en dash (or `-`, as
/// plain text writes one; not an em dash, which sets off a clause inside a sentence), past
/// the first eight characters. That sentence is the item's title: where it ends, and where
/// the rest starts past the mark.
pub(crate) fn title_cut(h: &str) -> Option<(usize, usize)> {
    h.char_indices()
        .skip(8)
        .take_while(|&(i, _)| i <= 200)
        .find_map(|(i, c)| {
            let after = &h[i + c.len_utf8()..];
            let mark = match c {
                '.' | '!' | '?' | ':' if after.starts_with(' ') => c.len_utf8() + 1,
                ' ' if after.starts_with("– ") => " – ".len(),
                ' ' if after.starts_with("- ") => " - ".len(),
                _ => return None,
            };
            Some((i, i + mark))
        })
}

/// The column labels of the header row above a table row, if the table has one.
fn header_row(blocks: &[Block], head: usize) -> Option<Vec<&str>> {
    header_above(blocks, head).map(|h| blocks[h].text.split(" | ").map(str::trim).collect())
}

/// The header row above table row `i`, among the rows right above it, if the table has one.
fn header_above(blocks: &[Block], i: usize) -> Option<usize> {
    (0..i)
        .rev()
        .take_while(|&j| blocks[j].kind == Kind::Row)
        .find(|&j| blocks[j].header)
}

/// The texts of list items, as a labelled list's value.
fn texts(items: &[Block]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|x| Value::String(x.text.clone()))
            .collect(),
    )
}

/// Add a field to an item's fields. A label the item already has keeps every value: the
/// field becomes a list of them, in the order the item gives them (`Price: $5 small`, then
/// `Price: $9 large`), never only the last. An empty value (`null`) holds no place in it.
pub(crate) fn add_field(fields: &mut Map<String, Value>, key: String, value: Value) {
    let Some(old) = fields.get_mut(&key) else {
        fields.insert(key, value);
        return;
    };
    let mut list = match old.take() {
        Value::Array(list) => list,
        Value::Null => Vec::new(),
        one => vec![one],
    };
    match value {
        Value::Array(more) => list.extend(more),
        Value::Null => {}
        one => list.push(one),
    }
    *old = Value::Array(list);
}

/// The labels of the header row of table row `i` (the row itself, if it is the header), when
/// every cell of the header is a label and every row under it has a cell for each: a table
/// read by its columns. Not a table of facts (`facts`, [`fact_tables`]), read a row a field.
fn column_labels<'a>(
    blocks: &'a [Block],
    i: usize,
    facts: &HashSet<usize>,
) -> Option<Vec<&'a str>> {
    let h = if blocks[i].header {
        i
    } else {
        header_above(blocks, i)?
    };
    if facts.contains(&h) {
        return None;
    }
    let labels: Vec<&str> = cells(&blocks[h].text).collect();
    let rows = blocks[h + 1..]
        .iter()
        .take_while(|r| r.kind == Kind::Row && !r.header);
    (labels.len() >= 2
        && labels.iter().all(|l| is_label(l.trim_end_matches(':')))
        && rows.clone().all(|r| cells(&r.text).count() == labels.len()))
    .then_some(labels)
}

/// Tables of facts in the items: two columns under a header row (`Specification |
/// Details`), each row a label and its value (`Weight | 1.2 kg`), where the labels come again
/// in the tables of other items (most of a table's labels in two items or more). Their
/// header rows. A `Pros | Cons` table's cells are each item's own, so it is read by its
/// columns ([`column_labels`]).
fn fact_tables(blocks: &[Block], entries: &[Entry]) -> HashSet<usize> {
    let mut found = HashSet::default();
    if entries.len() < 2 {
        return found;
    }
    // Each item's two-column tables with a header: the header row and its rows' first cells.
    let mut tables: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for (n, e) in entries.iter().enumerate() {
        for h in e
            .body
            .clone()
            .filter(|&i| blocks[i].header && blocks[i].kind == Kind::Row)
        {
            if cells(&blocks[h].text).count() != 2 {
                continue;
            }
            let rows = blocks[h + 1..e.body.end]
                .iter()
                .take_while(|r| r.kind == Kind::Row && !r.header);
            let firsts: Option<Vec<String>> = rows
                .map(|r| {
                    let mut c = cells(&r.text);
                    let label = c.next()?.trim_end_matches(':');
                    (c.count() == 1 && is_label(label)).then(|| snake(label))
                })
                .collect();
            if let Some(firsts) = firsts.filter(|f| f.len() >= 2) {
                tables.push((n, h, firsts));
            }
        }
    }
    let mut items_of: HashMap<&str, HashSet<usize>> = HashMap::default();
    for (n, _, firsts) in &tables {
        for f in firsts {
            items_of.entry(f.as_str()).or_default().insert(*n);
        }
    }
    for (_, h, firsts) in &tables {
        let shared = firsts
            .iter()
            .filter(|f| items_of[f.as_str()].len() >= 2)
            .count();
        if shared * 2 >= firsts.len() {
            found.insert(*h);
        }
    }
    found
}

/// The cells of a table row's text (`Light | Heavy`; an empty last cell leaves `Light |`).
fn cells(row: &str) -> impl Iterator<Item = &str> + Clone {
    row.split('|').map(str::trim)
}

/// A labelled field in a body block.
fn field_of(b: &Block) -> Option<(&str, &str)> {
    // A heading is a title (`State Farm: what sets it apart`), never a labelled value.
    if matches!(b.kind, Kind::Heading(_)) {
        return None;
    }
    // A table row of two cells inside an item, `Distance | 3.4 miles`: label and value.
    if b.kind == Kind::Row {
        let (label, value) = b.text.split_once(" | ")?;
        let label = label.trim().trim_end_matches(':');
        return (!value.contains(" | ") && is_label(label)).then(|| (label, value.trim()));
    }
    if let Some(lead) = b.lead.as_deref() {
        // `<strong>Label:</strong> value` or `<strong>Label</strong>: value`.
        let label = lead.trim_end_matches([':', '：']).trim();
        let after = b.text.strip_prefix(lead).map(str::trim_start);
        if let Some(after) = after {
            let value = if lead.ends_with([':', '：']) {
                Some(after)
            } else {
                after.strip_prefix([':', '：']).map(str::trim)
            };
            if let Some(value) = value
                && !label.is_empty()
                && label.split_whitespace().count() <= 4
                && label.len() <= 40
                && label.starts_with(label_start)
            {
                return Some((label, value.trim()));
            }
        }
    }
    label_line(&b.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long item's title ends at its first sentence's end, colon or spaced dash (`–`, or `-`
    /// as plain text writes one), but not at an em dash inside a sentence.
    #[test]
    fn title_cut_ends_at_a_sentence_a_colon_or_a_spaced_dash() {
        fn cut(h: &str) -> Option<&str> {
            title_cut(h).map(|(i, _)| &h[..i])
        }
        assert_eq!(
            cut("Tokyo Story (1953) - An old couple"),
            Some("Tokyo Story (1953)")
        );
        assert_eq!(
            cut("Tokyo Story (1953) – An old couple"),
            Some("Tokyo Story (1953)")
        );
        assert_eq!(cut("Tokyo Story. An old couple"), Some("Tokyo Story"));
        // The rest starts past the mark and its space.
        let rest = |h: &'static str| title_cut(h).map(|(_, r)| &h[r..]);
        assert_eq!(
            rest("Tokyo Story (1953) – An old couple"),
            Some("An old couple")
        );
        assert_eq!(rest("Tokyo Story!  An old couple"), Some(" An old couple"));
        assert_eq!(
            cut("A new game is out after years — but only in VR. More"),
            Some("A new game is out after years — but only in VR")
        );
        assert_eq!(cut("Half-Life is back at last"), None);
        // Not within the first eight characters.
        assert_eq!(cut("Up - a film about a house"), None);
    }

    #[test]
    fn year_suffix_shapes() {
        type Want = Option<(&'static str, &'static str, Option<&'static str>)>;
        let cases: &[(&str, Want)] = &[
            ("The Host (2006)", Some(("The Host", "2006", None))),
            ("Show [TV series 2019–]", Some(("Show", "2019", None))),
            (
                "Show\t (2019 - present)",
                Some(("Show", "2019", Some("present"))),
            ),
            ("A (b) (1999–2003)", Some(("A (b)", "1999", Some("2003")))),
            // A range with spaces around its dash is a range, not a last year after words.
            ("Show (2001 - 2005)", Some(("Show", "2001", Some("2005")))),
            (
                "Show (TV series 2001 – 2005)",
                Some(("Show", "2001", Some("2005"))),
            ),
            ("Show (1 - 3 2001)", Some(("Show", "2001", None))),
            // Wikipedia's way: the year, then the kind of work.
            ("Burning (2018 film)", Some(("Burning", "2018", None))),
            ("Kingdom (2019 TV series)", Some(("Kingdom", "2019", None))),
            ("Moon (2009 British film)", Some(("Moon", "2009", None))),
            ("Meal plan (2000 calories)", None),
            ("Moon (2009 film noir)", None),
            ("a\nb (2001)", None),
            (" (2001)", None),
            ("X (see (2001))", None),
            ("X (in2001)", None),
            // Full-width brackets, as Chinese and Japanese titles write them.
            ("寄生虫（2019）", Some(("寄生虫", "2019", None))),
            (
                "请回答（2015–2016）",
                Some(("请回答", "2015", Some("2016"))),
            ),
            ("小姐（导演剪辑版）", None),
            ("（2019）", None),
        ];
        for &(title, want) in cases {
            assert_eq!(year_suffix(title), want, "{title:?}");
        }
    }

    proptest::proptest! {
        /// The year suffix is what one regex over the whole title found.
        #[test]
        fn year_suffix_matches_the_whole_title_regex(s in "[a (\\[\\])\n–-]{0,6}(19|20|1)?[0-9]{0,3}[ –-]{0,2}(2001|now|nowt|20)?( film| TV series| Big films| calories)?[ a)\\]]{0,3}") {
            let whole = Regex::new(&format!(r"^(.*\S)\s*{YEAR_BRACKET_BODY}$")).unwrap();
            let want = whole.captures(&s).map(|c| {
                (c.get(1).unwrap().as_str(), c.get(2).unwrap().as_str(), c.get(3).map(|m| m.as_str()))
            });
            proptest::prop_assert_eq!(year_suffix(&s), want);
        }

        /// A label's key is its letters and digits lowercased, words joined by `_`, as the
        /// char tables make it, ASCII or not.
        #[test]
        fn snake_keys_by_the_char_tables(s in "[A-Za-z0-9 _?:Éé-]{0,16}") {
            proptest::prop_assert_eq!(snake(&s), snake_chars(&s));
        }

        /// A label is one to four words split at spaces and tabs, each of letters and a little
        /// punctuation, as a split of the label into words tells.
        #[test]
        fn labels_are_told_as_their_words_tell(s in "[A-Za-zé住 \t'’./&()\\-:0-9]{0,44}") {
            let ok_char = |c: char| c.is_alphabetic() || "'’./&()-".contains(c);
            let words: Vec<&str> = s.split([' ', '\t']).filter(|w| !w.is_empty()).collect();
            let want = s.chars().next().is_some_and(label_start)
                && !words.is_empty()
                && words.len() <= 4
                && words.iter().all(|w| w.chars().all(ok_char))
                && s.len() <= 40
                && !s.ends_with(['.', '-']);
            proptest::prop_assert_eq!(is_label(&s), want);
        }

        /// The last-dash split finds what one regex over the whole caption found.
        #[test]
        fn caption_split_matches_the_whole_caption_regex(s in "[A-Za-z0-9 .&'é|–—-]{0,40}") {
            // A site's name has a letter in it (`Players: 2 - 4` ends a range).
            let lettered = |t: &str| t.chars().any(char::is_alphabetic);
            let whole = Regex::new(
                r"^(.+?)\s+[-–—|]\s+((?:\p{Lu}|[0-9])[\p{L}0-9.&']*(?:\s+(?:\p{Lu}|[0-9])[\p{L}0-9.&']*){0,2})$",
            )
            .unwrap();
            let want = if s.chars().count() > 140 || s.ends_with(['.', ':', ',', ';']) {
                None
            } else if let Some(k) = s.find(" | ") {
                let site = Regex::new(r"^(?:\p{Lu}|[0-9])[\p{L}0-9.&']*(?:\s+(?:\p{Lu}|[0-9])[\p{L}0-9.&']*){0,2}$").unwrap();
                let after = s[k + 3..].split(" | ").next().unwrap().trim();
                Some(s[..k].trim()).filter(|p| !p.is_empty() && site.is_match(after) && lettered(after))
            } else if !(s.contains(" - ") || s.contains(" – ") || s.contains(" — ")) {
                None
            } else {
                whole
                    .captures(&s)
                    .filter(|c| lettered(c.get(2).unwrap().as_str()))
                    .map(|c| c.get(1).unwrap().as_str().trim())
            };
            proptest::prop_assert_eq!(link_caption(&s), want);
        }

        /// One pass over both kinds of colon finds the colon that a search for each found.
        #[test]
        fn the_first_colon_of_either_kind(
            s in "([A-Z][a-z]{0,9}|[a-z]{1,9}|[ ]|住所|：|: ?|é){0,16}"
        ) {
            let b = s.as_bytes();
            let ascii = b[..s.len().min(48)].iter().position(|&c| c == b':');
            let wide = memchr::memmem::find(&b[..s.len().min(50)], "：".as_bytes());
            let want = match (ascii, wide) {
                (Some(a), Some(w)) if w < a => Some((w, "：".len())),
                (Some(a), _) => Some((a, 1)),
                (None, Some(w)) => Some((w, "：".len())),
                (None, None) => None,
            }
            .and_then(|(k, colon)| {
                let label = s[..k].trim_end_matches([' ', '\t']);
                let rest = &s[k + colon..];
                if colon == 1 && !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
                    return None;
                }
                is_label(label).then(|| (label, rest.trim()))
            });
            proptest::prop_assert_eq!(label_line(&s), want);
        }

        /// The ASCII fast path folds exactly as the general one.
        #[test]
        fn ascii_fold_matches_the_general_fold(s in "[ -~\t\n]{0,40}") {
            proptest::prop_assert_eq!(fold(&s), fold_by_chars(&s));
        }

        /// Words and single spaces, as most prose is, take the eight-byte path: it folds as
        /// the general one wherever the words and breaks fall, with punctuation, double
        /// spaces and other scripts between them.
        #[test]
        fn word_at_a_time_fold_matches_the_general_fold(
            s in r"([A-Za-z0-9]{1,9}|[ ]{1,2}|[,.'!@\[`{/:-]|é){0,30}"
        ) {
            proptest::prop_assert_eq!(fold(&s), fold_by_chars(&s));
        }

        /// Folding with the per-page tables gives what the Unicode functions give, in any
        /// script and in mixtures of them.
        #[test]
        fn table_fold_matches_the_unicode_fold(
            s in "([A-Za-z' ’.-]|[À-ɏ]|[Ͱ-ӿ]|[一-龥]|[가-힣]|[ぁ-ヺ]|\u{130}|\u{212a}|\u{1e9e}|[😀-🙏]|\u{301}){0,40}"
        ) {
            proptest::prop_assert_eq!(fold(&s), fold_by_chars(&s));
        }

        /// Words of another script between runs of ASCII short and long (folded byte by
        /// byte, or as a run), and the general punctuation read without the tables (dashes,
        /// curly quotes, the right single quote that is an apostrophe).
        #[test]
        fn mixed_script_fold_matches_the_unicode_fold(
            s in "([а-яА-Я]{1,6}|[ ,.']{1,3}|[a-zA-Z ]{1,12}|[\u{2000}-\u{203f}]|é){0,30}"
        ) {
            proptest::prop_assert_eq!(fold(&s), fold_by_chars(&s));
        }
    }

    /// [`fold`] one character at a time through the Unicode functions, no tables.
    fn fold_by_chars(s: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in s.chars() {
            for l in c.to_lowercase() {
                if l.is_alphanumeric() {
                    if space && !out.is_empty() {
                        out.push(' ');
                    }
                    space = false;
                    out.push(l);
                } else if l != '\'' && l != '’' {
                    space = true;
                }
            }
        }
        out
    }

    #[test]
    fn folds_any_script() {
        assert_eq!(fold("Жёлтый ДОМ’s — İstanbul"), "жёлтый домs i stanbul");
    }

    #[test]
    fn titles() {
        let t = |h: &str, tag: bool| split_title(h, tag, true);
        assert_eq!(
            t("A Summer by the Lake (2004)", false),
            ("A Summer by the Lake".into(), Some(2004), None)
        );
        assert_eq!(t("“Lantern”", false), ("Lantern".into(), None, None));
        assert_eq!(
            t("Red River: Dawn", false),
            ("Red River: Dawn".into(), None, None)
        );
        assert_eq!(
            t("Paper Boats: A Look", true),
            ("Paper Boats".into(), None, None)
        );
        assert_eq!(
            t("Models (the Gold Standard)", false),
            ("Models".into(), None, None)
        );
        assert_eq!(
            t("Analysis (BIA)", false),
            ("Analysis (BIA)".into(), None, None)
        );
        assert_eq!(
            t("Show (TV Series 2019–2020)", false),
            ("Show".into(), Some(2019), Some(2020))
        );
        assert_eq!(
            t("Architecture 101", false),
            ("Architecture 101".into(), None, None)
        );
        assert_eq!(
            t("Frame the problem.", false),
            ("Frame the problem".into(), None, None)
        );
        assert_eq!(
            t("Family. Family. Family.", false),
            ("Family. Family. Family".into(), None, None)
        );
    }

    #[test]
    fn quoted_titles() {
        assert_eq!(unquote("“Thumper” ($20)"), "Thumper");
        assert_eq!(unquote("\"Solaris\""), "Solaris");
        // A quoted work and who made it.
        assert_eq!(unquote("«Сила воли», Келли Макгонигал"), "Сила воли");
        assert_eq!(unquote("“The Road” – Cormac McCarthy"), "The Road");
        // Not a name after the comma, or a quote that opens a longer title.
        assert_eq!(
            unquote("“Yes,” she said, and then the rest of it"),
            "“Yes,” she said, and then the rest of it"
        );
        assert_eq!(unquote("“Hi”, said the man"), "“Hi”, said the man");
    }

    #[test]
    fn labels() {
        assert_eq!(
            label_line("Director: Ana Ruiz"),
            Some(("Director", "Ana Ruiz"))
        );
        assert_eq!(label_line("Release date:"), Some(("Release date", "")));
        assert_eq!(
            label_line("Starring cast:  A, B"),
            Some(("Starring cast", "A, B"))
        );
        assert_eq!(label_line("In this story, he said: yes"), None);
        assert_eq!(label_line("http://x.com"), None);
        // Scripts without capitals, with the full-width colon or the ASCII one.
        assert_eq!(
            label_line("住所：京都市下京区"),
            Some(("住所", "京都市下京区"))
        );
        assert_eq!(
            label_line("営業時間： 9時〜18時"),
            Some(("営業時間", "9時〜18時"))
        );
        assert_eq!(
            label_line("주소: 서울 종로구"),
            Some(("주소", "서울 종로구"))
        );
        assert_eq!(
            label_line("ここで一言：おいしい"),
            Some(("ここで一言", "おいしい"))
        );
        assert_eq!(label_line("これは、長い文章です：はい"), None);
        // A lower-case word still starts no label.
        assert_eq!(label_line("note：x"), None);
    }

    #[test]
    fn captions() {
        assert_eq!(link_caption("Night Ferry - Wikipedia"), Some("Night Ferry"));
        assert_eq!(
            link_caption("Watch X - Season 1 | Prime Video"),
            Some("Watch X - Season 1")
        );
        assert_eq!(
            link_caption("Show (TV Series 2019–2020) - IMDb"),
            Some("Show (TV Series 2019–2020)")
        );
        assert_eq!(link_caption("It was great - really."), None);
        // After a bar comes a site's name, not another label.
        assert_eq!(link_caption("Price: $149 | Rating: 4.5/5"), None);
        assert_eq!(
            link_caption("Pinewood | Cinema Guide | News"),
            Some("Pinewood")
        );
        assert_eq!(link_caption("the one - and only"), None);
        // A range's end is no site: the line is a field.
        assert_eq!(link_caption("Players: 2 - 4"), None);
        assert_eq!(link_caption("Ages: 8 - 12"), None);
        assert_eq!(link_caption("Sizes | 2 | 4"), None);
        assert_eq!(link_caption("Top 10 - 9GAG"), Some("Top 10"));
    }

    #[test]
    fn records_hold_the_fields_as_written_until_normalised() {
        let text = "Three lamps\n\n1. Arc\nPrice: $149\n\nA lamp with a long arm.\n\n2. Orb\nPrice: $99\n\nA round lamp for a desk.\n\n3. Reed\nPrice: $59\n\nA thin lamp for reading.\n";
        let blocks = crate::reduce(text, crate::Format::Text);
        let seg = crate::segment::entries(&blocks);
        let recs = records(&blocks, &seg, "t");
        assert_eq!(recs.len(), 3);
        for r in &recs {
            assert_eq!(r.fields, r.raw_fields);
        }
        assert_eq!(recs[0].fields["price"], "$149");
        // The pipeline's records, normalised from the same raw fields.
        let doc = crate::extract_str(text, None, "t", &crate::Options::default());
        assert_eq!(doc.records[0].raw_fields, recs[0].raw_fields);
        assert_eq!(doc.records[0].fields["price"]["value"], 149.0);
        let direct = records_to_normalize(&blocks, &seg, "t");
        assert!(direct.iter().all(|r| r.fields.is_empty()));
        assert_eq!(direct[2].raw_fields, recs[2].raw_fields);
    }

    #[test]
    fn a_range_after_a_label_is_a_field_not_a_link_caption() {
        let text = "Three board games\n\n1. Harbor\nPlayers: 2 - 4\n\nTrade goods between ports.\n\n2. Summit\nPlayers: 1 - 6\n\nClimb before the storm comes.\n\n3. Orchard\nPlayers: 3 - 5\n\nPick fruit and sell it.\n";
        let doc = crate::extract_str(text, None, "t", &crate::Options::default());
        let players: Vec<_> = doc
            .records
            .iter()
            .map(|r| r.fields["players"].clone())
            .collect();
        assert_eq!(players, ["2 - 4", "1 - 6", "3 - 5"]);
        assert!(
            doc.records
                .iter()
                .all(|r| r.alt_title.is_none() && r.links.is_empty())
        );
        assert_eq!(
            doc.records[0].description.as_deref(),
            Some("Trade goods between ports.")
        );
    }

    #[test]
    fn folding_and_keys() {
        assert_eq!(fold("It’s Okay, “Not”!"), "its okay not");
        assert_eq!(snake("Starring cast"), "starring_cast");
        assert_eq!(snake("Where to watch?"), "where_to_watch");
        // Idempotent: a key stays the key.
        for k in ["starring_cast", "a1", "x_y_z"] {
            assert_eq!(snake(k), k);
        }
        assert_eq!(snake("_a__b_"), "a_b");
    }
}

#[cfg(test)]
mod boilerplate_tests {
    /// Each record's description; every record must have one.
    fn descriptions(input: &str) -> Vec<String> {
        crate::extract_str(input, None, "t", &crate::Options::default())
            .records
            .into_iter()
            .map(|r| r.description.expect("a description"))
            .collect()
    }

    /// Each record's title, year and description.
    fn title_year_description(doc: &crate::Document) -> Vec<(&str, Option<i32>, Option<&str>)> {
        doc.records
            .iter()
            .map(|r| (r.title.as_str(), r.year, r.description.as_deref()))
            .collect()
    }

    /// Each record's title and description ("" when it has none).
    fn titles_and_descriptions(input: &str) -> Vec<[String; 2]> {
        crate::extract_str(input, None, "t", &crate::Options::default())
            .records
            .into_iter()
            .map(|r| [r.title, r.description.unwrap_or_default()])
            .collect()
    }

    /// Each record's fields as read, before normalising.
    fn raw_fields(doc: &crate::Document) -> Vec<serde_json::Value> {
        doc.records
            .iter()
            .map(|r| serde_json::Value::Object(r.raw_fields.clone()))
            .collect()
    }

    /// A list inside an item's body reads as it does in text: its items a line each, and an
    /// ordered list's numbered as the page shows them (from its `start`), unless the page
    /// wrote the number too. The list whose items are the entries keeps no numbers.
    #[test]
    fn a_list_in_an_items_body_keeps_its_numbers_and_lines() {
        let html = "<html><body><article><h1>Four weeknight dinners</h1>\
            <h2>1. Lemon pasta</h2><p>Bright and simple.</p>\
            <ol><li>Boil the pasta.</li><li>Zest a lemon.</li></ol>\
            <h2>2. Bean tacos</h2><p>Cheap.</p><ul><li>Black beans</li><li>Tortillas</li></ul>\
            <h2>3. Fried rice</h2><ol start=\"4\"><li>Fry the egg.</li><li>5. Add rice.</li></ol>\
            <p>Serve hot.</p>\
            <h2>4. Tomato soup</h2><p>Comfort in a bowl.</p></article></body></html>";
        assert_eq!(
            descriptions(html),
            [
                "Bright and simple.\n\n1. Boil the pasta.\n2. Zest a lemon.",
                "Cheap.\n\nBlack beans\nTortillas",
                "4. Fry the egg.\n5. Add rice.\n\nServe hot.",
                "Comfort in a bowl.",
            ]
        );
        // Items that are the list's own keep their text as it is.
        let html = "<html><body><article><h1>Three more villages</h1><ol start=\"3\">\
            <li><h3>Spitz</h3><p>Vines in the middle of the village.</p></li>\
            <li><h3>Melk</h3><p>An abbey above the river.</p></li>\
            <li><h3>Krems</h3><p>The old town gate.</p></li></ol></article></body></html>";
        assert_eq!(
            descriptions(html),
            [
                "Vines in the middle of the village.",
                "An abbey above the river.",
                "The old town gate."
            ]
        );
    }

    /// A tight Markdown list of `N. **Name**: text` lines: the bold name is the title and the
    /// rest the description; a paragraph after the list, not indented under its last item, is
    /// the article's, while indented bullets under an item are that item's.
    #[test]
    fn a_tight_markdown_list_of_bold_names_ends_at_the_closing_paragraph() {
        let text = "Here are 4 tips:\n\n1. **Rest well**: Sleep eight hours.\n\
                    2. **Eat greens**: One plate a day.\n   - Spinach counts.\n\
                    3. **Walk**: Twenty minutes.\n4. __Read__: A chapter a night.\n\n\
                    In summary, start small.\n";
        assert_eq!(
            titles_and_descriptions(text),
            [
                ["Rest well", "Sleep eight hours."],
                ["Eat greens", "One plate a day.\nSpinach counts."],
                ["Walk", "Twenty minutes."],
                ["Read", "A chapter a night."],
            ]
        );
    }

    /// A year in brackets right after the bold name (`**Solaris** (1972)`) is the name's year,
    /// not the start of its description.
    #[test]
    fn a_year_after_a_bold_name_is_its_year() {
        let text = "Four films\n\n1. **Solaris** (1972)\n2. **Stalker** (1979) – Three men walk into \
                    the Zone.\n3. **Mirror** (1975): A memory piece.\n4. **Nostalghia** (1983)\n";
        let doc = crate::extract_str(text, None, "t", &crate::Options::default());
        let got = title_year_description(&doc);
        assert_eq!(
            got,
            [
                ("Solaris", Some(1972), None),
                ("Stalker", Some(1979), Some("Three men walk into the Zone.")),
                ("Mirror", Some(1975), Some("A memory piece.")),
                ("Nostalghia", Some(1983), None),
            ]
        );
    }

    /// A short line the page says three times or more, outside the items as well as in some
    /// of them ("Advertisement"), is not description; one that only items say (a type line,
    /// `Loop trail`) is theirs.
    #[test]
    fn a_line_the_page_repeats_outside_the_items_is_not_description() {
        let text = "Six Trails\n\nOur picks for the fall.\n\nAdvertisement\n\n\
                    1. Falcon Loop\n\nLoop trail\n\nA gentle walk.\n\nAdvertisement\n\n\
                    2. Lost Creek\n\nOut and back\n\nGranite domes.\n\n\
                    3. Guanella Pass\n\nLoop trail\n\nDense aspens.\n\nAdvertisement\n\n\
                    4. Kenosha Pass\n\nLoop trail\n\nMiles of color.\n\n\
                    5. Golden Gate\n\nOut and back\n\nQuiet paths.\n\n\
                    6. Maroon Bells\n\nOut and back\n\nFamous peaks.\n";
        assert_eq!(
            descriptions(text),
            [
                "Loop trail\n\nA gentle walk.",
                "Out and back\n\nGranite domes.",
                "Loop trail\n\nDense aspens.",
                "Loop trail\n\nMiles of color.",
                "Out and back\n\nQuiet paths.",
                "Out and back\n\nFamous peaks.",
            ]
        );
        // Links that say the same as an item's line (a menu) do not make it furniture.
        let mut text = String::from(
            "Five Shows\n\n[Netflix](https://e.com/n)\n\n[Netflix](https://e.com/m)\n\n",
        );
        for (k, n) in ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]
            .iter()
            .enumerate()
        {
            let on = if k < 2 { "\n\nNetflix" } else { "" };
            text.push_str(&format!("{}. {n}\n\n{n} is a show.{on}\n\n", k + 1));
        }
        assert_eq!(
            descriptions(&text)[..2],
            ["Alpha is a show.\n\nNetflix", "Beta is a show.\n\nNetflix"]
        );
    }

    /// `Best overall: Brindle Mini` headings name the item after the colon; `Pointe Light:
    /// granite and wind` headings before it. The items' own text says which, or else a word
    /// shared by the parts before the colon does.
    #[test]
    fn label_name_headings_name_the_item_after_the_colon() {
        let titles = |text: &str| -> Vec<String> {
            crate::extract_str(text, None, "t", &crate::Options::default())
                .records
                .into_iter()
                .map(|r| r.title)
                .collect()
        };
        let echoed = "# The 3 Best Kettles\n\nIntro.\n\n## Best overall: Brindle Mini\n\nThe Brindle Mini boils fast.\n\n## Best budget: Plume Basic\n\nThe Plume Basic is cheap.\n\n## Best for tea: Corra Neck\n\nThe Corra Neck pours well.\n";
        assert_eq!(
            titles(echoed),
            ["Brindle Mini", "Plume Basic", "Corra Neck"]
        );
        let silent = "# The 3 Best Kettles\n\nIntro.\n\n## Best overall: Brindle Mini\n\nIt boils fast.\n\n## Best budget: Plume Basic\n\nIt is cheap.\n\n## Best for tea: Corra Neck\n\nIt pours well.\n";
        assert_eq!(
            titles(silent),
            ["Brindle Mini", "Plume Basic", "Corra Neck"]
        );
        let names_first = "# 3 Lighthouses\n\nIntro.\n\n## Pointe Light: granite and wind\n\nPointe Light stands on rock.\n\n## Harrow Light: the striped one\n\nHarrow Light has red stripes.\n\n## Fen Light: a small tower\n\nFen Light is short.\n";
        assert_eq!(
            titles(names_first),
            ["Pointe Light", "Harrow Light", "Fen Light"]
        );
        // Numbered, the same when the text says so, and the whole heading otherwise.
        let number = |t: &str| {
            t.replacen("## Best overall", "## 1. Best overall", 1)
                .replacen("## Best budget", "## 2. Best budget", 1)
                .replacen("## Best for tea", "## 3. Best for tea", 1)
        };
        assert_eq!(
            titles(&number(echoed)),
            ["Brindle Mini", "Plume Basic", "Corra Neck"]
        );
        assert_eq!(
            titles(&number(silent)),
            [
                "Best overall: Brindle Mini",
                "Best budget: Plume Basic",
                "Best for tea: Corra Neck"
            ]
        );
    }

    /// A label heading over the name in a subheading (`## Best overall`, then `### Brindle
    /// Mini`) is titled by the subheading, which leaves the description; the heading stays as
    /// shown. A subheading that names a part of every item (`### Why go`) does not.
    #[test]
    fn a_label_heading_over_a_named_subheading_is_titled_by_the_name() {
        let page = |subs: [&str; 3]| {
            let items = [
                ("Best overall", "Brindle Mini"),
                ("Best budget", "Plume Basic"),
                ("Best for tea", "Corra Neck"),
            ];
            let mut md = String::from("# The 3 Best Kettles\n\nIntro.\n\n");
            for ((label, name), sub) in items.iter().zip(subs) {
                md += &format!(
                    "## {label}\n\n### {sub}\n\nThe {name} boils fast and pours well.\n\n"
                );
            }
            crate::extract_str(&md, None, "t", &crate::Options::default()).records
        };
        let records = page(["Brindle Mini", "Plume Basic", "Corra Neck"]);
        let got: Vec<(&str, &str, Option<&str>)> = records
            .iter()
            .map(|r| {
                (
                    r.title.as_str(),
                    r.heading.as_str(),
                    r.description.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Brindle Mini",
                    "Best overall",
                    Some("The Brindle Mini boils fast and pours well.")
                ),
                (
                    "Plume Basic",
                    "Best budget",
                    Some("The Plume Basic boils fast and pours well.")
                ),
                (
                    "Corra Neck",
                    "Best for tea",
                    Some("The Corra Neck boils fast and pours well.")
                ),
            ]
        );
        // The same subheading in every item, or subheadings the text does not name.
        for subs in [
            ["Why buy", "Why buy", "Why buy"],
            ["Steel", "Glass", "Copper"],
        ] {
            let titles: Vec<String> = page(subs).into_iter().map(|r| r.title).collect();
            assert_eq!(
                titles,
                ["Best overall", "Best budget", "Best for tea"],
                "{subs:?}"
            );
        }
    }

    /// A short line that ends an item with a colon introduces something that is not there:
    /// it leaves the description (a colon inside the text stays).
    #[test]
    fn a_dangling_colon_line_ends_no_description() {
        let text = "3 Games\n\n1. Alpha\n\nA space game.\n\nHe said:\n\nIt is the best.\n\n2. Beta\n\nA racing game.\n\n3. Gamma\n\nA puzzle game.\n\nMore games news:\n";
        let doc = crate::extract_str(text, None, "t", &crate::Options::default());
        let got: Vec<Option<&str>> = doc
            .records
            .iter()
            .map(|r| r.description.as_deref())
            .collect();
        assert_eq!(
            got,
            vec![
                Some("A space game.\n\nHe said:\n\nIt is the best."),
                Some("A racing game."),
                Some("A puzzle game."),
            ]
        );
    }

    /// A figure's caption of a few words ("Photo iStock") is a credit, not description; a
    /// caption that is a sentence stays.
    #[test]
    fn short_figure_captions_are_credits() {
        let item = |n: &str| {
            format!(
                "<h2>{n}</h2><p>The {n} trail has a view at the top.</p><figure><img src='{n}.jpg'><figcaption>Photo Ana Berg/{n}</figcaption></figure><figure><img src='b.jpg'><figcaption>The view from {n} on a clear day.</figcaption></figure>"
            )
        };
        let html = format!(
            "<html><head><title>3 Trails Near Town</title></head><body><article><h1>3 Trails Near Town</h1><p>Our favourite walks.</p>{}{}{}</article></body></html>",
            item("Royal Arch"),
            item("Sanitas"),
            item("Chautauqua")
        );
        let doc = crate::extract_str(&html, None, "t", &crate::Options::default());
        assert_eq!(doc.records.len(), 3);
        for r in &doc.records {
            let n = &r.title;
            assert_eq!(
                r.description,
                Some(format!(
                    "The {n} trail has a view at the top.\n\nThe view from {n} on a clear day."
                ))
            );
        }
    }

    /// A short description set beside the item's image, in the same wrapper, is not a
    /// figure's credit: only a `<figcaption>` is (`<div><img><p>Tart skin</p></div>` stays).
    #[test]
    fn a_short_description_beside_an_image_stays() {
        let items = [
            ("Apple", "Crisp and sweet"),
            ("Pear", "Soft and juicy"),
            ("Plum", "Tart skin"),
        ];
        let body: String = items
            .iter()
            .enumerate()
            .map(|(i, (n, d))| {
                format!(
                    "<h2>{}. {n}</h2><div><img src='{n}.jpg'><p>{d}</p></div>",
                    i + 1
                )
            })
            .collect();
        let html = format!(
            "<html><head><title>3 Fruits to Try</title></head><body><article><h1>3 Fruits to Try</h1><p>Our picks.</p>{body}</article></body></html>"
        );
        let doc = crate::extract_str(&html, None, "t", &crate::Options::default());
        let got: Vec<_> = doc
            .records
            .iter()
            .map(|r| (r.title.as_str(), r.description.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(got, items);
    }

    /// A two-cell table row inside an item (`<tr><th>Distance</th><td>3.4 miles</td></tr>`)
    /// is a field, never a link caption.
    #[test]
    fn key_value_rows_inside_items_are_fields() {
        let item = |n: &str, d: &str, l: &str| {
            format!(
                "<h2>{n}</h2><table><tr><th>Distance</th><td>{d}</td></tr><tr><th>Difficulty</th><td>{l}</td></tr></table><p>A trail with a view at the top and shade most of the way.</p>"
            )
        };
        let html = format!(
            "<html><head><title>3 Trails Near Town</title></head><body><article><h1>3 Trails Near Town</h1><p>Our favourite walks.</p>{}{}{}</article></body></html>",
            item("Royal Arch", "3.4 miles", "Hard"),
            item("Sanitas", "3.1 miles", "Moderate"),
            item("Chautauqua", "2.0 miles", "Easy")
        );
        let doc = crate::extract_str(&html, None, "t", &crate::Options::default());
        assert_eq!(
            raw_fields(&doc),
            vec![
                serde_json::json!({"distance": "3.4 miles", "difficulty": "Hard"}),
                serde_json::json!({"distance": "3.1 miles", "difficulty": "Moderate"}),
                serde_json::json!({"distance": "2.0 miles", "difficulty": "Easy"}),
            ]
        );
        assert!(doc.records.iter().all(|r| r.links.is_empty()));
    }

    /// One-line items written `Name - what it is`: the name is the title and the rest the
    /// description, when most items are written so (and only for a lower-case description).
    #[test]
    fn one_line_items_split_at_the_dash() {
        let text = "4 Podcasts for Drives\n\n1. Slow Roads - a travel show about back roads\n2. Night Shift - stories from people who work nights\n3. The Map Room - cartographers explain one map each week\n4. Star Wars - The Last Jedi\n";
        let doc = crate::extract_str(text, None, "t", &crate::Options::default());
        let got: Vec<(&str, Option<&str>)> = doc
            .records
            .iter()
            .map(|r| (r.title.as_str(), r.description.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Slow Roads", Some("a travel show about back roads")),
                ("Night Shift", Some("stories from people who work nights")),
                (
                    "The Map Room",
                    Some("cartographers explain one map each week")
                ),
                ("Star Wars - The Last Jedi", None),
            ]
        );
        // A description in capitals after a name that ends in its year, or one that is a
        // sentence of six words or more; the year goes to `year`.
        let text = "4 Films for Long Trips\n\n1. Paris, Texas (1984) - A man walks out of the desert\n\
                    2. Nebraska - A father and son cross the plains to claim a prize.\n\
                    3. Wild (2014) - One woman walks the whole Pacific Crest Trail\n\
                    4. Star Wars - The Last Jedi\n";
        let doc = crate::extract_str(text, None, "t", &crate::Options::default());
        let got = title_year_description(&doc);
        assert_eq!(
            got,
            vec![
                (
                    "Paris, Texas",
                    Some(1984),
                    Some("A man walks out of the desert")
                ),
                (
                    "Nebraska",
                    None,
                    Some("A father and son cross the plains to claim a prize.")
                ),
                (
                    "Wild",
                    Some(2014),
                    Some("One woman walks the whole Pacific Crest Trail")
                ),
                ("Star Wars - The Last Jedi", None, None),
            ]
        );
        // One item of four written so is not enough.
        let text = "4 Films\n\n1. Slow Roads - a travel show about back roads\n2. Night Shift\n3. The Map Room\n4. Star Wars - The Last Jedi\n";
        let doc = crate::extract_str(text, None, "t", &crate::Options::default());
        assert_eq!(
            doc.records[0].title,
            "Slow Roads - a travel show about back roads"
        );
        // Once most items are written so, a short description in capitals that ends a
        // sentence is one too; one that ends none is still part of the name.
        let text = "6 Podcasts for Runners

1. Slow Roads - long chats about distance running
                    2. Pace Notes - weekly tips from a coach
                    3. Trail Mix - stories from the mountains
                    4. Splits - a data nerd reads race results
                    5. The Long Run - Interviews with marathoners.
                    6. Star Wars - The Last Jedi
";
        let doc = crate::extract_str(text, None, "t", &crate::Options::default());
        let got: Vec<(&str, Option<&str>)> = doc.records[4..]
            .iter()
            .map(|r| (r.title.as_str(), r.description.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("The Long Run", Some("Interviews with marathoners.")),
                ("Star Wars - The Last Jedi", None)
            ]
        );
    }

    /// One-line items written `Name: what it is`: the name is the title and the rest the
    /// description, when most items are written so; not in items with text under their line
    /// (a heading line keeps its whole `Name: tagline`), nor past a name of seven words or
    /// one with a sentence ending in it.
    #[test]
    fn one_line_items_split_at_the_colon() {
        let read = |text: &str| -> Vec<(String, Option<String>)> {
            let doc = crate::extract_str(text, None, "t", &crate::Options::default());
            doc.records
                .iter()
                .map(|r| (r.title.clone(), r.description.clone()))
                .collect()
        };
        let pair = |t: &str, d: Option<&str>| (t.to_string(), d.map(str::to_string));
        let text = "4 Ways to Save\n\n1. Plan meals: Decide the dinners before you shop.\n\
                    2. Buy store brands: They come from the same factories.\n\
                    3. Monthly: – Pay the bills that come once a month.\n\
                    4. Tip one. Then more: words that follow the colon here\n";
        assert_eq!(
            read(text),
            vec![
                pair("Plan meals", Some("Decide the dinners before you shop.")),
                pair(
                    "Buy store brands",
                    Some("They come from the same factories.")
                ),
                pair("Monthly", Some("Pay the bills that come once a month.")),
                pair("Tip one. Then more: words that follow the colon here", None),
            ]
        );
        // Two items of four written so are not enough.
        let text = "4 Ways to Save\n\n1. Plan meals: Decide the dinners before you shop.\n\
                    2. Buy store brands: They come from the same factories.\n\
                    3. Shop the season\n4. Use a list\n";
        assert_eq!(
            read(text)[0].0,
            "Plan meals: Decide the dinners before you shop"
        );
        // A line with text under it (a heading line) is not split at its colon: the
        // `Name: tagline` rules for headings read it.
        let entry = |body: std::ops::Range<usize>| crate::segment::Entry {
            head: 0,
            body,
            rank: None,
            heading: "Nike: The Innovator of Footwear".into(),
            inline: true,
            media: None,
            section: None,
        };
        assert_eq!(
            super::NameSplit::Colon.split(&entry(1..1), false),
            Some((4, 6))
        );
        assert_eq!(super::NameSplit::Colon.split(&entry(1..2), false), None);
    }

    /// A Markdown table is read as a page's table is: a row an item, the rank from its first
    /// cell, the name from the next, and the other cells fields named by the header row.
    #[test]
    fn a_markdown_table_gives_a_record_a_row() {
        let text = "# 3 Cheap Laptops\n\n| Rank | Laptop | Price | Battery |\n|---|---|---|---|\n\
                    | 1 | Aero 14 | $499 | 10 h |\n| 2 | Bolt Book | $549 | 12 h |\n\
                    | 3 | Carbon Air | $599 | 9 h |\n\nAll three are good value for a student, \
                    and we would buy any of them this autumn.\n";
        let doc = crate::extract_str(text, None, "t", &crate::Options::default());
        let got: Vec<(Option<i64>, &str, serde_json::Value)> = doc
            .records
            .iter()
            .map(|r| (r.rank, r.title.as_str(), serde_json::json!(r.fields)))
            .collect();
        // The paragraph after the table is no row's description.
        assert!(doc.records.iter().all(|r| r.description.is_none()));
        let price = |v: u32| serde_json::json!({"value": v, "currency": "USD"});
        assert_eq!(
            got,
            [
                (
                    Some(1),
                    "Aero 14",
                    serde_json::json!({"price": price(499), "battery": "10 h"})
                ),
                (
                    Some(2),
                    "Bolt Book",
                    serde_json::json!({"price": price(549), "battery": "12 h"})
                ),
                (
                    Some(3),
                    "Carbon Air",
                    serde_json::json!({"price": price(599), "battery": "9 h"})
                ),
            ]
        );
    }

    /// Labelled bullets with blank lines between them (a loose list) are a run of labelled
    /// lines: a label only one item has, with a sentence for its value, is a field there too.
    #[test]
    fn labelled_bullets_of_a_loose_list_are_a_run_of_fields() {
        let item = |n: usize, name: &str, extra: &str| {
            format!(
                "{n}. {name}\n\n{name} measures the body in a few minutes.\n\n\
                 - Speed: Fast.\n\n{extra}- Noise: Quiet.\n\n"
            )
        };
        let text = format!(
            "Three ways to measure\n\n{}{}{}",
            item(1, "Calipers", ""),
            item(
                2,
                "Scales",
                "- Where to buy: Most shops sell one, and the dearer ones read more closely.\n\n"
            ),
            item(3, "Tape", ""),
        );
        let doc = crate::extract_str(&text, None, "t", &crate::Options::default());
        assert_eq!(
            raw_fields(&doc),
            vec![
                serde_json::json!({"speed": "Fast.", "noise": "Quiet."}),
                serde_json::json!({
                    "speed": "Fast.",
                    "where_to_buy": "Most shops sell one, and the dearer ones read more closely.",
                    "noise": "Quiet."
                }),
                serde_json::json!({"speed": "Fast.", "noise": "Quiet."}),
            ]
        );
    }

    /// `Price: $149 | Rating: 4.5/5` is two fields; a bar followed by something that is not a
    /// label stays in the value.
    #[test]
    fn several_fields_on_one_line() {
        let text = "Top 3 Grinders\n\n1. Burr Pro\nPrice: $149 | Rating: 4.5/5\nQuiet and even.\n\n2. Mill One\nPrice: $89 | Rating: 4/5\nFits in a bag.\n\n3. Basic Blade\nPrice: $25 | $20 on sale\nFor the occasional cup.\n";
        let doc = crate::extract_str(text, None, "t", &crate::Options::default());
        assert_eq!(
            raw_fields(&doc),
            vec![
                serde_json::json!({"price": "$149", "rating": "4.5/5"}),
                serde_json::json!({"price": "$89", "rating": "4/5"}),
                serde_json::json!({"price": "$25 | $20 on sale"}),
            ]
        );
        assert!(
            doc.records
                .iter()
                .all(|r| r.links.is_empty() && r.alt_title.is_none())
        );
    }

    /// A lone label over bullets ("Pros:") takes the bullets as its value, a list, and they
    /// leave the description.
    #[test]
    fn a_lone_label_over_bullets_is_a_list_field() {
        let text = "# 3 Tents for Two\n\n## 1. Ridge Lite\n\nLight and quick to pitch, with two doors.\nBest of all: it is lighter than most tents of this size, by far.\n**Pros:**\n- Light\n- Two doors\n\n**Cons:**\n- Pricey\n\n## 2. Dune Dome\n\nRoomy enough for two with gear inside.\n\n**Pros:**\n- Roomy\n\n**Cons:**\n- Heavy\n- Slow to pitch\n\n## 3. Fern Pop\n\nIt pops open in seconds.\n\n**Pros:**\n- Instant\n\n**Cons:**\n- Bulky to carry\n";
        let doc = crate::extract_str(text, None, "t", &crate::Options::default());
        use serde_json::Value;
        let got: Vec<(String, Option<String>, Value)> = doc
            .records
            .iter()
            .map(|r| {
                (
                    r.title.clone(),
                    r.description.clone(),
                    Value::Object(r.fields.clone()),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "Ridge Lite".into(),
                    // A sentence with a colon next to a lone label is text, not a field.
                    Some("Light and quick to pitch, with two doors.\nBest of all: it is lighter than most tents of this size, by far.".into()),
                    serde_json::json!({"pros": ["Light", "Two doors"], "cons": ["Pricey"]})
                ),
                (
                    "Dune Dome".into(),
                    Some("Roomy enough for two with gear inside.".into()),
                    serde_json::json!({"pros": ["Roomy"], "cons": ["Heavy", "Slow to pitch"]})
                ),
                (
                    "Fern Pop".into(),
                    Some("It pops open in seconds.".into()),
                    serde_json::json!({"pros": ["Instant"], "cons": ["Bulky to carry"]})
                ),
            ]
        );
    }

    /// A label that an item gives twice keeps both values, in order, as a list: the second
    /// line does not replace the first.
    #[test]
    fn a_label_given_twice_keeps_both_values() {
        let text = "# 3 Cafes\n\n## 1. Alder\n\nGood coffee.\n\nPrice: $5 small\nPrice: $9 large\nHours: 8-5\n\n## 2. Birch\n\nGood tea.\n\nPrice: $4 | Hours: 7-3\nHours: 9-1 on Sundays\n\n## 3. Cedar\n\nGood cake.\n\nPrice: $6\nHours: 9-6\n";
        let doc = crate::extract_str(text, None, "t", &crate::Options::default());
        let got: Vec<serde_json::Value> = doc
            .records
            .iter()
            .map(|r| serde_json::Value::Object(r.raw_fields.clone()))
            .collect();
        assert_eq!(
            got,
            [
                serde_json::json!({"price": ["$5 small", "$9 large"], "hours": "8-5"}),
                serde_json::json!({"price": "$4", "hours": ["7-3", "9-1 on Sundays"]}),
                serde_json::json!({"price": "$6", "hours": "9-6"}),
            ]
        );
    }

    /// A table in an item whose header row is all labels (`Pros | Cons`) is read by its
    /// columns: each column is a list field, one value a cell or a line of a cell. Its header
    /// row is never a `Label | value` field. When a row has another number of cells, the
    /// table is text of the description, with no field from it.
    #[test]
    fn a_table_with_a_header_row_gives_a_field_a_column() {
        let page = |tables: [&str; 3]| {
            let mut html = String::from("<html><head><title>3 Packs</title></head><body>");
            for (i, t) in tables.iter().enumerate() {
                html.push_str(&format!(
                    "<h2>{}. Pack {i}</h2><p>A pack for trip {i}.</p><table>{t}</table>",
                    i + 1
                ));
            }
            crate::extract_str(&html, None, "t", &crate::Options::default())
                .records
                .into_iter()
                .map(|r| {
                    (
                        serde_json::Value::Object(r.raw_fields),
                        r.description.unwrap(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let head = "<tr><th>Pros</th><th>Cons</th></tr>";
        let got = page([
            &format!("{head}<tr><td><ul><li>Light</li><li>Cheap</li></ul></td><td>Small</td></tr>"),
            &format!("{head}<tr><td>Roomy</td><td>Heavy<br>Dear</td></tr>"),
            &format!(
                "{head}<tr><td>Tiny</td><td>Holds little</td></tr><tr><td>Fast</td><td></td></tr>"
            ),
        ]);
        assert_eq!(
            got,
            [
                (
                    serde_json::json!({"pros": ["Light", "Cheap"], "cons": ["Small"]}),
                    "A pack for trip 0.".to_string()
                ),
                (
                    serde_json::json!({"pros": ["Roomy"], "cons": ["Heavy", "Dear"]}),
                    "A pack for trip 1.".to_string()
                ),
                (
                    serde_json::json!({"pros": ["Tiny", "Fast"], "cons": ["Holds little"]}),
                    "A pack for trip 2.".to_string()
                ),
            ]
        );
        // A line with a column's label before the table heads that column's list.
        let got = page([
            &format!("{head}<tr><td>Light</td><td>Small</td></tr>"),
            &format!(
                "</table><p>Pros: folds flat</p><table>{head}<tr><td>Roomy</td><td>Heavy</td></tr>"
            ),
            &format!("{head}<tr><td>Tiny</td><td>Slow</td></tr>"),
        ]);
        assert_eq!(
            got[1].0,
            serde_json::json!({"pros": ["folds flat", "Roomy"], "cons": ["Heavy"]}),
            "{got:?}"
        );
        // A row of three cells under a header of two: text, and no field (the header row,
        // the same in every item, is furniture as any repeated line is).
        let odd = |n: &str| format!("{head}<tr><td>{n}</td><td>Slow</td><td>x</td></tr>");
        let got = page([&odd("Tiny"), &odd("Big"), &odd("Odd")]);
        assert_eq!(
            got[0],
            (
                serde_json::json!({}),
                "A pack for trip 0.\n\nTiny | Slow | x".to_string()
            )
        );
    }

    /// The price at the end of a heading: in brackets, or after a comma, a spaced dash or
    /// `for`; a number with no currency, a year, or words after the price are none.
    #[test]
    fn heading_prices() {
        let cases = [
            ("Sony WH-1000XM5 ($348)", Some("$348")),
            ("Wrap blouse, Net-A-Porter, $89.50", Some("$89.50")),
            ("Echo Dot with clock for $45", Some("$45")),
            ("Kindle – 89,99 €", Some("89,99 €")),
            ("Mittens - USD 30", Some("USD 30")),
            ("Heat (1995)", None),
            ("Route 66, 2,448 miles", None),
            ("Apple AirPods Pro for $235 at Amazon", None),
            ("$45", None),
            ("Thermos (green)", None),
        ];
        for (h, want) in cases {
            assert_eq!(super::heading_price(h), want, "{h}");
        }
    }

    /// When most headings end in a price, each such heading gives the item's `price` (the
    /// title keeps the heading as shown); a `Price:` line of the item comes first. When
    /// fewer than two in three headings do, none does.
    #[test]
    fn prices_at_the_end_of_most_headings_are_fields() {
        let page = |heads: [&str; 3], extra: &str| {
            let mut html = String::from("<html><head><title>3 Gifts</title></head><body>");
            for (i, h) in heads.iter().enumerate() {
                html.push_str(&format!(
                    "<h2>{}. {h}</h2><p>A gift for friend {i}.</p>",
                    i + 1
                ));
                if i == 1 {
                    html.push_str(extra);
                }
            }
            crate::extract_str(&html, None, "t", &crate::Options::default())
                .records
                .into_iter()
                .map(|r| (r.title, serde_json::Value::Object(r.raw_fields)))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            page(
                ["Wool socks, $8", "Mug for $12", "Scarf (€30)"],
                "<p>Price: $10 on sale</p>"
            ),
            [
                (
                    "Wool socks, $8".to_string(),
                    serde_json::json!({"price": "$8"})
                ),
                (
                    "Mug for $12".to_string(),
                    serde_json::json!({"price": "$10 on sale"})
                ),
                (
                    "Scarf (€30)".to_string(),
                    serde_json::json!({"price": "€30"})
                ),
            ]
        );
        let got = page(["Wool socks, $8", "Mug", "Scarf"], "");
        assert!(
            got.iter().all(|(_, f)| f == &serde_json::json!({})),
            "{got:?}"
        );
    }

    /// A table of facts under a header row (`Specification | Details`, then `Weight | 1.2 kg`
    /// rows), whose labels come again in other items' tables, is read a row a field; a
    /// `Pros | Cons` table, whose cells are each item's own, is read by its columns.
    #[test]
    fn tables_of_facts_are_read_a_row_a_field() {
        let page = |header: &str, rows: [[(&str, &str); 2]; 3]| {
            let mut html = String::from("<html><head><title>3 Laptops</title></head><body>");
            for (i, (rows, what)) in rows.iter().zip(["Fast.", "Light.", "Cheap."]).enumerate() {
                let rows: String = rows
                    .iter()
                    .map(|(a, b)| format!("<tr><td>{a}</td><td>{b}</td></tr>"))
                    .collect();
                html.push_str(&format!(
                    "<h2>{}. Laptop {i}</h2><p>{what}</p><table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>",
                    i + 1
                ));
            }
            crate::extract_str(&html, None, "t", &crate::Options::default())
                .records
                .into_iter()
                .map(|r| serde_json::Value::Object(r.raw_fields))
                .collect::<Vec<_>>()
        };
        let specs = "<th>Specification</th><th>Details</th>";
        let got = page(
            specs,
            [
                [("Weight", "1.2 kg"), ("Battery", "12 hours")],
                [("Weight", "1.6 kg"), ("Battery", "9 hours")],
                [("Weight", "1.1 kg"), ("Screen", "13.3 in")],
            ],
        );
        assert_eq!(
            got,
            [
                serde_json::json!({"weight": "1.2 kg", "battery": "12 hours"}),
                serde_json::json!({"weight": "1.6 kg", "battery": "9 hours"}),
                serde_json::json!({"weight": "1.1 kg", "screen": "13.3 in"}),
            ]
        );
        let got = page(
            "<th>Pros</th><th>Cons</th>",
            [
                [("Fast", "Loud"), ("Bright screen", "Heavy")],
                [("Light", "Dim"), ("Quiet", "Few ports")],
                [("Cheap", "Slow"), ("Long battery", "Plastic")],
            ],
        );
        assert_eq!(
            got[0],
            serde_json::json!({"pros": ["Fast", "Bright screen"], "cons": ["Loud", "Heavy"]})
        );
    }

    /// A line that is a price, alone or with where it is sold: the price and the shop.
    #[test]
    fn price_lines() {
        let cases = [
            ("$49.99", Some(("$49.99", ""))),
            ("$3.00 from AmazonSHOP", Some(("$3.00", "AmazonSHOP"))),
            ("£12 at Boots", Some(("£12", "Boots"))),
            ("19,99 € on Otto", Some(("19,99 €", "Otto"))),
            ("$79 at the shop", None),
            ("Opened in 1998 at Harbour Street", None),
            ("2,448 miles", None),
            ("$5 small, $9 large", None),
        ];
        for (t, want) in cases {
            assert_eq!(super::price_line(t), want, "{t}");
        }
    }

    /// When most items have a line that is a price (`$3.00 from Amazon`), that price is the
    /// item's `price`; the line leaves the description when its shop is its link, and stays
    /// when the shop is plain text. A `Price:` line of the item comes first; in one item of
    /// three, a price line is text.
    #[test]
    fn price_lines_in_most_items_are_prices() {
        let page = |lines: [&str; 3]| {
            let mut html = String::from("<html><head><title>3 Snacks</title></head><body>");
            for (i, (l, what)) in lines
                .iter()
                .zip(["Crunchy.", "Salty.", "Sweet."])
                .enumerate()
            {
                html.push_str(&format!("<h2>{}. Snack {i}</h2><p>{what}</p>{l}", i + 1));
            }
            crate::extract_str(&html, None, "t", &crate::Options::default())
                .records
                .into_iter()
                .map(|r| {
                    let price = r.raw_fields.get("price").cloned();
                    (price, r.description.unwrap_or_default())
                })
                .collect::<Vec<_>>()
        };
        let s = |t: &str| Some(serde_json::Value::String(t.into()));
        assert_eq!(
            page([
                "<p>$3.00 from <a href=\"https://shop.example/a\">Amazon</a></p>",
                "<p>Price: $5 a bag</p><p>$4.00 at Corner Shop</p>",
                "<p>£7 at Corner Shop</p>",
            ]),
            [
                (s("$3.00"), "Crunchy.".to_string()),
                (s("$5 a bag"), "Salty.\n\n$4.00 at Corner Shop".to_string()),
                (s("£7"), "Sweet.\n\n£7 at Corner Shop".to_string()),
            ]
        );
        let got = page(["<p>$3.00 at Corner Shop</p>", "", ""]);
        assert_eq!(
            got[0],
            (None, "Crunchy.\n\n$3.00 at Corner Shop".to_string())
        );
    }

    /// A heading or a bold line with no colon over bullets (`### Pros`, `<p><strong>Cons
    /// </strong></p>`), said in two entries or more, names the list: the bullets are its value
    /// and leave the description. Said in one entry only, it is text; over labelled lines
    /// (`Weight: 2 kg`) it names nothing, and the lines are fields of their own.
    #[test]
    fn a_repeated_label_heading_over_bullets_is_a_list_field() {
        let fields = |input: &str| -> Vec<(String, serde_json::Value, Option<String>)> {
            crate::extract_str(input, None, "t", &crate::Options::default())
                .records
                .into_iter()
                .map(|r| {
                    (
                        r.title,
                        serde_json::Value::Object(r.raw_fields),
                        r.description,
                    )
                })
                .collect()
        };
        let md = "# 3 Packs\n\n## 1. Ridge\n\nA light pack.\n\n### Pros\n\n- Light\n- Cheap\n\n### Cons\n\n- Small\n\n## 2. Dune\n\nA big pack.\n\n### Pros\n\n- Roomy\n\n### Cons\n\n- Heavy\n- Dear\n\n## 3. Fern\n\nA sling.\n\n### What it holds\n\n- A phone\n- Keys\n";
        let want = |third: serde_json::Value, third_desc: &str| {
            vec![
                (
                    "Ridge".to_string(),
                    serde_json::json!({"pros": ["Light", "Cheap"], "cons": ["Small"]}),
                    Some("A light pack.".to_string()),
                ),
                (
                    "Dune".to_string(),
                    serde_json::json!({"pros": ["Roomy"], "cons": ["Heavy", "Dear"]}),
                    Some("A big pack.".to_string()),
                ),
                ("Fern".to_string(), third, Some(third_desc.to_string())),
            ]
        };
        // `What it holds` is in one entry of three: a subheading of the text.
        assert_eq!(
            fields(md),
            want(
                serde_json::json!({}),
                "A sling.\n\nWhat it holds\n\nA phone\nKeys"
            )
        );
        let mut html = String::from("<html><head><title>3 Packs</title></head><body>");
        for (i, (n, d, pros, cons)) in [
            (
                "Ridge",
                "A light pack.",
                "<li>Light</li><li>Cheap</li>",
                "<li>Small</li>",
            ),
            (
                "Dune",
                "A big pack.",
                "<li>Roomy</li>",
                "<li>Heavy</li><li>Dear</li>",
            ),
            ("Fern", "A sling.", "<li>Tiny</li>", "<li>Holds little</li>"),
        ]
        .iter()
        .enumerate()
        {
            html.push_str(&format!(
                "<h2>{}. {n}</h2><p>{d}</p><h3>Pros</h3><ul>{pros}</ul>\
                 <p><strong>Cons</strong></p><ul>{cons}</ul>",
                i + 1
            ));
        }
        assert_eq!(
            fields(&html),
            want(
                serde_json::json!({"pros": ["Tiny"], "cons": ["Holds little"]}),
                "A sling."
            )
        );
        // Over labelled lines, the lines are the fields.
        let specs = "# 3 Packs\n\n## 1. Ridge\n\nA light pack.\n\n### Specs\n\n- Weight: 2 kg\n\n## 2. Dune\n\nA big pack.\n\n### Specs\n\n- Weight: 3 kg\n\n## 3. Fern\n\nA sling.\n\n### Specs\n\n- Weight: 1 kg\n";
        let got = fields(specs);
        assert_eq!(got[0].1, serde_json::json!({"weight": "2 kg"}));
        assert_eq!(got[2].1, serde_json::json!({"weight": "1 kg"}));
    }

    #[test]
    fn paragraphs_repeated_in_most_entries_are_not_description() {
        let mut html = String::from("<html><head><title>4 Things</title></head><body>");
        for (i, n) in ["Alpha", "Beta", "Gamma", "Delta"].iter().enumerate() {
            html.push_str(&format!(
                "<h2>{}. {n}</h2><p>Share this with your friends!</p><p>About {n} alone.</p>",
                i + 1
            ));
        }
        html.push_str("</body></html>");
        assert_eq!(
            descriptions(&html),
            [
                "About Alpha alone.",
                "About Beta alone.",
                "About Gamma alone.",
                "About Delta alone."
            ]
        );
    }

    #[test]
    fn subheadings_and_lone_empty_labels_are_not_fields() {
        let mut html = String::from("<html><head><title>4 Things</title></head><body>");
        for (i, n) in ["Alpha", "Beta", "Gamma", "Delta"].iter().enumerate() {
            html.push_str(&format!(
                "<h2>{}. {n}</h2><p>Price: $5</p><p>{n} is a fine thing to own.</p>\
                 <h3>{n}: what sets it apart</h3><p>It lasts for years.</p>",
                i + 1
            ));
            if i == 1 {
                html.push_str("<p>Key features of Beta:</p><ul><li>light</li><li>cheap</li></ul>");
            }
        }
        html.push_str("</body></html>");
        let doc = crate::extract_str(&html, None, "t", &crate::Options::default());
        for r in &doc.records {
            assert_eq!(
                r.raw_fields,
                serde_json::json!({"price": "$5"})
                    .as_object()
                    .cloned()
                    .unwrap()
            );
        }
    }

    #[test]
    fn an_image_before_each_heading_belongs_to_the_item_it_introduces() {
        let mut html = String::from("<html><head><title>4 Things</title></head><body>");
        for (i, n) in ["Alpha", "Beta", "Gamma", "Delta"].iter().enumerate() {
            html.push_str(&format!(
                "<figure><img src='https://e.com/{n}.jpg'><figcaption>{n} photo</figcaption></figure>\
                 <h2>{}. {n}</h2><p>{n} is a fine thing to own.</p>",
                i + 1
            ));
        }
        html.push_str("</body></html>");
        let doc = crate::extract_str(&html, None, "t", &crate::Options::default());
        let got: Vec<(&str, &str)> = doc
            .records
            .iter()
            .map(|r| {
                (
                    r.image.as_ref().unwrap().src.as_str(),
                    r.description.as_deref().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("https://e.com/Alpha.jpg", "Alpha is a fine thing to own."),
                ("https://e.com/Beta.jpg", "Beta is a fine thing to own."),
                ("https://e.com/Gamma.jpg", "Gamma is a fine thing to own."),
                ("https://e.com/Delta.jpg", "Delta is a fine thing to own."),
            ]
        );
    }

    #[test]
    fn short_items_among_long_paragraphs_are_titled_by_their_first_sentence_too() {
        const MORE: &str = "The rest of the paragraph goes on about it at length, with \
            quotes from the people involved and what happens next, far past any heading.";
        let long = |n: usize| format!("{n}. Story {n} is the news today. {MORE}\n\n");
        let mut text = String::from("Five things today\n\n");
        for n in 1..=3 {
            text.push_str(&long(n));
        }
        text.push_str("4. The library opens late. It stays open until nine.\n\n");
        text.push_str("5. Family. Family. Family. Enough said.\n\n");
        assert_eq!(
            titles_and_descriptions(&text),
            [
                ["Story 1 is the news today", MORE],
                ["Story 2 is the news today", MORE],
                ["Story 3 is the news today", MORE],
                ["The library opens late", "It stays open until nine."],
                // A cut would leave two words: the short item is its title in full.
                ["Family. Family. Family. Enough said", ""],
            ]
        );
        // In a list of short items, each is its title whole.
        let short = "Three tips\n\n1. Go early. Crowds build by noon.\n\n\
                     2. Bring water. The trail has no tap.\n\n3. Stay late. Sunsets are best.\n";
        let doc = crate::extract_str(short, None, "t", &crate::Options::default());
        let titles: Vec<&str> = doc.records.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Go early. Crowds build by noon",
                "Bring water. The trail has no tap",
                "Stay late. Sunsets are best"
            ]
        );
    }

    #[test]
    fn captions_before_each_heading_belong_to_the_item_they_introduce() {
        // Figures whose images did not load (only their captions are left), each a caption
        // sentence and a credit, before every heading; then a closing paragraph.
        let mut html = String::from("<html><head><title>4 Things</title></head><body><article>");
        for (i, n) in ["Alpha", "Beta", "Gamma", "Delta"].iter().enumerate() {
            html.push_str(&format!(
                "<figure><figcaption>The {n} on a desk.</figcaption></figure>\
                 <figure><figcaption>Jane Roe/Example</figcaption></figure>\
                 <h2>{}. {n}</h2><p>{n} is a fine thing to own.</p>",
                i + 1
            ));
        }
        html.push_str("<p>That is all for this year: tell us which one you liked.</p>");
        html.push_str("</article></body></html>");
        assert_eq!(
            descriptions(&html),
            [
                "Alpha is a fine thing to own.",
                "Beta is a fine thing to own.",
                "Gamma is a fine thing to own.",
                "Delta is a fine thing to own.",
            ]
        );
    }

    #[test]
    fn an_image_after_each_heading_stays_with_its_item() {
        let mut html = String::from("<html><head><title>4 Things</title></head><body>");
        for (i, n) in ["Alpha", "Beta", "Gamma", "Delta"].iter().enumerate() {
            html.push_str(&format!(
                "<h2>{}. {n}</h2><p>{n} is a fine thing to own.</p>\
                 <figure><img src='https://e.com/{n}.jpg'><figcaption>{n} photo</figcaption></figure>",
                i + 1
            ));
        }
        html.push_str("</body></html>");
        let doc = crate::extract_str(&html, None, "t", &crate::Options::default());
        let got: Vec<&str> = doc
            .records
            .iter()
            .map(|r| r.image.as_ref().unwrap().src.as_str())
            .collect();
        assert_eq!(
            got,
            [
                "https://e.com/Alpha.jpg",
                "https://e.com/Beta.jpg",
                "https://e.com/Gamma.jpg",
                "https://e.com/Delta.jpg"
            ]
        );
    }

    #[test]
    fn a_short_all_link_block_is_a_link_not_description() {
        let text = "3 Things\n\n1. Alpha\nAlpha is good.\n[Shop now](https://shop.example/a)\n\n\
                    2. Beta\nBeta is good.\n[Buy it](https://shop.example/b)\n\n\
                    3. Gamma\nGamma is good.\n[See the maker's own page](https://shop.example/c)\n";
        let doc = crate::extract_str(text, None, "t", &crate::Options::default());
        let got: Vec<(Option<&str>, Option<&str>)> = doc
            .records
            .iter()
            .map(|r| (r.description.as_deref(), r.links[0].href.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("Alpha is good."), Some("https://shop.example/a")),
                (Some("Beta is good."), Some("https://shop.example/b")),
                // Five words: a sentence of its own, kept.
                (
                    Some("Gamma is good.\nSee the maker's own page"),
                    Some("https://shop.example/c")
                ),
            ]
        );
    }

    /// The records of a Markdown article whose items are `## N. heading` sections with a
    /// paragraph each.
    fn numbered_md(heads: &[&str]) -> Vec<crate::record::Record> {
        let mut t = String::from("# Some things\n\nIntro.\n\n");
        for (k, h) in heads.iter().enumerate() {
            t += &format!("## {}. {h}\n\nA paragraph about it.\n\n", k + 1);
        }
        crate::extract_str(&t, None, "t", &crate::Options::default()).records
    }

    /// A title keeps the stop of an abbreviation (`Biscuit Co.`) in a list of names, and loses
    /// a sentence's stop in a list of sentences, however its last word looks.
    #[test]
    fn an_abbreviation_keeps_its_stop_in_a_list_of_names() {
        use super::ends_in_abbreviation as abbr;
        assert!(abbr("Biscuit Co") && abbr("Smith Bros") && abbr("Call Mom"));
        assert!(!abbr("Is it safe? No") && !abbr("Family. Family. Family") && !abbr("Co"));
        assert!(!abbr("Frame the problem"));
        let titles = |heads: [&str; 4]| -> Vec<String> {
            numbered_md(&heads).into_iter().map(|r| r.title).collect()
        };
        assert_eq!(
            titles([
                "Grey Sweater",
                "Biscuit Co.",
                "Waffle Champion",
                "Smith Bros."
            ]),
            [
                "Grey Sweater",
                "Biscuit Co.",
                "Waffle Champion",
                "Smith Bros."
            ]
        );
        assert_eq!(
            titles([
                "Frame the problem.",
                "Call Mom.",
                "Lift as I rise.",
                "Is it safe? No."
            ]),
            [
                "Frame the problem",
                "Call Mom",
                "Lift as I rise",
                "Is it safe? No"
            ]
        );
    }

    #[test]
    fn a_year_after_a_comma_or_dash_is_the_year_when_most_headings_end_in_one() {
        assert_eq!(super::bare_year("Solaris, 1972"), Some((7, 1972)));
        assert_eq!(super::bare_year("Wake in Fright – 1971"), Some((14, 1971)));
        assert_eq!(super::bare_year("Alien - 1979."), Some((5, 1979)));
        assert_eq!(super::bare_year("Heat | 1995"), Some((4, 1995)));
        assert_eq!(super::bare_year("Ran / 1985"), Some((3, 1985)));
        for h in [
            "AC/DC 1979",
            "Left|1999",
            "Blade Runner 2049",
            "Class of 1984",
            "Room-1984",
            ", 1999",
            "Opus, 12345",
        ] {
            assert_eq!(super::bare_year(h), None, "{h}");
        }
        let doc = |heads: [&str; 3]| -> Vec<(String, Option<i32>)> {
            numbered_md(&heads)
                .into_iter()
                .map(|r| (r.title, r.year))
                .collect()
        };
        assert_eq!(
            doc(["Solaris, 1972", "Alien (1979)", "Stalker – 1979"]),
            [
                ("Solaris".to_string(), Some(1972)),
                ("Alien".to_string(), Some(1979)),
                ("Stalker".to_string(), Some(1979))
            ]
        );
        assert_eq!(
            doc(["Heat | 1995", "Ran / 1985", "Alien - 1979"]),
            [
                ("Heat".to_string(), Some(1995)),
                ("Ran".to_string(), Some(1985)),
                ("Alien".to_string(), Some(1979))
            ]
        );
        // One heading in three is too few to read `, 1984` as a year.
        assert_eq!(
            doc(["Paris, 1919", "Berlin Nights", "Rome Again"])[0],
            ("Paris, 1919".to_string(), None)
        );
    }

    fn titles_of(html: &str) -> Vec<String> {
        crate::extract_str(html, None, "t", &crate::Options::default())
            .records
            .into_iter()
            .map(|r| r.title)
            .collect()
    }

    #[test]
    fn a_heading_over_an_embedded_video_is_not_the_first_item() {
        let names = [
            "Chew slowly",
            "Eat fibre",
            "Sleep more",
            "Walk daily",
            "Drink water",
        ];
        let mut html = String::from(
            "<html><head><title>Good habits for your gut</title></head><body><article>\
             <h1>Good habits for your gut</h1><p>Why the gut matters, at some length here.</p>\
             <h2>Watch: three foods for better sleep</h2><div><video src='v.mp4'></video></div>\
             <p>The gut holds millions of neurons, and more besides, as research shows.</p>",
        );
        for (i, n) in names.iter().enumerate() {
            html.push_str(&format!(
                "<h2>{n}</h2><p>A habit that helps, number {i}, and here is why it does so.</p>"
            ));
        }
        html.push_str("</article></body></html>");
        assert_eq!(titles_of(&html), names);
        // Items that are videos, each under its heading, stay items.
        let mut html = String::from(
            "<html><head><title>Clips we loved</title></head><body><article><h1>Clips we loved</h1>",
        );
        for n in names {
            html.push_str(&format!(
                "<h2>{n}</h2><iframe src='https://v.example/{n}'></iframe><p>{n} is a clip that we watched twice, and here is why.</p>"
            ));
        }
        html.push_str("</article></body></html>");
        assert_eq!(titles_of(&html), names);
    }

    #[test]
    fn a_repeated_price_is_data_not_furniture() {
        let mut html = String::from("<html><head><title>4 Things</title></head><body>");
        for (i, n) in ["Alpha", "Beta", "Gamma", "Delta"].iter().enumerate() {
            html.push_str(&format!("<h2>{}. {n}</h2><p>$4.00 at the shop</p>", i + 1));
        }
        html.push_str("</body></html>");
        let doc = crate::extract_str(&html, None, "t", &crate::Options::default());
        let d: Vec<Option<&str>> = doc
            .records
            .iter()
            .map(|r| r.description.as_deref())
            .collect();
        assert_eq!(d, [Some("$4.00 at the shop"); 4]);
    }
}

#[cfg(test)]
mod section_tests {
    /// Each record's section, rank and title.
    fn parts(input: &str) -> Vec<(Option<String>, Option<i64>, String)> {
        crate::extract_str(input, None, "t", &crate::Options::default())
            .records
            .into_iter()
            .map(|r| (r.section, r.rank, r.title))
            .collect()
    }

    fn want(rows: &[(Option<&str>, i64, &str)]) -> Vec<(Option<String>, Option<i64>, String)> {
        rows.iter()
            .map(|&(s, r, t)| (s.map(String::from), Some(r), t.to_string()))
            .collect()
    }

    fn page(body: &str) -> String {
        format!(
            "<html><head><title>Laptops at every price</title></head><body><article>\
             <h1>Laptops at every price</h1><p>Two budgets, two lists.</p>{body}\
             <h2>Final thoughts</h2><p>Buy what fits your budget.</p></article></body></html>"
        )
    }

    fn item(level: u8, n: usize, name: &str) -> String {
        format!("<h{level}>{n}. {name}</h{level}><p>A sentence about the {name}, and why.</p>")
    }

    /// Numbering that starts again under each part's heading: every item says which part it
    /// is in, so that two items ranked 1 can be told apart.
    #[test]
    fn items_name_the_part_of_the_page_they_are_in() {
        let html = page(&format!(
            "<h2>Under $500</h2><p>Cheap and cheerful.</p>{}{}<h2>Under $1000</h2>{}{}",
            item(3, 1, "Aero"),
            item(3, 2, "Brisk"),
            item(3, 1, "Cinder"),
            item(3, 2, "Dune"),
        ));
        assert_eq!(
            parts(&html),
            want(&[
                (Some("Under $500"), 1, "Aero"),
                (Some("Under $500"), 2, "Brisk"),
                (Some("Under $1000"), 1, "Cinder"),
                (Some("Under $1000"), 2, "Dune"),
            ])
        );
        // Parts at the items' own level name them when the numbering starts again there.
        let same = html.replace("h3>", "h2>");
        assert_eq!(parts(&same), parts(&html));
        // A list all in one part has none: its heading says what the title says.
        let one = page(&format!(
            "<h2>Our picks</h2>{}{}{}",
            item(3, 1, "Aero"),
            item(3, 2, "Brisk"),
            item(3, 3, "Cinder"),
        ));
        assert!(
            parts(&one).iter().all(|p| p.0.is_none()),
            "{:?}",
            parts(&one)
        );
        // The article's title names no part: items before the first part's heading have none.
        let untitled = html.replace("<h2>Under $500</h2>", "");
        assert_eq!(
            parts(&untitled)
                .iter()
                .map(|p| p.0.as_deref())
                .collect::<Vec<_>>(),
            [None, None, Some("Under $1000"), Some("Under $1000")]
        );
        // Nor does a heading above the title (a menu's): the search stops at the title.
        let menu = untitled.replace(
            "<body><article>",
            "<body><div><h2>Menu</h2><p>Home and away, all the news.</p></div><article>",
        );
        assert_eq!(parts(&menu), parts(&untitled));
    }

    /// Several headings between two items are not the next part's heading (a gallery of
    /// headlines inside the article): the items after them stay in the part they were in.
    #[test]
    fn a_run_of_headings_between_items_names_no_part() {
        let html = page(&format!(
            "<h2>Under $500</h2>{}{}<h2>Under $1000</h2>{}\
             <h2>1/2 Storm on the coast</h2><p>Photo: Agency</p>\
             <h2>2/2 Pier for sale</h2><p>Photo: Agency</p>{}",
            item(3, 1, "Aero"),
            item(3, 2, "Brisk"),
            item(3, 1, "Cinder"),
            item(3, 2, "Dune"),
        ));
        let got: Vec<Option<String>> = parts(&html).into_iter().map(|p| p.0).collect();
        assert_eq!(
            got,
            ["Under $500", "Under $500", "Under $1000", "Under $1000"].map(|s| Some(s.into()))
        );
    }

    /// A heading the page says again and again between the items ("Advertisement") names no
    /// part: the list is all in one.
    #[test]
    fn a_repeated_heading_names_no_part() {
        let ad = "<h2>Advertisement</h2><p>Buy our mugs.</p>";
        let html = page(&format!(
            "<h2>Our picks</h2>{}{ad}{}{ad}{}{ad}{}",
            item(3, 1, "Aero"),
            item(3, 2, "Brisk"),
            item(3, 3, "Cinder"),
            item(3, 4, "Dune"),
        ));
        let got = parts(&html);
        assert_eq!(got.len(), 4);
        assert!(got.iter().all(|p| p.0.is_none()), "{got:?}");
    }

    /// Numbered list items under two headings (`Top 3`, then `Flop 3`): the second heading
    /// ends the last item of the first part instead of running into its description.
    #[test]
    fn a_heading_between_list_items_ends_the_item_and_names_the_part() {
        let li = |n: usize, name: &str| {
            format!(
                "<li><a href=\"#\">{n}. {name}</a><div><p>What the {name} office did in the year.</p></div></li>"
            )
        };
        let html = page(&format!(
            "<h2>The top 3</h2><ul>{}{}{}</ul><h2>The flop 3</h2><ul>{}{}{}</ul>",
            li(1, "Northam"),
            li(2, "Eastley"),
            li(3, "Southby"),
            li(1, "Westham"),
            li(2, "Midford"),
            li(3, "Upton"),
        ));
        let doc = crate::extract_str(&html, None, "t", &crate::Options::default());
        let got: Vec<(Option<&str>, &str, Option<&str>)> = doc
            .records
            .iter()
            .map(|r| {
                (
                    r.section.as_deref(),
                    r.title.as_str(),
                    r.description.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got[2],
            (
                Some("The top 3"),
                "Southby",
                Some("What the Southby office did in the year.")
            )
        );
        assert_eq!(got[3].0, Some("The flop 3"));
        assert_eq!(got[5].2, Some("What the Upton office did in the year."));
    }

    /// In text, the lines that name sections over numbering that starts again name the parts,
    /// the first one included.
    #[test]
    fn text_section_lines_name_the_parts() {
        let item = |n: usize, name: &str| {
            format!("{n}. {name}\nA sentence about this game and why a family will like it.\n\n")
        };
        let text = format!(
            "Games by Age\n\nOur picks for every age.\n\nFor Toddlers\n\n{}{}For School Kids\n\n{}{}",
            item(1, "Stack Attack"),
            item(2, "Color Bears"),
            item(1, "Word Quest"),
            item(2, "Tiny Towns"),
        );
        assert_eq!(
            parts(&text),
            want(&[
                (Some("For Toddlers"), 1, "Stack Attack"),
                (Some("For Toddlers"), 2, "Color Bears"),
                (Some("For School Kids"), 1, "Word Quest"),
                (Some("For School Kids"), 2, "Tiny Towns"),
            ])
        );
    }
}
