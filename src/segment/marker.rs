//! Rank markers at the start of a line: `1.`, `1)`, `1 –`, `#1`, `No. 1`, `(1)`, `①`, ...
//!
//! A marker is recognised by its shape alone, never by the words around it, with one
//! exception that is still structural: a short label before `#N` (`Mistake #3:`), which is
//! recorded so that only lines with the same label form one list.

use std::sync::LazyLock;

use regex::Regex;

/// The written form of a marker. Lines of one list share a style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// `1. Name`
    Dot,
    /// `1) Name`
    Paren,
    /// `1 – Name`, `1 - Name`
    Dash,
    /// `1: Name`
    Colon,
    /// `1/ Name`
    Slash,
    /// `#1 Name`, `#1: Name`
    Hash,
    /// `No. 1 Name`, `Nr. 1`, `№ 1`
    Numero,
    /// `(1) Name`, `[1] Name`
    Enclosed,
    /// `① Name`, `❶ Name`, `1️⃣ Name`
    Circled,
    /// `Mistake #1: Name`, `Step 1: Name`: a short label before the number.
    Labeled,
    /// `IV. Name`, `IV) Name`: upper-case Roman numerals, one to a hundred.
    Roman,
    /// `1位：Name`, `第1位 Name`, `第1名`, `1위 Name`: a place in a ranking, as Japanese,
    /// Chinese and Korean write it.
    Place,
    /// `3 of 10 – Name`, `3/10 Name`, `Slide 3 of 10: Name`: a slideshow's counter, its total
    /// kept as the label so that only the counters of one slideshow make one list.
    Counter,
    /// `1st Name`, `2nd: Name`, `1er Name`, `2e Name`, `3ème – Name`: an ordinal written with
    /// the suffix that agrees with its number (English and French).
    Ordinal,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    pub rank: i64,
    pub style: Style,
    /// For [`Style::Labeled`], the label, lowercased (`"common mistake"`); for
    /// [`Style::Counter`], the total (`"10"`).
    pub label: Option<String>,
    /// Byte offset in the parsed text where the item's own text begins.
    pub rest: usize,
}

static HASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#[ \t]?([0-9]{1,6})(?:[ \t]*[:.)–—-])?[ \t]*").unwrap());
static NUMERO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:No\.|Nr\.|Nº|N\.º|№|N°)[ \t]*([0-9]{1,3})(?:[ \t]*[:.)–—-])?[ \t]+").unwrap()
});
static ENCLOSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\(([0-9]{1,3})\)|\[([0-9]{1,3})\])(?:[.:][ \t]+|[ \t]*)").unwrap()
});
warm!(ENCLOSED, HASH, NUMERO);

/// Parse a marker at the start of `s`. The text after the marker must hold a letter or digit,
/// so that `1.` alone or `(1)` alone is not an item.
pub fn parse(s: &str) -> Option<Marker> {
    let m = parse_raw(s).or_else(|| fullwidth(s))?;
    has_text(&s[m.rest..]).then_some(m)
}

fn parse_raw(s: &str) -> Option<Marker> {
    let first = s.chars().next()?;
    if let Some((rank, rest)) = place(s) {
        return Some(Marker {
            rank,
            style: Style::Place,
            label: None,
            rest,
        });
    }
    // `【1位】Name`, `【第1位】`, `【1】`: a place or number in lenticular brackets.
    if let Some(inner) = s.strip_prefix('【')
        && let Some(k) = inner.find('】')
    {
        let (body, open) = (&inner[..k], '【'.len_utf8());
        let rank = match place(body) {
            Some((rank, end)) if end == body.len() => rank,
            _ if (1..=3).contains(&body.len()) && body.bytes().all(|b| b.is_ascii_digit()) => {
                body.parse().ok()?
            }
            _ => return None,
        };
        let rest = skip_blanks(s, open + k + '】'.len_utf8());
        return Some(Marker {
            rank,
            style: Style::Place,
            label: None,
            rest,
        });
    }
    if first.is_ascii_digit() {
        let Some((rank, style, end)) = plain(s) else {
            return counter_marker(s);
        };
        if style == Style::Dot {
            // `1.5 million` and `3.1#1` are numbers, not markers.
            let after = &s[end..];
            if after.starts_with(|ch: char| ch.is_ascii_digit()) && s.as_bytes()[end - 1] == b'.' {
                return None;
            }
        }
        // `1️⃣` keycaps start with a digit too.
        return Some(Marker {
            rank,
            style,
            label: None,
            rest: place_word(s, end).unwrap_or(end),
        });
    }
    if let Some(rank) = circled(first) {
        let mut rest = first.len_utf8();
        // keycap sequence: digit + U+FE0F + U+20E3 is handled below; here the circled forms.
        rest += s[rest..].len() - s[rest..].trim_start().len();
        return Some(Marker {
            rank,
            style: Style::Circled,
            label: None,
            rest,
        });
    }
    if first == '#' {
        // Up to three digits: `#2024goals` is no rank 202 before `4goals`.
        return hash(s, 1..=3);
    }
    if first == '(' || first == '[' {
        let c = ENCLOSED.captures(s)?;
        let n = c.get(1).or(c.get(2))?;
        return Some(Marker {
            rank: n.as_str().parse().ok()?,
            style: Style::Enclosed,
            label: None,
            rest: c.get(0).unwrap().end(),
        });
    }
    // `No. 1`, `Nr. 1`, `Nº 1`, `N.º 1`, `№ 1`, `N° 1`: only lines that start so reach the
    // regex.
    if (first == 'N' || first == '№')
        && let Some(c) = NUMERO.captures(s)
    {
        return Some(Marker {
            rank: c[1].parse().ok()?,
            style: Style::Numero,
            label: None,
            rest: c.get(0).unwrap().end(),
        });
    }
    if let Some((rank, rest)) = roman(s) {
        return Some(Marker {
            rank,
            style: Style::Roman,
            label: None,
            rest,
        });
    }
    if first.is_uppercase() {
        return worded(s);
    }
    None
}

