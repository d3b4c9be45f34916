//! Sinks: where records go. CSV, JSON (one array) and JSON Lines, to stdout or to files that
//! are written under a temporary name and renamed into place when complete.
//!
//! Every sink streams: no sink holds the batch in memory. CSV needs its columns before its
//! first row, and the field columns are only known as records arrive, so the CSV sink spools
//! rows to an anonymous temporary file until the columns settle (memory holds only the column
//! names); see [`Csv`].

pub mod atomic;
pub mod report;

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;

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

    /// Append `len` bytes of `src` from its current position; returns how many were copied.
    fn copy_from(&mut self, src: &mut File, len: u64) -> io::Result<u64> {
        io::copy(&mut src.take(len), self)
    }

    /// Can what was written be taken back ([`Destination::restart`])? Not from a stream.
    fn restartable(&self) -> bool {
        false
    }

    /// Take back everything written so far, as a file to read whose position is at its end,
    /// and go on empty.
    fn restart(&mut self) -> io::Result<File> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "written output cannot be taken back",
        ))
    }
}

impl Destination for atomic::AtomicFile {
    fn close(self) -> io::Result<()> {
        self.commit()
    }

    fn copy_from(&mut self, src: &mut File, len: u64) -> io::Result<u64> {
        self.copy_file(src, len)
    }

    fn restartable(&self) -> bool {
        true
    }

