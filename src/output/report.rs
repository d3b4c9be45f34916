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

#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub seconds: f64,
    pub docs: Vec<DocReport>,
}

impl Report {
    pub fn count(&self, s: Status) -> usize {
        self.docs.iter().filter(|d| d.status == s).count()
    }

    pub fn entries(&self) -> usize {
        self.docs.iter().map(|d| d.entries).sum()
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
            let docs: Vec<&DocReport> = self.docs.iter().filter(|d| d.status == st).collect();
            let entries: usize = docs.iter().map(|d| d.entries).sum();
            let bytes: usize = docs.iter().map(|d| d.bytes).sum();
            s.push_str(&format!(
                "{label:<10} {:>10} {entries:>10} {bytes:>14}\n",
                docs.len()
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

    /// Write `report.json` atomically.
    pub fn write(&self, path: &Path) -> io::Result<()> {
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
        #[derive(Serialize)]
        struct Out<'a> {
            totals: Totals,
            documents: &'a [DocReport],
        }
        let out = Out {
            totals: Totals {
                documents: self.docs.len(),
                ok: self.count(Status::Ok),
                no_list: self.count(Status::NoList),
                failed: self.count(Status::Failed),
                skipped: self.count(Status::Skipped),
                entries: self.entries(),
                seconds: self.seconds,
            },
            documents: &self.docs,
        };
        let mut f = AtomicFile::create(path)?;
        serde_json::to_writer_pretty(&mut f, &out)?;
        f.write_all(b"\n")?;
        f.commit()
    }
}
