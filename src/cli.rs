//! Command-line flags exactly as the user types them (clap derive). Resolution into
//! settings happens in `settings.rs` and `app.rs`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "ccr-lint",
    version,
    about = "Lint client communication reports written in Markdown",
    args_conflicts_with_subcommands = true,
    after_help = "Exit codes: 0 no errors, 1 lint failures, 2 the tool could not do its job."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and folders (the default command).
    Check(CheckArgs),
    /// List every rule: code, name, default severity, fix availability, summary.
    Rules(RulesArgs),
    /// Show a rule's documentation: what it checks, why, an example, fix safety.
    Explain(ExplainArgs),
    /// The report's key terms with definitions and example sentences (or one term).
    Vocabulary(VocabularyArgs),
    /// The report's standard phrasing by purpose (or one purpose).
    Phrases(PhrasesArgs),
    /// Write a commented `.ccr-lint.toml` listing every option with its default.
    Init(InitArgs),
    /// Write a report skeleton: all eight sections, example entries and the standard phrasing.
    New(NewArgs),
    /// Run the editor server: the Language Server Protocol over standard input and output.
    Server(ServerArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Source snippets with the offending text underlined, the help and the fix.
    Human,
    /// One line per diagnostic: path:line:col: severity[CODE name] message.
    Concise,
    /// The versioned JSON document described in the README.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Files or folders to lint (folders: *.md, honouring .gitignore); `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Print the number of diagnostics per rule instead of the diagnostics.
    #[arg(long)]
    pub statistics: bool,

    /// Apply safe fixes in place (with `-`, print the fixed text), then report what remains.
    #[arg(long)]
    pub fix: bool,

    /// With --fix or --diff, also apply unsafe fixes (they may change wording or add scaffolding).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the unified diff of what --fix would change and write nothing; exit 1 if anything would change.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,

    /// Only these rules (codes, names or prefixes such as CCR1), comma-separated. Replaces the config's `select`.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,

    /// Skip these rules (codes, names or prefixes), comma-separated. Added to the config's `ignore`.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Use this config file for every linted file instead of discovering `.ccr-lint.toml`.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore config files: built-in defaults only.
    #[arg(long)]
    pub no_config: bool,

    /// The name to show (and find the config from) when reading standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// Exit with 1 when there are warnings, not only errors.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Exit with 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,

    /// When to colour the output (NO_COLOR is honoured with auto).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print diagnostics only: no summary line.
    #[arg(long, short)]
    pub quiet: bool,

    /// Reference date for overdue and future-date checks (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Args)]
pub struct RulesArgs {
    /// Output format: a table, or JSON.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct ExplainArgs {
    /// The rule's code (CCR101) or name (missing-section).
    pub rule: String,
}

#[derive(Debug, Clone, Args)]
pub struct VocabularyArgs {
    /// One key term (e.g. escalation); all of them when left out.
    pub term: Option<String>,
    /// Output format: text, or JSON.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Args)]
pub struct PhrasesArgs {
    /// One purpose (opening, interaction, decisions, problems, analysis, proposals, empathy,
    /// closing); all of them when left out.
    pub purpose: Option<String>,
    /// Output format: text, or JSON.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// Folder to write `.ccr-lint.toml` in.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// Overwrite an existing config file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Args)]
pub struct NewArgs {
    /// The client's name.
    #[arg(long, value_name = "NAME")]
    pub client: Option<String>,

    /// The client's company.
    #[arg(long, value_name = "NAME")]
    pub company: Option<String>,

    /// The primary contact at the client.
    #[arg(long, value_name = "NAME")]
    pub contact: Option<String>,

    /// The period the report covers, e.g. "June 1–30, 2024" or "2024-06-01 to 2024-06-30".
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,

    /// Write the skeleton to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ServerArgs {
    /// Speak over standard input and output (the only transport; accepted because editors'
    /// generic clients often pass it).
    #[arg(long)]
    pub stdio: bool,
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>()
        .map_err(|e| format!("expected a date as YYYY-MM-DD: {e}"))
}
