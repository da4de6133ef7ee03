//! Resolved settings: built-in data plus the config file (`.ccr-lint.toml`) plus CLI flags,
//! validated once and shared by every file linted under them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::data::sections::Requirement;
use crate::data::{self, DataError, Fields, Placeholders, Quotations, SectionSet, Vocabulary};
use crate::diagnostic::{RuleId, Severity};
use crate::rules;

/// Config file names, looked for in this order in each folder.
pub const CONFIG_NAMES: [&str; 2] = [".ccr-lint.toml", "ccr-lint.toml"];

/// The config file as written. Unknown keys are errors.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default)]
    pub include: Vec<Spanned<String>>,
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    #[serde(default)]
    pub rules: RulesConfig,
    #[serde(default)]
    pub sections: SectionsConfig,
    #[serde(default)]
    pub vocabulary: VocabularyConfig,
    #[serde(default)]
    pub fields: FieldsConfig,
    #[serde(default)]
    pub dates: DatesConfig,
    #[serde(default)]
    pub limits: LimitsConfig,
    #[serde(default)]
    pub language: LanguageConfig,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesConfig {
    #[serde(default)]
    pub select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Severity>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionsConfig {
    /// More sections files, in the format of `rules/sections.toml`.
    #[serde(default)]
    pub paths: Vec<Spanned<String>>,
    /// Section ids that need not be present.
    #[serde(default)]
    pub optional: Vec<Spanned<String>>,
    /// Extra accepted headings per section id.
    #[serde(default)]
    pub aliases: BTreeMap<Spanned<String>, Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FieldsConfig {
    /// More fields files, in the format of `rules/fields.toml` (extra field names, column
    /// aliases, methods and list entries).
    #[serde(default)]
    pub paths: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VocabularyConfig {
    /// More vocabulary files, in the format of `vocabulary/*.toml`.
    #[serde(default)]
    pub paths: Vec<Spanned<String>>,
    /// Words and phrases never to flag (team acronyms, product names).
    #[serde(default)]
    pub accept: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// 03/04/2024 is March 4.
    Mdy,
    /// 03/04/2024 is 3 April.
    Dmy,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DatesConfig {
    #[serde(default)]
    pub order: Option<DateOrder>,
    /// Preferred output format for date rewrites, e.g. "%B %-d, %Y".
    #[serde(default)]
    pub format: Option<String>,
}

/// Whether the language rules check quoted material (blockquotes, quoted speech, transcripts).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuotePolicy {
    /// Quoted material is someone else's words: the language rules skip it (the default).
    #[default]
    Skip,
    /// The language rules check it too (fixes still never edit inside it).
    Check,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LanguageConfig {
    #[serde(default)]
    pub quotes: QuotePolicy,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LimitsConfig {
    #[serde(default = "default_summary_words")]
    pub summary_words: usize,
    #[serde(default = "default_sentence_words")]
    pub sentence_words: usize,
}

fn default_summary_words() -> usize {
    150
}
fn default_sentence_words() -> usize {
    35
}

impl Default for LimitsConfig {
    fn default() -> Self {
        LimitsConfig {
            summary_words: default_summary_words(),
            sentence_words: default_sentence_words(),
        }
    }
}

/// Compiled data: sections, placeholder patterns.
#[derive(Debug, Clone)]
pub struct Data {
    pub sections: SectionSet,
    pub placeholders: Arc<Placeholders>,
    /// Field names, column aliases, methods and content word lists (`rules/fields.toml`).
    pub fields: Arc<Fields>,
    /// Vocabulary terms compiled per rule kind, plus user files and accepted terms.
    pub vocabulary: Arc<Vocabulary>,
    /// What tells quoted material from the author's prose (`rules/quotations.toml`).
    pub quotations: Arc<Quotations>,
}

/// The built-in data, compiled once per process.
static BUILTIN: LazyLock<Result<Data, DataError>> = LazyLock::new(|| {
    let mut sections = SectionSet::default();
    sections.extend(data::SECTIONS.path, data::SECTIONS.text)?;
    let (placeholders, _) = Placeholders::load(data::PLACEHOLDERS.path, data::PLACEHOLDERS.text)?;
    let mut fields = Fields::default();
    fields.extend(data::FIELDS.path, data::FIELDS.text)?;
    Ok(Data {
        sections,
        placeholders: Arc::new(placeholders),
        fields: Arc::new(fields),
        vocabulary: Arc::new(Vocabulary::builtin()?),
        quotations: Arc::new(Quotations::builtin()?),
    })
});

/// Today's date in the local time zone. Without `TZ`, `/etc/localtime` is read directly:
/// `Zoned::now()` first builds the time zone database, which lists the whole zoneinfo
/// folder (a tenth of start-up).
pub fn local_today() -> jiff::civil::Date {
    let now = jiff::Timestamp::now();
    #[cfg(unix)]
    if std::env::var_os("TZ").is_none()
        && let Ok(bytes) = std::fs::read("/etc/localtime")
        && let Ok(tz) = jiff::tz::TimeZone::tzif("Local", &bytes)
    {
        return now.to_zoned(tz).date();
    }
    jiff::Zoned::now().date()
}

pub fn builtin_data() -> Result<&'static Data, DataError> {
    BUILTIN.as_ref().map_err(Clone::clone)
}

impl Data {
    /// The cues the document pass reads quoted material with.
    pub fn quote_cues(&self) -> crate::document::QuoteCues<'_> {
        crate::document::QuoteCues {
            quotations: &self.quotations,
            fields: &self.fields,
        }
    }
}

/// Which rules run, at which severity. Selectors are codes, names or code prefixes.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// `None` = everything.
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub severity: Vec<(String, Severity)>,
}

impl Selection {
    /// Whether a rule runs. The most specific matching selector wins (an exact code or name
    /// beats a prefix, a longer prefix beats a shorter one); on a tie, ignore wins.
    pub fn enabled(&self, rule: &RuleId) -> bool {
        let select = match &self.select {
            None => Some(0),
            Some(list) => list.iter().filter_map(|s| specificity(s, rule)).max(),
        };
        let ignore = self
            .ignore
            .iter()
            .filter_map(|s| specificity(s, rule))
            .max();
        match (select, ignore) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(s), Some(i)) => s > i,
        }
    }

    /// The severity override for a rule, if any (most specific selector wins).
    pub fn severity_for(&self, rule: &RuleId) -> Option<Severity> {
        self.severity
            .iter()
            .filter_map(|(s, sev)| specificity(s, rule).map(|n| (n, *sev)))
            .max_by_key(|(n, _)| *n)
            .map(|(_, sev)| sev)
    }
}

