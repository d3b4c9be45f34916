//! `listicle inspect`: show how a document was read. The blocks it reduced to, every
//! candidate list with why it was chosen or rejected, and the entries, as a person reads them.

use std::fmt::Write as _;

use crate::blocks::Kind;
use crate::cli::InspectArgs;
use crate::cmd::sources;
use crate::error::{Error, ErrorKind};
use crate::ingest::warc;
use crate::ingest::{self, Input};

pub fn run(args: InspectArgs) -> Result<i32, Error> {
    let labels = crate::normalize::labels::LabelTable::load(args.labels_config.as_deref())?;
    let input = if args.input == "-" {
        Input::Stdin
    } else {
        Input::File(args.input.clone().into())
    };
    let mut name = input.name();
    // An archive is read record by record, as `extract` reads it: a file named as one, or
    // stdin or another file that holds one (by its first bytes). A document is read whole.
    let piped = match &input {
        Input::File(p) if sources::is_warc_name(p) || sources::is_doc_lines_name(p) => {
            sources::Piped::Archive(sources::open_archive(p, u64::MAX / 2)?)
        }
        Input::File(p) if p.is_dir() => {
            return Err(Error::new(
                ErrorKind::Usage,
                &name,
                format!(
                    "is a folder: inspect reads one document; name a file in it, or run \
                     `listicle extract {name}` for them all"
                ),
            ));
        }
        Input::File(p) => {
            let f = std::fs::File::open(p).map_err(|e| Error::read(&name, &e))?;
            sources::read_piped(&name, f, u64::MAX / 2)?
        }
        _ => sources::read_stdin(u64::MAX / 2)?,
    };
    let (archive, mut bytes) = match piped {
        sources::Piped::Archive(a) => (Some(a), Vec::new()),
        sources::Piped::Document(bytes) => (None, bytes),
    };
    let (mut charset, mut record_format) = (None, None);
    if let Some(archive) = archive {
        let Some(uri) = &args.record else {
            print!("{}", list_archive(&name, archive));
            return Ok(0);
        };
        let found = archive.into_iter().find_map(|item| match item {
            warc::Item::Document {
                uri: u,
                charset,
                body,
                format,
            } if u == *uri => Some(Ok((charset, body, format))),
            warc::Item::Failed {
                uri: u,
                kind,
                reason,
            } if u == *uri => Some(Err(Error::new(kind, u, reason))),
            _ => None,
        });
        let found = found.transpose()?;
        let Some((c, body, f)) = found else {
            return Err(Error::new(
                ErrorKind::Usage,
                &name,
                format!(
                    "has no document record of {uri}; `listicle inspect {name}` lists the ones it has"
                ),
            ));
        };
        (name, bytes, charset, record_format) = (uri.clone(), body, c, f);
    } else if args.record.is_some() {
        return Err(Error::new(
            ErrorKind::Usage,
            &name,
            "is not a WARC archive, so it has no records to pick with --record",
        ));
    }
    let decoded = ingest::decode::decode(&bytes, charset.as_deref())
        .map_err(|e| Error::new(ErrorKind::Binary, &name, e.to_string()))?;
    let format = args
        .input_format
        .map(Into::into)
        .or(record_format)
        .unwrap_or(decoded.format);
    let out = render(
        &name,
        &decoded.text,
        format,
        decoded.encoding,
        args.width,
        &labels,
    );
    print!("{out}");
    Ok(0)
}

/// The documents of a WARC archive, a line each (and what was skipped, and why), with how to
/// inspect one.
fn list_archive(name: &str, archive: sources::Archive) -> String {
    let mut s = String::new();
    let mut docs = 0;
    let ends = archive.ends_at_broken();
    for item in archive {
        match item {
            warc::Item::Document { uri, .. } => {
                docs += 1;
                let _ = writeln!(s, "  {uri}");
            }
            warc::Item::Skipped { uri, reason } => {
                let _ = writeln!(s, "  {uri}  (skipped: {reason})");
            }
            warc::Item::Failed { uri, reason, .. } => {
                let _ = writeln!(s, "  {uri}  (failed: {reason})");
            }
            warc::Item::Broken { at, reason } if ends => {
                let _ = writeln!(s, "  {at}  (the archive ends here: {reason})");
            }
            warc::Item::Broken { at, reason } => {
                let _ = writeln!(s, "  {at}  (no document: {reason})");
            }
        }
    }
    format!(
        "archive   {name}, {docs} document{}\n{s}inspect one with: listicle inspect {name} --record URI\n",
        if docs == 1 { "" } else { "s" }
    )
}

