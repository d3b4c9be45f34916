//! The command line, run as a user runs it: the real binary, real files, exact output.

mod common;

use std::fs;

use common::{run, stderr, stdout};

const TINY: &str =
    "Three Teas\n\n1. Sencha\nOrigin: Japan\n\n2. Assam\nOrigin: India\n\n3. Rooibos\n";

#[test]
fn extract_folder_into_output_writes_csv_json_report_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let o = run(
        &["extract", "fixtures/", "-o", out_dir.to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let d = out_dir.display();
    assert_eq!(
        stderr(&o),
        format!(
            "listicle: 10 documents read, 47 entries, 1 with no list, 0 failed; wrote {d}/entries.csv, {d}/entries.json, {d}/report.json\n"
        )
    );
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out_dir.join("entries.json")).unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 47);
    let csv = fs::read_to_string(out_dir.join("entries.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..18].join(","),
        "source,article_title,article_author,article_date,article_url,position,rank,title,heading,year,year_end,alt_title,description,links,image,span_start,span_end,line"
    );
    // Field columns follow in order of first appearance across the inputs.
    assert_eq!(
        header[18..].join(","),
        "director,release_date,cast,aired,episodes,streaming,price,location,website"
    );
    assert_eq!(rdr.records().count(), 47);
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out_dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["totals"]["documents"], 10);
    assert_eq!(report["totals"]["no_list"], 1);
    assert_eq!(
        report["documents"][9]["source"],
        "fixtures/10-not-a-listicle.txt"
    );
    assert_eq!(report["documents"][9]["status"], "no_list");
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
        lines[1].starts_with("-,Three Teas,,,,1,1,Sencha,Sencha,"),
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
