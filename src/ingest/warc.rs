//! WARC and WARC.gz crawl archives: each HTTP response record is a document, and so is each
//! page's text in a WET archive (Common Crawl's `.warc.wet.gz`) and each page stored whole
//! as a resource.
//!
//! Records are read one at a time from a buffered (and, for `.warc.gz`, gzip-decoding)
//! stream, so an archive of any size costs the memory of its largest record. A document's
//! source is its `WARC-Target-URI`. The charset of a response's HTTP `Content-Type`, or of a
//! `conversion` or `resource` record's own `Content-Type`, is passed on to decoding. A
//! `conversion` record of `text/plain` (the text a crawler took from a page) is read as plain
//! text whatever it holds. Other records (requests, metadata, revisits, warcinfo, and
//! resources and conversions of a URI that is not a web page's: `metadata://`, `dns:`) are
//! passed over; documents that are not HTML or text, or not successful, are reported as
//! skipped. A truncated record is an error for that record, and the archive ends there.

use std::io::{self, BufRead, Read};

use crate::Format;
use crate::error::ErrorKind;

/// One item read from an archive.
#[derive(Debug)]
pub enum Item {
    /// An HTML or text document: its target URI, declared charset, body, and format when the
    /// record says (a WET record's text is plain text; otherwise the body is sniffed).
    Document {
        uri: String,
        charset: Option<String>,
        body: Vec<u8>,
        format: Option<Format>,
    },
    /// A response that is not a document, and why.
    Skipped { uri: String, reason: String },
    /// A response whose body cannot be read (its content encoding does not decode, or
    /// decodes past the limit), and why; the archive goes on.
    Failed {
        uri: String,
        kind: crate::error::ErrorKind,
        reason: String,
    },
    /// The archive could not be read past this point.
    Broken { at: String, reason: String },
}

/// What reading one record gave.
enum Got {
    Item(Item),
    /// A record that is no document (a request, metadata, warcinfo).
    PassedOver,
    End,
}

pub struct WarcReader<R: BufRead> {
    r: R,
    records: usize,
    items: usize,
    max_bytes: u64,
    done: bool,
}

impl<R: BufRead> WarcReader<R> {
    /// How many records have been read so far (the ones passed over too).
    pub fn records(&self) -> usize {
        self.records
    }

    /// How many items have been given so far (documents, skipped ones, an error).
    pub fn items(&self) -> usize {
        self.items
    }

    pub fn new(r: R, max_bytes: u64) -> Self {
        WarcReader {
            r,
            records: 0,
            items: 0,
            max_bytes,
            done: false,
        }
    }

    fn read_line(&mut self, buf: &mut Vec<u8>) -> io::Result<usize> {
        buf.clear();
        // Header lines are short; a line over 64 KiB means this is not a WARC header.
        let n = (&mut self.r).take(64 * 1024).read_until(b'\n', buf)?;
        Ok(n)
    }