/// A marker after a word or a few, on a line that starts with an upper-case letter: a label
/// (`Step 2: Name`) or a slideshow's counter (`Slide 3 of 10: Name`). Most lines have no
/// number after their first few words, which one pass over their first bytes tells.
fn worded(s: &str) -> Option<Marker> {
    label_end(s)?;
    labeled(s).or_else(|| counter_marker(s))
}

/// Words for "of" in a slideshow's counter: `3 of 10`, `3 von 10`, `3 sur 10`, `3 de 10`,
/// `3 di 10`, `3 van 10`, `3 av 10`, `3 z 10`.
const OF: [&str; 8] = ["of", "von", "sur", "de", "di", "van", "av", "z"];

/// A slideshow's counter at the start of `t`: `3 of 10`, `3/10`, `3 / 10`, `Slide 3 of 10`,
/// `3 von 10`, with one word at most before it and the first number (one to three digits)
/// no greater than the second. Its number, its total, where it ends, and whether it is
/// written with a slash.
pub(crate) fn counter_at(t: &str) -> Option<(i64, i64, usize, bool)> {
    let b = t.as_bytes();
    let mut i = 0;
    if !b.first()?.is_ascii_digit() {
        let w = memchr::memchr(b' ', b)?;
        if !t[..w].chars().all(char::is_alphabetic) {
            return None;
        }
        i = after_blanks(b, w);
    }
    let number = |from: usize| -> Option<(i64, usize)> {
        let n = b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=3).contains(&n) {
            return None;
        }
        Some((t[from..from + n].parse().ok()?, from + n))
    };
    let (n, end) = number(i)?;
    let j = after_blanks(b, end);
    let slash = b.get(j) == Some(&b'/');
    let j = if slash {
        after_blanks(b, j + 1)
    } else {
        let w = j + b[j..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if j == end
            || b.get(w) != Some(&b' ')
            || !OF.iter().any(|o| o.eq_ignore_ascii_case(&t[j..w]))
        {
            return None;
        }
        after_blanks(b, w)
    };
    let (m, end) = number(j)?;
    (1..=m).contains(&n).then_some((n, m, end, slash))
}

/// A slideshow's counter before the title: `3 of 10 – Name`, `Slide 3 of 10: Name`, `3/10:
/// Name`, then a stop (`:`, `.`, `)`, `|` or a dash) and a space; or `3/10 Name`, with a space
/// alone, out of three or more (`1/2 cup flour` is a fraction).
fn counter_marker(s: &str) -> Option<Marker> {
    let (rank, total, end, slash) = counter_at(s)?;
    let b = s.as_bytes();
    let i = after_blanks(b, end);
    let stop = s[i..]
        .chars()
        .next()
        .filter(|c| matches!(c, ':' | '.' | ')' | '|' | '–' | '—' | '-'));
    let rest = match stop {
        Some(c) => {
            let after = i + c.len_utf8();
            let rest = after_blanks(b, after);
            if rest == after {
                return None;
            }
            rest
        }
        None if slash && total >= 3 && i > end => i,
        None => return None,
    };
    Some(Marker {
        rank,
        style: Style::Counter,
        label: Some(total.to_string()),
        rest,
    })
}

/// `Mistake #1: Name`, `Step 1: Name`: a short label, upper-case first, before the number.
/// What the pattern `^(\p{Lu}\p{L}*(?:[ \t]+\p{L}+){0,2})[ \t]+(?:#[ \t]?([0-9]{1,3})|([0-9]{1,3}))[ \t]*[:.–—-][ \t]+`
/// reads, read by hand (a test holds the two together): one to three words of letters, the
/// first upper-case first; spaces; the number, one to three digits, `#` before it with a
/// space or none; then a colon, stop or dash, and space.
fn labeled(s: &str) -> Option<Marker> {
    use crate::names::{is_letter, is_upper};
    // The number starts at the first digit or `#`, with at most three words before it.
    let at = label_end(s)?;
    let label = s[..at].trim_end_matches([' ', '\t']);
    if label.len() == at
        || !label.starts_with(is_upper)
        || !label.chars().all(|c| c == ' ' || c == '\t' || is_letter(c))
    {
        return None;
    }
    let b = s.as_bytes();
    let mut i = at;
    if b[i] == b'#' {
        i += 1 + usize::from(matches!(b.get(i + 1), Some(b' ' | b'\t')));
    }
    let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rank = s[i..i + digits].parse().ok()?;
    let rest = stop_at(s, after_blanks(b, i + digits), &[':', '.', '–', '—', '-'])?;
    Some(Marker {
        rank,
        style: Style::Labeled,
        label: Some(label.to_lowercase()),
        rest,
    })
}

/// Does the text after a marker hold a letter or digit?
fn has_text(rest: &str) -> bool {
    rest.chars().any(|c| c.is_alphanumeric())
}

/// Where the number after a label may start: the first digit or `#` in the first 64 bytes of
/// `s`, when only letters and spaces (at most three words: the longest label) come before
/// it. Most lines are sentences and fail within a few words, long before 64 bytes.
fn label_end(s: &str) -> Option<usize> {
    let b = &s.as_bytes()[..s.len().min(64)];
    // No number at all (most lines): found sixteen bytes at a time, before any word is
    // counted.
    let number = |(_, v): (usize, crate::chars::simd::Bytes16)| {
        (v.below(b'9' + 1) & !v.below(b'0')) | v.eq(b'#') != 0
    };
    if !crate::chars::simd::chunks(b, b'a').any(number) {
        return None;
    }
    let mut words = 0;
    let mut in_word = false;
    for (i, &c) in b.iter().enumerate() {
        match LABEL_CLASS[usize::from(c)] {
            LETTER => {
                words += u8::from(!in_word);
                in_word = true;
                if words > 3 {
                    return None;
                }
            }
            SPACE => in_word = false,
            NUMBER => return Some(i),
            _ => return None,
        }
    }
    None
}

