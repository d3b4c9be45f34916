//! Time each stage of the pipeline on the documents named on the command line, in process
//! (no I/O): `cargo run --release --example stages -- FILE...`.
use std::time::Instant;

fn main() {
    let texts: Vec<(String, listicle::Format)> = std::env::args()
        .skip(1)
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            let d = listicle::ingest::decode::decode(&b, None).unwrap();
            (d.text, d.format)
        })
        .collect();
    let bytes: usize = texts.iter().map(|t| t.0.len()).sum();
    let rounds = (50_000_000 / bytes.max(1)).max(1);
    let (mut t_reduce, mut t_segment, mut t_records, mut t_norm) = (0.0, 0.0, 0.0, 0.0);
    let labels = listicle::normalize::labels::LabelTable::default();
    for _ in 0..rounds {
        for (text, format) in &texts {
            let t = Instant::now();
            let blocks = listicle::reduce(text, *format);
            t_reduce += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let seg = listicle::segment::segment(&blocks);
            t_segment += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let mut recs = listicle::extract::records(&blocks, &seg, "x");
            t_records += t.elapsed().as_secs_f64();
            let t = Instant::now();
            for r in &mut recs {
                listicle::normalize::record(r, &labels);
            }
            t_norm += t.elapsed().as_secs_f64();
        }
    }
    let mb = (bytes * rounds) as f64 / 1e6;
    let total = t_reduce + t_segment + t_records + t_norm;
    println!(
        "{mb:.1} MB: reduce {:.0} MB/s, segment {:.0} MB/s, records {:.0} MB/s, normalize {:.0} MB/s; all {:.0} MB/s",
        mb / t_reduce,
        mb / t_segment,
        mb / t_records,
        mb / t_norm,
        mb / total
    );
}
