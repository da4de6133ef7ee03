//! Resolved settings: built-in data plus the config file (`.ccr-lint.toml`) plus CLI flags,
//! validated once and shared by every file linted under them; a file matched by the
//! config's `[[overrides]]` gets its own rule selection on top.

mod config;
mod selection;

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use globset::{Glob, GlobSet, GlobSetBuilder};
use toml::Spanned;

use crate::data::sections::Requirement;
use crate::data::{self, DataError, Fields, Placeholders, Quotations, SectionSet, Vocabulary};
use crate::diagnostic::Severity;

pub use config::{
    Config, DateOrder, DatesConfig, FieldsConfig, LanguageConfig, LimitsConfig, OverrideConfig,
    QuotePolicy, RulesConfig, SectionsConfig, VocabularyConfig,
};
pub use selection::{
    Layer, Selection, cli_selector_is_plausible, selector_is_known, selector_matches, suggestion,
};

/// Config file names, looked for in this order in each folder.
pub const CONFIG_NAMES: [&str; 2] = [".ccr-lint.toml", "ccr-lint.toml"];

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
    /// The config's `[[overrides]]`, compiled, in order.
    pub overrides: Arc<[FileOverride]>,
    /// The codes and names of the rules the config's vocabulary files declare.
    pub user_rules: Vec<String>,
}

/// One `[[overrides]]` table: the files it applies to and their rules.
#[derive(Debug, Clone)]
pub struct FileOverride {
    /// Globs relative to the config's folder.
    pub files: GlobSet,
    pub rules: Layer,
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
            overrides: Arc::new([]),
            user_rules: Vec::new(),
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

        // Rules.
        let check_selector = |s: &Spanned<String>| {
            if selector_is_known(s.get_ref(), &extra_codes) {
                return Ok(s.get_ref().clone());
            }
            let help = match suggestion(s.get_ref(), &extra_codes) {
                Some(name) => format!("did you mean `{name}`?"),
                None => "use a code (CCR101), a name (missing-section) or a prefix (CCR1); \
                         `ccr-lint rules` lists them"
                    .to_string(),
            };
            Err(err(
                s.span(),
                format!("unknown rule or prefix '{}'", s.get_ref()),
            )
            .with_help(help))
        };
        let selectors = |list: &[Spanned<String>]| -> Result<Vec<String>, DataError> {
            list.iter().map(check_selector).collect()
        };
        let severities = |map: &std::collections::BTreeMap<Spanned<String>, Severity>| {
            map.iter()
                .map(|(key, sev)| Ok((check_selector(key)?, *sev)))
                .collect::<Result<Vec<_>, DataError>>()
        };
        settings.selection = Selection {
            select: config.rules.select.as_deref().map(selectors).transpose()?,
            ignore: selectors(&config.rules.ignore)?,
            severity: severities(&config.rules.severity)?,
            layers: Vec::new(),
            cli_ignore: overrides.ignore.clone(),
        };
        // --select replaces the config's select, the overrides' included.
        let cli_select = overrides.select.is_some();
        if let Some(sel) = &overrides.select {
            settings.selection.select = Some(sel.clone());
        }
        let mut file_overrides = Vec::with_capacity(config.overrides.len());
        for o in &config.overrides {
            if o.files.get_ref().is_empty() {
                return Err(err(
                    o.files.span(),
                    "an override needs at least one glob in `files`".to_string(),
                )
                .with_help("e.g. files = [\"minutes/**\"], relative to this file's folder"));
            }
            let files = build_globs(o.files.get_ref(), &err)?.unwrap_or_else(GlobSet::empty);
            let select = o.select.as_deref().map(selectors).transpose()?;
            file_overrides.push(FileOverride {
                files,
                rules: Layer {
                    select: if cli_select { None } else { select },
                    ignore: selectors(&o.ignore)?,
                    severity: severities(&o.severity)?,
                },
            });
        }
        settings.overrides = file_overrides.into();
        settings.user_rules = extra_codes;

        // Sections.
        let mut sections = settings.data.sections.clone();
        for p in &config.sections.paths {
            let (name, body) = read_named_file(root, p, "sections", &err)?;
            sections.extend(&name, &body)?;
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
            let (name, body) = read_named_file(root, p, "fields", &err)?;
            Arc::make_mut(&mut fields).extend(&name, &body)?;
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

    /// The settings for one file: these, with the selection of every `[[overrides]]`
    /// table whose globs match it (relative to the config's folder) layered on top; `None`
    /// when none does.
    pub fn for_file(&self, file: &Path) -> Option<Settings> {
        if self.overrides.is_empty() {
            return None;
        }
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let rel = match &self.root {
            Some(root) => abs.strip_prefix(root).unwrap_or(&abs),
            None => &abs,
        };
        let layers: Vec<Layer> = self
            .overrides
            .iter()
            .filter(|o| o.files.is_match(rel))
            .map(|o| o.rules.clone())
            .collect();
        if layers.is_empty() {
            return None;
        }
        let mut settings = self.clone();
        settings.selection.layers = layers;
        Some(settings)
    }

    /// Errors for the `--select`/`--ignore` values that name no rule under these settings
    /// (built-in rules and the config's vocabulary rules), each with a suggestion.
    pub fn unknown_cli_selectors(&self, overrides: &Overrides) -> Vec<String> {
        let flags = overrides
            .select
            .iter()
            .flatten()
            .map(|s| ("--select", s))
            .chain(overrides.ignore.iter().map(|s| ("--ignore", s)));
        flags
            .filter(|(_, s)| !selector_is_known(s, &self.user_rules))
            .map(|(flag, s)| unknown_cli_selector(flag, s, &self.user_rules))
            .collect()
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
/// A data file the config names (relative to the config's folder): its name as shown in
/// errors and its text, or an error pointing at the path in the config.
fn read_named_file(
    root: &Path,
    path: &Spanned<String>,
    kind: &str,
    err: &impl Fn(std::ops::Range<usize>, String) -> DataError,
) -> Result<(String, String), DataError> {
    let file = root.join(path.get_ref());
    let body = std::fs::read_to_string(&file).map_err(|e| {
        err(
            path.span(),
            format!("cannot read {kind} file {}: {e}", file.display()),
        )
    })?;
    Ok((file.display().to_string(), body))
}

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
        files.push(read_named_file(root, p, "vocabulary", err)?);
    }
    let vocabulary = settings.data.vocabulary.extended(&files, &config.accept)?;
    let codes = vocabulary.user_codes();
    Arc::make_mut(&mut settings.data).vocabulary = Arc::new(vocabulary);
    Ok(codes)
}

/// The error for a `--select`/`--ignore` value that names no rule.
pub fn unknown_cli_selector(flag: &str, selector: &str, user_rules: &[String]) -> String {
    let lists = "(`ccr-lint rules` lists the rules)";
    match suggestion(selector, user_rules) {
        Some(name) => {
            format!("unknown rule or prefix '{selector}' in {flag}: did you mean `{name}`? {lists}")
        }
        None => format!("unknown rule or prefix '{selector}' in {flag} {lists}"),
    }
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
