//! The command line, run as a user runs it: the real binary, real files, exact output.

mod common;

use std::fs;

use common::{run, stderr, stdout};

const TINY: &str =
    "Three Teas\n\n1. Sencha\nOrigin: Japan\n\n2. Assam\nOrigin: India\n\n3. Rooibos\n";

/// What the fixtures say they hold, from their first lines: (documents, entries, documents
/// with no list, field keys in order of first appearance).
fn fixture_statements() -> (usize, usize, usize, Vec<String>) {
    let mut names: Vec<_> = fs::read_dir("fixtures")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_str().unwrap().starts_with('.'))
        .collect();
    names.sort();
    let (mut docs, mut entries, mut empty, mut keys) = (0, 0, 0, Vec::<String>::new());
    for p in names {
        let text = fs::read_to_string(&p).unwrap();
        let first = text.lines().next().unwrap();
        docs += 1;
        for part in first
            .trim_start_matches("<!-- expect:")
            .trim_end_matches("-->")
            .split_whitespace()
        {
            match part.split_once('=') {
                Some(("entries", n)) => {
                    let n: usize = n.parse().unwrap();
                    entries += n;
                    empty += usize::from(n == 0);
                }
                Some(("fields", f)) => {
                    for k in f.split(',').filter(|k| !k.is_empty()) {
                        if !keys.iter().any(|x| x == k) {
                            keys.push(k.to_string());
                        }
                    }
                }
                _ => {}
            }
        }
    }
    (docs, entries, empty, keys)
}

#[test]
fn extract_folder_into_output_writes_csv_json_report_and_summary() {
    let (docs, entries, empty, keys) = fixture_statements();
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let o = run(
        &["extract", "fixtures/", "-o", out_dir.to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let d = out_dir.display();
    let bytes: u64 = fs::read_dir("fixtures")
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    let err = stderr(&o);
    let (table, summary) = err.split_at(err.rfind("listicle:").unwrap());
    assert_eq!(
        summary,
        format!(
            "listicle: {docs} documents read, {entries} entries, {empty} with no list, 0 failed; wrote {d}/entries.csv, {d}/entries.json, {d}/report.json\n"
        )
    );
    // The table by status: its byte counts add up to the fixtures' sizes.
    let rows: Vec<Vec<&str>> = table
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows[0], ["status", "documents", "entries", "bytes"]);
    assert_eq!(
        rows[1][..3],
        ["ok", &(docs - empty).to_string(), &entries.to_string()]
    );
    assert_eq!(rows[2][..4], ["no", "list", &empty.to_string(), "0"]);
    assert_eq!(rows[3], ["skipped", "0", "0", "0"]);
    assert_eq!(rows[4], ["failed", "0", "0", "0"]);
    let counted: u64 = rows[1][3].parse::<u64>().unwrap() + rows[2][4].parse::<u64>().unwrap();
    assert_eq!(counted, bytes);
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out_dir.join("entries.json")).unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), entries);
    let csv = fs::read_to_string(out_dir.join("entries.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..19].join(","),
        "source,article_title,article_author,article_date,article_url,section,position,rank,title,heading,year,year_end,alt_title,description,links,image,span_start,span_end,line"
    );
    // Field columns follow in order of first appearance across the inputs.
    assert_eq!(header[19..].join(","), keys.join(","));
    // Every row holds its record's fields in their own columns, and nothing elsewhere.
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), entries);
    for (row, rec) in rows.iter().zip(json.as_array().unwrap()) {
        assert_eq!(&row[8], rec["title"].as_str().unwrap());
        for (k, key) in keys.iter().enumerate() {
            let want = rec["fields"].get(key).map(|v| {
                let mut c = listicle::output::cell(v);
                listicle::output::neutralise(&mut c);
                c
            });
            assert_eq!(
                &row[19 + k],
                want.as_deref().unwrap_or(""),
                "{key} in {row:?}"
            );
        }
    }
    let report: serde_json::Value = common::report(&out_dir);
    assert_eq!(report["totals"]["documents"], docs);
    assert_eq!(report["totals"]["no_list"], empty);
    assert_eq!(
        report["documents"][9]["source"],
        "fixtures/10-not-a-listicle.txt"
    );
    assert_eq!(report["documents"][9]["status"], "no_list");
    assert_eq!(report["documents"][0]["status"], "ok");
    assert_eq!(report["documents"][0]["entries"], 4);
    // No temporary files are left behind.
    let names: Vec<String> = fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn stdin_dash_reads_standard_input() {
    let o = run(&["extract", "-"], Some(TINY.as_bytes()), None);
    assert_eq!(o.status.code(), Some(0));
    let recs = common::jsonl(&stdout(&o));
    let titles: Vec<&str> = recs.iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Sencha", "Assam", "Rooibos"]);
    assert_eq!(recs[0]["source"], "-");
    assert_eq!(recs[0]["fields"]["origin"], "Japan");
    assert_eq!(recs[2]["fields"], serde_json::json!({}));
    assert_eq!(
        stderr(&o),
        "listicle: 1 document read, 3 entries, 0 with no list, 0 failed\n"
    );
}

