//! Facts about characters of the Basic Multilingual Plane, from tables made per page of 256
//! code points on first use: a character's lowercase, whether that is a letter or digit, and
//! whether the character leaves text in NFC whatever surrounds it. Text in Cyrillic, Greek,
//! CJK or accented Latin then costs one lookup a character, instead of searches through the
//! Unicode case, alphabetic and normalisation tables for every one. Each answer is the one the
//! Unicode functions give (tested for every character of the plane).

use std::sync::OnceLock;

/// Bits of a table entry: the lowercase code point in the low 21 bits, then flags.
const ALNUM: u32 = 1 << 31;
const NFC_SAFE: u32 = 1 << 30;
const MANY: u32 = 1 << 29;
const CODE: u32 = 0x1f_ffff;

static PAGES: [OnceLock<Box<[u32; 256]>>; 256] = [const { OnceLock::new() }; 256];

#[inline]
fn entry(c: char) -> Option<u32> {
    let cp = c as u32;
    let page = PAGES.get((cp >> 8) as usize)?.get_or_init(|| {
        let mut t = Box::new([0u32; 256]);
        for (k, e) in t.iter_mut().enumerate() {
            if let Some(c) = char::from_u32((cp & !0xff) | k as u32) {
                *e = make(c);
            }
        }
        t
    });
    Some(page[(cp & 0xff) as usize])
}

fn make(c: char) -> u32 {
    let mut low = c.to_lowercase();
    let case = match (low.next(), low.next()) {
        (Some(l), None) => l as u32 | if l.is_alphanumeric() { ALNUM } else { 0 },
        _ => MANY,
    };
    case | if nfc_safe_by_unicode(c) { NFC_SAFE } else { 0 }
}

/// A starter (combining class 0) that is `Yes` in the NFC quick check: text made only of such
/// characters is in NFC.
fn nfc_safe_by_unicode(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) == 0
        && unicode_normalization::is_nfc_quick(std::iter::once(c))
            == unicode_normalization::IsNormalized::Yes
}

/// The lowercase of `c` when it is one character, and whether that is a letter or digit;
/// `None` when it lowercases to several (`İ`) or is outside the plane (then ask
/// [`char::to_lowercase`]).
#[inline]
pub fn lower(c: char) -> Option<(char, bool)> {
    let e = entry(c)?;
    if e & MANY != 0 {
        return None;
    }
    char::from_u32(e & CODE).map(|l| (l, e & ALNUM != 0))
}

/// Is `s` surely in Unicode Normalization Form C, that is, does the NFC quick check say
/// `Yes`? (`false` means it may not be: normalise it.) ASCII and text of starters that pass
/// the quick check on their own are answered here, anything else by the full quick check.
pub fn surely_nfc(s: &str) -> bool {
    starters_only(s)
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Eight bytes at a time in a `u64` (SWAR), for byte scans on hot paths.
pub(crate) mod swar {
    /// 0x01 in every byte: `ONES * b` is `b` in every byte.
    pub const ONES: u64 = 0x0101_0101_0101_0101;
    /// The high bit of every byte.
    pub const HIGH: u64 = 0x8080_8080_8080_8080;

    /// The eight bytes at `b[i..i + 8]` as one little-endian word, if there are eight.
    #[inline]
    pub fn word_at(b: &[u8], i: usize) -> Option<u64> {
        let w = b.get(i..i + 8)?;
        Some(u64::from_le_bytes(w.try_into().expect("eight bytes")))
    }
}

/// Is every character of `s` ASCII or a starter that passes the NFC quick check on its own?
/// ASCII is passed over eight bytes at a time; only the other characters are looked up.
fn starters_only(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if swar::word_at(b, i).is_some_and(|w| w & swar::HIGH == 0) {
            i += 8;
        } else if b[i] < 0x80 {
            i += 1;
        } else {
            let c = s[i..].chars().next().expect("a char boundary");
            if entry(c).is_none_or(|e| e & NFC_SAFE == 0) {
                return false;
            }
            i += c.len_utf8();
        }
    }
    true
}

/// `s` in Unicode Normalization Form C, borrowed when it surely is already.
pub fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if surely_nfc(s) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    }
}

/// The ASCII character a full-width form stands for (`１` is `1`, `．` is `.`, U+FF01 to
/// U+FF5E), as Japanese and Chinese text writes digits and marks.
pub fn halfwidth(c: char) -> Option<char> {
    ('\u{ff01}'..='\u{ff5e}')
        .contains(&c)
        .then(|| char::from_u32(c as u32 - 0xfee0))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_agree_with_unicode_for_every_character() {
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            let low: Vec<char> = c.to_lowercase().collect();
            match lower(c) {
                Some((l, alnum)) => {
                    assert_eq!(low, [l], "{c:?}");
                    assert_eq!(alnum, l.is_alphanumeric(), "{c:?}");
                }
                None => assert!(low.len() > 1, "{c:?}"),
            }
            assert_eq!(
                entry(c).unwrap() & NFC_SAFE != 0,
                nfc_safe_by_unicode(c),
                "{c:?}"
            );
        }
        assert_eq!(lower('\u{1f600}'), None);
        assert_eq!(lower('Ж'), Some(('ж', true)));
        assert_eq!(lower('\u{130}'), None);
        assert_eq!(lower('—'), Some(('—', false)));
    }

    #[test]
    fn nfc() {
        for s in ["plain", "Жёлтый дом", "東京の散歩道", "é", "Å", "😀"] {
            assert!(surely_nfc(s), "{s:?}");
        }
        // A combining accent, a conjoining jamo pair, the ANGSTROM SIGN.
        for s in ["e\u{301}", "\u{1100}\u{1161}", "\u{212b}"] {
            assert!(!surely_nfc(s), "{s:?}");
        }
        assert_eq!(super::nfc("e\u{301}"), "é");
        assert!(matches!(
            super::nfc("Жёлтый"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    proptest::proptest! {
        /// The shortcut answers as the full quick check does, in any script and with combining
        /// marks, and text it passes is unchanged by normalising.
        #[test]
        fn is_nfc_is_exact(
            s in "([a-z ]{1,10}|[À-ɏ]|[\u{300}-\u{36f}]|[Ͱ-ӿ]|[\u{1100}-\u{11ff}]|[가-힣]|[ぁ-ヺ]|\u{212b}|\u{2126}|[😀-🙏]){0,12}"
        ) {
            use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
            let sure = surely_nfc(&s);
            // The eight-bytes-at-a-time pass looks up exactly the characters that are not
            // ASCII, wherever the ASCII runs fall.
            proptest::prop_assert_eq!(
                starters_only(&s),
                s.chars().all(|c| c.is_ascii() || entry(c).is_some_and(|e| e & NFC_SAFE != 0))
            );
            proptest::prop_assert_eq!(sure, is_nfc_quick(s.chars()) == IsNormalized::Yes);
            proptest::prop_assert!(!sure || s.nfc().collect::<String>() == s);
        }
    }
}
