//! Sinks: where records go. CSV, JSON (one array) and JSON Lines, to stdout or to files that
//! are written under a temporary name and renamed into place when complete.
//!
//! Every sink streams: no sink holds the batch in memory. CSV needs its columns before its
//! first row, and the field columns are only known at the end, so the CSV sink spools each
//! record's cells to an anonymous temporary file and writes the table when the run finishes
//! (memory holds only the column names).

pub mod atomic;
pub mod report;

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

use serde_json::Value;

use crate::record::Record;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutFormat {
    Csv,
    Json,
    Jsonl,
}

impl OutFormat {
    pub fn extension(self) -> &'static str {
        match self {
            OutFormat::Csv => "csv",
            OutFormat::Json => "json",
            OutFormat::Jsonl => "jsonl",
        }
    }
}

/// Where a sink's bytes go, and what completing it means: a file is renamed into place, a
/// stream is flushed.
pub trait Destination: Write {
    fn close(self) -> io::Result<()>;
}

impl Destination for atomic::AtomicFile {
    fn close(self) -> io::Result<()> {
        self.commit()
    }
}

impl<W: Write> Destination for BufWriter<W> {
    fn close(mut self) -> io::Result<()> {
        self.flush()
    }
}

impl Destination for &mut Vec<u8> {
    fn close(self) -> io::Result<()> {
        Ok(())
    }
}

/// A document's records, serialised on the worker thread that extracted them, so that the
/// sinks (on the thread that keeps the input order) only copy bytes.
#[derive(Debug, Default)]
pub struct Serialized {
    /// JSON Lines, one record per line (when a JSON or JSON Lines sink is open).
    pub json_lines: Vec<u8>,
    /// CSV rows (when a CSV sink is open).
    pub csv: Vec<CsvRow>,
}

/// One record as CSV: the fixed columns as CSV bytes, and each field cell with its key.
#[derive(Debug)]
pub struct CsvRow {
    fixed: Vec<u8>,
    fields: Vec<(String, Vec<u8>)>,
}

/// What the workers serialise, for the sinks that are open.
#[derive(Clone, Copy, Debug, Default)]
pub struct Wants {
    /// JSON Lines, for JSON and JSON Lines sinks.
    pub json: bool,
    /// CSV rows, with the cells a spreadsheet would run neutralised (`Some(true)`) or as
    /// extracted (`Some(false)`).
    pub csv: Option<bool>,
}

impl Serialized {
    /// Serialise `records` as `wants` says.
    pub fn new(records: &[Record], wants: Wants) -> Serialized {
        let mut out = Serialized::default();
        if wants.json {
            for r in records {
                r.write_json(&mut out.json_lines);
                out.json_lines.push(b'\n');
            }
        }
        if let Some(safe) = wants.csv {
            for r in records {
                let mut fixed = Vec::new();
                for (i, c) in fixed_cells(r).iter().enumerate() {
                    if i > 0 {
                        fixed.push(b',');
                    }
                    put_cell(c, safe, &mut fixed);
                }
                let fields = r
                    .fields
                    .iter()
                    .map(|(k, v)| {
                        let mut b = Vec::new();
                        put_cell(&cell(v), safe, &mut b);
                        (k.clone(), b)
                    })
                    .collect();
                out.csv.push(CsvRow { fixed, fields });
            }
        }
        out
    }
}

