//! Bytes to text: byte-order marks, declared charsets, detection, and HTML sniffing.
//!
//! The order is the one browsers use: a BOM wins; then a charset the transport declared
//! (an HTTP header inside a WARC record); then `<meta charset>` in the first 4 KiB of an HTML
//! page; then valid UTF-8; then a statistical guess (chardetng). UTF-16 without a BOM is
//! recognised by its pattern of zero bytes. Bytes that cannot be decoded become U+FFFD, and NUL
//! characters are dropped, so the text is always usable. Only inputs that are plainly not text
//! (images, executables, archives) are refused.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Whether a document is HTML or plain text, decided by content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
}

/// A decoded document. `text` borrows the input when it was UTF-8 already (no copy).
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub format: Format,
    pub encoding: &'static str,
}

/// Why bytes could not be read as a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are a known binary format (the name says which).
    Binary(&'static str),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary(kind) => write!(f, "not a text document ({kind})"),
        }
    }
}

/// Decode `bytes`; `declared` is a charset label from outside the document, if any.
pub fn decode<'a>(bytes: &'a [u8], declared: Option<&str>) -> Result<Decoded<'a>, DecodeError> {
    if let Some(kind) = binary_kind(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    let (encoding, body, valid) = pick_encoding(bytes, declared);
    let text = match valid {
        // Already checked as UTF-8 while picking the encoding: no second pass.
        Some(s) => clean(s),
        None => match encoding.decode_without_bom_handling(body).0 {
            Cow::Borrowed(s) => clean(s),
            Cow::Owned(s) => Cow::Owned(match clean(&s) {
                Cow::Owned(c) => c,
                Cow::Borrowed(_) => s,
            }),
        },
    };
    let format = sniff(&text);
    Ok(Decoded {
        text,
        format,
        encoding: encoding.name(),
    })
}

/// `s` without NUL characters, borrowed when it has none.
fn clean(s: &str) -> Cow<'_, str> {
    if memchr::memchr(0, s.as_bytes()).is_some() {
        Cow::Owned(s.replace('\0', ""))
    } else {
        Cow::Borrowed(s)
    }
}

/// The encoding to decode with, the bytes to decode (without a BOM), and, when they were
/// found to be valid UTF-8 on the way and that is the encoding, the text itself.
fn pick_encoding<'a>(
    bytes: &'a [u8],
    declared: Option<&str>,
) -> (&'static Encoding, &'a [u8], Option<&'a str>) {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        let body = &bytes[len..];
        return (enc, body, utf8_if(enc, body));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return (enc, bytes, None);
    }
    if let Some(enc) = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        let enc = html_compatible(enc);
        return (enc, bytes, utf8_if(enc, bytes));
    }
    let meta = meta_charset(bytes);
    if let Some(enc) = meta
        && enc != UTF_8
    {
        return (html_compatible(enc), bytes, None);
    }
    // No charset, or one that says UTF-8: a page that says it is UTF-8 but is not is common,
    // so the bytes decide.
    if let Some(s) = utf8(bytes) {
        return (UTF_8, bytes, Some(s));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(
        &bytes[..bytes.len().min(64 * 1024)],
        bytes.len() <= 64 * 1024,
    );
    (
        det.guess(None, chardetng::Utf8Detection::Allow),
        bytes,
        None,
    )
}

/// The bytes as text if they are valid UTF-8 (checked with SIMD).
fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// The bytes as text when `enc` is UTF-8 and they are valid in it.
fn utf8_if<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> Option<&'a str> {
    if enc == UTF_8 { utf8(bytes) } else { None }
}

/// A page cannot really be UTF-16 if it declared so in ASCII-compatible bytes.
fn html_compatible(enc: &'static Encoding) -> &'static Encoding {
    if enc == UTF_16LE || enc == UTF_16BE {
        UTF_8
    } else {
        enc
    }
}

/// UTF-16 text without a BOM has a zero byte in every other position for ASCII characters.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(4096) & !1;
    if n < 4 || memchr::memchr(0, &bytes[..n]).is_none() {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in bytes[..n].chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let pairs = n / 2;
    if odd * 10 >= pairs * 6 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 6 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// `<meta charset="x">` or `<meta http-equiv=Content-Type content="...; charset=x">` in the
/// first 4 KiB.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    // No tag, no meta tag (plain text comes this way).
    memchr::memchr(b'<', head)?;
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut i = from + k + 7;
        from = i;
        while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if i > start {
            // Only a charset inside a tag counts: the last '<' before it must open a meta tag.
            let tag_open = lower[..start].iter().rposition(|&b| b == b'<');
            let in_meta = tag_open.is_some_and(|t| lower[t..].starts_with(b"<meta"));
            if in_meta && let Some(enc) = Encoding::for_label(&lower[start..i]) {
                return Some(enc);
            }
        }
    }
    None
}