#[test]
fn csv_on_stdout_has_the_header_and_one_row_per_entry() {
    let o = run(
        &["extract", "--format", "csv", "-q", "-"],
        Some(TINY.as_bytes()),
        None,
    );
    let out = stdout(&o);
    let lines: Vec<&str> = out.split("\r\n").collect();
    assert!(lines[0].ends_with(",line,origin"), "{}", lines[0]);
    assert!(
        lines[1].starts_with("-,Three Teas,,,,,1,1,Sencha,Sencha,"),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with(",Japan"), "{}", lines[1]);
    assert_eq!(
        lines.len(),
        5,
        "header, three rows, and the empty string after the last CRLF"
    );
    assert_eq!(stderr(&o), "");
}

#[test]
fn json_on_stdout_is_one_array() {
    let o = run(
        &["extract", "--format", "json", "-q", "-"],
        Some(TINY.as_bytes()),
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
    let o = run(
        &["extract", "--format", "json", "-q", "-"],
        Some(b"nothing here"),
        None,
    );
    assert_eq!(stdout(&o), "[]\n");
}

#[test]
fn a_missing_input_is_reported_by_name_and_the_rest_goes_on() {
    let o = run(
        &["extract", "no/such/file.txt", "fixtures/03-dash-outro.txt"],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(common::jsonl(&stdout(&o)).len(), 8);
    assert_eq!(
        stderr(&o),
        "listicle: no/such/file.txt: cannot read: No such file or directory (os error 2) (no such file, or a broken symbolic link; check the path)\n\
         listicle: 1 document read, 8 entries, 0 with no list, 1 failed\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    let o = run(&["extract"], None, None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("required arguments were not provided"),
        "{}",
        stderr(&o)
    );
    let o = run(&["extract", "-", "--format", "csv,json"], Some(b""), None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "listicle: several --format values need -o FOLDER to write one file each\n"
    );
    let o = run(&["frobnicate"], None, None);
    assert_eq!(o.status.code(), Some(2));
    // `-o` naming a file in a format listicle does not write: refused, and nothing made.
    let dir = tempfile::tempdir().unwrap();
    for (name, hint) in [
        (
            "items.xlsx",
            "; for a spreadsheet, write .csv (with --excel for Excel)",
        ),
        ("items.tsv", ""),
    ] {
        let out = dir.path().join(name);
        let o = run(
            &["extract", "-", "-o", out.to_str().unwrap()],
            Some(TINY.as_bytes()),
            None,
        );
        assert_eq!(o.status.code(), Some(2));
        let ext = name.rsplit('.').next().unwrap();
        assert_eq!(
            stderr(&o),
            format!(
                "listicle: -o {}: listicle writes .csv, .json and .jsonl files, or a folder of them, not .{ext}{hint}\n",
                out.display()
            )
        );
        assert!(!out.exists());
    }
    // A folder whose name has another dot in it is still a folder.
    let out = dir.path().join("run.v2");
    let o = run(
        &["extract", "-", "-q", "-o", out.to_str().unwrap()],
        Some(TINY.as_bytes()),
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(out.join("entries.csv").exists());
}

#[test]
fn output_inside_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), TINY).unwrap();
    let inside = dir.path().join("out");
    let o = run(
        &[
            "extract",
            dir.path().to_str().unwrap(),
            "-o",
            inside.to_str().unwrap(),
        ],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "listicle: the output {} is inside the input {}; write somewhere else with -o\n",
            inside.display(),
            dir.path().display()
        )
    );
    assert!(!inside.exists());
}

