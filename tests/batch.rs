//! The batch engine and its inputs, run through the real binary: WARC archives, gzip,
//! `--glob`, `--from-file`, stream mode, input order across threads.

mod common;

use std::fs;

use common::{run, stderr, stdout};

fn warc_record(uri: &str, http: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(http);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn page(title: &str, items: &[&str]) -> String {
    let mut s = format!("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>");
    for (i, it) in items.iter().enumerate() {
        s.push_str(&format!(
            "<h2>{}. {it}</h2><p>About {it}, at some length.</p>",
            i + 1
        ));
    }
    s + "</article></body></html>"
}

fn archive() -> Vec<u8> {
    let mut w = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n".to_vec();
    // Latin-1 bytes, declared only in the HTTP header.
    let mut latin =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n".to_vec();
    latin.extend(
        page(
            "Three Caf\u{e9}s",
            &["Caf\u{e9} Uno", "Caf\u{e9} Due", "Caf\u{e9} Tre"],
        )
        .chars()
        .map(|c| c as u8),
    );
    w.extend(warc_record("http://example.com/cafes", &latin));
    w.extend(warc_record(
        "http://example.com/logo.png",
        b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG",
    ));
    let teas = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{}",
        page("Three Teas", &["Sencha", "Assam", "Rooibos"])
    );
    w.extend(warc_record("http://example.com/teas", teas.as_bytes()));
    w
}

