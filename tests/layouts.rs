//! The same text in other layouts gives the same records, to the descriptions' words:
//! - hard-wrapped: every text fixture (and seed article, when `../shared` is beside the
//!   repository), wrapped at 72 characters as a mail program wraps it (a wrapped line break
//!   reads as a space);
//! - a block a line with no blank lines between (a WET archive's page text), and the same
//!   blocks set apart by blank lines.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use listicle::{Options, extract_str};

/// Greedy wrap at `width` characters, as Python's `textwrap.fill`: words go on a line while
/// they fit, and a bullet's later lines hang under its text. Lines that fit, and Markdown
/// headings, table rows, images and comments, are left as they are.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.split('\n') {
        let t = line.trim_start();
        if line.chars().count() <= width || t.starts_with(['|', '#', '<']) || t.starts_with("![") {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let indent = &line[..line.len() - t.len()];
        let bullet = ["- ", "* ", "+ ", "• "].iter().any(|b| t.starts_with(b));
        let hang = format!("{indent}{}", if bullet { "  " } else { "" });
        let mut cur = indent.to_string();
        let mut empty = true;
        for word in t.split(' ').filter(|w| !w.is_empty()) {
            if !empty && cur.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&cur);
                out.push('\n');
                cur = hang.clone();
                empty = true;
            }
            if !empty {
                cur.push(' ');
            }
            cur.push_str(word);
            empty = false;
        }
        out.push_str(&cur);
        out.push('\n');
    }
    out.truncate(out.len() - 1);
    out
}

/// What a reader compares: rank, title, year, fields and the description's words.
fn read(text: &str) -> Vec<String> {
    let doc = extract_str(text, None, "t", &Options::default());
    doc.records
        .iter()
        .map(|r| {
            let words: Vec<&str> = r
                .description
                .as_deref()
                .unwrap_or("")
                .split_whitespace()
                .collect();
            format!(
                "{:?} | {} | {:?} | {} | {}",
                r.rank,
                r.title,
                r.year,
                serde_json::to_string(&r.fields).unwrap(),
                words.join(" ")
            )
        })
        .collect()
}

fn texts_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .collect();
    v.sort();
    v
}

/// The text fixtures, and the seed articles when `../shared` is beside the repository.
fn text_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = texts_in(&root.join("fixtures"));
    if let Some(shared) = common::shared("seeds") {
        files.extend(texts_in(&shared.join("seeds")));
    }
    files
}

#[test]
fn the_wrapper_wraps_as_textwrap_does() {
    let para = "A small workshop needs fewer tools than the catalogues suggest, and the ones it needs are cheaper than most people think.";
    assert_eq!(
        wrap(para, 60),
        "A small workshop needs fewer tools than the catalogues\n\
         suggest, and the ones it needs are cheaper than most people\nthink."
    );
    assert_eq!(
        wrap(
            "- Sharp edges cut cleaner and need less force, so a sharp tool is safer.",
            60
        ),
        "- Sharp edges cut cleaner and need less force, so a sharp\n  tool is safer."
    );
    assert_eq!(
        wrap(
            "## A heading that is longer than the width allows for a line",
            20
        ),
        "## A heading that is longer than the width allows for a line"
    );
}

#[test]
fn wrapped_text_reads_as_the_text_as_written() {
    let files = text_files();
    assert!(files.len() >= 20, "text fixtures found: {}", files.len());
    let mut wrapped_any = 0;
    for f in &files {
        let text = fs::read_to_string(f).unwrap();
        let wrapped = wrap(&text, 72);
        if wrapped != text {
            wrapped_any += 1;
        }
        // A page that is no listicle (a fixture of that) gives none either way.
        let (want, got) = (read(&text), read(&wrapped));
        assert_eq!(got, want, "{} wrapped at 72", f.display());
    }
    // Most of them have lines longer than 72 to wrap.
    assert!(
        wrapped_any * 2 > files.len(),
        "{wrapped_any} of {} wrapped",
        files.len()
    );
}

/// `text` with no blank lines, and with a blank line after every line.
fn without_and_with_blank_lines(text: &str) -> (String, String) {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    (lines.join("\n") + "\n", lines.join("\n\n") + "\n")
}

#[test]
fn a_block_a_line_reads_as_blocks_set_apart_by_blank_lines() {
    let files = text_files();
    // The texts whose blocks are each a line: every line set apart by a blank line, or none
    // (a fixture of that shape). In other texts a blank line says which lines go together.
    let mut tried = Vec::new();
    for f in &files {
        let text = fs::read_to_string(f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let set_apart = lines
            .windows(2)
            .all(|w| w[0].trim().is_empty() || w[1].trim().is_empty());
        let none = lines.iter().all(|l| !l.trim().is_empty());
        if !(set_apart || none) {
            continue;
        }
        let (without, with) = without_and_with_blank_lines(&text);
        let want = read(&with);
        assert!(!want.is_empty(), "{} has entries", f.display());
        assert_eq!(read(&without), want, "{} without blank lines", f.display());
        tried.push(f.file_name().unwrap().to_string_lossy().into_owned());
    }
    assert!(
        tried.contains(&"45-text-line-per-block.txt".to_string())
            && tried.contains(&"31-bold-leadins.md".to_string()),
        "{tried:?}"
    );
}
