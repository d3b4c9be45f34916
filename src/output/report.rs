//! The run's account of every input: `report.json` and the summary line on stderr.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::atomic::AtomicFile;
use crate::Document;
use crate::error::{Error, ErrorKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Entries were found.
    Ok,
    /// The document was read, and it holds no list.
    NoList,
    /// Not read, for the reason given.
    Skipped,
    /// Could not be read; the error says why.
    Failed,
}

#[derive(Clone, Debug, Serialize)]
pub struct DocReport {
    pub source: String,
    pub status: Status,
    pub entries: usize,
    pub bytes: usize,
    /// Wall time spent on the document, in milliseconds.
    pub ms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<crate::Format>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_kind: Option<ErrorKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl DocReport {
    /// The entry as `serde_json::to_vec_pretty` writes it, indented four spaces more to sit
    /// inside the `documents` array; written field by field, without a serializer's pass and
    /// a second pass to indent it.
    fn write_pretty(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"    {\n      \"source\": ");
        crate::record::json_str(out, &self.source);
        out.extend_from_slice(b",\n      \"status\": ");
        scalar(out, &self.status);
        out.extend_from_slice(b",\n      \"entries\": ");
        scalar(out, &self.entries);
        out.extend_from_slice(b",\n      \"bytes\": ");
        scalar(out, &self.bytes);
        out.extend_from_slice(b",\n      \"ms\": ");
        scalar(out, &self.ms);
        if let Some(f) = &self.format {
            out.extend_from_slice(b",\n      \"format\": ");
            scalar(out, f);
        }
        if let Some(e) = self.encoding {
            out.extend_from_slice(b",\n      \"encoding\": ");
            crate::record::json_str(out, e);
        }
        if let Some(k) = &self.error_kind {
            out.extend_from_slice(b",\n      \"error_kind\": ");
            scalar(out, k);
        }
        if let Some(r) = &self.reason {
            out.extend_from_slice(b",\n      \"reason\": ");
            crate::record::json_str(out, r);
        }
        out.extend_from_slice(b"\n    }");
    }

    pub fn done(doc: &Document, micros: u128) -> DocReport {
        DocReport {
            source: doc.source.clone(),
            status: if doc.records.is_empty() {
                Status::NoList
            } else {
                Status::Ok
            },
            entries: doc.records.len(),
            bytes: doc.bytes,
            ms: micros as f64 / 1000.0,
            format: Some(doc.format),
            encoding: Some(doc.encoding),
            error_kind: None,
            reason: None,
        }
    }

    pub fn failed(source: &str, e: &Error, micros: u128) -> DocReport {
        DocReport {
            source: source.to_string(),
            status: Status::Failed,
            entries: 0,
            bytes: 0,
            ms: micros as f64 / 1000.0,
            format: None,
            encoding: None,
            error_kind: Some(e.kind),
            reason: Some(e.message.clone()),
        }
    }

    pub fn skipped(source: &str, reason: &str) -> DocReport {
        DocReport {
            source: source.to_string(),
            status: Status::Skipped,
            entries: 0,
            bytes: 0,
            ms: 0.0,
            format: None,
            encoding: None,
            error_kind: None,
            reason: Some(reason.to_string()),
        }
    }
}

/// A value that serde_json writes on one line (a number, a unit enum's name), as it writes it.
fn scalar<T: Serialize>(out: &mut Vec<u8>, v: &T) {
    serde_json::to_writer(out, v).expect("a scalar serialises");
}

/// Documents, entries and bytes of one status.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tally {
    pub documents: usize,
    pub entries: usize,
    pub bytes: usize,
}

/// The run's account. Totals are kept as documents arrive; each document's entry is spooled
/// to an anonymous temporary file as it comes, so memory does not grow with the batch, and
/// `report.json` is written from the spool at the end.
pub struct Report {
    pub seconds: f64,
    /// By status, in the order of [`Status`]: ok, no list, skipped, failed.
    tally: [Tally; 4],
    /// The documents' entries, when a `report.json` will be written.
    spool: Option<io::BufWriter<std::fs::File>>,
}