/// Whether `selector` (a code, name, prefix or `ALL`) names `rule`.
pub fn selector_matches(selector: &str, rule: &RuleId) -> bool {
    specificity(selector, rule).is_some()
}

/// How specifically `selector` names `rule`: None if not at all.
fn specificity(selector: &str, rule: &RuleId) -> Option<usize> {
    let sel = selector.trim();
    if sel.eq_ignore_ascii_case("ALL") {
        return Some(1);
    }
    if sel.eq_ignore_ascii_case(&rule.code) || sel == rule.name {
        return Some(usize::MAX);
    }
    let code = rule.code.as_bytes();
    (sel.len() < code.len() && code[..sel.len()].eq_ignore_ascii_case(sel.as_bytes()))
        .then_some(1 + sel.len())
}

/// Whether `selector` names at least one known rule (or could name a user rule).
pub fn selector_is_known(selector: &str, extra_codes: &[String]) -> bool {
    let sel = selector.trim();
    if sel.eq_ignore_ascii_case("ALL") {
        return true;
    }
    rules::all()
        .map(|m| m.id())
        .chain(extra_codes.iter().map(|c| RuleId {
            code: c.clone().into(),
            name: "".into(),
        }))
        .any(|id| specificity(sel, &id).is_some())
}

/// Everything a lint run needs for one file.
#[derive(Debug, Clone)]
pub struct Settings {
    pub data: Arc<Data>,
    pub selection: Selection,
    pub limits: LimitsConfig,
    /// `[language] quotes`: whether the language rules check quoted material.
    pub quotes: QuotePolicy,
    pub date_order: Option<DateOrder>,
    pub date_format: Option<String>,
    pub accept: Vec<String>,
    /// Reference date for overdue and future-date checks.
    pub today: jiff::civil::Date,
    /// The config file these settings came from, if any.
    pub config_path: Option<PathBuf>,
    /// Folder that include/exclude globs are relative to.
    pub root: Option<PathBuf>,
    pub include: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
}