/// Something records are written to, one document at a time, from their serialised form.
pub trait Sink {
    fn write(&mut self, doc: &Serialized) -> io::Result<()>;
    /// Complete the output (close the JSON array, write the CSV table, flush).
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// One JSON object per line, flushed per line when `flush_each` is set.
pub struct JsonLines<W: Write> {
    out: W,
}

impl<W: Destination> JsonLines<W> {
    pub fn new(out: W) -> Self {
        JsonLines { out }
    }
}

impl<W: Destination> Sink for JsonLines<W> {
    fn write(&mut self, doc: &Serialized) -> io::Result<()> {
        self.out.write_all(&doc.json_lines)
    }
    fn finish(self: Box<Self>) -> io::Result<()> {
        self.out.close()
    }
}

/// One JSON array of records, one record per line.
pub struct JsonArray<W: Write> {
    out: W,
    count: usize,
}

impl<W: Destination> JsonArray<W> {
    pub fn new(out: W) -> Self {
        JsonArray { out, count: 0 }
    }
}

impl<W: Destination> Sink for JsonArray<W> {
    fn write(&mut self, doc: &Serialized) -> io::Result<()> {
        let json_lines = &doc.json_lines[..];
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', json_lines).chain([json_lines.len()]) {
            let line = &json_lines[start..end];
            start = end + 1;
            if line.is_empty() {
                continue;
            }
            self.out
                .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
            self.out.write_all(line)?;
            self.count += 1;
        }
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out
            .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        self.out.close()
    }
}

/// Fixed CSV columns, before one column per field key.
pub const CSV_COLUMNS: &[&str] = &[
    "source",
    "article_title",
    "article_author",
    "article_date",
    "article_url",
    "position",
    "rank",
    "title",
    "heading",
    "year",
    "year_end",
    "alt_title",
    "description",
    "links",
    "image",
    "span_start",
    "span_end",
    "line",
];

/// CSV: fixed columns, then one column per field key in order of first appearance.
///
/// Rows come already quoted ([`Serialized`]) and are spooled: the fixed cells as one run of
/// CSV bytes, the field cells tagged with their column. Finishing the table is then copying
/// bytes in column order, not parsing or quoting again.
pub struct Csv<W: Write> {
    out: W,
    spool: BufWriter<File>,
    keys: Vec<String>,
    key_index: rustc_hash::FxHashMap<String, u32>,
    /// Start with a UTF-8 byte-order mark so that spreadsheets read the file as UTF-8.
    bom: bool,
    /// A row being spooled (kept for its allocation).
    row: Vec<u8>,
}

impl<W: Destination> Csv<W> {
    pub fn new(out: W, bom: bool) -> io::Result<Self> {
        Ok(Csv {
            out,
            spool: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            keys: Vec::new(),
            key_index: Default::default(),
            bom,
            row: Vec::new(),
        })
    }
}

/// Write `c` as a CSV field: as it is, or in double quotes (with quotes doubled) when it holds
/// a comma, a quote or a line break (the csv crate's `QuoteStyle::Necessary`).
fn csv_quote(c: &str, out: &mut Vec<u8>) {
    let b = c.as_bytes();
    if memchr::memchr3(b',', b'"', b'\n', b).is_none() && memchr::memchr(b'\r', b).is_none() {
        out.extend_from_slice(c.as_bytes());
        return;
    }
    out.push(b'"');
    for part in c.split('"').enumerate() {
        if part.0 > 0 {
            out.extend_from_slice(b"\"\"");
        }
        out.extend_from_slice(part.1.as_bytes());
    }
    out.push(b'"');
}

