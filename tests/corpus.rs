//! The real pages in `../shared/corpus`: every page runs without error, the labelled pages
//! score at least the bar (entries F1 0.90, rank 0.95), their labelled fields come out
//! under canonical keys with the raw value the page shows, and the pages that are not
//! listicles give no entries. Skips when `../shared` is absent.

mod common;

use serde_json::Value;

/// The scorer's comparison: casefolded, quotes and dashes unified, punctuation dropped.
fn norm(s: &str) -> String {
    let s: String = s
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c.is_whitespace() {
                c
            } else {
                ' '
            }
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_corpus_page_runs_and_the_labelled_ones_score() {
    let Some(shared) = common::shared("corpus/labels") else {
        return;
    };
    let pages = shared.join("corpus/pages");
    let mut names: Vec<String> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(names.len() >= 50);

    // Every page in one batch run: exit 0, and every page accounted for.
    let out_dir = tempfile::tempdir().unwrap();
    let o = common::run(
        &[
            "extract",
            pages.to_str().unwrap(),
            "-o",
            out_dir.path().to_str().unwrap(),
            "-q",
        ],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let report: Value = common::report(out_dir.path());
    assert_eq!(report["totals"]["documents"], names.len());
    assert_eq!(report["totals"]["failed"], 0);

    let (mut gold, mut got, mut tp, mut rank_ok) = (0usize, 0usize, 0usize, 0usize);
    let (mut fields, mut fields_ok) = (0usize, 0usize);
    let table = listicle::normalize::labels::LabelTable::default();
    for e in std::fs::read_dir(shared.join("corpus/labels")).unwrap() {
        let label: Value =
            serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
        let id = label["id"].as_str().unwrap();
        let page = pages.join(format!("{id}.html"));
        let o = common::run(
            &["extract", "--format", "jsonl", page.to_str().unwrap()],
            None,
            None,
        );
        assert_eq!(o.status.code(), Some(0), "{id}");
        let records = common::jsonl(&common::stdout(&o));
        if label["kind"] == "not-listicle" {
            assert!(
                records.is_empty(),
                "{id} is not a listicle, yet gave {} entries",
                records.len()
            );
            continue;
        }
        let want = label["entries"].as_array().unwrap();
        gold += want.len();
        got += records.len();
        let mut used = vec![false; records.len()];
        for w in want {
            let keys = [
                norm(w["title"].as_str().unwrap_or("")),
                norm(w["heading"].as_str().unwrap_or("")),
            ];
            if let Some(i) = (0..records.len()).find(|&i| {
                !used[i] && keys.contains(&norm(records[i]["title"].as_str().unwrap_or("")))
            }) {
                used[i] = true;
                tp += 1;
                if records[i]["rank"] == w["rank"] {
                    rank_ok += 1;
                }
                // Labelled fields: the canonical key, and the value as the page shows it.
                for (label, raw) in w["fields"].as_object().unwrap() {
                    let key = table.key(label);
                    fields += 1;
                    let got = records[i]["raw_fields"][&key].as_str().map(norm);
                    if got == raw.as_str().map(norm) {
                        fields_ok += 1;
                    } else {
                        eprintln!("{id}: {} {label}: got {got:?}", w["title"]);
                    }
                }
            }
        }
    }
    let p = tp as f64 / got.max(1) as f64;
    let r = tp as f64 / gold.max(1) as f64;
    let f1 = 2.0 * p * r / (p + r).max(f64::EPSILON);
    let rank = rank_ok as f64 / tp.max(1) as f64;
    eprintln!("corpus labels: F1 {f1:.3} (P {p:.3} R {r:.3}), rank {rank:.3}");
    assert!(f1 >= 0.90, "entries F1 {f1:.3} is under 0.90");
    assert!(rank >= 0.95, "rank accuracy {rank:.3} is under 0.95");
    assert!(fields > 60, "{fields} labelled fields");
    assert_eq!(
        fields_ok, fields,
        "labelled fields with the page's raw value under the canonical key"
    );
}