#[test]
fn single_file_output_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("teas.jsonl");
    let o = run(
        &["extract", "-", "-q", "-o", out.to_str().unwrap()],
        Some(TINY.as_bytes()),
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(common::jsonl(&fs::read_to_string(&out).unwrap()).len(), 3);
    assert_eq!(stdout(&o), "");
    // A file in folders not made yet: they are made, as an output folder is.
    let deep = dir.path().join("new/sub/teas.jsonl");
    let o = run(
        &["extract", "-", "-q", "-o", deep.to_str().unwrap()],
        Some(TINY.as_bytes()),
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(common::jsonl(&fs::read_to_string(&deep).unwrap()).len(), 3);
    // A folder that cannot be made (a file is in the way) is named in the error, and -o
    // naming a file that is no output file says what -o takes instead.
    let refused = |dest: &std::path::Path, folder: &std::path::Path, hint: &str| {
        let o = run(
            &["extract", "-", "-q", "-o", dest.to_str().unwrap()],
            Some(TINY.as_bytes()),
            None,
        );
        assert_eq!(o.status.code(), Some(2));
        assert_eq!(
            stderr(&o),
            format!(
                "listicle: {}: cannot create the output folder: File exists (os error 17) (it is a file{hint})\n",
                folder.display()
            )
        );
    };
    refused(&dir.path().join("teas.jsonl/x.csv"), &out, "");
    let notes = dir.path().join("notes");
    fs::write(&notes, "kept").unwrap();
    refused(
        &notes,
        &notes,
        ": give a folder, or a file name ending in .csv, .json or .jsonl",
    );
    assert_eq!(fs::read_to_string(&notes).unwrap(), "kept");
}

#[test]
fn csv_cells_that_spreadsheets_would_run_are_neutralised_unless_raw() {
    let text = "Formulas\n\n1. =HYPERLINK(\"x\")\n\n2. +Two\n\n3. @Three\n";
    let o = run(
        &["extract", "--format", "csv", "-q", "-"],
        Some(text.as_bytes()),
        None,
    );
    let out = stdout(&o);
    assert!(out.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{out}");
    assert!(out.contains(",'+Two,"), "{out}");
    assert!(out.contains(",'@Three,"), "{out}");
    let o = run(
        &["extract", "--format", "csv", "--csv-raw", "-q", "-"],
        Some(text.as_bytes()),
        None,
    );
    assert!(stdout(&o).contains(",+Two,"));
    let o = run(
        &["extract", "--format", "csv", "--excel", "-q", "-"],
        Some(text.as_bytes()),
        None,
    );
    assert!(o.stdout.starts_with("\u{feff}source,".as_bytes()));
}

#[test]
fn inspect_shows_blocks_candidates_and_entries() {
    let o = run(&["inspect", "fixtures/03-dash-outro.txt"], None, None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("format    Text, UTF-8, "), "{out}");
    assert!(out.contains("✔ numbered         score"), "{out}");
    assert!(
        out.contains("chosen: 8 numbered Dash heads, starts or ends at 1"),
        "{out}"
    );
    assert!(
        out.contains("entries (8)\n  1. rank 1    Harbour Masters\n"),
        "{out}"
    );
    // A list spread over parts names each part where it starts.
    let o = run(
        &["inspect", "fixtures/43-text-sections-restart.txt"],
        None,
        None,
    );
    let out = stdout(&o);
    let entries = &out[out.find("entries (").unwrap()..];
    let parts: Vec<&str> = entries
        .lines()
        .filter_map(|l| l.strip_prefix("  section: "))
        .collect();
    assert_eq!(parts, ["Half a Day", "A Full Day", "Two Days"], "{out}");
    assert!(
        entries.contains("  section: Half a Day\n  1. rank 1    Mill Beck Loop\n"),
        "{out}"
    );
}

/// `inspect` reads the title with the user's label table too, and names a table it cannot
/// read.
#[test]
fn inspect_takes_the_users_label_table() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("labels.toml");
    std::fs::write(&table, "[aliases]\ntitle = [\"rubrik\"]\n").unwrap();
    let text: &[u8] = b"Rubrik: Drei Dinge\n\nText.\n";
    let o = run(&["inspect", "-"], Some(text), None);
    assert!(stdout(&o).contains("\ntitle     Rubrik: Drei Dinge\n"));
    let t = table.to_str().unwrap();
    let o = run(&["inspect", "--labels-config", t, "-"], Some(text), None);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("\ntitle     Drei Dinge\n"),
        "{}",
        stdout(&o)
    );
    // The entries' fields take the table's keys too.
    std::fs::write(&table, "[aliases]\norigin = [\"herkunft\"]\n").unwrap();
    let teas: &[u8] = b"Drei Tees\n\n1. Sencha\nHerkunft: Japan\n\n2. Assam\nHerkunft: Indien\n\n3. Rooibos\nHerkunft: Afrika\n";
    let o = run(&["inspect", "--labels-config", t, "-"], Some(teas), None);
    assert!(stdout(&o).contains("origin: Japan"), "{}", stdout(&o));
    let missing = dir.path().join("missing.toml");
    let m = missing.to_str().unwrap();
    let o = run(&["inspect", "--labels-config", m, "-"], Some(text), None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(&format!("{m}: cannot read")));
}