impl<W: Destination> Sink for Csv<W> {
    fn write(&mut self, doc: &Serialized) -> io::Result<()> {
        let mut row = std::mem::take(&mut self.row);
        for r in &doc.csv {
            // Spool layout, a row at a time: the row's length, then the fixed cells, the number
            // of field cells, and each field cell as its column (an index into `keys`) and its
            // bytes. Lengths and columns are little-endian u32.
            row.clear();
            put_bytes(&mut row, &r.fixed)?;
            row.extend_from_slice(&(r.fields.len() as u32).to_le_bytes());
            for (k, c) in &r.fields {
                let idx = match self.key_index.get(k) {
                    Some(&i) => i,
                    None => {
                        let i = self.keys.len() as u32;
                        self.key_index.insert(k.clone(), i);
                        self.keys.push(k.clone());
                        i
                    }
                };
                row.extend_from_slice(&idx.to_le_bytes());
                put_bytes(&mut row, c)?;
            }
            let len =
                u32::try_from(row.len()).map_err(|_| io::Error::other("a CSV row over 4 GiB"))?;
            self.spool.write_all(&len.to_le_bytes())?;
            self.spool.write_all(&row)?;
        }
        self.row = row;
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        let Csv {
            mut out,
            spool,
            keys,
            bom,
            ..
        } = *self;
        let mut file = spool.into_inner().map_err(|e| e.into_error())?;
        let end = file.stream_position()?;
        file.seek(SeekFrom::Start(0))?;
        let mut w = BufWriter::with_capacity(1 << 16, &mut out);
        if bom {
            w.write_all("\u{feff}".as_bytes())?;
        }
        let mut line = Vec::new();
        for (i, h) in CSV_COLUMNS
            .iter()
            .copied()
            .chain(keys.iter().map(String::as_str))
            .enumerate()
        {
            if i > 0 {
                line.push(b',');
            }
            csv_quote(h, &mut line);
        }
        line.extend_from_slice(b"\r\n");
        w.write_all(&line)?;
        let bad = || io::Error::other("CSV spool: a row that does not parse");
        let mut spool = Spool::new(file, end);
        // Each field column's cell in the current row, as a range of the row's bytes.
        let mut cells: Vec<Option<std::ops::Range<usize>>> = vec![None; keys.len()];
        let mut set: Vec<usize> = Vec::new();
        while let Some(row) = spool.next_row()? {
            let mut at = 0;
            let fixed = take_bytes(row, &mut at).ok_or_else(bad)?;
            for &i in &set {
                cells[i] = None;
            }
            set.clear();
            for _ in 0..take_u32(row, &mut at).ok_or_else(bad)? {
                let i = take_u32(row, &mut at).ok_or_else(bad)? as usize;
                let len = take_u32(row, &mut at).ok_or_else(bad)? as usize;
                let cell = cells.get_mut(i).ok_or_else(bad)?;
                if row.len() < at + len {
                    return Err(bad());
                }
                *cell = Some(at..at + len);
                at += len;
                set.push(i);
            }
            line.clear();
            line.extend_from_slice(fixed);
            for c in &cells {
                line.push(b',');
                if let Some(r) = c {
                    line.extend_from_slice(&row[r.clone()]);
                }
            }
            line.extend_from_slice(b"\r\n");
            w.write_all(&line)?;
        }
        w.flush()?;
        drop(w);
        out.close()
    }
}

/// Append `b` with its length in front.
fn put_bytes(out: &mut Vec<u8>, b: &[u8]) -> io::Result<()> {
    let len = u32::try_from(b.len()).map_err(|_| io::Error::other("a CSV cell over 4 GiB"))?;
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(b);
    Ok(())
}

fn take_u32(row: &[u8], at: &mut usize) -> Option<u32> {
    let b = row.get(*at..*at + 4)?;
    *at += 4;
    Some(u32::from_le_bytes(b.try_into().ok()?))
}

fn take_bytes<'a>(row: &'a [u8], at: &mut usize) -> Option<&'a [u8]> {
    let n = take_u32(row, at)? as usize;
    let b = row.get(*at..*at + n)?;
    *at += n;
    Some(b)
}

/// Reads the CSV sink's spool back a row at a time, through one buffer that holds at least
/// the current row (memory: the largest row, or 1 MiB).
struct Spool {
    file: File,
    left: u64,
    buf: Vec<u8>,
    start: usize,
    end: usize,
}

impl Spool {
    fn new(file: File, len: u64) -> Spool {
        Spool {
            file,
            left: len,
            buf: vec![0; 1 << 20],
            start: 0,
            end: 0,
        }
    }

