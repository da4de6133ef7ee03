//! Scaffolding: `ccr-lint init` (a commented config file) and `ccr-lint new` (a report
//! skeleton). Both are written from templates kept beside this file.

use std::io::{self, Write};
use std::path::Path;

use crate::app::{EXIT_OK, EXIT_TOOL};
use crate::cli::{InitArgs, NewArgs};
use crate::settings::CONFIG_NAMES;

/// The commented config file: every option with its default.
pub const CONFIG_TEMPLATE: &str = include_str!("config.toml");

/// The report skeleton; `{client}`, `{company}`, `{contact}`, `{period}`, `{start}` and
/// `{end}` are filled in, with a bracketed placeholder for each value not given.
pub const REPORT_TEMPLATE: &str = include_str!("report.md");

/// The fields of a new report.
#[derive(Debug, Clone, Default)]
pub struct ReportFields {
    pub client: Option<String>,
    pub company: Option<String>,
    pub contact: Option<String>,
    pub period: Option<String>,
}

/// The skeleton with the given fields filled in.
pub fn report_skeleton(fields: &ReportFields) -> String {
    let or = |v: &Option<String>, placeholder: &str| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(placeholder)
            .to_string()
    };
    let period = or(&fields.period, "[Start Date] – [End Date]");
    let (start, end) = fields
        .period
        .as_deref()
        .and_then(split_period)
        .unwrap_or_else(|| ("[Start Date]".to_string(), "[End Date]".to_string()));
    REPORT_TEMPLATE
        .replace("{client}", &or(&fields.client, "[Client Name]"))
        .replace("{company}", &or(&fields.company, "[Company]"))
        .replace("{contact}", &or(&fields.contact, "[Primary Contact]"))
        .replace("{period}", &period)
        .replace("{start}", &start)
        .replace("{end}", &end)
}

/// The first and last day of a period as the user wrote it, for the summary's opening
/// sentence, read by the same parser the rules use (so every period form the linter
/// understands works here). `None` when it states no valid period (the sentence then keeps
/// its placeholders).
fn split_period(period: &str) -> Option<(String, String)> {
    let p = crate::document::dates::parse_period(period, None)?.ok()?;
    Some((
        crate::document::dates::long(p.start),
        crate::document::dates::long(p.end),
    ))
}

/// `ccr-lint init [DIR] [--force]`.
pub fn init(args: &InitArgs) -> io::Result<u8> {
    let path = args.dir.join(CONFIG_NAMES[0]);
    if !args.force {
        for name in CONFIG_NAMES {
            let existing = args.dir.join(name);
            if existing.exists() {
                eprintln!(
                    "error: {} already exists; use --force to overwrite it",
                    existing.display()
                );
                return Ok(EXIT_TOOL);
            }
        }
    }
    write_new(&path, CONFIG_TEMPLATE)
}

/// Why `--period` cannot be used, when the linter could not read it as a period either
/// (the report would start with a CCR202 or CCR203 error).
fn period_problem(period: &str) -> Option<String> {
    let forms = crate::rules::time_period::PERIOD_FORMS;
    match crate::document::dates::parse_period(period, None) {
        Some(Ok(_)) => None,
        Some(Err(e)) => Some(format!(
            "--period '{period}' is not a real period: {}; write it as e.g. {forms}",
            e.reason
        )),
        None => Some(format!(
            "--period '{period}' is not a period ccr-lint can read; write it as e.g. {forms}"
        )),
    }
}

/// `ccr-lint new [--client …] [--company …] [--contact …] [--period …] [-o FILE] [--force]`.
pub fn new(args: &NewArgs) -> io::Result<u8> {
    if let Some(problem) = args.period.as_deref().and_then(period_problem) {
        eprintln!("error: {problem}");
        return Ok(EXIT_TOOL);
    }
    let text = report_skeleton(&ReportFields {
        client: args.client.clone(),
        company: args.company.clone(),
        contact: args.contact.clone(),
        period: args.period.clone(),
    });
    match &args.output {
        None => {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(EXIT_OK)
        }
        Some(path) => {
            if path.exists() && !args.force {
                eprintln!(
                    "error: {} already exists; use --force to overwrite it",
                    path.display()
                );
                return Ok(EXIT_TOOL);
            }
            write_new(path, &text)
        }
    }
}

