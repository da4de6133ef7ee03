//! The run: discover files, resolve settings per file, lint in parallel, render, and choose
//! the exit code. Errors on one file are reported and the run goes on.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use rayon::prelude::*;

use crate::cli::{
    CheckArgs, Cli, ColorChoice, Command, ExplainArgs, ListFormat, OutputFormat, RulesArgs,
};
use crate::data::DataError;
use crate::diagnostic::RuleId;
use crate::discover;
use crate::document::decode;
use crate::fix;
use crate::render::{self, FileReport, HumanOptions, Summary};
use crate::rules;
use crate::settings::{Overrides, Settings, find_config, load_config, unknown_cli_selector};

/// Exit code: no error-level diagnostics.
pub const EXIT_OK: u8 = 0;
/// Exit code: lint failures.
pub const EXIT_LINT: u8 = 1;
/// Exit code: the tool could not do its job.
pub const EXIT_TOOL: u8 = 2;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_TOOL } else { EXIT_OK });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_OK),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_TOOL)
        }
    }
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> io::Result<u8> {
    match cli.command {
        Some(Command::Check(args)) => check(args),
        Some(Command::Rules(args)) => list_rules(&args),
        Some(Command::Explain(args)) => explain(&args),
        Some(Command::Vocabulary(args)) => crate::guide::vocabulary(&args),
        Some(Command::Phrases(args)) => crate::guide::phrases(&args),
        Some(Command::Init(args)) => crate::scaffold::init(&args),
        Some(Command::New(args)) => crate::scaffold::new(&args),
        Some(Command::Server(_)) => crate::server::run(),
        None => check(cli.check),
    }
}

/// A report to lint.
enum Input {
    File(PathBuf),
    Stdin,
}

/// Where each file's settings come from.
struct Resolver {
    fixed: Option<Arc<Settings>>,
    overrides: Overrides,
    /// Config file per folder (None: no config up to the repository root).
    dirs: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Result<Arc<Settings>, DataError>>,
    defaults: Option<Arc<Settings>>,
}

impl Resolver {
    fn settings_for(&mut self, file: &Path) -> Result<Arc<Settings>, DataError> {
        if let Some(s) = &self.fixed {
            return Ok(s.clone());
        }
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        let config = self
            .dirs
            .entry(dir.clone())
            .or_insert_with(|| find_config(&dir))
            .clone();
        match config {
            None => {
                if self.defaults.is_none() {
                    self.defaults = Some(Arc::new(Settings::without_config(&self.overrides)?));
                }
                Ok(self.defaults.clone().expect("defaults were just set"))
            }
            Some(path) => self
                .loaded
                .entry(path.clone())
                .or_insert_with(|| load_config(&path, &self.overrides).map(Arc::new))
                .clone(),
        }
    }
}

/// Collects tool errors (exit 2) while the run goes on.
#[derive(Default)]
struct Problems {
    count: usize,
    reported_configs: Vec<String>,
}

impl Problems {
    fn error(&mut self, message: impl std::fmt::Display) {
        self.count += 1;
        eprintln!("error: {message}");
    }

    fn config(&mut self, e: &DataError) {
        self.count += 1;
        let key = e.to_string();
        if self.reported_configs.contains(&key) {
            return;
        }
        self.reported_configs.push(key);
        eprintln!("{:?}", e.report());
    }
}

