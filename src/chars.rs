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

/// Where the two bytes `a` then `b` first come in `s` (`s.find("ab")` for two ASCII bytes,
/// without building a substring searcher for a short line).
pub fn find_pair(s: &str, a: u8, b: u8) -> Option<usize> {
    let s = s.as_bytes();
    memchr::memchr_iter(a, s).find(|&i| s.get(i + 1) == Some(&b))
}

/// Where the two bytes `a` then `b` last come in `s` (`s.rfind("ab")` for two ASCII bytes).
pub fn rfind_pair(s: &str, a: u8, b: u8) -> Option<usize> {
    let s = s.as_bytes();
    memchr::memrchr_iter(a, s).find(|&i| s.get(i + 1) == Some(&b))
}

/// `s.split_once("ab")` for two ASCII bytes `a` then `b`.
pub fn split_pair(s: &str, a: u8, b: u8) -> Option<(&str, &str)> {
    find_pair(s, a, b).map(|i| (&s[..i], &s[i + 2..]))
}

/// Eight bytes at a time in a `u64` (SWAR), for byte scans on hot paths.
pub(crate) mod swar {
    /// 0x01 in every byte: `ONES * b` is `b` in every byte.
    pub const ONES: u64 = 0x0101_0101_0101_0101;
    /// The high bit of every byte.
    pub const HIGH: u64 = 0x8080_8080_8080_8080;
}

/// Sixteen bytes at a time, each test a bit mask with one bit a byte (the first byte in bit 0):
/// two instructions a test with SSE2 (every x86-64 has it), a byte at a time elsewhere.
pub(crate) mod simd {
    /// Sixteen bytes of a text.
    #[derive(Clone, Copy)]
    pub struct Bytes16 {
        #[cfg(target_arch = "x86_64")]
        v: std::arch::x86_64::__m128i,
        #[cfg(not(target_arch = "x86_64"))]
        c: [u8; 16],
    }

    impl Bytes16 {
        /// The sixteen bytes of `b` from `i`, `pad` standing in for those past its end.
        #[inline]
        pub fn at(b: &[u8], i: usize, pad: u8) -> Bytes16 {
            match b.get(i..i + 16) {
                Some(c) => Bytes16::new(c.try_into().expect("sixteen bytes")),
                None => {
                    let mut c = [pad; 16];
                    let rest = b.get(i..).unwrap_or_default();
                    // Fewer than sixteen bytes, copied in two overlapping moves of a fixed
                    // size (a copy of a length known only at run time is a call to memcpy,
                    // and this is the last chunk of every short line).
                    let n = rest.len();
                    if n >= 8 {
                        c[..8].copy_from_slice(&rest[..8]);
                        c[n - 8..n].copy_from_slice(&rest[n - 8..]);
                    } else if n >= 4 {
                        c[..4].copy_from_slice(&rest[..4]);
                        c[n - 4..n].copy_from_slice(&rest[n - 4..]);
                    } else {
                        for (d, &x) in c.iter_mut().zip(rest) {
                            *d = x;
                        }
                    }
                    Bytes16::new(&c)
                }
            }
        }
    }

    /// `b` sixteen bytes at a time, each with where it starts; `pad` stands in for the bytes
    /// past the end of `b` in the last sixteen.
    #[inline]
    pub fn chunks(b: &[u8], pad: u8) -> impl Iterator<Item = (usize, Bytes16)> + '_ {
        (0..b.len())
            .step_by(16)
            .map(move |i| (i, Bytes16::at(b, i, pad)))
    }

    /// The places of the bits set in a mask, lowest first.
    #[inline]
    pub fn bits(mut mask: u32) -> impl Iterator<Item = usize> {
        std::iter::from_fn(move || {
            (mask != 0).then(|| {
                let k = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                k
            })
        })
    }

    #[cfg(target_arch = "x86_64")]
    impl Bytes16 {
        #[inline]
        pub fn new(c: &[u8; 16]) -> Bytes16 {
            let half = |k: usize| u64::from_le_bytes(c[k..k + 8].try_into().expect("eight bytes"));
            // SAFETY: SSE2, which every x86-64 processor has (it is in the target's baseline),
            // and no memory is read. The same holds for the intrinsics below.
            let v = unsafe { std::arch::x86_64::_mm_set_epi64x(half(8) as i64, half(0) as i64) };
            Bytes16 { v }
        }

        /// The bytes equal to `x`.
        #[inline]
        pub fn eq(self, x: u8) -> u32 {
            use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_movemask_epi8, _mm_set1_epi8};
            // SAFETY: as in `new`.
            unsafe { _mm_movemask_epi8(_mm_cmpeq_epi8(self.v, _mm_set1_epi8(x as i8))) as u32 }
        }

        /// The bytes below `x` (unsigned; `x` at least 1).
        #[inline]
        pub fn below(self, x: u8) -> u32 {
            use std::arch::x86_64::{
                _mm_cmpeq_epi8, _mm_min_epu8, _mm_movemask_epi8, _mm_set1_epi8,
            };
            // At most `x - 1`: the smaller of it and `x - 1` is itself.
            // SAFETY: as in `new`.
            unsafe {
                let v = self.v;
                _mm_movemask_epi8(_mm_cmpeq_epi8(
                    _mm_min_epu8(v, _mm_set1_epi8((x - 1) as i8)),
                    v,
                )) as u32
            }
        }

        /// The bytes at or above 0x80.
        #[inline]
        pub fn high(self) -> u32 {
            // SAFETY: as in `new`.
            unsafe { std::arch::x86_64::_mm_movemask_epi8(self.v) as u32 }
        }
    }

    #[cfg(not(target_arch = "x86_64"))]
    impl Bytes16 {
        pub fn new(c: &[u8; 16]) -> Bytes16 {
            Bytes16 { c: *c }
        }

        pub fn eq(self, x: u8) -> u32 {
            bytewise(&self.c, |c| c == x)
        }

        pub fn below(self, x: u8) -> u32 {
            bytewise(&self.c, |c| c < x)
        }

        pub fn high(self) -> u32 {
            bytewise(&self.c, |c| c >= 0x80)
        }
    }

    /// The bytes of `c` for which `f` holds, one at a time: what the vector tests give.
    #[cfg_attr(target_arch = "x86_64", allow(dead_code))]
    pub fn bytewise(c: &[u8; 16], f: impl Fn(u8) -> bool) -> u32 {
        (0..16).fold(0, |m, i| m | (u32::from(f(c[i])) << i))
    }
}

