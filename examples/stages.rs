//! Time each stage of the pipeline on the documents named on the command line, in process
//! (no I/O): `cargo run --release --example stages -- FILE...`.
use std::time::Instant;

fn main() {
    let raw: Vec<Vec<u8>> = std::env::args()
        .skip(1)
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let texts: Vec<(String, listicle::Format)> = raw
        .iter()
        .map(|b| {
            let d = listicle::ingest::decode::decode(b, None).unwrap();
            (d.text.into_owned(), d.format)
        })
        .collect();
    let bytes: usize = texts.iter().map(|t| t.0.len()).sum();
    // STAGES_MB sets how much text to time (default 50 MB), e.g. small for callgrind.
    let mb: usize = std::env::var("STAGES_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let rounds = (mb * 1_000_000 / bytes.max(1)).max(1);
    let (mut t_reduce, mut t_segment, mut t_records, mut t_norm) = (0.0, 0.0, 0.0, 0.0);
    let (mut t_decode, mut t_json) = (0.0, 0.0);
    let labels = listicle::normalize::labels::LabelTable::default();
    for _ in 0..rounds {
        for b in &raw {
            let t = Instant::now();
            std::hint::black_box(listicle::ingest::decode::decode(b, None).unwrap());
            t_decode += t.elapsed().as_secs_f64();
        }
        for (text, format) in &texts {
            let t = Instant::now();
            let blocks = listicle::reduce(text, *format);
            t_reduce += t.elapsed().as_secs_f64();
            let t = Instant::now();
            // What a batch run segments with: the entries, without the candidates' account.
            let seg = listicle::segment::entries(&blocks);
            t_segment += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let mut recs = listicle::extract::records(&blocks, &seg, "x");
            t_records += t.elapsed().as_secs_f64();
            let t = Instant::now();
            for r in &mut recs {
                listicle::normalize::record(r, &labels);
            }
            t_norm += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let mut out = Vec::new();
            for r in &recs {
                r.write_json(&mut out);
            }
            std::hint::black_box(out);
            t_json += t.elapsed().as_secs_f64();
        }
    }
    let mb = (bytes * rounds) as f64 / 1e6;
    let total = t_decode + t_reduce + t_segment + t_records + t_norm + t_json;
    println!(
        "{mb:.1} MB: decode {:.0} MB/s, reduce {:.0}, segment {:.0}, records {:.0}, normalize {:.0}, JSON {:.0}; all {:.0} MB/s",
        mb / t_decode,
        mb / t_reduce,
        mb / t_segment,
        mb / t_records,
        mb / t_norm,
        mb / t_json,
        mb / total
    );
}

// The same allocator as the binary, so the figures match what `listicle` does.
#[global_allocator]
static GLOBAL: listicle::alloc::Mi = listicle::alloc::Mi;
