//! Short runs of capitalised words (a person's name, a site's name, a byline's name) and the
//! hyphens of names, matched by hand.
//!
//! These were regexes over `\p{Lu}` and `\p{L}`. A Unicode class of that size is cheap to
//! search but costly to compile: the five of them were 9 ms of the 17 ms that compiling every
//! pattern took at each batch's start. Each function here answers as its regex did (written
//! beside it, and a property test holds each one to it), with the classes read once from the
//! regex crate's own tables, so that what counts as an upper-case letter cannot drift from the
//! regexes that remain. [`crate::segment::marker`] reads its labelled markers with them.

use std::sync::LazyLock;

/// Code point ranges of a Unicode class, as the regex crate's parser gives them.
fn class(pattern: &str) -> Vec<(char, char)> {
    use regex_syntax::hir::{Class, HirKind};
    match regex_syntax::parse(pattern).map(|h| h.into_kind()) {
        Ok(HirKind::Class(Class::Unicode(c))) => {
            c.ranges().iter().map(|r| (r.start(), r.end())).collect()
        }
        other => panic!("{pattern} is not a Unicode class: {other:?}"),
    }
}

static UPPER: LazyLock<Vec<(char, char)>> = LazyLock::new(|| class(r"\p{Lu}"));
static LETTER: LazyLock<Vec<(char, char)>> = LazyLock::new(|| class(r"\p{L}"));

fn in_class(ranges: &[(char, char)], c: char) -> bool {
    ranges
        .binary_search_by(|&(a, z)| {
            if z < c {
                std::cmp::Ordering::Less
            } else if a > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `\p{Lu}`: an upper-case letter.
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        in_class(&UPPER, c)
    }
}

/// `\p{L}`: a letter.
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_class(&LETTER, c)
    }
}

/// `[\p{L}.'-]`: a character of a name's word after its first.
fn name_char(c: char) -> bool {
    matches!(c, '.' | '\'' | '-') || is_letter(c)
}

