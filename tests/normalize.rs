//! Normalisation as data: every line of `tests/data/normalize.tsv` is a case (kind, the value
//! as written, the expected JSON). All failures are reported together.

use listicle::normalize::labels::LabelTable;
use listicle::normalize::values;
use serde_json::{Value, json};

/// `\uXXXX` in a case's input stands for that character (to write decomposed Unicode).
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(k) = rest.find("\\u") {
        out.push_str(&rest[..k]);
        let hex = &rest[k + 2..k + 6];
        out.push(char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap());
        rest = &rest[k + 6..];
    }
    out.push_str(rest);
    out
}

#[test]
fn normalisation_cases() {
    let table = LabelTable::default();
    let data = std::fs::read_to_string("tests/data/normalize.tsv").unwrap();
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut kinds = std::collections::BTreeMap::new();
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "line {}: want kind, input, expected", n + 1);
        let (kind, input, want) = (cols[0], unescape(cols[1]), cols[2]);
        let want: Value = serde_json::from_str(want)
            .unwrap_or_else(|e| panic!("line {}: expected is not JSON: {e}", n + 1));
        let got = match kind {
            "date" => values::date(&input),
            "list" => json!(values::list(&input)),
            "names" => json!(values::names(&input)),
            "name" => json!(values::name(&input)),
            "price" => values::price(&input),
            "rating" => values::rating(&input),
            "duration" => values::duration(&input),
            "count" => values::count(&input),
            "number" => values::number(&input)
                .map(values::num)
                .unwrap_or(Value::Null),
            "label" => json!(table.key(&input)),
            "sniff" => values::sniff(&input),
            other => panic!("line {}: unknown kind {other}", n + 1),
        };
        *kinds.entry(kind).or_insert(0) += 1;
        cases += 1;
        if got != want {
            failures.push(format!(
                "line {} {kind} {input:?}: got {got}, want {want}",
                n + 1
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(cases >= 150, "only {cases} cases");
    // Every kind is covered, including the ambiguous and relative dates.
    assert!(data.contains("\"flag\":\"ambiguous\"") && data.contains("\"flag\":\"relative\""));
    assert_eq!(kinds.len(), 11, "{kinds:?}");
}