fn slot(s: Status) -> usize {
    match s {
        Status::Ok => 0,
        Status::NoList => 1,
        Status::Skipped => 2,
        Status::Failed => 3,
    }
}

impl Report {
    /// A report; `with_documents` keeps every document's entry for [`Report::write`] (in an
    /// anonymous temporary file), otherwise only the totals are kept.
    pub fn new(with_documents: bool) -> io::Result<Report> {
        Ok(Report {
            seconds: 0.0,
            tally: [Tally::default(); 4],
            spool: if with_documents {
                Some(io::BufWriter::with_capacity(1 << 16, tempfile::tempfile()?))
            } else {
                None
            },
        })
    }

    /// Account for one document.
    pub fn push(&mut self, d: &DocReport) -> io::Result<()> {
        let t = &mut self.tally[slot(d.status)];
        t.documents += 1;
        t.entries += d.entries;
        t.bytes += d.bytes;
        let first = self.documents() == 1;
        let Some(spool) = self.spool.as_mut() else {
            return Ok(());
        };
        let mut out = Vec::with_capacity(256 + d.source.len());
        if !first {
            out.extend_from_slice(b",\n");
        }
        d.write_pretty(&mut out);
        spool.write_all(&out)
    }

    pub fn tally(&self, s: Status) -> Tally {
        self.tally[slot(s)]
    }

    pub fn count(&self, s: Status) -> usize {
        self.tally(s).documents
    }

    pub fn documents(&self) -> usize {
        self.tally.iter().map(|t| t.documents).sum()
    }

    pub fn entries(&self) -> usize {
        self.tally.iter().map(|t| t.entries).sum()
    }

    pub fn bytes(&self) -> usize {
        self.tally.iter().map(|t| t.bytes).sum()
    }

    /// A small table of the run by status: documents, entries, bytes. (Times are in
    /// `report.json`.)
    pub fn table(&self) -> String {
        let mut s = format!(
            "{:<10} {:>10} {:>10} {:>14}\n",
            "status", "documents", "entries", "bytes"
        );
        for (label, st) in [
            ("ok", Status::Ok),
            ("no list", Status::NoList),
            ("skipped", Status::Skipped),
            ("failed", Status::Failed),
        ] {
            let t = self.tally(st);
            s.push_str(&format!(
                "{label:<10} {:>10} {:>10} {:>14}\n",
                t.documents, t.entries, t.bytes
            ));
        }
        s
    }

    /// One line: documents read, entries, documents with no list, failures, skipped.
    pub fn summary(&self, written: &[String]) -> String {
        let read = self.count(Status::Ok) + self.count(Status::NoList);
        let mut s = format!(
            "listicle: {read} document{} read, {} entries, {} with no list, {} failed",
            if read == 1 { "" } else { "s" },
            self.entries(),
            self.count(Status::NoList),
            self.count(Status::Failed),
        );
        let skipped = self.count(Status::Skipped);
        if skipped > 0 {
            s.push_str(&format!(", {skipped} skipped"));
        }
        if !written.is_empty() {
            s.push_str(&format!("; wrote {}", written.join(", ")));
        }
        s
    }