/// How many words `s` is, when all of it is words (no space before the first or after the
/// last) between runs of whitespace (`\s+`), each a character `first` takes and then any
/// number that `rest` takes. Neither takes whitespace.
fn words(s: &str, first: impl Fn(char) -> bool, rest: impl Fn(char) -> bool) -> Option<usize> {
    if s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace) {
        return None;
    }
    let mut n = 0;
    for word in s.split_whitespace() {
        let mut chars = word.chars();
        if !chars.next().is_some_and(&first) || !chars.all(&rest) {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// The length of the whitespace (`\s*`) that `s` starts with.
fn leading_space(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// A person's name alone, two to four capitalised words:
/// `^\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){1,3}$`.
pub fn is_person(s: &str) -> bool {
    words(s, is_upper, name_char).is_some_and(|n| (2..=4).contains(&n))
}

/// A site's name, one to three words that each start with a capital or a digit:
/// `^(?:\p{Lu}|[0-9])[\p{L}0-9.&']*(?:\s+(?:\p{Lu}|[0-9])[\p{L}0-9.&']*){0,2}$`.
pub fn is_site(s: &str) -> bool {
    let first = |c: char| c.is_ascii_digit() || is_upper(c);
    let rest = |c: char| c.is_ascii_digit() || matches!(c, '.' | '&' | '\'') || is_letter(c);
    words(s, first, rest).is_some_and(|n| (1..=3).contains(&n))
}

/// The name of a byline, `By Jane Doe`: what
/// `^(?i:by)\s+(\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3})(?:\s|$|,)` captures. Up to
/// four capitalised words after `by`; the last must be followed by a space, a comma or the
/// end, or it is left out (as the regex backs off a word).
pub fn byline_name(p: &str) -> Option<&str> {
    if !p.get(..2).is_some_and(|by| by.eq_ignore_ascii_case("by")) {
        return None;
    }
    let s = &p[2..];
    let start = leading_space(s);
    if start == 0 {
        return None;
    }
    // Where each word of the name ends.
    let mut ends = [0; 4];
    let mut k = 0;
    let mut at = start;
    while k < 4 && s[at..].starts_with(is_upper) {
        let end = s[at..]
            .find(|c: char| !name_char(c))
            .map_or(s.len(), |n| at + n);
        ends[k] = end;
        k += 1;
        let gap = leading_space(&s[end..]);
        if gap == 0 {
            break;
        }
        at = end + gap;
    }
    let ends_well = |e: usize| {
        s[e..]
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || c == ',')
    };
    match k {
        0 => None,
        _ if ends_well(ends[k - 1]) => Some(&s[start..ends[k - 1]]),
        1 => None,
        _ => Some(&s[start..ends[k - 2]]),
    }
}

/// A name's hyphens with stray space mended, `Kang- Je-Gyu` to `Kang Je-Gyu`, `Kang -Je` to
/// `Kang Je`: what `(\p{L})-\s+(\p{Lu})` and then `(\p{L})\s+-(\p{Lu})`, each replaced by
/// `$1 $2` throughout, make of `s`.
pub fn mend_hyphens(s: &str) -> String {
    let once = mend(s, |r| {
        r.strip_prefix('-').map_or(0, |t| match leading_space(t) {
            0 => 0,
            g => 1 + g,
        })
    });
    mend(&once, |r| {
        let g = leading_space(r);
        if g > 0 && r[g..].starts_with('-') {
            g + 1
        } else {
            0
        }
    })
}

/// Every letter, `middle` and upper-case letter in `s`, from the left and none overlapping, with
/// the middle made one space. `middle` gives the length of the middle that starts its text, or
/// 0 for none.
fn mend(s: &str, middle: impl Fn(&str) -> usize) -> String {
    let mut out = String::with_capacity(s.len());
    // Copied up to here, the end of the last match: no match starts before it (it would
    // overlap that one).
    let mut copied = 0;
    for (i, c) in s.char_indices() {
        if i < copied || !is_letter(c) {
            continue;
        }
        let after = i + c.len_utf8();
        let m = middle(&s[after..]);
        if m == 0 {
            continue;
        }
        let Some(u) = s[after + m..].chars().next().filter(|&u| is_upper(u)) else {
            continue;
        };
        out.push_str(&s[copied..after]);
        out.push(' ');
        out.push(u);
        copied = after + m + u.len_utf8();
    }
    out.push_str(&s[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// Runs of up to six words, mostly well formed, from characters that test the edges:
    /// ASCII and accented capitals and small letters, a title-case letter (`ǅ`: a letter, not
    /// upper case), a modifier letter, a Roman numeral (upper case by Unicode's case property,
    /// but no letter), a long s, digits, the marks that names and sites hold, and spaces of
    /// several kinds; now and then a stray mark, or none, between words and after the last.
    fn words_like() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let first = prop_oneof![6 => "[AÉΣ]", 1 => "[ǅⅠ1bé]"];
        let rest = prop_oneof![6 => "[bßσʰ.'\\-ſY]{0,3}", 1 => "[bß]?[&1!,]"];
        let gap = prop_oneof![6 => "[ \t\u{a0}\u{2003}]{1,2}", 1 => "[,!\n]?"];
        proptest::collection::vec((first, rest, gap), 0..7)
            .prop_map(|ws| ws.into_iter().map(|(a, b, c)| a + &b + &c).collect())
    }

    /// [`words_like`] after `by` in some case, or not, and a space or two, or none.
    fn bylines_like() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let by = prop_oneof![6 => "[bB][yY][ \t\u{a0}]{0,2}", 1 => "[bB]?"];
        (by, words_like()).prop_map(|(b, w)| b + &w)
    }

    /// The regexes these functions stand for.
    const PATTERNS: [&str; 5] = [
        r"^\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){1,3}$",
        r"^(?:\p{Lu}|[0-9])[\p{L}0-9.&']*(?:\s+(?:\p{Lu}|[0-9])[\p{L}0-9.&']*){0,2}$",
        r"^(?i:by)\s+(\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3})(?:\s|$|,)",
        r"(\p{L})-\s+(\p{Lu})",
        r"(\p{L})\s+-(\p{Lu})",
    ];
    const PERSON: usize = 0;
    const SITE: usize = 1;
    const BYLINE: usize = 2;
    const HYPHEN_SPACE: usize = 3;
    const SPACE_HYPHEN: usize = 4;

    /// One of [`PATTERNS`], compiled once for all the cases.
    fn re(k: usize) -> &'static Regex {
        static COMPILED: [std::sync::OnceLock<Regex>; 5] =
            [const { std::sync::OnceLock::new() }; 5];
        COMPILED[k].get_or_init(|| Regex::new(PATTERNS[k]).unwrap())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn is_person_is_its_regex(s in words_like()) {
            proptest::prop_assert_eq!(is_person(&s), re(PERSON).is_match(&s), "{:?}", s);
        }

        #[test]
        fn is_site_is_its_regex(s in words_like()) {
            proptest::prop_assert_eq!(is_site(&s), re(SITE).is_match(&s), "{:?}", s);
        }

        #[test]
        fn byline_name_is_its_regex(s in bylines_like()) {
            let want = re(BYLINE).captures(&s).map(|c| c.get(1).unwrap().as_str());
            proptest::prop_assert_eq!(byline_name(&s), want, "{:?}", s);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Mending is the two replacements it stands for, one after the other.
        #[test]
        fn mend_hyphens_is_its_two_regexes(
            s in "(?:[aAÉßǅⅠx]{1,2}(?:[\\- ]|[ \t\u{a0}]{1,2}-|-[ \t\u{a0}]{1,2})?){0,6}"
        ) {
            let s: &str = &s;
            let once = re(HYPHEN_SPACE).replace_all(s, "$1 $2");
            let want = re(SPACE_HYPHEN).replace_all(&once, "$1 $2");
            proptest::prop_assert_eq!(mend_hyphens(s), want.as_ref(), "{:?}", s);
        }
    }

    /// The classes agree with the regex crate's for every character there is, and `(?i:by)`
    /// takes no character but the four ASCII ones.
    #[test]
    fn classes_match_the_regex_classes_everywhere() {
        let upper = Regex::new(r"^\p{Lu}$").unwrap();
        let letter = Regex::new(r"^\p{L}$").unwrap();
        let b = Regex::new(r"^(?i:b)$").unwrap();
        let y = Regex::new(r"^(?i:y)$").unwrap();
        let mut buf = [0; 4];
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            assert_eq!(is_upper(c), upper.is_match(s), "{c:?}");
            assert_eq!(is_letter(c), letter.is_match(s), "{c:?}");
            assert_eq!(b.is_match(s), c.eq_ignore_ascii_case(&'b'), "{c:?}");
            assert_eq!(y.is_match(s), c.eq_ignore_ascii_case(&'y'), "{c:?}");
        }
    }

    #[test]
    fn examples() {
        assert!(is_person("Jane Doe"));
        assert!(!is_person("Jane"));
        assert!(!is_person("Jane doe"));
        assert!(is_site("Wikipedia"));
        assert!(is_site("The New York"));
        assert!(!is_site("The New York Times"));
        assert_eq!(byline_name("By Jane Doe, Staff"), Some("Jane Doe"));
        assert_eq!(byline_name("by Jane Doe!"), Some("Jane"));
        assert_eq!(byline_name("By Jane!"), None);
        assert_eq!(byline_name("Bylines"), None);
    }
}