    /// Make `n` bytes from `start` available in the buffer.
    fn fill(&mut self, n: usize) -> io::Result<()> {
        if self.end - self.start >= n {
            return Ok(());
        }
        self.buf.copy_within(self.start..self.end, 0);
        self.end -= self.start;
        self.start = 0;
        if self.buf.len() < n {
            self.buf.resize(n, 0);
        }
        while self.end < n {
            let want = (self.buf.len() - self.end).min(self.left as usize);
            if want == 0 {
                return Err(io::Error::other("CSV spool: ends inside a row"));
            }
            let got = self.file.read(&mut self.buf[self.end..self.end + want])?;
            if got == 0 {
                return Err(io::Error::other("CSV spool: shorter than written"));
            }
            self.end += got;
            self.left -= got as u64;
        }
        Ok(())
    }

    fn next_row(&mut self) -> io::Result<Option<&[u8]>> {
        if self.start == self.end && self.left == 0 {
            return Ok(None);
        }
        self.fill(4)?;
        let n = u32::from_le_bytes(
            self.buf[self.start..self.start + 4]
                .try_into()
                .expect("four bytes"),
        ) as usize;
        self.fill(4 + n)?;
        let row = self.start + 4..self.start + 4 + n;
        self.start = row.end;
        Ok(Some(&self.buf[row]))
    }
}

/// A cell, neutralised when `safe` and quoted as CSV needs, appended to `out` (the same bytes
/// as [`neutralise`] then [`csv_quote`], without copying the text first).
fn put_cell(c: &str, safe: bool, out: &mut Vec<u8>) {
    if safe && c.starts_with(['=', '+', '-', '@', '\t', '\r']) && c.len() > 1 {
        let mut n = String::with_capacity(c.len() + 1);
        n.push('\'');
        n.push_str(c);
        csv_quote(&n, out);
    } else {
        csv_quote(c, out);
    }
}

fn opt<T: ToString>(v: &Option<T>) -> Cow<'static, str> {
    Cow::Owned(v.as_ref().map(ToString::to_string).unwrap_or_default())
}

fn text(v: &Option<String>) -> Cow<'_, str> {
    Cow::Borrowed(v.as_deref().unwrap_or_default())
}

/// The fixed columns of a record, borrowing its text.
fn fixed_cells(r: &Record) -> [Cow<'_, str>; 18] {
    [
        Cow::Borrowed(&r.source),
        text(&r.article_title),
        text(&r.article_author),
        text(&r.article_date),
        text(&r.article_url),
        Cow::Owned(r.position.to_string()),
        opt(&r.rank),
        Cow::Borrowed(&r.title),
        Cow::Borrowed(&r.heading),
        opt(&r.year),
        opt(&r.year_end),
        text(&r.alt_title),
        text(&r.description),
        Cow::Owned(
            r.links
                .iter()
                .map(|l| l.href.as_deref().unwrap_or(&l.text))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        Cow::Borrowed(r.image.as_ref().map(|i| i.src.as_str()).unwrap_or_default()),
        Cow::Owned(r.span.start.to_string()),
        Cow::Owned(r.span.end.to_string()),
        Cow::Owned(r.line.to_string()),
    ]
}

/// A field value as one CSV cell: lists joined by "; ", typed values as their value with
/// their unit (`29.99 USD`, `8.5/10`), flagged values as the raw text.
pub fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(a) => a.iter().map(cell).collect::<Vec<_>>().join("; "),
        Value::Object(o) => {
            let Some(value) = o.get("value") else {
                return o.get("raw").map(cell).unwrap_or_default();
            };
            let mut s = cell(value);
            if let Some(c) = o.get("currency").and_then(Value::as_str) {
                s = format!("{s} {c}");
            }
            if let Some(scale) = o.get("scale") {
                s = format!("{s}/{}", cell(scale));
            }
            s
        }
    }
}

/// Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, tab or CR as a formula. Put an
/// apostrophe in front of such a cell (the convention spreadsheets themselves use for text).
/// A cell that is only the one character (`-` for stdin) is left alone: it cannot be a formula.
pub fn neutralise(c: &mut String) {
    if c.starts_with(['=', '+', '-', '@', '\t', '\r']) && c.len() > 1 {
        c.insert(0, '\'');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells() {
        assert_eq!(cell(&json!(["Viki", "Rakuten"])), "Viki; Rakuten");
        assert_eq!(
            cell(&json!({"value": 29.99, "currency": "USD"})),
            "29.99 USD"
        );
        assert_eq!(cell(&json!({"value": 8.5, "scale": 10})), "8.5/10");
        assert_eq!(
            cell(&json!({"value": "2013-01-24", "precision": "day"})),
            "2013-01-24"
        );
        assert_eq!(
            cell(&json!({"raw": "03/04/2013", "flag": "ambiguous"})),
            "03/04/2013"
        );
        assert_eq!(cell(&Value::Null), "");
    }

    proptest::proptest! {
        /// Our quoting writes the same bytes as the csv crate's writer.
        #[test]
        fn quoting_matches_the_csv_crate(a in "[a,\"\r\n =é ]{0,12}", b in "[b,\"\n]{0,6}") {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            w.write_record([&a, &b]).unwrap();
            let want = w.into_inner().unwrap();
            let mut got = Vec::new();
            csv_quote(&a, &mut got);
            got.push(b',');
            csv_quote(&b, &mut got);
            got.extend_from_slice(b"\r\n");
            proptest::prop_assert_eq!(String::from_utf8(got).unwrap(), String::from_utf8(want).unwrap());
        }
    }

    fn record(title: &str, description: String, fields: serde_json::Value) -> Record {
        Record {
            source: "s".into(),
            article_title: None,
            article_author: None,
            article_date: None,
            article_url: None,
            position: 1,
            rank: Some(1),
            title: title.into(),
            heading: title.into(),
            year: None,
            year_end: None,
            alt_title: None,
            description: Some(description),
            fields: fields.as_object().cloned().unwrap(),
            raw_fields: serde_json::Map::new(),
            links: Vec::new(),
            image: None,
            span: crate::record::Span { start: 0, end: 1 },
            line: 1,
        }
    }

    /// The spooled table equals the csv crate's, with field columns in order of first
    /// appearance, rows larger than the spool's read buffer, and many rows.
    #[test]
    fn csv_table_from_the_spool() {
        let big = "x\"y,".repeat(400_000);
        let docs = vec![
            vec![record(
                "A",
                "d".into(),
                json!({"price": "1", "cast": ["P", "Q"]}),
            )],
            vec![
                record("B", big.clone(), json!({"cast": ["R"], "year": 2001})),
                record("=C", "e".into(), json!({})),
            ],
            (0..3000)
                .map(|i| record(&format!("T{i}"), "f\ng".into(), json!({"genre": "g"})))
                .collect(),
        ];
        let mut out = Vec::new();
        let mut sink = Box::new(Csv::new(&mut out, false).unwrap());
        for d in &docs {
            sink.write(&Serialized::new(
                d,
                Wants {
                    json: false,
                    csv: Some(true),
                },
            ))
            .unwrap();
        }
        sink.finish().unwrap();
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let keys = ["price", "cast", "year", "genre"];
        w.write_record(CSV_COLUMNS.iter().chain(keys.iter()))
            .unwrap();
        for r in docs.iter().flatten() {
            let mut row: Vec<String> = fixed_cells(r).iter().map(|c| c.to_string()).collect();
            row.extend(
                keys.iter()
                    .map(|k| r.fields.get(*k).map(cell).unwrap_or_default()),
            );
            row.iter_mut().for_each(neutralise);
            w.write_record(&row).unwrap();
        }
        let want = w.into_inner().unwrap();
        assert!(out.len() > 1 << 21);
        assert!(out == want, "the tables differ");
    }

    #[test]
    fn formulas_are_neutralised() {
        for (a, b) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+1", "'+1"),
            ("-x", "'-x"),
            ("@a", "'@a"),
            ("\tx", "'\tx"),
            ("ok", "ok"),
            ("-", "-"),
        ] {
            let mut s = a.to_string();
            neutralise(&mut s);
            assert_eq!(s, b);
        }
    }
}
