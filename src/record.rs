//! The record: one list item, as written to every sink.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::blocks::{Image, Link};

/// Byte span of an entry (from its heading to the end of its body) in the decoded source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// One list item. The JSON keys are the field names; CSV flattens them (see the README).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The input: a path, `-` for stdin, or a URL for archive records.
    pub source: String,
    pub article_title: Option<String>,
    pub article_author: Option<String>,
    pub article_date: Option<String>,
    pub article_url: Option<String>,
    /// The heading of the part of the page the item is in, when the list is spread over
    /// parts ("Under $500", then "Under $1000"); `None` when it is all in one.
    pub section: Option<String>,
    /// 1-based position of the item in the list, in document order.
    pub position: usize,
    /// The number the article shows for the item, if any.
    pub rank: Option<i64>,
    /// The item's name: no marker, quotes, trailing year or tagline.
    pub title: String,
    /// The heading line as shown, without its marker.
    pub heading: String,
    pub year: Option<i32>,
    pub year_end: Option<i32>,
    /// Another name for the item, from a link caption that names it differently.
    pub alt_title: Option<String>,
    /// The item's body without labelled lines and link captions.
    pub description: Option<String>,
    /// Labelled fields, normalised: canonical snake_case key to value.
    pub fields: Map<String, Value>,
    /// The same fields as the page wrote them.
    pub raw_fields: Map<String, Value>,
    pub links: Vec<Link>,
    pub image: Option<Image>,
    pub span: Span,
    /// 1-based line of the heading in the decoded source.
    pub line: usize,
}

impl Record {
    /// About how many bytes the record's texts take when written out: room reserved up front
    /// instead of a buffer grown and copied again and again.
    pub fn size_hint(&self) -> usize {
        let opt = |s: &Option<String>| s.as_ref().map_or(0, String::len);
        // A field's key and value, with room for quotes and a number or list.
        let map = |m: &Map<String, Value>| {
            m.iter()
                .map(|(k, v)| k.len() + v.as_str().map_or(16, str::len) + 6)
                .sum::<usize>()
        };
        self.source.len()
            + opt(&self.article_title)
            + opt(&self.article_author)
            + opt(&self.article_date)
            + opt(&self.article_url)
            + opt(&self.section)
            + self.title.len()
            + self.heading.len()
            + opt(&self.alt_title)
            + opt(&self.description)
            + map(&self.fields)
            + map(&self.raw_fields)
            + self
                .links
                .iter()
                .map(|l| l.text.len() + l.href.as_ref().map_or(4, String::len) + 20)
                .sum::<usize>()
            + self.image.as_ref().map_or(0, |i| {
                i.src.len() + i.alt.as_ref().map_or(4, String::len) + 20
            })
            + 320
    }

    /// The record as one line of JSON, byte for byte what `serde_json::to_writer` writes,
    /// appended to `out`. Written by hand so that the long strings (the description above all)
    /// are escaped sixteen bytes at a time.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"source\":");
        json_str(out, &self.source);
        out.extend_from_slice(b",\"article_title\":");
        json_opt_str(out, self.article_title.as_deref());
        out.extend_from_slice(b",\"article_author\":");
        json_opt_str(out, self.article_author.as_deref());
        out.extend_from_slice(b",\"article_date\":");
        json_opt_str(out, self.article_date.as_deref());
        out.extend_from_slice(b",\"article_url\":");
        json_opt_str(out, self.article_url.as_deref());
        out.extend_from_slice(b",\"section\":");
        json_opt_str(out, self.section.as_deref());
        out.extend_from_slice(b",\"position\":");
        json_num(out, self.position);
        out.extend_from_slice(b",\"rank\":");
        json_opt_num(out, self.rank);
        out.extend_from_slice(b",\"title\":");
        json_str(out, &self.title);
        out.extend_from_slice(b",\"heading\":");
        json_str(out, &self.heading);
        out.extend_from_slice(b",\"year\":");
        json_opt_num(out, self.year);
        out.extend_from_slice(b",\"year_end\":");
        json_opt_num(out, self.year_end);
        out.extend_from_slice(b",\"alt_title\":");
        json_opt_str(out, self.alt_title.as_deref());
        out.extend_from_slice(b",\"description\":");
        json_opt_str(out, self.description.as_deref());
        out.extend_from_slice(b",\"fields\":");
        json_map(out, &self.fields);
        out.extend_from_slice(b",\"raw_fields\":");
        json_map(out, &self.raw_fields);
        out.extend_from_slice(b",\"links\":[");
        for (i, l) in self.links.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json_str_pair(
                out,
                b"{\"text\":",
                &l.text,
                b",\"href\":",
                l.href.as_deref(),
            );
        }
        out.extend_from_slice(b"],\"image\":");
        match &self.image {
            None => out.extend_from_slice(b"null"),
            Some(img) => json_str_pair(
                out,
                b"{\"src\":",
                &img.src,
                b",\"alt\":",
                img.alt.as_deref(),
            ),
        }
        out.extend_from_slice(b",\"span\":{\"start\":");
        json_num(out, self.span.start);
        out.extend_from_slice(b",\"end\":");
        json_num(out, self.span.end);
        out.extend_from_slice(b"},\"line\":");
        json_num(out, self.line);
        out.push(b'}');
    }
}

