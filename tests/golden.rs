//! Golden tests: every fixture in `fixtures/` is run through the real binary and its records
//! must equal the checked-in `tests/golden/<fixture>.json` exactly (pretty-printed, so a
//! review diff reads record by record). Each fixture also states
//! what it expects on its first line (`<!-- expect: entries=N ranks=... fields=... -->`), and
//! that statement is checked too, so a golden file cannot silently drift from the intent.
//!
//! After a deliberate change, regenerate with `UPDATE_GOLDEN=1 cargo test --test golden` and
//! review the diff.

mod common;

use std::fs;
use std::path::Path;

use serde_json::Value;

struct Expect {
    entries: usize,
    ranks: Vec<Option<i64>>,
    fields: Vec<String>,
}

fn statement(first_line: &str) -> Expect {
    let inner = first_line
        .trim()
        .strip_prefix("<!-- expect:")
        .and_then(|s| s.strip_suffix("-->"))
        .unwrap_or_else(|| panic!("fixture's first line states no expectation: {first_line}"));
    let mut e = Expect {
        entries: usize::MAX,
        ranks: Vec::new(),
        fields: Vec::new(),
    };
    for part in inner.split_whitespace() {
        let (k, v) = part.split_once('=').expect("key=value");
        let list = || v.split(',').filter(|x| !x.is_empty());
        match k {
            "entries" => e.entries = v.parse().unwrap(),
            "ranks" => e.ranks = list().map(|x| x.parse().ok()).collect(),
            "fields" => e.fields = list().map(String::from).collect(),
            _ => panic!("unknown key {k}"),
        }
    }
    e
}

fn fixtures() -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir("fixtures")
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.starts_with('.') && n != "README.md")
        .collect();
    v.sort();
    v
}

#[test]
fn every_fixture_matches_its_golden_records_and_its_statement() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let names = fixtures();
    assert!(
        names.len() >= 10,
        "expected at least ten fixtures, found {}",
        names.len()
    );
    for name in &names {
        let path = format!("fixtures/{name}");
        let text = fs::read_to_string(&path).unwrap();
        let expect = statement(text.lines().next().unwrap_or(""));
        let out = common::run(&["extract", "--format", "json", "-q", &path], None, None);
        assert!(out.status.success(), "{path}: {}", common::stderr(&out));
        let got = common::stdout(&out);
        let records: Vec<Value> = serde_json::from_str(&got).expect("JSON array");

        // The fixture's own statement.
        if records.len() != expect.entries {
            failures.push(format!(
                "{name}: {} entries, statement says {}",
                records.len(),
                expect.entries
            ));
        }
        let ranks: Vec<Option<i64>> = records.iter().map(|r| r["rank"].as_i64()).collect();
        if ranks != expect.ranks {
            failures.push(format!(
                "{name}: ranks {ranks:?}, statement says {:?}",
                expect.ranks
            ));
        }
        let mut keys: Vec<String> = Vec::new();
        for r in &records {
            for k in r["fields"].as_object().unwrap().keys() {
                if !keys.contains(k) {
                    keys.push(k.clone());
                }
            }
        }
        if keys != expect.fields {
            failures.push(format!(
                "{name}: field keys {keys:?}, statement says {:?}",
                expect.fields
            ));
        }

        // The exact records.
        let stem = Path::new(name).file_stem().unwrap().to_str().unwrap();
        let golden = format!("tests/golden/{stem}.json");
        if update {
            // Pretty-printed, so that a review diff reads record by record.
            let pretty = serde_json::to_string_pretty(&records).unwrap();
            fs::write(&golden, pretty + "\n").unwrap();
            continue;
        }
        match fs::read_to_string(&golden) {
            Ok(want) => {
                let want: Vec<Value> =
                    serde_json::from_str(&want).expect("golden file is a JSON array");
                if want.len() != records.len() {
                    failures.push(format!(
                        "{name}: {} records, golden has {}",
                        records.len(),
                        want.len()
                    ));
                }
                for (i, (g, w)) in records.iter().zip(&want).enumerate() {
                    if g != w {
                        failures.push(format!(
                            "{name}: record {} differs:\n  got  {}\n  want {}",
                            i + 1,
                            compact(g),
                            compact(w)
                        ));
                    }
                }
            }
            Err(_) => failures.push(format!(
                "{name}: no golden file {golden} (run with UPDATE_GOLDEN=1)"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn compact(v: &Value) -> String {
    serde_json::to_string(v).unwrap()
}

/// Every golden record has exactly the keys `schema/record.schema.json` requires, and its
/// field values (normalised and as written) have one of the shapes the schema lists.
#[test]
fn golden_records_follow_the_json_schema() {
    let schema: Value =
        serde_json::from_str(&fs::read_to_string("schema/record.schema.json").unwrap()).unwrap();
    let mut required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    required.sort();
    let mut seen = 0;
    for e in fs::read_dir("tests/golden").unwrap() {
        let records: Vec<Value> =
            serde_json::from_str(&fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
        for r in records {
            let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
            keys.sort();
            assert_eq!(keys, required);
            for (k, v) in r["fields"].as_object().unwrap() {
                let ok = match v {
                    Value::Null | Value::String(_) => true,
                    Value::Number(n) => n.is_u64(),
                    Value::Array(a) => a.iter().all(Value::is_string),
                    Value::Object(o) => {
                        (o.contains_key("value")
                            && (o.contains_key("precision")
                                || o.contains_key("currency")
                                || o.contains_key("scale")
                                || o.contains_key("unit")))
                            || (o.contains_key("raw")
                                && (o.contains_key("kind") || o.contains_key("flag")))
                    }
                    Value::Bool(_) => false,
                };
                assert!(ok, "field {k} has a shape the schema does not list: {v}");
                seen += 1;
            }
            // As written: text, null, or a list of texts.
            for (k, v) in r["raw_fields"].as_object().unwrap() {
                let ok = match v {
                    Value::Null | Value::String(_) => true,
                    Value::Array(a) => a.iter().all(Value::is_string),
                    _ => false,
                };
                assert!(
                    ok,
                    "raw field {k} has a shape the schema does not list: {v}"
                );
            }
        }
    }
    assert!(seen > 50);
}