    fn restart(&mut self) -> io::Result<File> {
        atomic::AtomicFile::restart(self)
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
    pub csv: CsvRows,
}

/// A document's records as CSV, in three buffers whatever the number of rows and fields (the
/// thread that writes them frees three blocks, not a few for every cell): each row's fixed
/// columns and its field cells as CSV bytes, and each field cell with its key.
#[derive(Debug, Default)]
pub struct CsvRows {
    /// The CSV bytes of every row's fixed columns and field cells, one after the other.
    bytes: Vec<u8>,
    /// The field keys, one after the other.
    keys: String,
    /// Each row: where its fixed columns lie in `bytes`, and which of `cells` are its.
    rows: Vec<(Range<usize>, Range<usize>)>,
    /// Each field cell: where its key lies in `keys`, and where its bytes lie in `bytes`.
    cells: Vec<(Range<usize>, Range<usize>)>,
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
            out.json_lines
                .reserve(records.iter().map(Record::size_hint).sum());
            for r in records {
                r.write_json(&mut out.json_lines);
                out.json_lines.push(b'\n');
            }
        }
        if let Some(safe) = wants.csv {
            let csv = &mut out.csv;
            csv.bytes
                .reserve(records.iter().map(Record::size_hint).sum());
            csv.rows.reserve(records.len());
            for r in records {
                let start = csv.bytes.len();
                for (i, c) in fixed_cells(r).iter().enumerate() {
                    if i > 0 {
                        csv.bytes.push(b',');
                    }
                    put_cell(c, safe, &mut csv.bytes);
                }
                let fixed = start..csv.bytes.len();
                let first = csv.cells.len();
                for (k, v) in &r.fields {
                    let key = csv.keys.len()..csv.keys.len() + k.len();
                    csv.keys.push_str(k);
                    let at = csv.bytes.len();
                    match v {
                        Value::String(t) => put_cell(t, safe, &mut csv.bytes),
                        _ => put_cell(&cell(v), safe, &mut csv.bytes),
                    }
                    csv.cells.push((key, at..csv.bytes.len()));
                }
                csv.rows.push((fixed, first..csv.cells.len()));
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
    "section",
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
/// Rows come already quoted ([`Serialized`]). Each is written as its final line for the
/// columns known when it is written: a key seen for the first time adds a column at the end,
/// so an earlier row lacks only empty cells at its end. Rows go to a spool first. Writing the
/// table is writing the header, the rows spooled before the last column appeared with their
/// missing commas, and the rest of the spool byte for byte (file to file, the kernel copies
/// it).
///
/// Into a file, the table is written as soon as the columns look settled (the spool holds
/// [`COMMIT_AT`] bytes or more, and no column appeared in its second half), and later rows go
/// straight into the file, so a long batch is not copied at its end. A column that appears
/// after that takes the file back as the spool; the spool must then double before the table
/// is written again, so the copies made early add up to at most twice the table, and the
/// table is copied at most about three times its size in all. To a stream, the table is
/// written at the end.
pub struct Csv<W: Write> {
    out: W,
    /// Where rows go now.
    rows: Rows,
    /// Each row's length (little-endian u32), to pad the rows of earlier runs.
    lengths: BufWriter<File>,
    /// Runs of consecutive rows written with the same number of field columns.
    runs: Vec<Run>,
    /// The bytes of all the runs (their sum, kept as rows are written so that the check for
    /// settled columns after each row does not walk a run per column).
    bytes: u64,
    keys: Vec<String>,
    key_index: rustc_hash::FxHashMap<String, u32>,
    /// Start with a UTF-8 byte-order mark so that spreadsheets read the file as UTF-8.
    bom: bool,
    /// Write the table early once the spool holds this many bytes (and the columns held).
    commit_at: u64,
    /// A row being written, and which of its field cells goes in each column (kept for their
    /// allocations).
    line: Vec<u8>,
    cells: Vec<Option<usize>>,
}

/// Where the CSV rows go.
enum Rows {
    /// To a spool, whose rows start at byte `base`.
    Spool { file: BufWriter<File>, base: u64 },
    /// Into the output, after a header of `columns` field columns that is `header` bytes long.
    Out { columns: usize, header: u64 },
}

/// Rows written with `columns` field columns: how many, and their bytes.
#[derive(Debug)]
struct Run {
    columns: usize,
    rows: u64,
    bytes: u64,
}

/// Spooled bytes before a CSV table is written into its file early (see [`Csv`]).
pub const COMMIT_AT: u64 = 1 << 20;

impl<W: Destination> Csv<W> {
    pub fn new(out: W, bom: bool) -> io::Result<Self> {
        Ok(Csv {
            out,
            rows: Rows::Spool {
                file: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
                base: 0,
            },
            lengths: BufWriter::with_capacity(1 << 14, tempfile::tempfile()?),
            runs: Vec::new(),
            bytes: 0,
            keys: Vec::new(),
            key_index: Default::default(),
            bom,
            commit_at: COMMIT_AT,
            line: Vec::new(),
            cells: Vec::new(),
        })
    }

    /// Have the columns held long enough to write the table now? The spool holds
    /// `commit_at` bytes or more, and its last run of rows (no new column) is half of it.
    fn settled(&self) -> bool {
        self.runs.last().is_some_and(|last| {
            self.bytes >= self.commit_at && last.bytes.saturating_mul(2) >= self.bytes
        })
    }

    /// Write the table into the output now; later rows go straight after it.
    fn commit(&mut self) -> io::Result<()> {
        let Rows::Spool { file, base } = &mut self.rows else {
            return Ok(());
        };
        file.flush()?;
        self.lengths.flush()?;
        let mut padded = BufWriter::with_capacity(1 << 14, tempfile::tempfile()?);
        let header = write_table(
            &mut self.out,
            Table {
                spool: file.get_mut(),
                base: *base,
                lengths: self.lengths.get_mut(),
                runs: &self.runs,
                keys: &self.keys,
                bom: self.bom,
            },
            Some(&mut padded),
        )?;
        // Every row now has every column: one run, and the lengths of the rows as written.
        let rows: u64 = self.runs.iter().map(|r| r.rows).sum();
        let bytes: u64 = self
            .runs
            .iter()
            .map(|r| r.bytes + r.rows * (self.keys.len() - r.columns) as u64)
            .sum();
        self.runs = vec![Run {
            columns: self.keys.len(),
            rows,
            bytes,
        }];
        self.bytes = bytes;
        self.lengths = padded;
        self.rows = Rows::Out {
            columns: self.keys.len(),
            header,
        };
        Ok(())
    }
}

/// A spooled table's parts, for [`write_table`].
struct Table<'a> {
    spool: &'a mut File,
    base: u64,
    lengths: &'a mut File,
    runs: &'a [Run],
    keys: &'a [String],
    bom: bool,
}

/// Write the header, then the spooled rows with every column: each row of an earlier run with
/// its missing cells, then the last run byte for byte. When `padded` is given, the length of
/// each row as written goes to it. Returns the header's length in bytes.
fn write_table<W: Destination>(
    out: &mut W,
    t: Table<'_>,
    mut padded: Option<&mut BufWriter<File>>,
) -> io::Result<u64> {
    let bad = || io::Error::other("CSV spool: shorter than written");
    t.lengths.seek(SeekFrom::Start(0))?;
    let mut w = BufWriter::with_capacity(1 << 16, &mut *out);
    let mut line = Vec::new();
    if t.bom {
        line.extend_from_slice("\u{feff}".as_bytes());
    }
    for (i, h) in CSV_COLUMNS
        .iter()
        .copied()
        .chain(t.keys.iter().map(String::as_str))
        .enumerate()
    {
        if i > 0 {
            line.push(b',');
        }
        csv_quote(h, &mut line);
    }
    line.extend_from_slice(b"\r\n");
    w.write_all(&line)?;
    let header = line.len() as u64;
    // Rows written before the last column appeared: each with its missing cells.
    let (last, earlier) = match t.runs.split_last() {
        Some((last, earlier)) => (Some(last), earlier),
        None => (None, &[][..]),
    };
    let earlier_bytes: u64 = earlier.iter().map(|r| r.bytes).sum();
    t.spool.seek(SeekFrom::Start(t.base))?;
    {
        let mut rows = io::BufReader::with_capacity(1 << 16, (&*t.spool).take(earlier_bytes));
        let mut lens = io::BufReader::with_capacity(1 << 14, &*t.lengths);
        for run in earlier {
            let pad = t.keys.len() - run.columns;
            for _ in 0..run.rows {
                let mut len = [0u8; 4];
                lens.read_exact(&mut len).map_err(|_| bad())?;
                let len = u32::from_le_bytes(len) as usize;
                line.resize(len, 0);
                rows.read_exact(&mut line).map_err(|_| bad())?;
                w.write_all(&line[..len - 2])?;
                for _ in 0..pad {
                    w.write_all(b",")?;
                }
                w.write_all(b"\r\n")?;
                if let Some(p) = padded.as_deref_mut() {
                    let len = u32::try_from(len + pad)
                        .map_err(|_| io::Error::other("a CSV row over 4 GiB"))?;
                    p.write_all(&len.to_le_bytes())?;
                }
            }
        }
    }
    w.flush()?;
    drop(w);
    // The rest is the table's own bytes.
    if let Some(last) = last {
        t.spool.seek(SeekFrom::Start(t.base + earlier_bytes))?;
        let copied = out.copy_from(t.spool, last.bytes)?;
        if copied != last.bytes {
            return Err(bad());
        }
        if let Some(p) = padded {
            let earlier_rows: u64 = earlier.iter().map(|r| r.rows).sum();
            t.lengths.seek(SeekFrom::Start(earlier_rows * 4))?;
            io::copy(&mut (&*t.lengths).take(last.rows * 4), p)?;
        }
    }
    Ok(header)
}

/// Write `c` as a CSV field: as it is, or in double quotes (with quotes doubled) when it holds
/// a comma, a quote or a line break (the csv crate's `QuoteStyle::Necessary`).
fn csv_quote(c: &str, out: &mut Vec<u8>) {
    let b = c.as_bytes();
    let plain = crate::chars::simd::chunks(b, b'a')
        .all(|(_, v)| v.eq(b',') | v.eq(b'"') | v.eq(b'\n') | v.eq(b'\r') == 0);
    if plain {
        out.extend_from_slice(b);
        return;
    }
    out.reserve(b.len() + 2);
    out.push(b'"');
    let mut from = 0;
    for q in memchr::memchr_iter(b'"', b) {
        // Up to and with the quote, then the quote again.
        out.extend_from_slice(&b[from..=q]);
        out.push(b'"');
        from = q + 1;
    }
    out.extend_from_slice(&b[from..]);
    out.push(b'"');
}

impl<W: Destination> Sink for Csv<W> {
    fn write(&mut self, doc: &Serialized) -> io::Result<()> {
        let csv = &doc.csv;
        for (fixed, row_cells) in &csv.rows {
            // Which of the row's field cells goes in each column.
            for j in row_cells.clone() {
                let k = &csv.keys[csv.cells[j].0.clone()];
                let idx = match self.key_index.get(k) {
                    Some(&i) => i as usize,
                    None => {
                        let i = self.keys.len();
                        let i32 = u32::try_from(i)
                            .map_err(|_| io::Error::other("more than 2^32 CSV columns"))?;
                        self.key_index.insert(k.to_string(), i32);
                        self.keys.push(k.to_string());
                        self.cells.push(None);
                        i
                    }
                };
                self.cells[idx] = Some(j);
            }
            let mut line = std::mem::take(&mut self.line);
            line.clear();
            line.extend_from_slice(&csv.bytes[fixed.clone()]);
            for c in self.cells.iter_mut() {
                line.push(b',');
                if let Some(j) = c.take() {
                    line.extend_from_slice(&csv.bytes[csv.cells[j].1.clone()]);
                }
            }
            line.extend_from_slice(b"\r\n");
            let len =
                u32::try_from(line.len()).map_err(|_| io::Error::other("a CSV row over 4 GiB"))?;
            if let Rows::Out { columns, header } = self.rows
                && self.keys.len() > columns
            {
                // A column the header lacks: what the file holds becomes the spool again.
                let file = self.out.restart()?;
                self.rows = Rows::Spool {
                    file: BufWriter::with_capacity(1 << 16, file),
                    base: header,
                };
            }
            match &mut self.rows {
                Rows::Spool { file, .. } => file.write_all(&line)?,
                Rows::Out { .. } => self.out.write_all(&line)?,
            }
            self.lengths.write_all(&len.to_le_bytes())?;
            self.bytes += u64::from(len);
            match self.runs.last_mut() {
                Some(run) if run.columns == self.keys.len() => {
                    run.rows += 1;
                    run.bytes += u64::from(len);
                }
                _ => self.runs.push(Run {
                    columns: self.keys.len(),
                    rows: 1,
                    bytes: u64::from(len),
                }),
            }
            self.line = line;
            if matches!(self.rows, Rows::Spool { .. }) && self.out.restartable() && self.settled() {
                self.commit()?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        let Csv {
            mut out,
            rows,
            mut lengths,
            runs,
            keys,
            bom,
            ..
        } = *self;
        if let Rows::Spool { file, base } = rows {
            let mut spool = file.into_inner().map_err(|e| e.into_error())?;
            lengths.flush()?;
            let t = Table {
                spool: &mut spool,
                base,
                lengths: lengths.get_mut(),
                runs: &runs,
                keys: &keys,
                bom,
            };
            write_table(&mut out, t, None)?;
        }
        out.close()
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
fn fixed_cells(r: &Record) -> [Cow<'_, str>; 19] {
    [
        Cow::Borrowed(&r.source),
        text(&r.article_title),
        text(&r.article_author),
        text(&r.article_date),
        text(&r.article_url),
        text(&r.section),
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
        fn quoting_matches_the_csv_crate(a in "[a,\"\r\n =é ]{0,12}|[a é]{10,30}[a,\"\r\n]", b in "[b,\"\n]{0,6}") {
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
            section: None,
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
    /// appearance (rows written before a column appeared get its empty cell), a row larger
    /// than the buffers, and many rows; in memory and in a file.
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
        fn table<W: Destination>(docs: &[Vec<Record>], dest: W) {
            let mut sink = Box::new(Csv::new(dest, false).unwrap());
            for d in docs {
                let wants = Wants {
                    json: false,
                    csv: Some(true),
                };
                sink.write(&Serialized::new(d, wants)).unwrap();
            }
            sink.finish().unwrap();
        }
        let mut out = Vec::new();
        table(&docs, &mut out);
        // Into a file, the last run of rows is copied file to file: the same bytes.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        table(&docs, atomic::AtomicFile::create(&path).unwrap());
        assert!(std::fs::read(&path).unwrap() == out, "the file differs");
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

    /// Into a file, the table is written early once its columns settle, and taken back when a
    /// column appears after that: the same bytes as the table written at the end, with and
    /// without a byte-order mark.
    #[test]
    fn csv_table_written_early_and_taken_back() {
        let doc = |i: usize, keys: &[&str]| {
            let fields: serde_json::Map<String, serde_json::Value> = keys
                .iter()
                .map(|k| (k.to_string(), json!(format!("{k}{i}"))))
                .collect();
            vec![record(
                &format!("T{i}"),
                "d,\n".repeat(i % 4),
                json!(fields),
            )]
        };
        let mut docs = Vec::new();
        let mut add = |n: usize, keys: &[&str]| {
            for _ in 0..n {
                docs.push(doc(docs.len(), keys));
            }
        };
        add(5, &["a"]);
        add(1, &["b"]);
        add(60, &["a"]); // settles: the table is written
        add(1, &["c", "a"]); // a new column: taken back
        add(200, &[]); // settles again
        add(3, &["b"]);
        add(1, &["d"]); // taken back at the very end
        /// The table's bytes, and after each document whether rows were going into the output.
        fn table<W: Destination>(docs: &[Vec<Record>], dest: W, bom: bool) -> Vec<bool> {
            let mut sink = Box::new(Csv::new(dest, bom).unwrap());
            sink.commit_at = 2000;
            let wants = Wants {
                json: false,
                csv: Some(true),
            };
            let mut states = Vec::new();
            for d in docs {
                sink.write(&Serialized::new(d, wants)).unwrap();
                states.push(matches!(sink.rows, Rows::Out { .. }));
            }
            sink.finish().unwrap();
            states
        }
        for bom in [false, true] {
            let mut want = Vec::new();
            assert!(table(&docs, &mut want, bom).iter().all(|out| !out));
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("t.csv");
            let states = table(&docs, atomic::AtomicFile::create(&path).unwrap(), bom);
            let got = std::fs::read(&path).unwrap();
            assert!(got == want, "the file differs (bom {bom})");
            // Written early at the 66th document at the latest, taken back at the 67th,
            // written again, and taken back by the last.
            let changes: Vec<(usize, bool)> = states
                .iter()
                .enumerate()
                .filter(|&(i, s)| i == 0 || states[i - 1] != *s)
                .map(|(i, s)| (i, *s))
                .collect();
            assert_eq!(changes.len(), 5, "{changes:?}");
            assert!(changes[1].1 && changes[1].0 < 66, "{changes:?}");
            assert_eq!(changes[2], (66, false));
            assert!(changes[3].1 && changes[3].0 < 266, "{changes:?}");
            assert_eq!(changes[4], (states.len() - 1, false));
            assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
            let text = String::from_utf8(got).unwrap();
            let header = text.lines().next().unwrap();
            assert!(header.ends_with(",line,a,b,c,d"), "{header}");
            assert_eq!(text.starts_with('\u{feff}'), bom);
        }
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
