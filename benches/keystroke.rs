//! The editor server's cost per keystroke: a 20 KB report (generated, seeded) typed into
//! one character at a time, each keystroke doing what the server does for a `didChange` —
//! apply the incremental edit, lint the whole text with every rule, convert the diagnostics
//! to protocol ranges (UTF-16) and serialise the `publishDiagnostics` notification.
//!
//! `cargo bench --bench keystroke` (add `-- --quick` for fewer keystrokes). It prints the
//! median and 90th-percentile CPU time of the thread doing the work per keystroke, for each
//! interaction-log form, and the same for a bare pulldown-cmark parse of the text (the
//! floor) for the ratio. The target: a re-lint under 5 ms of CPU.

#[allow(dead_code)] // The generator serves the pipeline benchmark too.
mod corpus;

// The same allocator as the binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Duration;

use ccr_lint::Settings;
use ccr_lint::server::documents::Documents;
use ccr_lint::server::position::{Encoding, LineIndex};
use lsp_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

/// CPU time used by this thread so far.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes into the struct we pass.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn cpu<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = thread_cpu();
    let out = f();
    (thread_cpu() - start, out)
}

fn percentile(v: &mut [Duration], p: usize) -> Duration {
    v.sort();
    v[(v.len() * p / 100).min(v.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A report of at least 20,000 bytes in interaction-log form `form`.
fn report_of_20kb(form: usize) -> String {
    (40..)
        .find_map(|entries| {
            let text = corpus::report(&mut corpus::Rng::new(20_000 + form as u64), entries, form);
            (text.len() >= 20_000).then_some(text)
        })
        .expect("some number of entries makes 20 KB")
}

fn main() {
    ccr_lint::tune_memory();
    let quick = std::env::args().any(|a| a == "--quick");
    let keystrokes = if quick { 60 } else { 400 };
    let settings = Settings::without_config(&ccr_lint::settings::Overrides {
        today: Some(jiff::civil::date(2024, 7, 1)),
        ..Default::default()
    })
    .expect("default settings");
    let uri: Uri = "file:///bench/report.md".parse().expect("a URI");
    let encoding = Encoding::Utf16;

    println!(
        "ccr-lint server, one keystroke = incremental edit + lint + UTF-16 diagnostics + JSON"
    );
    println!("{keystrokes} keystrokes per form; CPU time of the working thread\n");
    println!(
        "| form | bytes at the start | diagnostics at the end | median | p90 | floor median | × floor |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut all = Vec::new();
    for (form, name) in ["table", "list", "sub-headings"].iter().enumerate() {
        let text = report_of_20kb(form);
        let mut docs = Documents::default();
        docs.open(uri.clone(), text.clone(), 0);
        // Type a sentence, one character at a time, at the end of the Executive Summary.
        let summary_end = text.find("\n\n## Client").expect("the summary");
        let typed =
            " The client requested a revised quote for the second site and we're gonna send it.";
        let mut times = Vec::with_capacity(keystrokes);
        let mut floors = Vec::with_capacity(keystrokes);
        let mut diagnostics = 0;
        for k in 0..keystrokes {
            let current = docs.get(&uri).expect("open").text.clone();
            let at = summary_end + k % typed.len();
            let index = LineIndex::new(&current, encoding);
            let pos: Position = index.position(&current, at);
            let c = &typed[k % typed.len()..][..1];
            let change = TextDocumentContentChangeEvent {
                range: Some(Range {
                    start: pos,
                    end: pos,
                }),
                range_length: None,
                text: c.to_string(),
            };
            let (t, n) = cpu(|| {
                let doc = docs
                    .change(&uri, k as i32 + 1, vec![change], encoding)
                    .expect("the edit applies");
                let text = doc.text.clone();
                let diags = ccr_lint::lint_path(&text, None, &settings);
                let index = LineIndex::new(&text, encoding);
                let params = ccr_lint::server::diagnostics::publish(
                    &uri,
                    Some(k as i32 + 1),
                    &text,
                    &index,
                    &diags,
                    true,
                );
                let json = serde_json::to_string(&params).expect("serialisable");
                std::hint::black_box(json.len());
                diags.len()
            });
            diagnostics = n;
            times.push(t);
            let text = docs.get(&uri).expect("open").text.clone();
            let (f, _) = cpu(|| {
                pulldown_cmark::Parser::new_ext(&text, ccr_lint::document::parser_options())
                    .into_offset_iter()
                    .count()
            });
            floors.push(f);
        }
        // The first keystrokes warm caches and lazy statics: leave out the first tenth.
        let skip = keystrokes / 10;
        let mut times = times.split_off(skip);
        let mut floors = floors.split_off(skip);
        all.extend(times.iter().copied());
        let median = percentile(&mut times, 50);
        let p90 = percentile(&mut times, 90);
        let floor = percentile(&mut floors, 50);
        println!(
            "| {name} | {} | {diagnostics} | {:.2} ms | {:.2} ms | {:.3} ms | {:.1}× |",
            text.len(),
            ms(median),
            ms(p90),
            ms(floor),
            median.as_secs_f64() / floor.as_secs_f64()
        );
    }
    let median = percentile(&mut all, 50);
    println!(
        "\nall forms: median {:.2} ms of CPU per keystroke (target < 5 ms)",
        ms(median)
    );
}
