//! JSON Lines of documents, a line each: `{"id": …, "url": …, "html": "…"}` (or `"text"` in
//! place of `"html"`), as `listicle stream` reads them and as crawlers and scrapers dump pages.
//! `extract` reads a file of them (named `.jsonl` or `.ndjson`, gzipped or not) or stdin that
//! holds them a line at a time, each line a document.

use std::io::BufRead;

use serde_json::Value;

use super::warc::Item;
use crate::Format;

/// One line's document.
pub struct Doc {
    pub id: Value,
    pub url: Option<String>,
    pub body: String,
    pub format: Format,
}

impl Doc {
    /// What the document is called: its `url`, else its `id` when that is a string, else
    /// `other` of the id (null, a number, an object).
    pub fn name(&self, other: impl FnOnce(&Value) -> String) -> String {
        match (&self.url, &self.id) {
            (Some(u), _) => u.clone(),
            (None, Value::String(s)) => s.clone(),
            (None, id) => other(id),
        }
    }
}

/// Read one line: a JSON object with an `html` or `text` string. The error says what is wrong
/// with the line, without naming it.
pub fn parse(line: &str) -> Result<Doc, (Value, String)> {
    let mut v: Value =
        serde_json::from_str(line).map_err(|e| (Value::Null, format!("not JSON: {e}")))?;
    let id = v.get("id").cloned().unwrap_or(Value::Null);
    let url = v.get("url").and_then(Value::as_str).map(String::from);
    let (key, format) = if v.get("html").is_some_and(Value::is_string) {
        ("html", Format::Html)
    } else if v.get("text").is_some_and(Value::is_string) {
        ("text", Format::Text)
    } else {
        return Err((id, "no \"html\" or \"text\" string to read".into()));
    };
    let body = match v.get_mut(key).map(Value::take) {
        Some(Value::String(s)) => s,
        _ => unreachable!("checked to be a string"),
    };
    Ok(Doc {
        id,
        url,
        body,
        format,
    })
}

/// Do these bytes open JSON Lines of documents: a first line that is a JSON object with an
/// `html` or `text` string? When `bytes` are only the start of a longer input and end before
/// the first line does (a page in a line is long), the line is judged by its start: an
/// object with an `"html":` or `"text":` key in it.
pub fn is_doc_lines(bytes: &[u8]) -> bool {
    // The first line that is not blank (as the reader passes blank lines over). Most inputs
    // fail at its first byte, before any scan for the line's end.
    let bytes = bytes.trim_ascii_start();
    if !bytes.starts_with(b"{\"") {
        return false;
    }
    let (first, whole) = match memchr::memchr(b'\n', bytes) {
        Some(k) => (&bytes[..k], true),
        None => (bytes, false),
    };
    let t = first.trim_ascii_end();
    let parses = || std::str::from_utf8(t).is_ok_and(|s| parse(s).is_ok());
    if whole {
        return parses();
    }
    let key = |k: &[u8]| {
        memchr::memmem::find_iter(t, k)
            .any(|at| t[at + k.len()..].trim_ascii_start().starts_with(b":"))
    };
    parses() || key(b"\"html\"") || key(b"\"text\"")
}

/// The documents of a JSON Lines file, a line at a time: each is an [`Item::Document`] named
/// by its `url`, else its `id` when that is a string, else `{name} (line N)`; a line that is
/// no document is [`Item::Broken`] at its line, and the reading goes on. Blank lines are
/// passed over. A line longer than `max_bytes` is refused without being held.
pub struct DocLines<R: BufRead> {
    r: R,
    name: String,
    line: usize,
    items: usize,
    max_bytes: u64,
    done: bool,
}

impl<R: BufRead> DocLines<R> {
    pub fn new(r: R, name: &str, max_bytes: u64) -> Self {
        DocLines {
            r,
            name: name.to_string(),
            line: 0,
            items: 0,
            max_bytes,
            done: false,
        }
    }

    /// How many items have been given so far.
    pub fn items(&self) -> usize {
        self.items
    }

    /// How many lines have been read so far.
    pub fn lines(&self) -> usize {
        self.line
    }