#[test]
fn warc_responses_are_documents_named_by_uri_with_their_http_charset() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("crawl.warc", archive()),
        ("crawl.warc.gz", common::gzip(&archive())),
    ] {
        let p = dir.path().join(name);
        fs::write(&p, bytes).unwrap();
        let out = dir.path().join(format!("out-{name}"));
        let o = run(
            &[
                "extract",
                p.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--format",
                "jsonl",
                "-q",
            ],
            None,
            None,
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let recs = common::jsonl(&fs::read_to_string(out.join("entries.jsonl")).unwrap());
        let got: Vec<(String, String)> = recs
            .iter()
            .map(|r| {
                (
                    r["source"].as_str().unwrap().to_string(),
                    r["title"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let want = [
            ("http://example.com/cafes", "Café Uno"),
            ("http://example.com/cafes", "Café Due"),
            ("http://example.com/cafes", "Café Tre"),
            ("http://example.com/teas", "Sencha"),
            ("http://example.com/teas", "Assam"),
            ("http://example.com/teas", "Rooibos"),
        ];
        assert_eq!(
            got,
            want.map(|(a, b)| (a.to_string(), b.to_string())),
            "{name}"
        );
        let report: serde_json::Value = common::report(&out);
        assert_eq!(report["totals"]["ok"], 2);
        assert_eq!(report["totals"]["skipped"], 1);
        assert_eq!(
            report["documents"][1]["reason"],
            "not an HTML or text response (image/png)"
        );
    }
}

/// A WET archive (Common Crawl's `.warc.wet.gz`): each `conversion` record is the text a
/// crawler took from one page, a block a line with no blank lines between.
fn wet_archive() -> Vec<u8> {
    let record = |uri: &str, text: &str| {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: {uri}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n",
            text.len()
        )
        .into_bytes();
        r.extend_from_slice(text.as_bytes());
        r.extend_from_slice(b"\r\n\r\n");
        r
    };
    let mut w = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n".to_vec();
    // Text about tags: as HTML it would lose them, so it must be read as the text it is.
    w.extend(record(
        "https://example.com/tags",
        "Skip to content\nHome\nThree Tags Every Page Needs\n1. The <title> tag\n\
         It names the page in the browser's tab and in search results.\n\
         2. The <meta> description\nIt is the summary under the link in search results.\n\
         3. The <h1> heading\nOne to a page, saying what the page is about.\nShare this post\n",
    ));
    w.extend(record(
        "https://example.com/teas",
        "Menu\nThree Teas for Winter\n1. Assam\nMalty and strong, it stands up to milk.\n\
         2. Rooibos\nNo caffeine, so it suits the evening.\n3. Sencha\nGrassy and bright.\n",
    ));
    w
}

#[test]
fn wet_archives_are_read_record_by_record_from_a_file_or_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let wet = common::gzip(&wet_archive());
    let p = dir.path().join("CC-MAIN-0001.warc.wet.gz");
    fs::write(&p, &wet).unwrap();
    let want = [
        ("https://example.com/tags", 1, "The <title> tag"),
        ("https://example.com/tags", 2, "The <meta> description"),
        ("https://example.com/tags", 3, "The <h1> heading"),
        ("https://example.com/teas", 1, "Assam"),
        ("https://example.com/teas", 2, "Rooibos"),
        ("https://example.com/teas", 3, "Sencha"),
    ]
    .map(|(s, r, t)| (s.to_string(), r, t.to_string()));
    let from_file = run(&["extract", p.to_str().unwrap()], None, None);
    let from_stdin = run(&["extract", "-"], Some(&wet), None);
    // Piped in, an archive is read as it comes: only each record must be within the limit.
    let plain = wet_archive();
    assert!(plain.len() > 600, "{}", plain.len());
    let streamed = run(&["extract", "-", "--max-bytes", "600"], Some(&plain), None);
    for o in [from_file, from_stdin, streamed] {
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let got: Vec<(String, i64, String)> = common::jsonl(&stdout(&o))
            .iter()
            .map(|r| {
                (
                    r["source"].as_str().unwrap().to_string(),
                    r["rank"].as_i64().unwrap(),
                    r["title"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(got, want);
        assert!(
            stderr(&o)
                .ends_with("listicle: 2 documents read, 6 entries, 0 with no list, 0 failed\n"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn an_archive_with_no_page_in_it_is_skipped_with_what_it_held() {
    let dir = tempfile::tempdir().unwrap();
    // A WAT archive's shape: metadata about pages, and no page.
    let mut w = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n".to_vec();
    w.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type: metadata\r\nWARC-Target-URI: https://example.com/\r\n\
          Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}\r\n\r\n",
    );
    let p = dir.path().join("CC-MAIN-0001.warc.wat.gz");
    fs::write(&p, common::gzip(&w)).unwrap();
    let out = dir.path().join("out");
    let o = run(
        &[
            "extract",
            p.to_str().unwrap(),
            "fixtures/03-dash-outro.txt",
            "-o",
            out.to_str().unwrap(),
            "-q",
        ],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report = common::report(&out);
    assert_eq!(report["totals"]["skipped"], 1);
    assert_eq!(report["totals"]["ok"], 1);
    assert_eq!(report["documents"][0]["source"], p.to_str().unwrap());
    assert_eq!(
        report["documents"][0]["reason"],
        "the archive holds no page: none of its 2 records is an HTTP response, or a conversion \
         or resource of a page's URI"
    );
}

/// What `inspect` lists for [`wet_archive`] at `name`.
fn wet_listing(name: &str) -> String {
    format!(
        "archive   {name}, 2 documents\n  https://example.com/tags\n  https://example.com/teas\n\
         inspect one with: listicle inspect {name} --record URI\n"
    )
}

#[test]
fn inspect_lists_an_archives_documents_and_reads_the_one_named_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("crawl.warc.wet.gz");
    fs::write(&p, common::gzip(&wet_archive())).unwrap();
    let name = p.to_str().unwrap();
    let o = run(&["inspect", name], None, None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), wet_listing(name));
    let o = run(
        &["inspect", name, "--record", "https://example.com/teas"],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("document  https://example.com/teas\nformat    Text, UTF-8, "),
        "{out}"
    );
    assert!(
        out.contains(
            "entries (3)\n  1. rank 1    Assam\n  2. rank 2    Rooibos\n  3. rank 3    Sencha\n"
        ),
        "{out}"
    );
    let o = run(
        &["inspect", name, "--record", "https://example.com/nope"],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "listicle: {name}: has no document record of https://example.com/nope; `listicle \
             inspect {name}` lists the ones it has\n"
        )
    );
    let o = run(
        &["inspect", "fixtures/03-dash-outro.txt", "--record", "x"],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "listicle: fixtures/03-dash-outro.txt: is not a WARC archive, so it has no records to \
         pick with --record\n"
    );
}

/// `inspect` reads a file that holds an archive under another name, gzipped or not, as the
/// archive it is (record by record); a folder is refused with what to run instead.
#[test]
fn inspect_reads_an_archive_under_another_name_and_refuses_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    for (file, bytes) in [
        ("crawl.dat", wet_archive()),
        ("crawl.dat.gz", common::gzip(&wet_archive())),
    ] {
        let p = dir.path().join(file);
        fs::write(&p, bytes).unwrap();
        let name = p.to_str().unwrap();
        let o = run(&["inspect", name], None, None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(stdout(&o), wet_listing(name));
    }
    let name = dir.path().to_str().unwrap();
    let o = run(&["inspect", name], None, None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "listicle: {name}: is a folder: inspect reads one document; name a file in it, or \
             run `listicle extract {name}` for them all\n"
        )
    );
}

#[test]
fn an_archive_under_another_name_fails_with_how_to_read_it_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("crawl.dat");
    fs::write(&p, wet_archive()).unwrap();
    let o = run(
        &["extract", p.to_str().unwrap(), "fixtures/03-dash-outro.txt"],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(common::jsonl(&stdout(&o)).len(), 8, "the fixture's entries");
    assert!(
        stderr(&o).starts_with(&format!(
            "listicle: {}: is a WARC archive: name it .warc, .warc.gz, .wet, .wet.gz, .wat or \
             .wat.gz, or pipe it to `listicle extract -`, to read its records\n",
            p.display()
        )),
        "{}",
        stderr(&o)
    );
}

/// JSON Lines of documents, as `stream` reads them: a page, a bad line, a text with no url.
fn doc_lines() -> String {
    let page = serde_json::json!({"id": 1, "url": "https://example.com/teas", "html": page("Three Teas", &["Sencha", "Assam", "Rooibos"])});
    let text = serde_json::json!({"id": "tools-7", "text": "3 Garden Tools\n\n1. Spade\n\nFor digging.\n\n2. Rake\n\nFor leaves.\n\n3. Hoe\n\nFor weeds.\n"});
    format!("{page}\nnot json\n\n{text}\n{{\"id\": 9, \"text\": \"\"}}\n")
}

#[test]
fn json_lines_of_documents_are_read_a_line_at_a_time_and_a_bad_line_does_not_stop_them() {
    let dir = tempfile::tempdir().unwrap();
    let lines = doc_lines();
    let named = dir.path().join("pages.jsonl");
    fs::write(&named, &lines).unwrap();
    let gz = dir.path().join("pages.ndjson.gz");
    fs::write(&gz, common::gzip(lines.as_bytes())).unwrap();
    let want = [
        ("https://example.com/teas", "Sencha"),
        ("https://example.com/teas", "Assam"),
        ("https://example.com/teas", "Rooibos"),
        ("tools-7", "Spade"),
        ("tools-7", "Rake"),
        ("tools-7", "Hoe"),
    ]
    .map(|(s, t)| (s.to_string(), t.to_string()));
    for (o, name) in [
        (
            run(&["extract", named.to_str().unwrap()], None, None),
            named.display().to_string(),
        ),
        (
            run(&["extract", gz.to_str().unwrap()], None, None),
            gz.display().to_string(),
        ),
        (
            run(&["extract", "-"], Some(lines.as_bytes()), None),
            "-".to_string(),
        ),
    ] {
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let got: Vec<(String, String)> = common::jsonl(&stdout(&o))
            .iter()
            .map(|r| {
                (
                    r["source"].as_str().unwrap().to_string(),
                    r["title"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(got, want);
        assert_eq!(
            stderr(&o),
            format!(
                "listicle: {name} (line 2): not JSON: expected ident at line 1 column 2\n\
                 listicle: 3 documents read, 6 entries, 1 with no list, 1 failed\n"
            )
        );
    }
    // The report accounts for every line, the empty text under the file's name and its line.
    let out = dir.path().join("out");
    let o = run(
        &[
            "extract",
            named.to_str().unwrap(),
            "-q",
            "-o",
            out.to_str().unwrap(),
        ],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    let docs: Vec<(String, String)> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["source"].as_str().unwrap().to_string(),
                d["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let n = named.display();
    assert_eq!(
        docs,
        [
            ("https://example.com/teas".to_string(), "ok".to_string()),
            (format!("{n} (line 2)"), "failed".to_string()),
            ("tools-7".to_string(), "ok".to_string()),
            (format!("{n} (line 5)"), "no_list".to_string()),
        ]
    );
    // inspect lists the lines' documents, and reads the one named by --record.
    let o = run(&["inspect", named.to_str().unwrap()], None, None);
    assert_eq!(
        stdout(&o),
        format!(
            "archive   {n}, 3 documents\n  https://example.com/teas\n  line 2  (no document: not \
             JSON: expected ident at line 1 column 2)\n  tools-7\n  {n} (line 5)\ninspect one \
             with: listicle inspect {n} --record URI\n"
        )
    );
    let o = run(
        &["inspect", named.to_str().unwrap(), "--record", "tools-7"],
        None,
        None,
    );
    assert!(
        stdout(&o).starts_with("document  tools-7\nformat    Text"),
        "{}",
        stdout(&o)
    );
    // Under another name, the file is refused with how to read it, not read as one page.
    let misnamed = dir.path().join("pages.txt");
    fs::write(&misnamed, &lines).unwrap();
    let o = run(&["extract", misnamed.to_str().unwrap()], None, None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).starts_with(&format!(
            "listicle: {}: holds JSON Lines of documents (a JSON object a line, with \"html\" or \
             \"text\"): name it .jsonl, .jsonl.gz, .ndjson, .ndjson.gz, or pipe it to `listicle \
             extract -`, to read each line as a document\n",
            misnamed.display()
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_truncated_warc_is_a_failure_for_that_record_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let full = archive();
    let p = dir.path().join("cut.warc");
    fs::write(&p, &full[..full.len() - 40]).unwrap();
    let o = run(
        &["extract", p.to_str().unwrap(), "fixtures/03-dash-outro.txt"],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let recs = common::jsonl(&stdout(&o));
    assert_eq!(
        recs.len(),
        3 + 8,
        "the first page of the archive and the fixture"
    );
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!(
            "listicle: {} (record 4): record http://example.com/teas is truncated:",
            p.display()
        )),
        "{err}"
    );
    assert!(
        err.ends_with(
            "listicle: 2 documents read, 11 entries, 0 with no list, 1 failed, 1 skipped\n"
        ),
        "{err}"
    );
}

/// A response whose content encoding does not decode (a gzip body cut short) fails with the
/// reason under its URI; a gzipped one that does is read; the archive goes on past both.
#[test]
fn a_response_that_does_not_decompress_fails_under_its_uri_and_the_archive_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let gz = |title: &str, items: &[&str]| {
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        http.extend(common::gzip(page(title, items).as_bytes()));
        http
    };
    let mut cut = gz("Three Inns", &["Red Lion", "Swan", "Plough"]);
    cut.truncate(cut.len() - 30);
    let mut w = warc_record("http://example.com/inns", &cut);
    w.extend(warc_record(
        "http://example.com/teas",
        &gz("Three Teas", &["Sencha", "Assam", "Rooibos"]),
    ));
    let p = dir.path().join("crawl.warc");
    fs::write(&p, &w).unwrap();
    let o = run(&["extract", p.to_str().unwrap()], None, None);
    assert_eq!(o.status.code(), Some(1));
    let titles: Vec<String> = common::jsonl(&stdout(&o))
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles, ["Sencha", "Assam", "Rooibos"]);
    let err = stderr(&o);
    assert!(
        err.starts_with("listicle: http://example.com/inns: cannot decompress its gzip content: "),
        "{err}"
    );
    assert!(
        err.ends_with("listicle: 1 document read, 3 entries, 0 with no list, 1 failed\n"),
        "{err}"
    );
}

#[test]
fn gzip_files_are_read_by_their_magic_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("teas.txt.gz");
    fs::write(
        &p,
        common::gzip(b"Teas\n\n1. Sencha\n\n2. Assam\n\n3. Rooibos\n"),
    )
    .unwrap();
    let o = run(&["extract", "-q", p.to_str().unwrap()], None, None);
    assert_eq!(common::jsonl(&stdout(&o)).len(), 3);
}

#[test]
fn glob_filters_folders_and_skipped_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let in_dir = dir.path().join("in");
    fs::create_dir_all(in_dir.join("sub")).unwrap();
    fs::write(in_dir.join("a.txt"), "A\n\n1. x\n\n2. y\n\n3. z\n").unwrap();
    fs::write(in_dir.join("sub/b.html"), page("Three", &["p", "q", "r"])).unwrap();
    fs::write(in_dir.join("notes.json"), "{}").unwrap();
    let out = dir.path().join("out");
    let o = run(
        &[
            "extract",
            in_dir.to_str().unwrap(),
            "--glob",
            "*.html",
            "-o",
            out.to_str().unwrap(),
            "-q",
        ],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    let report: serde_json::Value = common::report(&out);
    let docs = report["documents"].as_array().unwrap();
    let summary: Vec<(String, String)> = docs
        .iter()
        .map(|d| {
            let src = d["source"].as_str().unwrap();
            (
                src[in_dir.to_str().unwrap().len() + 1..].to_string(),
                d["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("a.txt", "skipped"),
        ("notes.json", "skipped"),
        ("sub/b.html", "ok"),
    ];
    assert_eq!(summary, want.map(|(a, b)| (a.to_string(), b.to_string())));
    assert_eq!(docs[0]["reason"], "does not match --glob");
    // Without --glob, documents are found by name and other files are skipped with a reason.
    let out2 = dir.path().join("out2");
    run(
        &[
            "extract",
            in_dir.to_str().unwrap(),
            "-o",
            out2.to_str().unwrap(),
            "-q",
        ],
        None,
        None,
    );
    let report: serde_json::Value = common::report(&out2);
    assert_eq!(report["totals"]["ok"], 2);
    assert_eq!(report["totals"]["skipped"], 1);
    assert_eq!(
        report["documents"][1]["reason"],
        "not a document type (name it, or use --glob to include it)"
    );
}

#[test]
fn from_file_lists_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.txt");
    fs::write(
        &list,
        "# fixtures to read\nfixtures/03-dash-outro.txt\n\nfixtures/09-other-markers.txt\n",
    )
    .unwrap();
    let o = run(
        &["extract", "-q", "--from-file", list.to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(common::jsonl(&stdout(&o)).len(), 8 + 4);
    let o = run(
        &["extract", "-q", "--from-file", "-"],
        Some(b"fixtures/03-dash-outro.txt\n"),
        None,
    );
    assert_eq!(common::jsonl(&stdout(&o)).len(), 8);
}

#[test]
fn output_is_in_input_order_whatever_the_thread_count() {
    let one = run(&["extract", "-q", "-j", "1", "fixtures/"], None, None);
    let many = run(
        &["extract", "-q", "-j", "4", "fixtures/", "fixtures/"],
        None,
        None,
    );
    let one = stdout(&one);
    assert_eq!(stdout(&many), format!("{one}{one}"));
}

#[test]
fn stream_answers_every_line_in_order() {
    let input = concat!(
        r#"{"id": 1, "url": "http://x/teas", "text": "Teas\n\n1. Sencha\n\n2. Assam\n\n3. Rooibos\n"}"#,
        "\n",
        "not json\n",
        r#"{"id": "b", "html": "<h2>1. A</h2><p>x</p><h2>2. B</h2><p>y</p><h2>3. C</h2><p>z</p>"}"#,
        "\n",
        r#"{"id": 3}"#,
        "\n",
        r#"{"id": 4, "text": "nothing listed here"}"#,
        "\n",
    );
    for jobs in ["1", "3"] {
        let o = run(&["stream", "--jobs", jobs], Some(input.as_bytes()), None);
        assert_eq!(o.status.code(), Some(0));
        let lines = common::jsonl(&stdout(&o));
        assert_eq!(lines.len(), 5, "jobs {jobs}");
        assert_eq!(lines[0]["id"], 1);
        assert_eq!(lines[0]["status"], "ok");
        assert_eq!(lines[0]["entries"][2]["title"], "Rooibos");
        assert_eq!(lines[0]["entries"][0]["source"], "http://x/teas");
        assert_eq!(
            lines[1],
            serde_json::json!({"id": null, "status": "error", "error": "line 2: not JSON: expected ident at line 1 column 2"})
        );
        assert_eq!(lines[2]["entries"].as_array().unwrap().len(), 3);
        assert_eq!(
            lines[3],
            serde_json::json!({"id": 3, "status": "error", "error": "line 4: no \"html\" or \"text\" string to read"})
        );
        assert_eq!(
            lines[4],
            serde_json::json!({"id": 4, "status": "ok", "entries": []})
        );
    }
}