/// An object of a string and an optional string (`{"text":…,"href":…}`), given the key
/// bytes that open each member.
fn json_str_pair(out: &mut Vec<u8>, k1: &[u8], v1: &str, k2: &[u8], v2: Option<&str>) {
    out.extend_from_slice(k1);
    json_str(out, v1);
    out.extend_from_slice(k2);
    json_opt_str(out, v2);
    out.push(b'}');
}

fn json_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => json_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn json_opt_num<T: Into<i64>>(out: &mut Vec<u8>, n: Option<T>) {
    match n {
        Some(n) => {
            let n: i64 = n.into();
            if n < 0 {
                out.push(b'-');
            }
            json_num(out, n.unsigned_abs());
        }
        None => out.extend_from_slice(b"null"),
    }
}

/// A whole number as JSON (its decimal digits), without a string or a formatter in between.
fn json_num(out: &mut Vec<u8>, n: impl TryInto<u64>) {
    let mut n: u64 = n.try_into().unwrap_or(u64::MAX);
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// A JSON object, keys in order, as serde_json writes it.
fn json_map(out: &mut Vec<u8>, m: &serde_json::Map<String, serde_json::Value>) {
    out.push(b'{');
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_str(out, k);
        out.push(b':');
        json_value(out, v);
    }
    out.push(b'}');
}

/// A JSON value as serde_json writes it (numbers through serde_json itself).
fn json_value(out: &mut Vec<u8>, v: &serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => serde_json::to_writer(&mut *out, n).expect("a number serialises"),
        Value::String(s) => json_str(out, s),
        Value::Array(a) => {
            out.push(b'[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                json_value(out, x);
            }
            out.push(b']');
        }
        Value::Object(m) => json_map(out, m),
    }
}

/// `s` as a JSON string, escaped as serde_json escapes (`\"`, `\\`, `\b \t \n \f \r`, other
/// control bytes as `\u00xx`; everything else as it is). The bytes to escape are found sixteen
/// at a time ([`crate::chars::simd`]).
pub(crate) fn json_str(out: &mut Vec<u8>, s: &str) {
    use crate::chars::simd::{bits, chunks};
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    let mut start = 0;
    for (i, v) in chunks(b, b'a') {
        for k in bits(v.eq(b'"') | v.eq(b'\\') | v.below(0x20)).map(|k| i + k) {
            let c = b[k];
            let short = match c {
                b'"' => b'"',
                b'\\' => b'\\',
                0x08 => b'b',
                0x09 => b't',
                0x0a => b'n',
                0x0c => b'f',
                0x0d => b'r',
                _ => b'u',
            };
            out.extend_from_slice(&b[start..k]);
            out.push(b'\\');
            out.push(short);
            if short == b'u' {
                out.extend_from_slice(&[
                    b'0',
                    b'0',
                    HEX[usize::from(c >> 4)],
                    HEX[usize::from(c & 15)],
                ]);
            }
            start = k + 1;
        }
    }
    out.extend_from_slice(&b[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        "[a-z \"\\\\\\u{0}-\\u{1f}\\u{7f}é—’\\u{2028}😀]{0,40}"
    }

    proptest! {
        /// The hand-written JSON is byte for byte serde_json's.
        #[test]
        fn write_json_matches_serde_json(
            s in text(), t in text(), d in proptest::option::of(text()),
            rank in proptest::option::of(-5i64..500), n in 0usize..100000,
            links in proptest::collection::vec((text(), proptest::option::of(text())), 0..3),
            image in proptest::option::of((text(), proptest::option::of(text()))),
        ) {
            let mut fields = Map::new();
            fields.insert(t.clone(), Value::String(s.clone()));
            fields.insert("n".into(), serde_json::json!({"value": 1.5, "currency": "EUR"}));
            fields.insert(
                "all".into(),
                serde_json::json!([s.clone(), null, true, false, -3, rank, 2.25e-7, 1e21, [], {}, {t.clone(): [d.clone()]}]),
            );
            let r = Record {
                source: s.clone(),
                article_title: d.clone(),
                article_author: None,
                article_date: Some(t.clone()),
                article_url: None,
                section: d.clone(),
                position: n,
                rank,
                title: t.clone(),
                heading: s.clone(),
                year: rank.map(|r| r as i32),
                year_end: None,
                alt_title: d.clone(),
                description: d.clone(),
                fields: fields.clone(),
                raw_fields: fields,
                links: links.into_iter().map(|(text, href)| Link { text, href }).collect(),
                image: image.map(|(src, alt)| Image { src, alt }),
                span: Span { start: n, end: n + 7 },
                line: n / 3,
            };
            let mut out = Vec::new();
            r.write_json(&mut out);
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&r).unwrap());
        }
    }
}