const LETTER: u8 = 0;
const SPACE: u8 = 1;
const NUMBER: u8 = 2;
/// Byte classes for [`label_end`]: ASCII letters and all non-ASCII bytes (checked later, as
/// chars) are letters; space and tab; digits and `#`; anything else ends the label.
const LABEL_CLASS: [u8; 256] = {
    let mut t = [3u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_alphabetic() || b >= 0x80 {
            LETTER
        } else if b == b' ' || b == b'\t' {
            SPACE
        } else if b.is_ascii_digit() || b == b'#' {
            NUMBER
        } else {
            3
        };
        c += 1;
    }
    t
};

/// A plain marker at the start of `s` (which starts with an ASCII digit): one to three digits,
/// then `.` or `)` (spaces after optional), or ` – ` / ` - ` / ` — `, `: ` or `/ ` (spaces
/// required). Returns the rank, the style and where the text after the marker starts.
fn plain(s: &str) -> Option<(i64, Style, usize)> {
    plain_upto(s, 3)
}

/// [`plain`] with up to `most` digits (inlined, so that `plain` keeps its constant).
#[inline(always)]
fn plain_upto(s: &str, most: usize) -> Option<(i64, Style, usize)> {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > most {
        return None;
    }
    let rank: i64 = s[..digits].parse().ok()?;
    let blanks = |from: usize| after_blanks(b, from);
    let i = digits;
    if digits <= 3
        && let Some(len) = ordinal_suffix(rank, &s[i..])
    {
        // Then a stop (`:`, `.`, `)` or a dash, blanks before it or none) and blanks, or
        // blanks alone.
        let after = i + len;
        let j = blanks(after);
        let end = stop_at(s, j, &[':', '.', ')', '–', '—', '-']).or((j > after).then_some(j));
        return end.map(|end| (rank, Style::Ordinal, end));
    }
    // `1º Name`, `2ª Name`: an ordinal indicator (Spanish, Portuguese, Italian) is a dot, and
    // so is the degree sign often typed for it (`1° Name`).
    if s[i..].starts_with(['º', 'ª', '°']) {
        let after = i + 'º'.len_utf8();
        let after = after + usize::from(matches!(b.get(after), Some(b'.' | b')')));
        let end = blanks(after);
        return (end > after).then_some((rank, Style::Dot, end));
    }
    // A dash at `at` with blanks after it: where the text goes on.
    let dash_at = |at: usize| {
        let len = if b.get(at) == Some(&b'-') {
            1
        } else if s.get(at..)?.starts_with(['–', '—']) {
            3
        } else {
            return None;
        };
        let end = blanks(at + len);
        (end > at + len).then_some(end)
    };
    let (style, end) = match *b.get(i)? {
        b'.' => {
            // A second mark after the dot is the marker's: `1.) Name`, `1.º Name` (as Spanish
            // writes ordinals), or a dash with blanks after it, right after the dot (`1.- Name`,
            // as Spanish lists write it) or set apart (`1. – Name`).
            let mark = if b.get(i + 1) == Some(&b')') {
                1
            } else if s[i + 1..].starts_with(['º', 'ª']) {
                'º'.len_utf8()
            } else {
                0
            };
            let end = blanks(i + 1 + mark);
            let end = if mark == 0 {
                dash_at(end).unwrap_or(end)
            } else {
                end
            };
            (Style::Dot, end)
        }
        b')' => (Style::Paren, blanks(i + 1)),
        // `1- Name`, `1– Name`: a dash with blanks after it, none before.
        b'-' | 0xe2 => (Style::Dash, dash_at(i)?),
        b':' | b'/' => {
            let end = blanks(i + 1);
            if end == i + 1 {
                return None;
            }
            (
                if b[i] == b':' {
                    Style::Colon
                } else {
                    Style::Slash
                },
                end,
            )
        }
        b' ' | b'\t' => {
            let d = blanks(i);
            // `1 : Name`, as French sets a colon apart.
            if b.get(d) == Some(&b':') {
                let end = blanks(d + 1);
                return (end > d + 1).then_some((rank, Style::Colon, end));
            }
            let len = if b.get(d) == Some(&b'-') {
                1
            } else if s[d..].starts_with(['–', '—']) {
                3
            } else {
                return None;
            };
            let end = blanks(d + len);
            if end == d + len {
                return None;
            }
            (Style::Dash, end)
        }
        _ => return None,
    };
    Some((rank, style, end))
}

/// Words for a place in a ranking, as the item's text may start after its number (`1. Platz:
/// Name`, `1st Place – Name`, `1° posto: Name`, `1. место: Name`), lower-case.
const PLACE_WORDS: [&str; 13] = [
    "place",
    "platz",
    "rang",
    "rank",
    "position",
    "posto",
    "lugar",
    "puesto",
    "plaats",
    "plats",
    "plass",
    "miejsce",
    "место",
];

/// Where the item's text starts when the text after a marker, from `at`, is a word for a place
/// ([`PLACE_WORDS`], in any case) and then a colon or a dash and blanks: past them.
fn place_word(s: &str, at: usize) -> Option<usize> {
    let t = &s[at..];
    let w = t.find(|c: char| !c.is_alphabetic()).unwrap_or(t.len());
    let word = &t[..w];
    if !PLACE_WORDS.iter().any(|p| {
        p.len() == word.len()
            && p.chars()
                .zip(word.chars())
                .all(|(a, c)| c.to_lowercase().eq([a]))
    }) {
        return None;
    }
    let end = stop_at(s, after_blanks(s.as_bytes(), at + w), &[':', '–', '—', '-'])?;
    has_text(&s[end..]).then_some(end)
}

/// The ordinal suffix at the start of `t` after the number `n`, if it agrees with `n`, and
/// its length: `st`, `nd`, `rd` or `th` as English writes them (`1st`, `12th`, `22nd`, in
/// either case); `er`, `re` or `ère` after 1 and `e`, `ème` or `ᵉ` after any number, as French
/// writes them. A letter right after it makes it a word (`1stly`), not a suffix.
fn ordinal_suffix(n: i64, t: &str) -> Option<usize> {
    let english = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    let french: &[&str] = if n == 1 {
        &["ère", "er", "re", "ème", "e", "ᵉ"]
    } else {
        &["ème", "e", "ᵉ"]
    };
    let len = if t.get(..2).is_some_and(|s| s.eq_ignore_ascii_case(english)) {
        2
    } else {
        french.iter().find(|f| t.starts_with(*f))?.len()
    };
    (!t[len..].starts_with(char::is_alphanumeric)).then_some(len)
}

