//! The project's benchmark: ccr-lint against the parse floor, on a generated corpus.
//!
//! `cargo bench --bench pipeline` (add `-- --quick` for fewer, smaller runs). It generates a
//! deterministic corpus (seeded), then measures in the same run:
//!   1. the floor: read each file and run one pulldown-cmark pass with ccr-lint's options;
//!   2. ccr-lint's whole pipeline with every rule, as a library call (same thread as the floor)
//!      and as the real binary over the folder (parallel, as users run it).
//!
//! It prints MB/s, files/s and ratios to the floor, as medians of several runs. `--keep DIR`
//! writes the corpus to DIR and keeps it, for profiling the binary on it. `--ab ROUNDS` times
//! only the small corpus's floor and library call, ROUNDS rounds, and prints their minima and
//! medians: run the bench binaries of two commits alternately to compare them.

mod corpus;

// The same allocator as the binary, so the library figures are what users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ccr_lint::Settings;
use pulldown_cmark::Parser;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    f(); // warm-up: page cache, lazy statics
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn floor(files: &[PathBuf]) -> usize {
    let mut events = 0;
    for f in files {
        let bytes = std::fs::read(f).expect("corpus file is readable");
        let text = String::from_utf8(bytes).expect("corpus is UTF-8");
        events += Parser::new_ext(&text, ccr_lint::document::parser_options())
            .into_offset_iter()
            .count();
    }
    events
}

fn library(files: &[PathBuf], settings: &Settings) -> usize {
    let mut diags = 0;
    for f in files {
        let bytes = std::fs::read(f).expect("corpus file is readable");
        let text = ccr_lint::document::decode(bytes).expect("corpus is UTF-8");
        diags += ccr_lint::lint_path(&text, Some(f), settings).len();
    }
    diags
}

/// `--ab ROUNDS`: the small corpus only, the floor and the library call once each per round,
/// then their minimum and median over the rounds. Two commits are compared by running their
/// bench binaries alternately, several times each: on a shared machine the minima repeat
/// within about 1 % when it is quiet, while medians of runs hours apart vary by tens of
/// percent.
fn ab(rounds: usize, files: &[PathBuf], settings: &Settings) {
    let once = |f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        t.elapsed()
    };
    let (mut floors, mut libs) = (Vec::new(), Vec::new());
    std::hint::black_box(library(files, settings)); // warm-up
    for _ in 0..rounds {
        floors.push(once(&mut || {
            std::hint::black_box(floor(files));
        }));
        libs.push(once(&mut || {
            std::hint::black_box(library(files, settings));
        }));
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let (floor_min, lib_min) = (
        floors.iter().min().copied().unwrap_or_default(),
        libs.iter().min().copied().unwrap_or_default(),
    );
    println!(
        "small corpus, {} reports, {rounds} rounds: floor min {:.1} ms, median {:.1} ms; \
         library min {:.1} ms, median {:.1} ms; {:.2}× the floor (minima)",
        files.len(),
        ms(floor_min),
        ms(median(floors)),
        ms(lib_min),
        ms(median(libs)),
        lib_min.as_secs_f64() / floor_min.as_secs_f64().max(f64::MIN_POSITIVE)
    );
}