/// The inspect report for decoded text.
pub fn render(
    name: &str,
    text: &str,
    format: crate::Format,
    encoding: &str,
    width: usize,
    labels: &crate::normalize::labels::LabelTable,
) -> String {
    let mut blocks = crate::reduce(text, format);
    crate::normalize::meta(&mut blocks.meta, labels);
    let seg = crate::segment::segment(&blocks);
    let mut s = String::new();
    let _ = writeln!(s, "document  {name}");
    let _ = writeln!(s, "format    {format:?}, {encoding}, {} bytes", text.len());
    let m = &blocks.meta;
    for (k, v) in [
        ("title", &m.title),
        ("author", &m.author),
        ("date", &m.date),
        ("reading", &m.reading_time),
        ("url", &m.url),
        ("lang", &m.lang),
    ] {
        if let Some(v) = v {
            let _ = writeln!(s, "{k:<9} {v}");
        }
    }
    for t in &m.alt_titles {
        let _ = writeln!(s, "also      {t}");
    }
    if !m.item_list.is_empty() {
        let _ = writeln!(
            s,
            "itemlist  {} names (schema.org ItemList)",
            m.item_list.len()
        );
    }
    let _ = writeln!(
        s,
        "\nblocks ({}, body from #{})",
        blocks.blocks.len(),
        blocks.body_start
    );
    let heads: std::collections::HashSet<usize> = seg.entries.iter().map(|e| e.head).collect();
    for (i, b) in blocks.blocks.iter().enumerate() {
        let kind = match b.kind {
            Kind::Heading(n) => format!("h{n}"),
            Kind::Paragraph => "p".into(),
            Kind::ListItem => match b.list {
                Some(l) if l.ordered => format!("ol{}", l.id),
                Some(l) => format!("ul{}", l.id),
                None => "li".into(),
            },
            Kind::Caption => "cap".into(),
            Kind::Row => "row".into(),
            Kind::Pre => "pre".into(),
            Kind::Quote => "quote".into(),
        };
        // `/i`: all of the block's text is in italics.
        let kind = if b.emphasis { kind + "/i" } else { kind };
        let text: String = b.text.chars().take(width).collect();
        let more = if b.text.chars().count() > width {
            "…"
        } else {
            ""
        };
        let mark = if heads.contains(&i) { "▶" } else { " " };
        let _ = writeln!(
            s,
            "{mark}#{i:<4} {kind:<5} line {:<5} w{:.2} c{:<4} {text}{more}",
            b.line, b.weight, b.container
        );
    }
    let _ = writeln!(s, "\ncandidates ({})", seg.candidates.len());
    for c in &seg.candidates {
        let first: Vec<String> = c.heads.iter().take(6).map(|h| format!("#{h}")).collect();
        let _ = writeln!(
            s,
            "{} {:<16} score {:>6.2}  {} items at {}{}\n    {}",
            if c.chosen { "✔" } else { "✘" },
            c.kind,
            c.score,
            c.heads.len(),
            first.join(" "),
            if c.heads.len() > 6 { " …" } else { "" },
            c.reason
        );
    }
    // The entries from the same blocks and segmentation as above, not a second run.
    let mut records = crate::extract::records_to_normalize(&blocks, &seg, name);
    for r in &mut records {
        crate::normalize::record_in(r, labels, blocks.meta.lang.as_deref());
    }
    let _ = writeln!(s, "\nentries ({})", records.len());
    let mut part = None;
    for r in &records {
        // Each part of a list spread over parts, named where it starts.
        if r.section.is_some() && r.section != part {
            let _ = writeln!(s, "  section: {}", r.section.as_deref().unwrap_or_default());
        }
        part = r.section.clone();
        let rank = r.rank.map(|n| n.to_string()).unwrap_or_else(|| "-".into());
        let _ = writeln!(s, "{:>3}. rank {rank:<4} {}", r.position, r.title);
        for (k, v) in &r.fields {
            let _ = writeln!(s, "       {k}: {}", crate::output::cell(v));
        }
    }
    if records.is_empty() {
        let _ = writeln!(
            s,
            "no list found: no candidate had {} or more items that were not rejected",
            3
        );
    }
    s
}