fn check(args: CheckArgs) -> io::Result<u8> {
    let mut problems = Problems::default();
    let overrides = Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        today: args.today,
    };
    // A value no config can make a rule name (a `CCR` code that is not built in) is
    // refused at once; others are checked against each config's rules as it is loaded.
    let flags = (overrides.select.iter().flatten().map(|s| ("--select", s)))
        .chain(overrides.ignore.iter().map(|s| ("--ignore", s)));
    let mut implausible = false;
    for (flag, sel) in flags {
        if !crate::settings::cli_selector_is_plausible(sel) {
            eprintln!("error: {}", unknown_cli_selector(flag, sel, &[]));
            implausible = true;
        }
    }
    if implausible {
        return Ok(EXIT_TOOL);
    }
    // Whether the command line's selectors name rules under these settings; if not, they
    // are reported once, and the run stops before anything is linted.
    let mut checked = HashSet::new();
    let mut selectors_known = |settings: &Arc<Settings>| {
        if !checked.insert(Arc::as_ptr(settings)) {
            return true;
        }
        let unknown = settings.unknown_cli_selectors(&overrides);
        for e in &unknown {
            eprintln!("error: {e}");
        }
        unknown.is_empty()
    };
    let fixed = if let Some(path) = &args.config {
        match load_config(path, &overrides) {
            Ok(s) => Some(Arc::new(s)),
            Err(e) => {
                problems.config(&e);
                return Ok(EXIT_TOOL);
            }
        }
    } else if args.no_config {
        match Settings::without_config(&overrides) {
            Ok(s) => Some(Arc::new(s)),
            Err(e) => {
                problems.config(&e);
                return Ok(EXIT_TOOL);
            }
        }
    } else {
        None
    };
    if fixed.as_ref().is_some_and(|s| !selectors_known(s)) {
        return Ok(EXIT_TOOL);
    }
    let mut resolver = Resolver {
        fixed,
        overrides: overrides.clone(),
        dirs: HashMap::new(),
        loaded: HashMap::new(),
        defaults: None,
    };

    // Discover.
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut jobs: Vec<(Input, String, Arc<Settings>)> = Vec::new();
    let mut seen = HashSet::new();
    for path in &paths {
        if path.as_os_str() == "-" {
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| PathBuf::from("-"));
            let for_config = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| PathBuf::from("stdin.md"));
            match resolver.settings_for(&for_config) {
                Ok(s) if !selectors_known(&s) => return Ok(EXIT_TOOL),
                Ok(s) => jobs.push((Input::Stdin, name.display().to_string(), s)),
                Err(e) => problems.config(&e),
            }
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                problems.error(format!("{}: {}", path.display(), io_reason(&e)));
                continue;
            }
        };
        let is_dir = meta.is_dir();
        let files = if is_dir {
            let (found, errors) = discover::walk(path);
            for e in errors {
                problems.error(e);
            }
            found.into_iter().map(|f| (f, false)).collect()
        } else {
            vec![(path.clone(), true)]
        };
        // What a folder yields, and why its other Markdown files are not linted.
        let mut yielded = 0;
        let mut excluded = discover::Excluded::default();
        for (file, explicit) in &files {
            match resolver.settings_for(file) {
                Ok(settings) if !selectors_known(&settings) => return Ok(EXIT_TOOL),
                Ok(settings) => {
                    let abs = std::path::absolute(file).unwrap_or(file.clone());
                    if !explicit && !settings.accepts_walked(&abs) {
                        excluded.add(settings.config_path.as_deref());
                        continue;
                    }
                    yielded += 1;
                    if seen.insert(file.clone()) {
                        jobs.push((Input::File(file.clone()), display(file), settings));
                    }
                }
                Err(e) => {
                    yielded += 1;
                    problems.config(&e);
                }
            }
        }
        if is_dir && yielded == 0 {
            let found: Vec<PathBuf> = files.into_iter().map(|(f, _)| f).collect();
            problems.error(format!(
                "{}: {}",
                path.display(),
                discover::nothing_to_lint(path, &found, &excluded)
            ));
        }
    }

    // Read standard input up front; it cannot be read in parallel.
    let mut stdin_text = None;
    if jobs.iter().any(|(i, ..)| matches!(i, Input::Stdin)) {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes)?;
        stdin_text = Some(bytes);
    }

    // Lint (and fix) in parallel; output order is sorted by path below.
    let mode = if args.diff {
        Mode::Diff
    } else if args.fix {
        Mode::Fix
    } else {
        Mode::Check
    };
    let results: Vec<Result<Linted, String>> = jobs
        .par_iter()
        .map(|(input, shown, settings)| {
            let (bytes, path) = match input {
                Input::Stdin => (
                    stdin_text.clone().unwrap_or_default(),
                    args.stdin_filename.as_deref(),
                ),
                Input::File(p) => match std::fs::read(p) {
                    Ok(b) => (b, Some(p.as_path())),
                    Err(e) => return Err(format!("{shown}: {}", io_reason(&e))),
                },
            };
            let file = match input {
                Input::File(p) => Some(p.as_path()),
                Input::Stdin => None,
            };
            process(mode, args.unsafe_fixes, shown, file, path, bytes, settings)
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut fixed: BTreeMap<RuleId, usize> = BTreeMap::new();
    let mut fixed_files = 0;
    let mut diffs = Vec::new();
    let mut stdin_fixed = None;
    for r in results {
        match r {
            Ok(l) => {
                for w in &l.warnings {
                    eprintln!("warning: {w}");
                }
                if let Some(e) = &l.error {
                    problems.error(e);
                }
                if !l.fixed.is_empty() {
                    fixed_files += 1;
                }
                for (rule, n) in l.fixed {
                    *fixed.entry(rule).or_default() += n;
                }
                if let Some(d) = l.diff {
                    diffs.push((l.report.path.clone(), d));
                }
                if l.stdin_text.is_some() {
                    stdin_fixed = l.stdin_text;
                }
                files.push(l.report);
            }
            Err(msg) => problems.error(msg),
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    diffs.sort_by(|a, b| a.0.cmp(&b.0));

    // --diff: the diff is the output.
    if mode == Mode::Diff {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        for (_, d) in &diffs {
            out.write_all(d.as_bytes())?;
        }
        out.flush()?;
        if !args.quiet {
            let n: usize = fixed.values().sum();
            if n == 0 {
                eprintln!("No fixes to apply.");
            } else {
                eprint!("{}", fixed_lines("Would fix", n, diffs.len(), &fixed));
            }
        }
        if problems.count > 0 {
            return Ok(EXIT_TOOL);
        }
        return Ok(if diffs.is_empty() { EXIT_OK } else { EXIT_LINT });
    }

    // Render. With stdin and --fix, standard output carries the fixed text and the report goes to stderr.
    let summary = Summary::of(&files);
    let report_to_stderr = stdin_fixed.is_some();
    if let Some(text) = &stdin_fixed {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
    let mut out: Box<dyn Write> = if report_to_stderr {
        Box::new(io::BufWriter::new(io::stderr().lock()))
    } else {
        Box::new(io::BufWriter::new(io::stdout().lock()))
    };
    let fixed_count: usize = fixed.values().sum();
    let fix_report = (mode == Mode::Fix && fixed_count > 0 && !args.quiet)
        .then(|| fixed_lines("Fixed", fixed_count, fixed_files, &fixed));
    let text_format = matches!(args.format, OutputFormat::Human | OutputFormat::Concise);
    let warnings_failed = warnings_verdict(&args, &summary);
    if args.statistics {
        render::statistics(
            &mut out,
            &files,
            args.format == OutputFormat::Json,
            args.unsafe_fixes,
        )?;
    } else {
        match args.format {
            OutputFormat::Human => {
                let opts = HumanOptions {
                    color: use_color(args.color),
                    width: terminal_width(),
                };
                render::human(&mut out, &files, &opts)?;
            }
            OutputFormat::Concise => render::concise(&mut out, &files)?,
            OutputFormat::Json => render::json(&mut out, &files)?,
            OutputFormat::Sarif => render::sarif(&mut out, &files)?,
            OutputFormat::Github => render::github(&mut out, &files)?,
        }
        if text_format {
            if let Some(r) = &fix_report {
                write!(out, "{r}")?;
            }
            if !args.quiet {
                writeln!(out, "{}", summary.line(problems.count))?;
            }
        } else if let Some(r) = &fix_report {
            // Machine-readable output stays parseable: the fix report goes to stderr.
            out.flush()?;
            eprint!("{r}");
        }
    }
    // Why warnings alone fail the run: after the summary line in text output, else on
    // standard error (machine-readable output stays parseable; --quiet has no summary).
    if let Some(reason) = &warnings_failed {
        if text_format && !args.quiet && !report_to_stderr {
            writeln!(out, "{reason}")?;
        } else {
            out.flush()?;
            eprintln!("{reason}");
        }
    }
    out.flush()?;

    if problems.count > 0 {
        return Ok(EXIT_TOOL);
    }
    Ok(if summary.errors > 0 || warnings_failed.is_some() {
        EXIT_LINT
    } else {
        EXIT_OK
    })
}

/// When the warnings fail the run (`--max-warnings`, `--deny-warnings`): the sentence that
/// says so.
fn warnings_verdict(args: &CheckArgs, summary: &Summary) -> Option<String> {
    let n = summary.warnings;
    let warnings = if n == 1 {
        "1 warning".to_string()
    } else {
        format!("{n} warnings")
    };
    match args.max_warnings {
        Some(max) if n > max => Some(format!(
            "Failed: {warnings}, more than --max-warnings {max} allows."
        )),
        _ if args.deny_warnings && n > 0 => Some(format!(
            "Failed: {warnings}, and --deny-warnings fails on any."
        )),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Check,
    Fix,
    Diff,
}

/// One file after linting, and fixing when asked.
struct Linted {
    /// The text and diagnostics to render: after fixing, the fixed text and what remains.
    report: FileReport,
    fixed: BTreeMap<RuleId, usize>,
    /// `--diff`: the unified diff, when something would change.
    diff: Option<String>,
    /// Standard input with `--fix`: the fixed text, for standard output.
    stdin_text: Option<String>,
    warnings: Vec<String>,
    /// A tool error (exit 2) that did not stop the file from being reported.
    error: Option<String>,
}

fn process(
    mode: Mode,
    unsafe_fixes: bool,
    shown: &str,
    file: Option<&Path>,
    path: Option<&Path>,
    bytes: Vec<u8>,
    settings: &Settings,
) -> Result<Linted, String> {
    // Only a fix compares the file on disk with what was read before writing; a check keeps
    // no copy (on a large report it was as big as the file, at the time memory peaks).
    let original = if mode == Mode::Check {
        Vec::new()
    } else {
        bytes.clone()
    };
    let source = decode(bytes).map_err(|e| format!("{shown} {e}"))?;
    let mut linted = Linted {
        report: FileReport {
            path: shown.to_string(),
            source: String::new(),
            diagnostics: Vec::new(),
        },
        fixed: BTreeMap::new(),
        diff: None,
        stdin_text: None,
        warnings: Vec::new(),
        error: None,
    };
    if mode == Mode::Check {
        linted.report.diagnostics = crate::lint_path(&source, path, settings);
        linted.report.source = source;
        return Ok(linted);
    }
    let outcome = fix::fix(&source, path, settings, unsafe_fixes);
    if !outcome.unsettled.is_empty() {
        let rules: Vec<String> = outcome.unsettled.iter().map(ToString::to_string).collect();
        linted.warnings.push(format!(
            "{shown}: fixes did not settle after {} rounds (rules: {}); the text after the last round is kept",
            fix::MAX_ROUNDS,
            rules.join(", ")
        ));
    }
    let changed = outcome.changed(&source);
    match (mode, file) {
        (Mode::Diff, _) if changed => {
            linted.diff = Some(unified_diff(shown, &source, &outcome.text));
        }
        (Mode::Diff, _) => {}
        (_, None) => linted.stdin_text = Some(outcome.text.clone()),
        (_, Some(p)) if changed => match fix::write_in_place(p, &original, &outcome.text) {
            Ok(fix::WriteOutcome::Written) => {}
            Ok(fix::WriteOutcome::ChangedOnDisk) => {
                linted.warnings.push(format!(
                    "{shown}: changed on disk while it was being fixed; fixes not written"
                ));
                return Ok(unfixed(linted, source, path, settings));
            }
            Err(e) => {
                linted.error = Some(format!("{shown}: cannot write fixes: {}", write_reason(&e)));
                return Ok(unfixed(linted, source, path, settings));
            }
        },
        _ => {}
    }
    linted.fixed = outcome.fixed;
    linted.report.source = outcome.text;
    linted.report.diagnostics = outcome.remaining;
    Ok(linted)
}

/// The report for a file whose fixes could not be written: its diagnostics as it is.
fn unfixed(mut linted: Linted, source: String, path: Option<&Path>, settings: &Settings) -> Linted {
    linted.report.diagnostics = crate::lint_path(&source, path, settings);
    linted.report.source = source;
    linted
}

fn write_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => {
            let reason = e.to_string();
            if reason.contains("fixes were not written") {
                reason
            } else {
                "permission denied".to_string()
            }
        }
        _ => io_reason(e),
    }
}

/// A unified diff with `a/` and `b/` headers, as `git diff` and `patch -p1` expect.
fn unified_diff(shown: &str, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out = diff
        .unified_diff()
        .context_radius(3)
        .missing_newline_hint(true)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// "Fixed 3 issues in 2 files:" and one line per rule.
fn fixed_lines(verb: &str, total: usize, files: usize, fixed: &BTreeMap<RuleId, usize>) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let mut s = format!(
        "{verb} {} in {}:\n",
        plural(total, "issue"),
        plural(files, "file")
    );
    for (rule, n) in fixed {
        s.push_str(&format!("{n:>6}  {:<7} {}\n", rule.code, rule.name));
    }
    s
}

pub(crate) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

fn display(path: &Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w| w >= 40)
        .unwrap_or(100)
}

fn list_rules(args: &RulesArgs) -> io::Result<u8> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        ListFormat::Json => {
            let list: Vec<_> = rules::all()
                .map(|m| {
                    serde_json::json!({
                        "code": m.code,
                        "name": m.name,
                        "severity": m.severity.as_str(),
                        "fix": m.fix.as_str(),
                        "summary": m.summary,
                        "documentation": m.documentation(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)?;
            writeln!(out)?;
        }
        ListFormat::Text => {
            writeln!(
                out,
                "{:<7}  {:<28}  {:<8}  {:<12}  SUMMARY",
                "CODE", "NAME", "SEVERITY", "FIX"
            )?;
            for m in rules::all() {
                writeln!(
                    out,
                    "{:<7}  {:<28}  {:<8}  {:<12}  {}",
                    m.code,
                    m.name,
                    m.severity.as_str(),
                    m.fix.as_str(),
                    m.summary
                )?;
            }
        }
    }
    out.flush()?;
    Ok(EXIT_OK)
}

fn explain(args: &ExplainArgs) -> io::Result<u8> {
    let Some(meta) = rules::find(&args.rule) else {
        let hint = match crate::settings::suggestion(&args.rule, &[]) {
            Some(name) => format!(": did you mean `{name}`?"),
            None => String::new(),
        };
        eprintln!(
            "error: unknown rule '{}'{hint} (`ccr-lint rules` lists the rules)",
            args.rule
        );
        return Ok(EXIT_TOOL);
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    write!(out, "{}", explanation(meta))?;
    out.flush()?;
    Ok(EXIT_OK)
}

/// A rule's page, as Markdown: what `ccr-lint explain` prints and the editor server's hover
/// on a diagnostic shows.
pub fn explanation(meta: &rules::RuleMeta) -> String {
    format!(
        "# {} {}\n\n{}\n\nDefault severity: {}. Fix: {}.\n\n{}",
        meta.code,
        meta.name,
        meta.summary,
        meta.severity,
        meta.fix.as_str(),
        meta.documentation()
    )
}