    /// Read one record: the item it gives, or that it is passed over, or the end.
    fn read_record(&mut self) -> Got {
        let mut line = Vec::new();
        // Skip blank lines between records.
        loop {
            match self.read_line(&mut line) {
                Ok(0) => return Got::End,
                Ok(_) if line.iter().all(|b| b.is_ascii_whitespace()) => continue,
                Ok(_) => break,
                Err(e) => return Got::Item(self.broken(format!("cannot read: {e}"))),
            }
        }
        self.records += 1;
        if !line.starts_with(b"WARC/") {
            return Got::Item(
                self.broken("not a WARC record header (expected a line starting WARC/)".into()),
            );
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            match self.read_line(&mut line) {
                Ok(0) => {
                    return Got::Item(
                        self.broken("the archive ends inside a record header".into()),
                    );
                }
                Ok(_) => {}
                Err(e) => return Got::Item(self.broken(format!("cannot read: {e}"))),
            }
            let l = String::from_utf8_lossy(&line);
            let l = l.trim_end_matches(['\r', '\n']);
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let get = |k: &str| {
            headers
                .iter()
                .find(|(h, _)| h == k)
                .map(|(_, v)| v.as_str())
        };
        let uri = get("warc-target-uri")
            .unwrap_or("")
            .trim_matches(['<', '>'])
            .to_string();
        let Some(len) = get("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            return Got::Item(self.broken("record has no Content-Length".into()));
        };
        let kind = get("warc-type").unwrap_or("").to_ascii_lowercase();
        let content_type = get("content-type").unwrap_or("").to_ascii_lowercase();
        let name = if uri.is_empty() {
            format!("record {}", self.records)
        } else {
            uri.clone()
        };
        if len > self.max_bytes {
            // Skip the block without holding it.
            if let Err(e) = io::copy(&mut (&mut self.r).take(len), &mut io::sink()) {
                return Got::Item(self.broken(format!("cannot read: {e}")));
            }
            return Got::Item(Item::Skipped {
                uri: name,
                reason: format!(
                    "{len} bytes is over the limit of {} bytes; raise it with --max-bytes",
                    self.max_bytes
                ),
            });
        }
        let mut block = Vec::with_capacity(len as usize);
        match (&mut self.r).take(len).read_to_end(&mut block) {
            Ok(n) if (n as u64) < len => {
                return Got::Item(
                    self.broken(format!("record {name} is truncated: {n} of {len} bytes")),
                );
            }
            Ok(_) => {}
            Err(e) => return Got::Item(self.broken(format!("cannot read record {name}: {e}"))),
        }
        match kind.as_str() {
            "response" if content_type.starts_with("application/http") => {
                Got::Item(http_response(name, &block, self.max_bytes))
            }
            "conversion" | "resource" if is_page_uri(&uri) => {
                Got::Item(stored_page(name, &kind, &content_type, block))
            }
            _ => Got::PassedOver,
        }
    }

    fn broken(&mut self, reason: String) -> Item {
        self.done = true;
        Item::Broken {
            at: format!("record {}", self.records),
            reason,
        }
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        // A loop, not a call a record: an archive may pass over any number of records in a
        // row (a crawl of revisits), and each call would take stack.
        while !self.done {
            match self.read_record() {
                Got::Item(item) => {
                    self.items += 1;
                    return Some(item);
                }
                Got::PassedOver => {}
                Got::End => return None,
            }
        }
        None
    }
}

/// Is `uri` a page's address (`http:`, `https:` or `file:`), as a crawl's own records
/// (`metadata://…/wget.log`, `dns:`) are not?
fn is_page_uri(uri: &str) -> bool {
    let scheme = uri.split_once(':').map_or("", |(s, _)| s);
    ["http", "https", "file"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(scheme))
}

/// The MIME type and charset of a `Content-Type` value (lowercased).
fn mime_and_charset(content_type: &str) -> (&str, Option<String>) {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    let charset = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .next()
        .map(|c| c.trim_matches('"').to_string());
    (mime, charset)
}

/// Could a body of this MIME type be a document: text, HTML or XML (or not said)?
fn is_document_mime(mime: &str) -> bool {
    mime.is_empty() || mime.starts_with("text/") || mime.contains("html") || mime.contains("xml")
}

/// A page stored whole in a record of its own (`conversion`: the text a crawler took from
/// it, as in a WET archive; `resource`: the page as fetched), with the record's
/// `Content-Type` as its own.
fn stored_page(uri: String, kind: &str, content_type: &str, body: Vec<u8>) -> Item {
    let (mime, charset) = mime_and_charset(content_type);
    if !is_document_mime(mime) {
        return Item::Skipped {
            uri,
            reason: format!("not an HTML or text {kind} ({mime})"),
        };
    }
    let format = (kind == "conversion" && mime == "text/plain").then_some(Format::Text);
    Item::Document {
        uri,
        charset,
        body,
        format,
    }
}

/// Split an HTTP response into headers and body; keep it if it is a successful HTML or text
/// response.
fn http_response(uri: String, block: &[u8], max_bytes: u64) -> Item {
    let Some(split) = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|k| (k, k + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|k| (k, k + 2)))
    else {
        return Item::Skipped {
            uri,
            reason: "HTTP response has no header end".into(),
        };
    };
    let head = String::from_utf8_lossy(&block[..split.0]);
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let v = v.trim().to_ascii_lowercase();
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => content_type = v,
                "transfer-encoding" => chunked = v.contains("chunked"),
                "content-encoding" => encoding = v,
                _ => {}
            }
        }
    }
    if !(200..300).contains(&status) {
        return Item::Skipped {
            uri,
            reason: format!("HTTP status {status}"),
        };
    }
    let (mime, charset) = mime_and_charset(&content_type);
    if !is_document_mime(mime) {
        return Item::Skipped {
            uri,
            reason: format!("not an HTML or text response ({mime})"),
        };
    }
    let mut body = block[split.1..].to_vec();
    if chunked {
        body = dechunk(&body);
    }
    // The decoders are third-party code run on a crawl's bytes: should one panic, that is
    // this record's failure, not the end of the run (the archive is read outside the
    // workers that catch a document's panic).
    let decoded = std::panic::catch_unwind(|| decode_content(body, &encoding, max_bytes))
        .unwrap_or_else(|_| {
            Err((
                ErrorKind::Malformed,
                format!("cannot decompress its {encoding} content: the decoder failed"),
            ))
        });
    let body = match decoded {
        Ok(body) => body,
        Err((kind, reason)) => return Item::Failed { uri, kind, reason },
    };
    Item::Document {
        uri,
        charset,
        body,
        format: None,
    }
}

