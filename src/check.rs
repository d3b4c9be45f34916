//! Invariants every extraction keeps, whatever the input: checked by the fuzz targets and the
//! property tests.
//!
//! - every span lies inside the decoded document, and entries come in document order;
//! - every title is a substring of the document's visible text (its blocks, NFC);
//! - positions run 1..n, and every line number is a line of the document.

use unicode_normalization::UnicodeNormalization;

use crate::{Document, Format};

/// Check `doc`, extracted from the decoded `text` read as `format`.
pub fn invariants(text: &str, format: Format, doc: &Document) -> Result<(), String> {
    let visible: String = crate::reduce(text, format)
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
        .nfc()
        .collect();
    let visible = crate::blocks::collapse_ws(&visible);
    let lines = text.split(['\n', '\r']).count().max(1);
    let mut last_start = 0;
    for (k, r) in doc.records.iter().enumerate() {
        if r.position != k + 1 {
            return Err(format!(
                "record {k}: position {} is not {}",
                r.position,
                k + 1
            ));
        }
        if r.span.start > r.span.end || r.span.end > text.len() {
            return Err(format!(
                "record {k}: span {:?} is outside 0..{}",
                r.span,
                text.len()
            ));
        }
        if r.span.start < last_start {
            return Err(format!(
                "record {k}: span starts at {} before the previous {last_start}",
                r.span.start
            ));
        }
        last_start = r.span.start;
        if !visible.contains(r.title.as_str()) {
            return Err(format!(
                "record {k}: title {:?} is not in the document's text",
                r.title
            ));
        }
        if r.line == 0 || r.line > lines {
            return Err(format!("record {k}: line {} is outside 1..{lines}", r.line));
        }
    }
    Ok(())
}