#[test]
fn help_names_the_commands_and_exit_codes() {
    let o = run(&["--help"], None, None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("extract"));
    assert!(out.contains("inspect"));
    assert!(out.contains(
        "Exit codes: 0 every document was read, 1 some documents failed, 2 usage error."
    ));
}

#[test]
fn inspect_explains_why_page_lists_were_rejected() {
    let o = run(
        &["inspect", "fixtures/20-html-not-a-listicle.html"],
        None,
        None,
    );
    let out = stdout(&o);
    assert!(out.contains("format    Html, UTF-8, "), "{out}");
    assert!(
        out.contains("rejected: the title promises no list of 2, and the items are not named in bold, nor ten or more"),
        "{out}"
    );
    assert!(
        out.contains("rejected: the title promises no list, and 2 sections are too few to be one"),
        "{out}"
    );
    assert!(!out.contains("Most read"), "asides are dropped: {out}");
    assert!(out.contains("entries (0)\nno list found"), "{out}");
    let o = run(
        &["inspect", "fixtures/11-html-numbered-h2.html"],
        None,
        None,
    );
    let out = stdout(&o);
    assert!(
        out.contains("title     The 5 Best Budget Tents for Weekend Camping\n"),
        "{out}"
    );
    assert!(out.contains("author    Rosa Lindqvist\n"), "{out}");
    assert!(out.contains("chosen: 5 numbered Dot heads, starts or ends at 1, in headings, count matches the title"), "{out}");
}

#[test]
fn item_selector_takes_the_items_from_css() {
    let page =
        "<html><body><div class=x><h4>Alpha</h4><p>a</p><h4>Beta</h4><p>b</p></div></body></html>";
    let o = run(
        &["extract", "-q", "--item-selector", "div.x h4", "-"],
        Some(page.as_bytes()),
        None,
    );
    let titles: Vec<String> = common::jsonl(&stdout(&o))
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles, ["Alpha", "Beta"]);
    let o = run(
        &["extract", "--item-selector", "h4[", "-"],
        Some(page.as_bytes()),
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "listicle: --item-selector \"h4[\" is not a CSS selector (Unexpected EOL); try something like \"article h3\"\n"
    );
}

#[test]
fn labels_config_extends_the_alias_table() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("labels.toml");
    fs::write(
        &cfg,
        "[aliases]\ncalories = [\"Kcal\"]\n[kinds]\ncalories = \"count\"\n",
    )
    .unwrap();
    let text = "Snacks\n\n1. Apple\nKcal: 95\n\n2. Pear\nKcal: 100\n\n3. Plum\nKcal: 30\n";
    let o = run(
        &[
            "extract",
            "-q",
            "--labels-config",
            cfg.to_str().unwrap(),
            "-",
        ],
        Some(text.as_bytes()),
        None,
    );
    let recs = common::jsonl(&stdout(&o));
    assert_eq!(recs[0]["fields"], serde_json::json!({"calories": 95}));
    assert_eq!(recs[0]["raw_fields"], serde_json::json!({"calories": "95"}));
    fs::write(&cfg, "[kinds]\ncalories = \"energy\"\n").unwrap();
    let o = run(
        &["extract", "--labels-config", cfg.to_str().unwrap(), "-"],
        Some(text.as_bytes()),
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "listicle: {}: [kinds] calories: the kind must be one of text, date, names, name, list, price, rating, duration, count\n",
            cfg.display()
        )
    );
}