/// A response body with its `Content-Encoding` (`gzip`, `x-gzip`, `deflate`, `br`, `zstd`,
/// several in the order applied, `identity`) undone, up to `max_bytes` of output. A body that
/// is already text (a crawler that stored it decoded and kept the header) is kept as it is.
/// An encoding that does not decode, or one not known, is an error that says so.
fn decode_content(mut body: Vec<u8>, encodings: &str, max_bytes: u64) -> Result<Vec<u8>, Failure> {
    for enc in encodings.rsplit(',').map(str::trim) {
        if matches!(enc, "" | "identity") {
            continue;
        }
        if looks_decoded(&body) {
            break;
        }
        let src = &body[..];
        body = match enc {
            "gzip" | "x-gzip" => bounded(flate2::read::MultiGzDecoder::new(src), enc, max_bytes),
            // Most servers send zlib (RFC 1950); some send raw deflate under the name.
            "deflate" => {
                bounded(flate2::read::ZlibDecoder::new(src), enc, max_bytes).or_else(|e| {
                    match e.0 {
                        ErrorKind::TooLarge => Err(e),
                        _ => bounded(flate2::read::DeflateDecoder::new(src), enc, max_bytes),
                    }
                })
            }
            "br" => bounded(
                brotli_decompressor::Decompressor::new(src, 4096),
                enc,
                max_bytes,
            ),
            // HTTP's zstd uses windows of 8 MiB at most (RFC 9659); a frame that asks for more
            // would only make the decoder hold more memory.
            "zstd" => {
                match ruzstd::decoding::StreamingDecoder::new_with_max_window_size(src, 8 << 20) {
                    Ok(d) => bounded(d, enc, max_bytes),
                    Err(e) => Err((
                        ErrorKind::Malformed,
                        format!("cannot decompress its zstd content: {e}"),
                    )),
                }
            }
            other => Err((
                ErrorKind::Malformed,
                format!(
                    "its content encoding {other:?} is not supported (gzip, deflate, br and zstd are)"
                ),
            )),
        }?;
    }
    Ok(body)
}

/// Why a body cannot be read.
type Failure = (ErrorKind, String);

/// Everything `r` gives, up to `max_bytes`: more is an error, as a read error is.
fn bounded(r: impl Read, enc: &str, max_bytes: u64) -> Result<Vec<u8>, Failure> {
    let mut out = Vec::new();
    r.take(max_bytes + 1).read_to_end(&mut out).map_err(|e| {
        (
            ErrorKind::Malformed,
            format!("cannot decompress its {enc} content: {e}"),
        )
    })?;
    if out.len() as u64 > max_bytes {
        return Err((
            ErrorKind::TooLarge,
            format!(
                "its {enc} content decompresses to more than the limit of {max_bytes} bytes; raise it with --max-bytes"
            ),
        ));
    }
    Ok(out)
}

/// Is `body` text already, not compressed: empty, or markup from its first visible byte (past
/// a byte order mark), or its first 512 bytes UTF-8 with no control character but line ends
/// and tabs? Compressed data is neither.
fn looks_decoded(body: &[u8]) -> bool {
    let b = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    let start = b.iter().position(|c| !c.is_ascii_whitespace());
    let Some(start) = start else { return true };
    if b[start] == b'<' {
        return true;
    }
    let head = &b[..b.len().min(512)];
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        // A character cut at the 512th byte.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or("")
        }
        Err(_) => return false,
    };
    text.chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
}