fn binary(args: &[&Path]) {
    let out = Command::new(env!("CARGO_BIN_EXE_ccr-lint"))
        .args(args)
        .args(["--format", "json", "--no-config", "--today", "2024-07-01"])
        .output()
        .expect("the binary runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "binary failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

/// Peak resident memory of the largest child process so far, in MB.
fn children_peak_rss_mb() -> f64 {
    // SAFETY: getrusage only writes into the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss as f64 / 1024.0
}

fn main() {
    // As the binary does.
    ccr_lint::tune_memory();
    let quick = std::env::args().any(|a| a == "--quick");
    let runs = if quick { 3 } else { 7 };
    // `--keep DIR` writes the corpus to DIR and leaves it there (for profiling).
    let args: Vec<String> = std::env::args().collect();
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let temp = tempfile::tempdir().expect("temp dir");
    let root = keep.unwrap_or_else(|| temp.path().to_path_buf());
    let small_dir = root.join("small");
    let large_dir = root.join("large");
    std::fs::create_dir_all(&small_dir).expect("mkdir");
    std::fs::create_dir_all(&large_dir).expect("mkdir");

    let small = corpus::small_corpus(20241128, if quick { 100 } else { 400 });
    let small_files: Vec<PathBuf> = small
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let p = small_dir.join(format!("report-{i:04}.md"));
            std::fs::write(&p, text).expect("write corpus");
            p
        })
        .collect();
    let small_bytes: usize = small.iter().map(String::len).sum();
    let sizes: &[usize] = if quick { &[1, 2] } else { &[1, 5] };
    let large_files: Vec<(usize, PathBuf, usize)> = sizes
        .iter()
        .map(|&m| {
            let text = corpus::large_report(7 + m as u64, m, m % 3);
            let p = large_dir.join(format!("large-{m}mb.md"));
            std::fs::write(&p, &text).expect("write corpus");
            (m, p, text.len())
        })
        .collect();
    let settings = Settings::without_config(&ccr_lint::settings::Overrides {
        today: Some(jiff::civil::date(2024, 7, 1)),
        ..Default::default()
    })
    .expect("default settings");
    if let Some(rounds) = args
        .iter()
        .position(|a| a == "--ab")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
    {
        ab(rounds.max(1), &small_files, &settings);
        return;
    }

    println!(
        "ccr-lint benchmark — {} rules, medians of {runs} runs",
        ccr_lint::rules::all().count()
    );
    println!(
        "small corpus: {} reports, {:.2} MB (sizes {:.1}–{:.1} KB)",
        small.len(),
        mb(small_bytes),
        small.iter().map(String::len).min().unwrap_or(0) as f64 / 1000.0,
        small.iter().map(String::len).max().unwrap_or(0) as f64 / 1000.0
    );

    // Peak memory first: RUSAGE_CHILDREN reports the largest child so far.
    let (big_mb, big_path, big_len) = large_files.last().expect("at least one large file");
    binary(&[big_path.as_path()]);
    let peak = children_peak_rss_mb();

    println!();
    println!("| measurement | files | MB | median | MB/s | files/s | × floor |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let row = |name: &str, files: usize, bytes: usize, t: Duration, floor: Option<Duration>| {
        let secs = t.as_secs_f64();
        let ratio = floor.map_or("—".to_string(), |f| {
            format!("{:.2}×", secs / f.as_secs_f64())
        });
        println!(
            "| {name} | {files} | {:.2} | {:.1} ms | {:.1} | {:.0} | {ratio} |",
            mb(bytes),
            secs * 1000.0,
            mb(bytes) / secs,
            files as f64 / secs
        );
    };

    let t_floor = time(runs, || {
        std::hint::black_box(floor(&small_files));
    });
    let t_lib = time(runs, || {
        std::hint::black_box(library(&small_files, &settings));
    });
    let t_bin = time(runs, || binary(&[small_dir.as_path()]));
    row(
        "small: floor (read + pulldown-cmark, 1 thread)",
        small.len(),
        small_bytes,
        t_floor,
        None,
    );
    row(
        "small: ccr-lint library, all rules (1 thread)",
        small.len(),
        small_bytes,
        t_lib,
        Some(t_floor),
    );
    row(
        "small: ccr-lint binary over the folder (2 threads)",
        small.len(),
        small_bytes,
        t_bin,
        Some(t_floor),
    );

    let mut per_mb = Vec::new();
    for (m, path, len) in &large_files {
        let files = std::slice::from_ref(path);
        let t_floor = time(runs.min(5), || {
            std::hint::black_box(floor(files));
        });
        let t_lib = time(runs.min(5), || {
            std::hint::black_box(library(files, &settings));
        });
        row(&format!("large {m} MB: floor"), 1, *len, t_floor, None);
        row(
            &format!("large {m} MB: ccr-lint library"),
            1,
            *len,
            t_lib,
            Some(t_floor),
        );
        per_mb.push((*m, t_lib.as_secs_f64() / mb(*len)));
    }

    // Vocabulary cost whatever the number of entries: the same corpus with 5,000 more terms
    // from a user vocabulary file (one matcher per rule kind either way).
    let vocab_dir = root.join("vocab");
    std::fs::create_dir_all(&vocab_dir).expect("mkdir");
    let mut terms = String::from("kind = \"informal\"\nmessage = \"'{matched}' is team jargon\"\n");
    for i in 0..5000 {
        terms.push_str(&format!("\n[[term]]\nmatch = [\"zq{i:05}jargon\", \"zq{i:05} jargon phrase\"]\nreplace = \"plain words\"\n"));
    }
    std::fs::write(vocab_dir.join("many.toml"), terms).expect("write vocabulary");
    let config = vocab_dir.join(".ccr-lint.toml");
    let config_text = "[vocabulary]\npaths = [\"many.toml\"]\n";
    std::fs::write(&config, config_text).expect("write config");
    let big_vocab = Settings::from_config_text(
        &config,
        config_text,
        &ccr_lint::settings::Overrides {
            today: Some(jiff::civil::date(2024, 7, 1)),
            ..Default::default()
        },
    )
    .expect("the generated vocabulary loads");
    let t_vocab = time(runs, || {
        std::hint::black_box(library(&small_files, &big_vocab));
    });
    row(
        "small: library with 10,000 more vocabulary forms",
        small.len(),
        small_bytes,
        t_vocab,
        Some(t_floor),
    );

    let one = &small_files[0];
    let t_one = time(if quick { 10 } else { 31 }, || binary(&[one.as_path()]));
    println!();
    println!(
        "single small report through the binary ({:.1} KB): {:.2} ms (target < 3 ms)",
        std::fs::metadata(one).map(|m| m.len()).unwrap_or(0) as f64 / 1000.0,
        t_one.as_secs_f64() * 1000.0
    );
    if let [(m1, a), .., (m2, b)] = per_mb.as_slice() {
        println!(
            "linearity: {:.1} ms/MB at {m1} MB, {:.1} ms/MB at {m2} MB (ratio {:.2}; 1.00 = linear)",
            a * 1000.0,
            b * 1000.0,
            b / a
        );
    }
    println!(
        "peak memory, binary on the {big_mb} MB report: {peak:.1} MB (target < 2 × {:.1} MB + 30 MB = {:.1} MB)",
        mb(*big_len),
        2.0 * mb(*big_len) + 30.0
    );
}