/// Is every character of `s` ASCII or a starter that passes the NFC quick check on its own?
/// ASCII is passed over eight bytes at a time; only the other characters are looked up.
fn starters_only(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Sixteen bytes at a time, on to the first that is not ASCII.
        let high = simd::Bytes16::at(b, i, b'a').high();
        if high == 0 {
            i += 16;
            continue;
        }
        i += high.trailing_zeros() as usize;
        let c = s[i..].chars().next().expect("a char boundary");
        if entry(c).is_none_or(|e| e & NFC_SAFE == 0) {
            return false;
        }
        i += c.len_utf8();
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
    #[test]
    fn find_pair_finds_what_str_find_finds() {
        for s in [
            "",
            ":",
            "a:b",
            "Title: tagline: more",
            "a :b: c",
            "é: x",
            "::  ",
        ] {
            assert_eq!(super::find_pair(s, b':', b' '), s.find(": "), "{s:?}");
            assert_eq!(super::rfind_pair(s, b':', b' '), s.rfind(": "), "{s:?}");
            assert_eq!(
                super::split_pair(s, b':', b' '),
                s.split_once(": "),
                "{s:?}"
            );
        }
        assert_eq!(super::find_pair("**bold** x", b'*', b'*'), Some(0));
    }

    #[test]
    fn chunks_and_bits_walk_sixteen_bytes_and_their_set_bits() {
        use super::simd::{bits, chunks};
        assert_eq!(bits(0b1010_0001).collect::<Vec<_>>(), [0, 5, 7]);
        assert_eq!(bits(0).count(), 0);
        let b = b"a,b,cccccccccccccccc,";
        let found: Vec<usize> = chunks(b, b'x')
            .flat_map(|(i, v)| bits(v.eq(b',')).map(move |k| i + k))
            .collect();
        assert_eq!(found, [1, 3, 20]);
    }

    #[test]
    fn the_last_chunk_holds_the_rest_then_padding_for_every_length() {
        use super::simd::{Bytes16, bytewise};
        let b: Vec<u8> = (1..=40).collect();
        for len in 0..=40 {
            for start in 0..=len {
                let mut want = [0u8; 16];
                for (k, w) in want.iter_mut().enumerate() {
                    *w = b[..len].get(start + k).copied().unwrap_or(0xee);
                }
                let got = Bytes16::at(&b[..len], start, 0xee);
                for x in 1..=41u8 {
                    assert_eq!(got.eq(x), bytewise(&want, |c| c == x), "{len} {start} {x}");
                }
                assert_eq!(
                    got.eq(0xee),
                    bytewise(&want, |c| c == 0xee),
                    "{len} {start}"
                );
            }
        }
    }

    proptest::proptest! {
        /// The vector tests of sixteen bytes give what testing them one at a time gives.
        #[test]
        fn vector_tests_are_the_bytewise_ones(
            c in proptest::array::uniform16(proptest::sample::select(
                &[0u8, 1, 0x1f, 0x20, b'"', b',', b'\\', b'a', 0x7f, 0x80, 0x85, 0xa0, 0xc2, 0xe2, 0xff][..]
            )),
            x in proptest::sample::select(&[1u8, 0x20, b'"', b'\\', 0x80, 0xa0, 0xe2, 0xff][..]),
        ) {
            use super::simd::{Bytes16, bytewise};
            let v = Bytes16::new(&c);
            proptest::prop_assert_eq!(v.eq(x), bytewise(&c, |b| b == x));
            proptest::prop_assert_eq!(v.below(x), bytewise(&c, |b| b < x));
            proptest::prop_assert_eq!(v.high(), bytewise(&c, |b| b >= 0x80));
        }
    }

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
            // The sixteen-bytes-at-a-time pass looks up exactly the characters that are not
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