fn dechunk(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let Some(eol) = memchr::memmem::find(&b[i..], b"\r\n") else {
            break;
        };
        let size = std::str::from_utf8(&b[i..i + eol])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok());
        let Some(size) = size else {
            return b.to_vec();
        };
        i += eol + 2;
        if size == 0 {
            break;
        }
        let end = (i + size).min(b.len());
        out.extend_from_slice(&b[i..end]);
        i = end + 2;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn record(uri: &str, http: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        )
    }

    #[test]
    fn reads_responses_and_skips_the_rest() {
        let mut w = String::new();
        w.push_str("WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n");
        w.push_str(&record(
            "http://a.example/",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>caf\u{e9}</p>",
        ));
        w.push_str(&record(
            "http://a.example/i.png",
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG",
        ));
        w.push_str(&record(
            "http://a.example/404",
            "HTTP/1.1 404 Not Found\r\n\r\nno",
        ));
        let items: Vec<Item> = WarcReader::new(w.as_bytes(), 1 << 20).collect();
        assert_eq!(items.len(), 3);
        match &items[0] {
            Item::Document {
                uri,
                charset,
                body,
                format,
            } => {
                assert_eq!(uri, "http://a.example/");
                assert_eq!(charset.as_deref(), Some("iso-8859-1"));
                assert_eq!(body, "<p>caf\u{e9}</p>".as_bytes());
                assert_eq!(*format, None);
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(&items[1], Item::Skipped { reason, .. } if reason == "not an HTML or text response (image/png)")
        );
        assert!(matches!(&items[2], Item::Skipped { reason, .. } if reason == "HTTP status 404"));
    }

    /// A record of `kind` that holds a page itself (no HTTP), as a WET archive's
    /// `conversion` records and a `resource` record do.
    fn stored(kind: &str, uri: &str, content_type: &str, body: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        )
    }

    #[test]
    fn pages_stored_whole_are_documents_and_their_text_is_text() {
        let mut w = String::new();
        w.push_str(&stored(
            "conversion",
            "https://a.example/tags",
            "text/plain",
            "Three <title> tricks\n1. One\n",
        ));
        w.push_str(&stored(
            "resource",
            "http://a.example/page",
            "text/html; charset=windows-1252",
            "<p>x</p>",
        ));
        w.push_str(&stored(
            "resource",
            "http://a.example/p.jpg",
            "image/jpeg",
            "JPG",
        ));
        // A crawler's own records: its log, a DNS answer, a revisit, a request.
        w.push_str(&stored(
            "resource",
            "metadata://gnu.org/software/wget/warc/wget.log",
            "text/plain",
            "log",
        ));
        w.push_str(&stored("response", "dns:a.example", "text/dns", "1.2.3.4"));
        w.push_str(&stored(
            "revisit",
            "http://a.example/page",
            "application/http",
            "",
        ));
        w.push_str(&stored(
            "request",
            "http://a.example/page",
            "application/http; msgtype=request",
            "GET / HTTP/1.1\r\n\r\n",
        ));
        let items: Vec<Item> = WarcReader::new(w.as_bytes(), 1 << 20).collect();
        let got: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Document {
                    uri,
                    charset,
                    body,
                    format,
                } => format!(
                    "{uri} {charset:?} {format:?} {:?}",
                    String::from_utf8_lossy(body)
                ),
                Item::Skipped { uri, reason } => format!("{uri} skipped: {reason}"),
                Item::Failed { uri, reason, .. } => format!("{uri} failed: {reason}"),
                Item::Broken { at, reason } => format!("{at} broken: {reason}"),
            })
            .collect();
        assert_eq!(
            got,
            [
                "https://a.example/tags None Some(Text) \"Three <title> tricks\\n1. One\\n\"",
                "http://a.example/page Some(\"windows-1252\") None \"<p>x</p>\"",
                "http://a.example/p.jpg skipped: not an HTML or text resource (image/jpeg)",
            ]
        );
    }

    #[test]
    fn any_number_of_records_in_a_row_are_passed_over_in_constant_stack() {
        let revisit = "WARC/1.0\r\nWARC-Type: revisit\r\nWARC-Target-URI: http://a.example/\r\n\
                       Content-Length: 0\r\n\r\n\r\n\r\n";
        let mut w = revisit.repeat(20_000);
        w.push_str(&record(
            "http://a.example/last",
            "HTTP/1.1 200 OK\r\n\r\n<p>last</p>",
        ));
        // A small stack: a call for each record passed over would run out of it long before
        // the last record.
        let read = std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || {
                WarcReader::new(w.as_bytes(), 1 << 20)
                    .map(|i| format!("{i:?}").chars().take(60).collect::<String>())
                    .collect::<Vec<_>>()
            })
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(
            read,
            ["Document { uri: \"http://a.example/last\", charset: None, body"]
        );
    }

    #[test]
    fn a_truncated_record_ends_the_archive_with_an_error() {
        let full = record("http://a.example/", "HTTP/1.1 200 OK\r\n\r\n<p>hello</p>");
        let cut = &full[..full.len() - 10];
        let items: Vec<Item> = WarcReader::new(cut.as_bytes(), 1 << 20).collect();
        assert_eq!(items.len(), 1);
        assert!(
            matches!(&items[0], Item::Broken { reason, .. } if reason.starts_with("record http://a.example/ is truncated")),
            "{items:?}"
        );
    }

    const PAGE: &[u8] =
        b"<h2>1. Alpha</h2><p>One.</p><h2>2. Beta</h2><p>Two.</p><h2>3. Gamma</h2><p>Three.</p>";

    fn compressed(enc: &str, data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        match enc {
            "gzip" | "x-gzip" => {
                let mut e = flate2::write::GzEncoder::new(Vec::new(), Default::default());
                e.write_all(data).unwrap();
                e.finish().unwrap()
            }
            "deflate" => {
                let mut e = flate2::write::ZlibEncoder::new(Vec::new(), Default::default());
                e.write_all(data).unwrap();
                e.finish().unwrap()
            }
            "raw deflate" => {
                let mut e = flate2::write::DeflateEncoder::new(Vec::new(), Default::default());
                e.write_all(data).unwrap();
                e.finish().unwrap()
            }
            _ => unreachable!(),
        }
    }

    /// An HTTP response with `encoding` over `body`, read with a limit of `max` bytes.
    fn response(encoding: &str, body: &[u8], max: u64) -> Item {
        let mut http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: {encoding}\r\n\r\n"
        )
        .into_bytes();
        http.extend_from_slice(body);
        http_response("http://a.example/".into(), &http, max)
    }

    fn body_of(item: Item) -> Vec<u8> {
        match item {
            Item::Document { body, .. } => body,
            other => panic!("{other:?}"),
        }
    }

    fn failure_of(item: Item) -> (ErrorKind, String) {
        match item {
            Item::Failed { kind, reason, .. } => (kind, reason),
            other => panic!("{other:?}"),
        }
    }

    /// The page as the crawler fetched it, whatever the server's content encoding: gzip,
    /// zlib or raw deflate, brotli, zstd, or several in turn.
    #[test]
    fn content_encodings_are_undone() {
        // Made with the reference encoders: `brotli.compress(PAGE)` and `zstd -c`.
        const BR: &[u8] = b"\x1b\x54\x00\xf8\xad\x8e\x77\x9a\x6c\x75\x20\x6e\xf1\x87\x47\x42\x5a\x34\x1f\xd4\xe4\xd0\x6e\xfb\xd2\xa3\x24\x4c\x6a\xb4\x17\xb8\xbb\x05\xe2\x56\x32\x3e\x1d\x56\xf6\x26\x27\xdb\xca\xe8\x60\x03\x4e\x13\x0b\x58\x16\x1b\x65\xb6\xbb\x00\x15\x90\x18\x49\xc9\x30\xc7\x87\xd1\xbd\x62\x2b\x0b\xe3\xfa\x8f\x9e\x05\xe2\x02";
        const ZSTD: &[u8] = b"\x28\xb5\x2f\xfd\x04\x58\x2d\x02\x00\x94\x03\x3c\x68\x32\x3e\x31\x2e\x20\x41\x6c\x70\x68\x61\x3c\x2f\x68\x32\x3e\x3c\x70\x3e\x4f\x6e\x65\x2e\x3c\x2f\x70\x3e\x3c\x68\x32\x3e\x32\x2e\x20\x42\x65\x74\x54\x77\x6f\x33\x2e\x20\x47\x61\x6d\x6d\x68\x72\x65\x65\x2e\x3c\x2f\x70\x3e\x03\x00\x3f\xb7\x01\x65\xd8\x8b\xf9\x04\xd0\x28\xf8\x39";
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("gzip", compressed("gzip", PAGE)),
            ("X-Gzip", compressed("gzip", PAGE)),
            ("deflate", compressed("deflate", PAGE)),
            ("deflate", compressed("raw deflate", PAGE)),
            ("br", BR.to_vec()),
            ("zstd", ZSTD.to_vec()),
            (
                "deflate, gzip",
                compressed("gzip", &compressed("deflate", PAGE)),
            ),
            ("identity", PAGE.to_vec()),
        ];
        for (enc, body) in cases {
            assert_eq!(body_of(response(enc, &body, 1 << 20)), PAGE, "{enc}");
        }
        // A crawler that stored the body decoded and kept the header: the body stands.
        assert_eq!(body_of(response("gzip", PAGE, 1 << 20)), PAGE);
        assert_eq!(
            body_of(response("br", b"  \n<!doctype html>", 1 << 20)),
            b"  \n<!doctype html>"
        );
    }

    /// A body that does not decode is a failure of that record, with the reason, and the
    /// archive goes on; so is one that decodes past the limit, and an encoding not known.
    #[test]
    fn a_body_that_does_not_decode_fails_its_record() {
        let mut broken = compressed("gzip", PAGE);
        broken.truncate(broken.len() / 2);
        let (kind, reason) = failure_of(response("gzip", &broken, 1 << 20));
        assert_eq!(kind, ErrorKind::Malformed);
        assert!(
            reason.starts_with("cannot decompress its gzip content: "),
            "{reason}"
        );
        let bomb = compressed("gzip", &vec![b' '; 100_000]);
        assert_eq!(
            failure_of(response("gzip", &bomb, 50_000)),
            (
                ErrorKind::TooLarge,
                "its gzip content decompresses to more than the limit of 50000 bytes; raise it with --max-bytes".into()
            )
        );
        assert_eq!(
            failure_of(response("compress", b"\x1f\x9d\x90\x3c\x68\x32", 1 << 20)),
            (
                ErrorKind::Malformed,
                "its content encoding \"compress\" is not supported (gzip, deflate, br and zstd are)"
                    .into()
            )
        );
        // A zstd frame that asks for a window past HTTP's 8 MiB (here 128 MiB, made with
        // `zstd --long=27` from a pipe) is refused, as browsers refuse it, before the decoder
        // holds that much.
        let wide = b"\x28\xb5\x2f\xfd\x04\x88\x69\x00\x00\x3c\x68\x32\x3e\x31\x2e\x20\x41\x3c\x2f\x68\x32\x3e\xbd\x56\x74\x9c";
        let (kind, reason) = failure_of(response("zstd", wide, 1 << 30));
        assert_eq!(kind, ErrorKind::Malformed);
        assert!(
            reason.starts_with("cannot decompress its zstd content: "),
            "{reason}"
        );
        // The archive goes on past it.
        let mut w = Vec::new();
        let mut push = |enc: &str, body: &[u8], uri: &str| {
            let mut http = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: {enc}\r\n\r\n"
            )
            .into_bytes();
            http.extend_from_slice(body);
            w.extend_from_slice(
                format!(
                    "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
                    http.len()
                )
                .as_bytes(),
            );
            w.extend_from_slice(&http);
            w.extend_from_slice(b"\r\n\r\n");
        };
        push("gzip", &broken, "http://a.example/1");
        push("gzip", &compressed("gzip", PAGE), "http://a.example/2");
        let items: Vec<Item> = WarcReader::new(&w[..], 1 << 20).collect();
        assert!(
            matches!(&items[..], [Item::Failed { uri: a, .. }, Item::Document { uri: b, body, .. }]
                if a == "http://a.example/1" && b == "http://a.example/2" && body == PAGE),
            "{items:?}"
        );
    }

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
            b"hello world"
        );
    }
}