impl Default for Settings {
    fn default() -> Self {
        let data =
            builtin_data().expect("built-in data files are valid: tests/data.rs checks every one");
        Settings {
            data: Arc::new(data.clone()),
            selection: Selection::default(),
            limits: LimitsConfig::default(),
            quotes: QuotePolicy::Skip,
            date_order: None,
            date_format: None,
            accept: Vec::new(),
            today: local_today(),
            config_path: None,
            root: None,
            include: None,
            exclude: None,
        }
    }
}

/// Command-line overrides applied on top of any config file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub today: Option<jiff::civil::Date>,
}

impl Settings {
    /// Settings from a config file's text (`path` is shown in errors and anchors relative paths).
    pub fn from_config_text(
        path: &Path,
        text: &str,
        overrides: &Overrides,
    ) -> Result<Settings, DataError> {
        let shown = path.display().to_string();
        let config: Config = data::parse_toml(&shown, text)?;
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let root = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut settings = Settings::from_config(config, &shown, text, &root, overrides)?;
        settings.config_path = Some(path.to_path_buf());
        Ok(settings)
    }

    /// Settings with no config file.
    pub fn without_config(overrides: &Overrides) -> Result<Settings, DataError> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut s = Settings::from_config(Config::default(), "<defaults>", "", &cwd, overrides)?;
        s.root = None;
        Ok(s)
    }

    fn from_config(
        config: Config,
        path: &str,
        text: &str,
        root: &Path,
        overrides: &Overrides,
    ) -> Result<Settings, DataError> {
        let mut settings = Settings::default();
        let err =
            |span: std::ops::Range<usize>, msg: String| DataError::new(path, text, Some(span), msg);

        // Vocabulary first: its files may declare rule codes the selectors below name.
        let extra_codes = load_vocabulary(&mut settings, &config.vocabulary, root, &err)?;
        for sel in overrides.select.iter().flatten().chain(&overrides.ignore) {
            if !selector_is_known(sel, &extra_codes) {
                return Err(DataError::new(path, text, None, format!("unknown rule or prefix '{sel}' on the command line"))
                    .with_help("`ccr-lint rules` lists the built-in rules; user rules come from `[vocabulary] paths`"));
            }
        }

        // Rules.
        let check_selector = |s: &Spanned<String>| {
            if selector_is_known(s.get_ref(), &extra_codes) {
                Ok(s.get_ref().clone())
            } else {
                Err(err(s.span(), format!("unknown rule or prefix '{}'", s.get_ref()))
                    .with_help("use a code (CCR101), a name (missing-section) or a prefix (CCR1); `ccr-lint rules` lists them"))
            }
        };
        let select = match &config.rules.select {
            Some(list) => Some(
                list.iter()
                    .map(check_selector)
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            None => None,
        };
        let ignore = config
            .rules
            .ignore
            .iter()
            .map(check_selector)
            .collect::<Result<Vec<_>, _>>()?;
        let mut severity = Vec::new();
        for (key, sev) in &config.rules.severity {
            severity.push((check_selector(key)?, *sev));
        }
        settings.selection = Selection {
            select,
            ignore,
            severity,
        };
        if let Some(sel) = &overrides.select {
            settings.selection.select = Some(sel.clone());
        }
        settings
            .selection
            .ignore
            .extend(overrides.ignore.iter().cloned());

        // Sections.
        let mut sections = settings.data.sections.clone();
        for p in &config.sections.paths {
            let file = root.join(p.get_ref());
            let body = std::fs::read_to_string(&file).map_err(|e| {
                err(
                    p.span(),
                    format!("cannot read sections file {}: {e}", file.display()),
                )
            })?;
            sections.extend(&file.display().to_string(), &body)?;
        }
        for (id, aliases) in &config.sections.aliases {
            if !sections.add_aliases(id.get_ref(), aliases) {
                return Err(unknown_section(&err, id, &sections));
            }
        }
        for id in &config.sections.optional {
            if !sections.set_required(id.get_ref(), Requirement::Optional) {
                return Err(unknown_section(&err, id, &sections));
            }
        }
        let mut fields = settings.data.fields.clone();
        for p in &config.fields.paths {
            let file = root.join(p.get_ref());
            let body = std::fs::read_to_string(&file).map_err(|e| {
                err(
                    p.span(),
                    format!("cannot read fields file {}: {e}", file.display()),
                )
            })?;
            Arc::make_mut(&mut fields).extend(&file.display().to_string(), &body)?;
        }
        settings.data = Arc::new(Data {
            sections,
            fields,
            ..(*settings.data).clone()
        });

        // Files.
        settings.include = build_globs(&config.include, &err)?;
        settings.exclude = build_globs(&config.exclude, &err)?;
        settings.root = Some(root.to_path_buf());

        settings.accept = config.vocabulary.accept.clone();
        settings.date_order = config.dates.order;
        settings.date_format = config.dates.format.clone();
        settings.limits = config.limits.clone();
        settings.quotes = config.language.quotes;
        if let Some(today) = overrides.today {
            settings.today = today;
        }
        Ok(settings)
    }

    /// Whether a file found by walking a folder is linted under these settings.
    pub fn accepts_walked(&self, file: &Path) -> bool {
        let rel = match &self.root {
            Some(root) => file.strip_prefix(root).unwrap_or(file),
            None => file,
        };
        if self.exclude.as_ref().is_some_and(|g| g.is_match(rel)) {
            return false;
        }
        self.include.as_ref().is_none_or(|g| g.is_match(rel))
    }
}

