//! Prints each rule's precision and recall on the annotated real documents
//! (`tests/realworld/`), and with `--details` every wrong and missed finding.
//!
//! ```console
//! $ cargo run --example precision                       # the table (the README's form)
//! $ cargo run --example precision -- --details          # and every wrong / missed finding
//! $ cargo run --example precision -- --rule CCR401 --doc minutes --details
//! $ cargo run --example precision -- --check            # only check that every anchor resolves
//! ```

#[path = "../tests/realworld/harness.rs"]
mod harness;

fn main() -> std::process::ExitCode {
    let mut details = false;
    let mut check_only = false;
    let mut rule = None;
    let mut doc = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--details" => details = true,
            "--check" => check_only = true,
            "--rule" => rule = args.next(),
            "--doc" => doc = args.next(),
            _ => {
                eprintln!("usage: precision [--check | --details] [--rule CODE] [--doc NAME-PART]");
                return std::process::ExitCode::from(2);
            }
        }
    }
    let Some(docs) = harness::documents_dir() else {
        eprintln!("no real-world documents at ../shared/realworld/docs (or $CCR_SHARED_DIR)");
        return std::process::ExitCode::from(2);
    };
    if check_only {
        return match harness::check(&docs, doc.as_deref()) {
            Ok((files, entries)) => {
                println!("{files} annotation files, {entries} entries: every anchor resolves");
                std::process::ExitCode::SUCCESS
            }
            Err(errors) => {
                for e in errors {
                    eprintln!("error: {e}");
                }
                std::process::ExitCode::from(2)
            }
        };
    }
    let m = match harness::measure(&docs, doc.as_deref()) {
        Ok(m) => m,
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            return std::process::ExitCode::from(2);
        }
    };
    if details {
        print!("{}", harness::details(&m, rule.as_deref()));
        println!();
    }
    println!(
        "{} documents, linted with every default rule, today = {}\n",
        m.documents,
        harness::today()
    );
    print!("{}", harness::table(&m));
    std::process::ExitCode::SUCCESS
}