fn write_new(path: &Path, text: &str) -> io::Result<u8> {
    match std::fs::write(path, text) {
        Ok(()) => {
            eprintln!("Wrote {}", path.display());
            Ok(EXIT_OK)
        }
        Err(e) => {
            eprintln!("error: {}: cannot write: {e}", path.display());
            Ok(EXIT_TOOL)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_split_into_first_and_last_day() {
        let s = |p: &str| split_period(p).map(|(a, b)| format!("{a} | {b}"));
        assert_eq!(
            s("June 1–30, 2024").as_deref(),
            Some("June 1, 2024 | June 30, 2024")
        );
        assert_eq!(
            s("February 2024").as_deref(),
            Some("February 1, 2024 | February 29, 2024")
        );
        assert_eq!(
            s("2024-06-01 to 2024-06-30").as_deref(),
            Some("June 1, 2024 | June 30, 2024")
        );
        assert_eq!(
            s("1 June 2024 – 30 June 2024").as_deref(),
            Some("June 1, 2024 | June 30, 2024")
        );
        assert_eq!(
            s("Q3 2024").as_deref(),
            Some("July 1, 2024 | September 30, 2024")
        );
        assert_eq!(s("Q2"), None);
        assert_eq!(s("February 30–31, 2024"), None);
    }

    #[test]
    fn missing_fields_become_placeholders() {
        let text = report_skeleton(&ReportFields::default());
        assert!(text.contains("- **Client:** [Client Name]"));
        assert!(text.contains("from [Start Date] to [End Date]."));
        assert!(
            !text.contains('{'),
            "every template variable is filled: {text}"
        );
    }

    /// Every commented option, uncommented, is a valid config equal to the defaults' shape.
    #[test]
    fn the_config_template_lists_valid_options() {
        let uncommented: String = CONFIG_TEMPLATE
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if rest.contains(" = ") && !rest.contains(':') => rest,
                Some(rest) if rest.starts_with('[') && rest.ends_with(']') => rest,
                _ => l,
            })
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(
            uncommented.contains("\nsummary-words = 150\n"),
            "{uncommented}"
        );
        let path = Path::new(".ccr-lint.toml");
        let overrides = crate::settings::Overrides::default();
        let s = crate::settings::Settings::from_config_text(path, &uncommented, &overrides)
            .unwrap_or_else(|e| panic!("{e:?}\n{uncommented}"));
        let defaults =
            crate::settings::Settings::from_config_text(path, CONFIG_TEMPLATE, &overrides).unwrap();
        assert_eq!(s.limits.summary_words, defaults.limits.summary_words);
        assert_eq!(s.limits.sentence_words, defaults.limits.sentence_words);
        assert_eq!((s.overrides.len(), defaults.overrides.len()), (1, 0));
        assert_eq!(s.quotes, defaults.quotes);
        // Every top-level key and table of the config schema is mentioned.
        for key in [
            "include",
            "exclude",
            "[rules]",
            "select",
            "ignore",
            "[rules.severity]",
            "[sections]",
            "paths",
            "optional",
            "[sections.aliases]",
            "[vocabulary]",
            "accept",
            "[dates]",
            "order",
            "format",
            "[limits]",
            "summary-words",
            "sentence-words",
            "[[overrides]]",
            "files",
            "[overrides.severity]",
            "[language]",
            "quotes",
        ] {
            assert!(
                CONFIG_TEMPLATE.contains(key),
                "the config template does not list '{key}'"
            );
        }
    }
}