/// A marker written in full-width forms, as Japanese and Chinese text often is (`１．`,
/// `１位：`, `第１位`, `（１）`): read as its ASCII form, with `rest` in `s`'s own offsets.
fn fullwidth(s: &str) -> Option<Marker> {
    let ascii = |c: char| match c {
        '０'..='９' | '．' | '）' | '（' | '：' | '＃' => crate::chars::halfwidth(c),
        '　' => Some(' '),
        _ => None,
    };
    // Kept as they are: `第` (the ordinal prefix) and lenticular brackets.
    let kept = |c: char| matches!(c, '第' | '【' | '】');
    if !s
        .chars()
        .next()
        .is_some_and(|c| ascii(c).is_some() || kept(c))
    {
        return None;
    }
    // The start of `s` in ASCII where it can be, and where each of its characters starts in
    // `s`; the rest of `s` follows as it is.
    let mut norm = String::new();
    let mut at: Vec<(usize, usize)> = Vec::new();
    let mut cut = s.len();
    for (i, c) in s.char_indices().take(12) {
        let a = match ascii(c) {
            Some(a) => a,
            None if kept(c) => c,
            None => {
                cut = i;
                break;
            }
        };
        at.push((norm.len(), i));
        norm.push(a);
        cut = i + c.len_utf8();
    }
    let head = norm.len();
    norm.push_str(&s[cut..]);
    let mut m = parse_raw(&norm)?;
    m.rest = if m.rest >= head {
        m.rest - head + cut
    } else {
        at.iter().find(|&&(n, _)| n == m.rest)?.1
    };
    Some(m)
}

/// `1位`, `第1位`, `第1名`, `1위` (a place in a ranking), then an optional `：`, `:`, `、` or
/// `.` and spaces (ideographic ones too): the rank and where the text after it starts.
fn place(s: &str) -> Option<(i64, usize)> {
    let start = if s.starts_with('第') {
        '第'.len_utf8()
    } else {
        0
    };
    let b = s.as_bytes();
    let digits = b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
    // `第一名`, `第十二位`: after `第`, the number may be in Chinese numerals.
    let (rank, at) = match digits {
        1..=3 => (s[start..start + digits].parse().ok()?, start + digits),
        0 if start > 0 => {
            let (n, len) = chinese_number(&s[start..])?;
            (n, start + len)
        }
        _ => return None,
    };
    let unit = s[at..].chars().next()?;
    // `第N` counts with `位` or `名`; a bare number only with `位` or `위`.
    let ok = match unit {
        '位' => true,
        '名' => start > 0,
        '위' => start == 0,
        _ => false,
    };
    if !ok {
        return None;
    }
    let mut end = at + unit.len_utf8();
    if let Some(c) = s[end..]
        .chars()
        .next()
        .filter(|c| matches!(c, '：' | ':' | '、' | '.'))
    {
        end += c.len_utf8();
    }
    Some((rank, skip_blanks(s, end)))
}

/// The characters of Chinese numerals: the digits from zero to nine, the other forms of zero
/// and two, and the units ten and a hundred.
pub(crate) const CHINESE_NUMERALS: &str = "零一二三四五六七八九〇两十百";

/// A number from 1 to 999 in Chinese numerals at the start of `s` (`三`, `十二`, `二十`,
/// `一百零五`): its value and its length in bytes.
pub(crate) fn chinese_number(s: &str) -> Option<(i64, usize)> {
    let (mut total, mut digit, mut len) = (0i64, None::<i64>, 0);
    let mut last_unit = 1000;
    for c in s.chars() {
        match c {
            '百' | '十' => {
                let unit = if c == '百' { 100 } else { 10 };
                if unit >= last_unit {
                    return None;
                }
                last_unit = unit;
                // `十二` is twelve: a unit with no digit before it is one of it.
                total += digit.take().unwrap_or(1) * unit;
            }
            // `零` between places (`一百零五`) holds no value.
            '零' | '〇' => {}
            _ => {
                let d = match c {
                    '两' => 2,
                    _ => match CHINESE_NUMERALS.chars().take(10).position(|x| x == c) {
                        Some(d) => d,
                        // The number ends where the numerals do.
                        None => break,
                    },
                };
                // Two digits in a row (`二二`) are no number written this way.
                if digit.replace(d as i64).is_some() {
                    return None;
                }
            }
        }
        len += c.len_utf8();
    }
    total += digit.unwrap_or(0);
    (len > 0 && (1..=999).contains(&total)).then_some((total, len))
}

/// Where `b` goes on after byte `from`, past spaces and tabs.
fn after_blanks(b: &[u8], from: usize) -> usize {
    from + b[from..]
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count()
}

/// A stop at byte `i` of `s` (one of `stops`: a colon, a dot, a dash, …) with blanks after
/// it: where the text after them starts.
fn stop_at(s: &str, i: usize, stops: &[char]) -> Option<usize> {
    let c = s[i..].chars().next().filter(|c| stops.contains(c))?;
    let after = i + c.len_utf8();
    let end = after_blanks(s.as_bytes(), after);
    (end > after).then_some(end)
}

/// Where the text of `s` goes on after byte `from`, past spaces, tabs and ideographic spaces.
fn skip_blanks(s: &str, from: usize) -> usize {
    s.len() - s[from..].trim_start_matches([' ', '\t', '\u{3000}']).len()
}