/// Loads `[vocabulary] paths` (relative to the config's folder) and compiles `accept`;
/// returns the codes and names of the rules the files declare.
fn load_vocabulary(
    settings: &mut Settings,
    config: &VocabularyConfig,
    root: &Path,
    err: &impl Fn(std::ops::Range<usize>, String) -> DataError,
) -> Result<Vec<String>, DataError> {
    if config.paths.is_empty() && config.accept.is_empty() {
        return Ok(Vec::new());
    }
    let mut files = Vec::with_capacity(config.paths.len());
    for p in &config.paths {
        let file = root.join(p.get_ref());
        let body = std::fs::read_to_string(&file).map_err(|e| {
            err(
                p.span(),
                format!("cannot read vocabulary file {}: {e}", file.display()),
            )
        })?;
        files.push((file.display().to_string(), body));
    }
    let vocabulary = settings.data.vocabulary.extended(&files, &config.accept)?;
    let codes = vocabulary.user_codes();
    Arc::make_mut(&mut settings.data).vocabulary = Arc::new(vocabulary);
    Ok(codes)
}

/// Whether a `--select`/`--ignore` value may name a rule: a built-in one, or a code or name
/// a config's vocabulary file may declare (checked again once the config is loaded).
pub fn cli_selector_is_plausible(selector: &str) -> bool {
    let sel = selector.trim();
    selector_is_known(sel, &[]) || !sel.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("CCR"))
}

fn unknown_section(
    err: &impl Fn(std::ops::Range<usize>, String) -> DataError,
    id: &Spanned<String>,
    sections: &SectionSet,
) -> DataError {
    let known: Vec<&str> = sections.sections.iter().map(|s| s.id.as_str()).collect();
    err(id.span(), format!("unknown section id '{}'", id.get_ref()))
        .with_help(format!("known ids: {}", known.join(", ")))
}

fn build_globs(
    globs: &[Spanned<String>],
    err: &impl Fn(std::ops::Range<usize>, String) -> DataError,
) -> Result<Option<GlobSet>, DataError> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let glob =
            Glob::new(g.get_ref()).map_err(|e| err(g.span(), format!("invalid glob: {e}")))?;
        b.add(glob);
    }
    b.build()
        .map(Some)
        .map_err(|e| err(0..0, format!("invalid globs: {e}")))
}