    /// Write `report.json` atomically: the totals, then every document from the spool.
    pub fn write(&mut self, path: &Path) -> io::Result<()> {
        #[derive(Serialize)]
        struct Totals {
            documents: usize,
            ok: usize,
            no_list: usize,
            failed: usize,
            skipped: usize,
            entries: usize,
            seconds: f64,
        }
        let totals = Totals {
            documents: self.documents(),
            ok: self.count(Status::Ok),
            no_list: self.count(Status::NoList),
            failed: self.count(Status::Failed),
            skipped: self.count(Status::Skipped),
            entries: self.entries(),
            seconds: self.seconds,
        };
        let mut f = AtomicFile::create(path)?;
        f.write_all(b"{\n  \"totals\": ")?;
        let totals = serde_json::to_string_pretty(&totals)?;
        f.write_all(totals.replace('\n', "\n  ").as_bytes())?;
        f.write_all(b",\n  \"documents\": [")?;
        let documents = self.documents();
        let spool = self
            .spool
            .as_mut()
            .ok_or_else(|| io::Error::other("the report was made without its document list"))?;
        spool.flush()?;
        if documents > 0 {
            let spool = spool.get_mut();
            f.write_all(b"\n")?;
            io::Seek::seek(spool, io::SeekFrom::Start(0))?;
            io::copy(spool, &mut f)?;
            io::Seek::seek(spool, io::SeekFrom::End(0))?;
            f.write_all(b"\n  ")?;
        }
        f.write_all(b"]\n}\n")?;
        f.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each document's entry is what serde_json's pretty printer writes, four spaces in.
    #[test]
    fn entries_are_serde_json_pretty_indented() {
        let pretty = |d: &DocReport| {
            let p = String::from_utf8(serde_json::to_vec_pretty(d).unwrap()).unwrap();
            p.lines()
                .map(|l| format!("    {l}"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let mut done = DocReport {
            source: "dir/a \"b\"\n\u{1}é.txt".into(),
            status: Status::Ok,
            entries: 12,
            bytes: 123_456,
            ms: 0.041,
            format: Some(crate::Format::Html),
            encoding: Some("windows-1252"),
            error_kind: None,
            reason: None,
        };
        let failed = DocReport::failed(
            "c.gz",
            &Error::new(ErrorKind::TooLarge, "c.gz", "over the limit \\ \"quoted\""),
            2_500_000,
        );
        let skipped = DocReport::skipped("d.png", "not a document type");
        for ms in [0.0, 1.0, 0.000_1, 1e-7, 123_456.789] {
            done.ms = ms;
            for d in [&done, &failed, &skipped] {
                let mut out = Vec::new();
                d.write_pretty(&mut out);
                assert_eq!(String::from_utf8(out).unwrap(), pretty(d));
            }
        }
    }

    #[test]
    fn report_json_has_totals_and_every_document() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        let mut r = Report::new(true).unwrap();
        r.push(&DocReport::skipped("a.bin", "not a document type"))
            .unwrap();
        r.push(&DocReport {
            source: "b.txt".into(),
            status: Status::Ok,
            entries: 3,
            bytes: 120,
            ms: 1.5,
            format: Some(crate::Format::Text),
            encoding: Some("UTF-8"),
            error_kind: None,
            reason: None,
        })
        .unwrap();
        assert_eq!(r.count(Status::Ok), 1);
        assert_eq!(r.entries(), 3);
        assert_eq!(r.bytes(), 120);
        r.seconds = 0.25;
        r.write(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "totals": {"documents": 2, "ok": 1, "no_list": 0, "failed": 0, "skipped": 1,
                           "entries": 3, "seconds": 0.25},
                "documents": [
                    {"source": "a.bin", "status": "skipped", "entries": 0, "bytes": 0, "ms": 0.0,
                     "reason": "not a document type"},
                    {"source": "b.txt", "status": "ok", "entries": 3, "bytes": 120, "ms": 1.5,
                     "format": "text", "encoding": "UTF-8"}
                ]
            })
        );
        // Laid out as serde_json's pretty printer would lay out the whole object.
        assert_eq!(text, serde_json::to_string_pretty(&v).unwrap() + "\n");
        // No documents: an empty array.
        let mut r = Report::new(true).unwrap();
        r.seconds = 0.0;
        let empty = dir.path().join("empty.json");
        r.write(&empty).unwrap();
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&empty).unwrap()).unwrap();
        assert_eq!(v["documents"], serde_json::json!([]));
        assert_eq!(v["totals"]["documents"], 0);
    }
}