    fn read(&mut self) -> Option<Item> {
        loop {
            if self.done {
                return None;
            }
            let mut buf = Vec::new();
            let at = self.line + 1;
            let broken = |reason: String| Item::Broken {
                at: format!("line {at}"),
                reason,
            };
            match std::io::Read::take(&mut self.r, self.max_bytes + 1).read_until(b'\n', &mut buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(broken(format!("cannot read: {e}")));
                }
            }
            self.line += 1;
            if buf.last() != Some(&b'\n') && buf.len() as u64 > self.max_bytes {
                // The rest of the line is passed over, not held.
                if let Err(e) = self.r.skip_until(b'\n') {
                    self.done = true;
                    return Some(broken(format!("cannot read: {e}")));
                }
                return Some(broken(format!(
                    "the line is over the limit of {} bytes; raise it with --max-bytes",
                    self.max_bytes
                )));
            }
            let Ok(text) = std::str::from_utf8(buf.trim_ascii()) else {
                return Some(broken("not UTF-8, so not JSON".into()));
            };
            if text.is_empty() {
                continue;
            }
            return Some(match parse(text) {
                Ok(doc) => {
                    let uri = doc.name(|_| format!("{} (line {at})", self.name));
                    Item::Document {
                        uri,
                        charset: Some("utf-8".into()),
                        body: doc.body.into_bytes(),
                        format: Some(doc.format),
                    }
                }
                Err((_, reason)) => broken(reason),
            });
        }
    }
}

impl<R: BufRead> Iterator for DocLines<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let item = self.read();
        self.items += usize::from(item.is_some());
        item
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(input: &str, max: u64) -> Vec<String> {
        DocLines::new(input.as_bytes(), "docs.jsonl", max)
            .map(|i| match i {
                Item::Document {
                    uri, body, format, ..
                } => format!(
                    "{uri} {:?} {}",
                    format.unwrap(),
                    String::from_utf8(body).unwrap()
                ),
                Item::Broken { at, reason } => format!("broken {at}: {reason}"),
                Item::Skipped { uri, reason } => format!("skipped {uri}: {reason}"),
                Item::Failed { uri, reason, .. } => format!("failed {uri}: {reason}"),
            })
            .collect()
    }

    #[test]
    fn each_line_is_a_document_and_a_bad_line_does_not_stop_the_rest() {
        let input = concat!(
            "{\"id\": 1, \"url\": \"https://a.example/x\", \"html\": \"<p>a</p>\"}\n",
            "\n",
            "{\"id\": \"b-2\", \"text\": \"b\"}\r\n",
            "not json\n",
            "{\"id\": 4, \"title\": \"no body\"}\n",
            "{\"id\": 5, \"text\": \"last, no newline\"}",
        );
        assert_eq!(
            items(input, 1000),
            [
                "https://a.example/x Html <p>a</p>",
                "b-2 Text b",
                "broken line 4: not JSON: expected ident at line 1 column 2",
                "broken line 5: no \"html\" or \"text\" string to read",
                "docs.jsonl (line 6) Text last, no newline",
            ]
        );
    }

    #[test]
    fn a_line_over_the_limit_is_refused_and_the_next_is_read() {
        let long = format!("{{\"text\": \"{}\"}}\n", "x".repeat(100));
        let input = format!("{long}{{\"text\": \"ok\"}}\n");
        assert_eq!(
            items(&input, 50),
            [
                "broken line 1: the line is over the limit of 50 bytes; raise it with --max-bytes",
                "docs.jsonl (line 2) Text ok",
            ]
        );
    }

    #[test]
    fn doc_lines_are_known_by_their_first_line() {
        assert!(is_doc_lines(
            b"{\"id\": 1, \"html\": \"<p>x</p>\"}\n{\"id\": 2}"
        ));
        assert!(is_doc_lines(b"  {\"text\": \"x\"}  \r\n"));
        // Records written by `extract` are no documents; nor is prose or a JSON array.
        assert!(!is_doc_lines(
            b"{\"source\": \"a.html\", \"title\": \"x\"}\n"
        ));
        assert!(!is_doc_lines(b"Ten things {\"text\": \"x\"}\n"));
        assert!(!is_doc_lines(b"[{\"text\": \"x\"}]\n"));
        assert!(!is_doc_lines(b""));
        // Blank lines before the first document are passed over, as the reader does.
        assert!(is_doc_lines(b"\n\r\n{\"text\": \"x\"}\n"));
        // The start of a long first line: judged by its keys.
        assert!(is_doc_lines(
            b"{\"id\": 1, \"html\" : \"<html><body><p>a long pa"
        ));
        assert!(!is_doc_lines(
            b"{\"id\": 1, \"body\": \"<html><body><p>the text"
        ));
        // Pretty-printed JSON is no JSON Lines.
        assert!(!is_doc_lines(b"{\n  \"text\": \"x\"\n}\n"));
    }
}