/// An upper-case Roman numeral from I to C in its usual form, then `.` or `)` and a space:
/// the rank and where the text after it starts. Not an initial (`V. S. Naipaul`, `C. S.
/// Lewis`): the text after it must not start with another.
fn roman(s: &str) -> Option<(i64, usize)> {
    let b = s.as_bytes();
    let n = b.iter().take_while(|c| b"IVXLC".contains(c)).count();
    if n == 0 || n > 8 || !matches!(b.get(n), Some(b'.' | b')')) {
        return None;
    }
    let end = n + 1 + b[n + 1..].iter().take_while(|&&c| c == b' ').count();
    let rest = &b[end..];
    if end == n + 1 || rest.is_empty() || (rest.len() >= 2 && rest[1] == b'.') {
        return None;
    }
    let value = |c: u8| match c {
        b'I' => 1,
        b'V' => 5,
        b'X' => 10,
        b'L' => 50,
        _ => 100,
    };
    let mut rank = 0i64;
    for k in 0..n {
        let v = value(b[k]);
        if b.get(k + 1)
            .filter(|_| k + 1 < n)
            .is_some_and(|&c| value(c) > v)
        {
            rank -= v;
        } else {
            rank += v;
        }
    }
    // Only the usual spelling of its value (`IV`, not `IIII` or `IIV`).
    let mut usual = String::new();
    let mut left = rank;
    for (v, r) in [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while left >= v {
            usual.push_str(r);
            left -= v;
        }
    }
    (usual.as_bytes() == &b[..n] && (1..=100).contains(&rank)).then_some((rank, end))
}

/// Keycap digits (`1️⃣`) are written digit, U+FE0F, U+20E3; the PLAIN regex does not see them
/// as markers because no marker punctuation follows the digit. Handle them here.
pub fn parse_keycap(s: &str) -> Option<Marker> {
    let mut chars = s.char_indices();
    let (_, d) = chars.next()?;
    let d = d.to_digit(10)?;
    let mut rest = 1;
    let mut saw_cap = false;
    for (i, c) in chars {
        match c {
            '\u{fe0f}' => rest = i + c.len_utf8(),
            '\u{20e3}' => {
                rest = i + c.len_utf8();
                saw_cap = true;
                break;
            }
            _ => break,
        }
    }
    if !saw_cap {
        return None;
    }
    let rest = rest + (s[rest..].len() - s[rest..].trim_start().len());
    Some(Marker {
        rank: d as i64,
        style: Style::Circled,
        label: None,
        rest,
    })
}

/// ① to ⑳, ❶ to ❿, ➀ to ➉, ➊ to ➓.
fn circled(c: char) -> Option<i64> {
    let u = c as u32;
    let n = match u {
        0x2460..=0x2473 => u - 0x2460 + 1,
        0x2776..=0x277F => u - 0x2776 + 1,
        0x2780..=0x2789 => u - 0x2780 + 1,
        0x278A..=0x2793 => u - 0x278A + 1,
        0x24F5..=0x24FE => u - 0x24F5 + 1,
        _ => return None,
    };
    Some(n as i64)
}

/// A `#` marker (`#3`, `#3:`, `# 3 –`) of so many digits.
fn hash(s: &str, digits: std::ops::RangeInclusive<usize>) -> Option<Marker> {
    let c = HASH.captures(s)?;
    let n = c.get(1)?.as_str();
    digits.contains(&n.len()).then_some(())?;
    Some(Marker {
        rank: n.parse().ok()?,
        style: Style::Hash,
        label: None,
        rest: c.get(0)?.end(),
    })
}

/// A plain or `#` marker of four to six digits (`1000. Name`, `1024) Name`, `#1000 Name`),
/// which [`parse`] does not read, since a line that starts with a year is no item. Only a list
/// that counts past 999 has them ([`crate::segment`] takes one only next to its neighbour's
/// number).
pub fn parse_long(s: &str) -> Option<Marker> {
    if let Some(tail) = s.strip_prefix('#') {
        // Set apart from its text: `#2024goals` is a hashtag.
        let after = tail
            .trim_start_matches([' ', '\t'])
            .trim_start_matches(|c: char| c.is_ascii_digit());
        let glued = after.starts_with(char::is_alphabetic);
        return hash(s, 4..=6).filter(|m| !glued && has_text(&s[m.rest..]));
    }
    let b = s.as_bytes();
    if !(b.len() > 4 && b[..4].iter().all(u8::is_ascii_digit)) {
        return None;
    }
    let (rank, style, end) = plain_upto(s, 6)?;
    // `2024.5` is a number, as `1.5` is.
    if style == Style::Dot && b[end - 1] == b'.' && b.get(end).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    has_text(&s[end..]).then_some(Marker {
        rank,
        style,
        label: None,
        rest: end,
    })
}

/// Parse a marker, including keycap digits.
pub fn parse_any(s: &str) -> Option<Marker> {
    // Most lines start with a letter, and what an ASCII first byte allows is known from it
    // alone: a lower-case letter or most punctuation starts no marker, and an upper-case
    // letter only a labelled one (`Step 3:`), unless it may be a Roman numeral or `No.`.
    match *s.as_bytes().first()? {
        b'a'..=b'z' | b'!'..=b'"' | b'$'..=b'\'' | b')'..=b'/' | b':'..=b'@' | b'\\' => {
            return None;
        }
        c @ b'A'..=b'Z' if !b"CILNVX".contains(&c) => {
            return worded(s).filter(|m| has_text(&s[m.rest..]));
        }
        _ => {}
    }
    parse_every_way(s)
}