/// Reads and resolves a config file: what `ccr-lint` uses for every file under it, and what
/// the editor server uses for the documents under it.
pub fn load_config(path: &Path, overrides: &Overrides) -> Result<Settings, DataError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        DataError::new(
            &path.display().to_string(),
            "",
            None,
            format!("cannot read config file: {e}"),
        )
    })?;
    Settings::from_config_text(path, &text, overrides)
}

/// The settings for files in `dir` with no fixed config: the discovered config file's
/// (see [`find_config`]), else the built-in defaults. Returns the config path too.
pub fn discover(
    dir: &Path,
    overrides: &Overrides,
) -> (Option<PathBuf>, Result<Settings, DataError>) {
    match find_config(dir) {
        Some(path) => {
            let settings = load_config(&path, overrides);
            (Some(path), settings)
        }
        None => (None, Settings::without_config(overrides)),
    }
}

/// Finds the config file for `dir`: the nearest `.ccr-lint.toml`/`ccr-lint.toml` walking up,
/// stopping at the repository root (a folder containing `.git`).
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    let mut cur = Some(dir);
    while let Some(d) = cur {
        for name in CONFIG_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if d.join(".git").exists() {
            return None;
        }
        cur = d.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_the_local_date_without_the_time_zone_database() {
        let direct = local_today();
        let via_database = jiff::Zoned::now().date();
        // Equal, unless the two calls straddle midnight.
        assert!(direct == via_database || direct.tomorrow().ok() == Some(via_database));
    }

    fn id(code: &'static str, name: &'static str) -> RuleId {
        RuleId::new_static(code, name)
    }

    #[test]
    fn most_specific_selector_wins() {
        let sel = Selection {
            select: None,
            ignore: vec!["CCR1".into()],
            severity: vec![],
        };
        assert!(!sel.enabled(&id("CCR101", "missing-section")));
        assert!(sel.enabled(&id("CCR204", "unfilled-placeholder")));
        let sel = Selection {
            select: Some(vec!["CCR101".into()]),
            ignore: vec!["CCR1".into()],
            severity: vec![],
        };
        assert!(sel.enabled(&id("CCR101", "missing-section")));
        assert!(!sel.enabled(&id("CCR102", "empty-section")));
        let sel = Selection {
            select: Some(vec!["missing-section".into()]),
            ignore: vec![],
            severity: vec![],
        };
        assert!(sel.enabled(&id("CCR101", "missing-section")));
        assert!(!sel.enabled(&id("CCR204", "unfilled-placeholder")));
    }

    #[test]
    fn unknown_config_key_is_named_with_its_line() {
        let text = "[rules]\nselect = [\"CCR1\"]\nfrobnicate = true\n";
        let e =
            Settings::from_config_text(Path::new("x/.ccr-lint.toml"), text, &Overrides::default())
                .unwrap_err();
        let shown = e.to_string();
        assert!(shown.contains("x/.ccr-lint.toml:3:1"), "{shown}");
        assert!(shown.contains("frobnicate"), "{shown}");
    }

    #[test]
    fn unknown_rule_selector_is_an_error() {
        let text = "[rules]\nignore = [\"CCR999\"]\n";
        let e =
            Settings::from_config_text(Path::new(".ccr-lint.toml"), text, &Overrides::default())
                .unwrap_err();
        assert!(
            e.to_string().contains("unknown rule or prefix 'CCR999'"),
            "{e}"
        );
    }

    #[test]
    fn sections_can_be_made_optional_and_aliased() {
        let text = "[sections]\noptional = [\"attachments\"]\n[sections.aliases]\ninteraction-log = [\"Call Notes\"]\n";
        let s =
            Settings::from_config_text(Path::new(".ccr-lint.toml"), text, &Overrides::default())
                .unwrap();
        let set = &s.data.sections;
        let log = set.find("interaction-log").unwrap();
        assert_eq!(set.match_heading("Call notes"), Some(log));
        let att = set.find("attachments").unwrap();
        assert_eq!(set.sections[att].required, Requirement::Optional);
    }
}