/// Known binary signatures, and anything with many NUL bytes that is not UTF-16.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"\x7fELF", "ELF executable"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1f\x8b", "gzip data that could not be decompressed"),
        (b"MZ", "Windows executable"),
        (b"\x00asm", "WebAssembly module"),
        (b"RIFF", "RIFF media"),
        (b"\xca\xfe\xba\xbe", "Mach-O or Java class file"),
        (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
        (b"BZh", "bzip2 data"),
        (b"\xfd7zXZ\x00", "xz data"),
        (b"(\xb5/\xfd", "zstd data"),
    ];
    for (magic, name) in MAGIC {
        if bytes.starts_with(magic) {
            // "MZ" and "BZh" could begin a text file; require a NUL or control byte soon after.
            if magic.len() <= 3 && !bytes[..bytes.len().min(512)].iter().any(|&b| b < 9) {
                continue;
            }
            return Some(name);
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    // Text has no control bytes but tab, newline, CR (and ESC, form feed, vertical tab):
    // a branch-free pass that vectorises settles most documents.
    let any_control = head.iter().fold(false, |a, &b| {
        a | (b < 9) | ((b > 13) & (b < 32) & (b != 27))
    });
    if !any_control {
        return None;
    }
    if Encoding::for_bom(bytes).is_some() || utf16_without_bom(bytes).is_some() {
        return None;
    }
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 9) || (b > 13 && b < 32 && b != 27))
        .count();
    if head.len() >= 64 && controls * 10 > head.len() {
        return Some("binary data");
    }
    None
}

/// HTML or text, by content: a document is HTML if it opens with markup or carries the tags
/// that only pages have.
pub fn sniff(text: &str) -> Format {
    let head = &text.as_bytes()[..text.len().min(4096)];
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let opens = head.get(start) == Some(&b'<');
    const STRONG: [&[u8]; 6] = [
        b"<html", b"<body", b"<head>", b"<head ", b"<meta ", b"<title>",
    ];
    const WEAK: [&[u8]; 11] = [
        b"<p>",
        b"<p ",
        b"<div",
        b"<h1",
        b"<h2",
        b"<h3",
        b"<li>",
        b"<li ",
        b"<br",
        b"<article",
        b"<span",
    ];
    // Look at each '<' and the few bytes after it, lowercased.
    let mut tags = 0;
    for i in memchr::memchr_iter(b'<', head) {
        let mut buf = [0u8; 14];
        let tail = &head[i..head.len().min(i + buf.len())];
        for (d, s) in buf.iter_mut().zip(tail) {
            *d = s.to_ascii_lowercase();
        }
        let t = &buf[..tail.len()];
        if i == start
            && (t.starts_with(b"<!doctype html")
                || t.starts_with(b"<?xml")
                || t.starts_with(b"<html"))
        {
            return Format::Html;
        }
        if STRONG.iter().any(|m| t.starts_with(m)) {
            return Format::Html;
        }
        tags += usize::from(WEAK.iter().any(|m| t.starts_with(m)));
    }
    if opens && tags >= 2 || tags >= 6 {
        Format::Html
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_utf16() {
        let d = decode(b"\xef\xbb\xbfhello", None).unwrap();
        assert_eq!(d.text, "hello");
        let le: Vec<u8> = "hi there"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode(&le, None).unwrap().text, "hi there");
        let mut bom = vec![0xff, 0xfe];
        bom.extend(&le);
        assert_eq!(decode(&bom, None).unwrap().text, "hi there");
        let be: Vec<u8> = "hi there"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode(&be, None).unwrap().text, "hi there");
    }

    #[test]
    fn meta_charset_and_detection() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        let d = decode(page, None).unwrap();
        assert!(d.text.contains("café"));
        assert_eq!(d.format, Format::Html);
        let d = decode(b"Gr\xfc\xdfe aus M\xfcnchen, sch\xf6ne Gr\xfc\xdfe", None).unwrap();
        assert!(d.text.contains("Grüße"), "{}", d.text);
    }

    #[test]
    fn binaries_are_refused() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0", None).unwrap_err(),
            DecodeError::Binary("PNG image")
        );
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01\0\0\0\0\0", None).unwrap_err(),
            DecodeError::Binary("ELF executable")
        );
        assert_eq!(decode(b"MZ is a word", None).unwrap().text, "MZ is a word");
    }

    #[test]
    fn nul_bytes_are_dropped() {
        assert_eq!(decode(b"a\0b", None).unwrap().text, "ab");
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff("<!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(sniff("<!-- note -->\nTitle\n\n1. A"), Format::Text);
        assert_eq!(sniff("1. Use <b> tags"), Format::Text);
    }
}