/// [`parse_any`] with no shortcut: every form of marker is tried.
fn parse_every_way(s: &str) -> Option<Marker> {
    parse_keycap(s).or_else(|| parse(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<(i64, Style, &str)> {
        parse_any(s).map(|m| (m.rank, m.style, &s[m.rest..]))
    }

    fn long(s: &str) -> Option<(i64, Style, &str)> {
        parse_long(s).map(|m| (m.rank, m.style, &s[m.rest..]))
    }

    proptest::proptest! {
        /// The shortcut on the first byte gives what trying every form gives.
        #[test]
        fn first_byte_shortcut_is_exact(
            s in proptest::prop_oneof![
                "[ -~]{0,3}[A-Za-z ]{0,12}[#0-9]{0,3}[ -~第位①【]{0,6}",
                // Labels (`Step 3: Name`), Roman numerals (`IV. Name`) and `No. 1`.
                "[A-Za-z]{1,6}( [A-Za-z]{1,6}){0,3} #?[0-9]{1,3}[:.)-]? [A-Za-z]{0,3}",
                "[IVXLCNo]{1,4}[.)]? ?[0-9]? [A-Za-z.]{0,3}",
            ]
        ) {
            proptest::prop_assert_eq!(parse_any(&s), parse_every_way(&s));
        }

        /// Whatever the mix of full-width and ASCII forms, a marker's text starts on a
        /// character boundary of the line, after the marker.
        #[test]
        fn full_width_markers_point_into_the_line(
            s in "[第位名위【】０-９0-9．.（）()：:　 ＃#a-zあ-ん]{0,12}"
        ) {
            if let Some(m) = parse_any(&s) {
                proptest::prop_assert!(m.rest > 0 && m.rest <= s.len());
                proptest::prop_assert!(s.is_char_boundary(m.rest));
            }
        }
    }

    #[test]
    fn spanish_and_portuguese_forms() {
        assert_eq!(p("1.- El infinito"), Some((1, Style::Dot, "El infinito")));
        assert_eq!(p("2º Segundo"), Some((2, Style::Dot, "Segundo")));
        assert_eq!(p("3ª. Tercera"), Some((3, Style::Dot, "Tercera")));
        assert_eq!(p("4ºpiso"), None);
        // The degree sign typed for the ordinal indicator, and `N.º`.
        assert_eq!(p("5° Quinto"), Some((5, Style::Dot, "Quinto")));
        assert_eq!(p("6°C"), None);
        assert_eq!(p("N.º 7: Séptimo"), Some((7, Style::Numero, "Séptimo")));
        // `1.º`, as the Spanish Academy writes ordinals.
        assert_eq!(p("8.º Octavo"), Some((8, Style::Dot, "Octavo")));
    }

    /// A second mark after the first belongs to the marker, not to the title.
    #[test]
    fn doubled_marks() {
        assert_eq!(p("1. – Name"), Some((1, Style::Dot, "Name")));
        assert_eq!(p("2. - Name"), Some((2, Style::Dot, "Name")));
        assert_eq!(p("3.) Name"), Some((3, Style::Dot, "Name")));
        assert_eq!(p("(4). Name"), Some((4, Style::Enclosed, "Name")));
        assert_eq!(p("[5]: Name"), Some((5, Style::Enclosed, "Name")));
        assert_eq!(p("6 : Nom"), Some((6, Style::Colon, "Nom")));
        assert_eq!(p("7- Name"), Some((7, Style::Dash, "Name")));
        assert_eq!(p("8– Name"), Some((8, Style::Dash, "Name")));
        // Not a dash or colon with text run on: `1.-5`, `3-4 cups`, `9 :x`.
        assert_eq!(p("1. -5 degrees"), Some((1, Style::Dot, "-5 degrees")));
        assert_eq!(p("3-4 cups"), None);
        assert_eq!(p("9 :x"), None);
    }

    #[test]
    fn places_in_a_ranking() {
        assert_eq!(p("1位：新福菜館"), Some((1, Style::Place, "新福菜館")));
        assert_eq!(p("第12位 天下一品"), Some((12, Style::Place, "天下一品")));
        assert_eq!(p("第3名：北京烤鸭"), Some((3, Style::Place, "北京烤鸭")));
        assert_eq!(p("第一名：寄生虫"), Some((1, Style::Place, "寄生虫")));
        assert_eq!(p("第十二位 天下一品"), Some((12, Style::Place, "天下一品")));
        assert_eq!(p("第二十名：燃烧"), Some((20, Style::Place, "燃烧")));
        assert_eq!(p("第一百零五名 北京"), Some((105, Style::Place, "北京")));
        // A chapter, or a numeral that is no number, is no place in a ranking.
        assert_eq!(p("第一章 开始"), None);
        assert_eq!(p("第十十名 北京"), None);
        assert_eq!(p("第二两名 北京"), None);
        assert_eq!(p("一名学生"), None);
        assert_eq!(p("2위 부산"), Some((2, Style::Place, "부산")));
        assert_eq!(p("5位　ますたに"), Some((5, Style::Place, "ますたに")));
        // Full-width digits and marks, as Japanese text often has them.
        assert_eq!(p("１位：新福菜館"), Some((1, Style::Place, "新福菜館")));
        assert_eq!(
            p("第１２位　天下一品"),
            Some((12, Style::Place, "天下一品"))
        );
        assert_eq!(p("３．お寺めぐり"), Some((3, Style::Dot, "お寺めぐり")));
        assert_eq!(p("（４）湯豆腐"), Some((4, Style::Enclosed, "湯豆腐")));
        assert_eq!(p("２０２４年の話"), None);
        // In lenticular brackets.
        assert_eq!(p("【1位】新福菜館"), Some((1, Style::Place, "新福菜館")));
        assert_eq!(p("【第２位】 第一旭"), Some((2, Style::Place, "第一旭")));
        assert_eq!(p("【3】天下一品"), Some((3, Style::Place, "天下一品")));
        assert_eq!(p("【速報】新店オープン"), None);
        // A count of people, a place with nothing after it, or a bare `N名`.
        for s in ["3名で行く", "1位", "10名様", "1234位 x"] {
            assert_eq!(p(s), None, "{s}");
        }
    }

    /// Ordinals whose suffix agrees with the number, in English and French; and a word for
    /// the place after a number, which the title does not keep.
    #[test]
    fn ordinals_and_place_words() {
        assert_eq!(p("1st Alpine"), Some((1, Style::Ordinal, "Alpine")));
        assert_eq!(p("2nd: Cedar"), Some((2, Style::Ordinal, "Cedar")));
        assert_eq!(p("3RD – Fox"), Some((3, Style::Ordinal, "Fox")));
        assert_eq!(p("11th Hour"), Some((11, Style::Ordinal, "Hour")));
        assert_eq!(p("22nd Ave"), Some((22, Style::Ordinal, "Ave")));
        assert_eq!(p("1er Paris"), Some((1, Style::Ordinal, "Paris")));
        assert_eq!(p("1re Lyon"), Some((1, Style::Ordinal, "Lyon")));
        assert_eq!(p("2e Lille"), Some((2, Style::Ordinal, "Lille")));
        assert_eq!(p("3ème. Nice"), Some((3, Style::Ordinal, "Nice")));
        assert_eq!(p("4ᵉ Metz"), Some((4, Style::Ordinal, "Metz")));
        // A suffix that does not agree, a word, a number and nothing after it.
        for s in [
            "2st Name",
            "11st Name",
            "1nd Name",
            "2er Name",
            "1stly said",
            "3rd",
            "4th:",
        ] {
            assert_eq!(p(s), None, "{s}");
        }
        assert_eq!(p("1. Platz: Alpine"), Some((1, Style::Dot, "Alpine")));
        assert_eq!(p("1st Place – Cedar"), Some((1, Style::Ordinal, "Cedar")));
        assert_eq!(p("3° posto: Fox"), Some((3, Style::Dot, "Fox")));
        assert_eq!(p("2. место: Лес"), Some((2, Style::Dot, "Лес")));
        // A word for a place with no colon or dash after it is the title's.
        assert_eq!(
            p("1. Place des Vosges"),
            Some((1, Style::Dot, "Place des Vosges"))
        );
        assert_eq!(p("2. Platz:"), Some((2, Style::Dot, "Platz:")));
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(p("I. Lead"), Some((1, Style::Roman, "Lead")));
        assert_eq!(p("IV) Cut it"), Some((4, Style::Roman, "Cut it")));
        assert_eq!(p("XLII. Answer"), Some((42, Style::Roman, "Answer")));
        assert_eq!(p("C. Last"), Some((100, Style::Roman, "Last")));
        for s in [
            "IIII. Four",
            "IIV. X",
            "V. S. Naipaul",
            "I.M. Pei",
            "I am",
            "IV.",
            "VI.5",
        ] {
            assert_eq!(p(s), None, "{s}");
        }
    }

    #[test]
    fn long_numbers_are_read_apart() {
        // `parse` stops at three digits, since a line that starts with four is most often a year.
        assert_eq!(p("1000. Name"), None);
        assert_eq!(long("1000. Name"), Some((1000, Style::Dot, "Name")));
        assert_eq!(long("1024) Name"), Some((1024, Style::Paren, "Name")));
        assert_eq!(long("012345 – Name"), Some((12345, Style::Dash, "Name")));
        assert_eq!(long("#1000: Name"), Some((1000, Style::Hash, "Name")));
        assert_eq!(long("#2024goals"), None);
        assert_eq!(long("123456. Name"), Some((123456, Style::Dot, "Name")));
        for s in [
            "999. Name",
            "1234567. Name",
            "2024.5 per cent",
            "1000.",
            "1000 Name",
            "2024",
        ] {
            assert_eq!(long(s), None, "{s}");
        }
    }

    #[test]
    fn every_common_form() {
        assert_eq!(p("1. Name"), Some((1, Style::Dot, "Name")));
        assert_eq!(p("01. Name"), Some((1, Style::Dot, "Name")));
        assert_eq!(p("1) “Name”"), Some((1, Style::Paren, "“Name”")));
        assert_eq!(p("1 – Name"), Some((1, Style::Dash, "Name")));
        assert_eq!(p("12 - Name"), Some((12, Style::Dash, "Name")));
        assert_eq!(p("#1 Name"), Some((1, Style::Hash, "Name")));
        assert_eq!(p("#10: Name"), Some((10, Style::Hash, "Name")));
        // Not the start of a longer number.
        assert_eq!(p("#2024goals"), None);
        assert_eq!(p("#1000 Name"), None);
        assert_eq!(p("No. 4 Name"), Some((4, Style::Numero, "Name")));
        assert_eq!(p("1/ Name"), Some((1, Style::Slash, "Name")));
        assert_eq!(p("(3) Name"), Some((3, Style::Enclosed, "Name")));
        assert_eq!(p("③Name"), Some((3, Style::Circled, "Name")));
        assert_eq!(p("7️⃣ Name"), Some((7, Style::Circled, "Name")));
        assert_eq!(p("3: Name"), Some((3, Style::Colon, "Name")));
        let m = parse("Common Mistake #4: Misreading").unwrap();
        assert_eq!((m.rank, m.style), (4, Style::Labeled));
        assert_eq!(m.label.as_deref(), Some("common mistake"));
        assert_eq!(p("Step 2: Mix"), Some((2, Style::Labeled, "Mix")));
    }

    proptest::proptest! {
        /// The plain-marker scan and the label pre-check agree with the regexes they stand for.
        #[test]
        fn plain_markers_match_the_regex(s in "[0-9]{1,5}[.):/ \t–—a-zºª°èᵉSTRDN-]{0,5}[a-z0-9 ]{0,3}", t in "[A-Za-zé #:0-9\t.-]{0,24}") {
            let whole = Regex::new(
                r"^([0-9]{1,3})(?:(\.)(?:[)ºª][ \t]*|[ \t]*[–—-][ \t]+|[ \t]*)|(\))[ \t]*|[ \t]*([–—-])[ \t]+|[ \t]*(:)[ \t]+|(/)[ \t]+|[ºª°][.)]?([ \t]+))",
            )
            .unwrap();
            // An ordinal (`1st`, `2e`) whose suffix agrees with its number, as English
            // writes it: `th` after 11 to 13 and after digits other than 1, 2 and 3.
            let ordinal = Regex::new(
                r"^([0-9]{1,3})((?i:st|nd|rd|th)|ère|er|re|ème|e|ᵉ)(?:[ \t]*[:.)–—-][ \t]+|[ \t]+)",
            )
            .unwrap();
            let agrees = |n: usize, suffix: &str| {
                let english = if (11..=13).contains(&(n % 100)) {
                    "th"
                } else {
                    ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][n % 10]
                };
                suffix.eq_ignore_ascii_case(english)
                    || ["ème", "e", "ᵉ"].contains(&suffix)
                    || (n == 1 && ["ère", "er", "re"].contains(&suffix))
            };
            if let Some(c) = ordinal.captures(&s) {
                let n: usize = c[1].parse().unwrap();
                let want = agrees(n, &c[2])
                    .then(|| (n as i64, Style::Ordinal, c.get(0).unwrap().end()));
                proptest::prop_assert_eq!(plain(&s), want);
                return Ok(());
            }
            let want = whole.captures(&s).map(|c| {
                let style = if c.get(2).is_some() || c.get(7).is_some() {
                    Style::Dot
                } else if c.get(3).is_some() {
                    Style::Paren
                } else if c.get(4).is_some() {
                    Style::Dash
                } else if c.get(5).is_some() {
                    Style::Colon
                } else {
                    Style::Slash
                };
                (c[1].parse::<i64>().unwrap(), style, c.get(0).unwrap().end())
            });
            proptest::prop_assert_eq!(plain(&s), want);
            if t.starts_with(|c: char| c.is_uppercase()) && t.len() <= 64 {
                proptest::prop_assert_eq!(labeled_by_parse(&t), labeled_by_regex(&t));
            }
        }

        /// The same for lines shaped like labels, of one to five words, where the pre-check
        /// counts words.
        #[test]
        fn label_pre_check_keeps_every_label(
            t in "[A-Z][a-zé]{0,5}([ \t][a-zé]{1,5}){0,4}[ \t]#?[0-9]{1,3}[ \t]?[:.–-][ \t][a-z]{1,4}"
        ) {
            proptest::prop_assert_eq!(labeled_by_parse(&t), labeled_by_regex(&t));
        }

        /// [`labeled`] reads what its pattern reads, with letters that are upper case or
        /// alphabetic by Unicode's properties but no upper-case letter or no letter (`ǅ`,
        /// `Ⅰ`, `ⅰ`), modifier letters, spaces and tabs in runs, four-digit numbers and every
        /// mark, within the 64 bytes that the pre-check reads.
        #[test]
        fn labeled_reads_what_its_pattern_reads(
            t in "[A-ZÉǅⅠa][a-zéʰⅰ]{0,4}([ \t]{1,2}[a-zéʰⅰA]{1,4}){0,3}[ \t]{0,2}#?[ \t]{0,2}[0-9]{1,4}[ \t]{0,2}[:.–—,-][ \t]{0,2}[a-z]{0,3}"
        ) {
            proptest::prop_assume!(t.len() <= 64);
            let got = labeled(&t).map(|m| (m.rank, m.label.unwrap(), m.rest));
            proptest::prop_assert_eq!(got, labeled_by_regex(&t), "{:?}", t);
        }
    }

    /// A labelled marker as [`parse_raw`] reads it: rank, label and where the text starts.
    fn labeled_by_parse(t: &str) -> Option<(i64, String, usize)> {
        parse_raw(t)
            .filter(|m| m.style == Style::Labeled)
            .map(|m| (m.rank, m.label.unwrap(), m.rest))
    }

    /// The same, as the pattern [`labeled`] stands for reads it.
    fn labeled_by_regex(t: &str) -> Option<(i64, String, usize)> {
        static LABELED: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
        let re = LABELED.get_or_init(|| {
            Regex::new(r"^(\p{Lu}\p{L}*(?:[ \t]+\p{L}+){0,2})[ \t]+(?:#[ \t]?([0-9]{1,3})|([0-9]{1,3}))[ \t]*[:.–—-][ \t]+").unwrap()
        });
        re.captures(t).and_then(|c| {
            let n = c.get(2).or(c.get(3))?;
            Some((
                n.as_str().parse::<i64>().ok()?,
                c[1].to_lowercase(),
                c.get(0).unwrap().end(),
            ))
        })
    }

    #[test]
    fn slideshow_counters_before_titles() {
        fn c(s: &str) -> Option<(i64, Style, String, &str)> {
            parse_any(s).map(|m| (m.rank, m.style, m.label.unwrap(), &s[m.rest..]))
        }
        let counter = |n: i64, of: &str, t: &'static str| Some((n, Style::Counter, of.into(), t));
        assert_eq!(c("3 of 10 – Cobalt Bay"), counter(3, "10", "Cobalt Bay"));
        assert_eq!(c("3 of 10: Cobalt Bay"), counter(3, "10", "Cobalt Bay"));
        assert_eq!(
            c("Slide 3 of 10: Cobalt Bay"),
            counter(3, "10", "Cobalt Bay")
        );
        assert_eq!(c("Foto 2 de 12 | Lark"), counter(2, "12", "Lark"));
        assert_eq!(c("3 von 10. Ferris Hill"), counter(3, "10", "Ferris Hill"));
        assert_eq!(c("3/10 Cobalt Bay"), counter(3, "10", "Cobalt Bay"));
        assert_eq!(c("3 / 10 Cobalt Bay"), counter(3, "10", "Cobalt Bay"));
        assert_eq!(c("10/10: Last"), counter(10, "10", "Last"));
        assert_eq!(c("1/2: Half"), counter(1, "2", "Half"));
        for s in [
            // A fraction, a share in a sentence, a date, a counter alone or past its total.
            "1/2 cup flour",
            "3 of 10 people agree",
            "3/10/2024 Meeting",
            "3/10",
            "Slide 3 of 10",
            "11 of 10: Too many",
            "0 of 5: None",
            "3 of 10:Tight",
            "Big Slide 3 of 10: Two words",
        ] {
            assert_eq!(c(s), None, "{s}");
        }
    }

    #[test]
    fn numbers_that_are_not_markers() {
        assert_eq!(p("1.5 million people"), None);
        assert_eq!(p("3.1#1 Spielebogen"), None);
        assert_eq!(p("10 Things to do"), None);
        assert_eq!(p("2019. A year"), None);
        assert_eq!(p("1/2 cup flour"), None);
        assert_eq!(p("1."), None);
        assert_eq!(p("The #1 movie"), None);
        assert_eq!(p("#hashtag"), None);
    }
}
