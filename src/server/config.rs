//! Settings per document, discovered as on the command line: the nearest `.ccr-lint.toml`
//! (or `ccr-lint.toml`) walking up from the file to the repository root, else the built-in
//! defaults. Unlike a command-line run, a server lives while configs are edited: a config is
//! re-read when its modification time or size changes (checked on every lint), and
//! discovery starts over when the editor reports a changed or new config file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use crate::settings::{Overrides, Settings, find_config, load_config, local_today};

/// The settings for one document, and a config error the user has not been told about yet.
pub struct Resolved {
    pub settings: Arc<Settings>,
    pub config: Option<PathBuf>,
    /// A config that cannot be used: the document is linted with the defaults meanwhile.
    pub error: Option<String>,
}

/// When a config file last changed, as far as the file system says.
type Stamp = Option<(SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

struct Loaded {
    stamp: Stamp,
    settings: Arc<Settings>,
    error: Option<String>,
    reported: bool,
}

#[derive(Default)]
struct Cache {
    /// Config file per folder (None: no config up to the repository root).
    dirs: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Loaded>,
    defaults: Option<Arc<Settings>>,
    /// The date the loaded settings take as today, and when that was last checked: a server
    /// outlives midnight, and overdue and future-date checks must move on with the calendar.
    today: Option<(jiff::civil::Date, Instant)>,
}

/// How often the date is looked at.
const DATE_CHECK: Duration = Duration::from_secs(60);

/// Every config the open documents use, loaded once and re-read when it changes.
pub struct Configs {
    overrides: Overrides,
    cache: Mutex<Cache>,
}

impl Configs {
    pub fn new(overrides: Overrides) -> Self {
        Configs {
            overrides,
            cache: Mutex::new(Cache::default()),
        }
    }

    /// Forgets discovery and every loaded config: a config file was created, changed or
    /// deleted, or a data file a config names was.
    pub fn invalidate(&self) {
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        cache.dirs.clear();
        cache.loaded.clear();
    }

    /// The settings for `file` (None: a document that is not a file, whose config is found
    /// from the server's working folder, as standard input's is on the command line).
    pub fn settings_for(&self, file: Option<&Path>) -> Resolved {
        let dir = match file.and_then(Path::parent) {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => std::env::current_dir().unwrap_or_default(),
        };
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if self.overrides.today.is_none()
            && cache
                .today
                .is_none_or(|(_, checked)| checked.elapsed() >= DATE_CHECK)
        {
            let today = local_today();
            if cache.today.is_some_and(|(day, _)| day != today) {
                cache.loaded.clear();
                cache.defaults = None;
            }
            cache.today = Some((today, Instant::now()));
        }
        let mut config = cache
            .dirs
            .entry(dir.clone())
            .or_insert_with(|| find_config(&dir))
            .clone();
        // A config that disappeared: discovery may now find another one.
        if let Some(path) = &config
            && stamp(path).is_none()
        {
            cache.dirs.clear();
            config = find_config(&dir);
            cache.dirs.insert(dir, config.clone());
        }
        let Some(path) = config else {
            return Resolved {
                settings: self.defaults(&mut cache),
                config: None,
                error: None,
            };
        };
        let now = stamp(&path);
        let fresh = cache.loaded.get(&path).is_some_and(|l| l.stamp == now);
        if !fresh {
            let loaded = match load_config(&path, &self.overrides) {
                Ok(s) => Loaded {
                    stamp: now,
                    settings: Arc::new(s),
                    error: None,
                    reported: false,
                },
                Err(e) => {
                    let mut why = e.to_string();
                    if let Some(help) = miette::Diagnostic::help(&e) {
                        why.push_str(&format!(" ({help})"));
                    }
                    Loaded {
                        stamp: now,
                        settings: self.defaults(&mut cache),
                        error: Some(why),
                        reported: false,
                    }
                }
            };
            cache.loaded.insert(path.clone(), loaded);
        }
        let Some(loaded) = cache.loaded.get_mut(&path) else {
            return Resolved {
                settings: self.defaults(&mut cache),
                config: Some(path),
                error: None,
            };
        };
        let error = if loaded.reported {
            None
        } else {
            loaded.reported = true;
            loaded.error.clone()
        };
        Resolved {
            settings: loaded.settings.clone(),
            config: Some(path),
            error,
        }
    }

    fn defaults(&self, cache: &mut Cache) -> Arc<Settings> {
        cache
            .defaults
            .get_or_insert_with(|| {
                Arc::new(Settings::without_config(&self.overrides).unwrap_or_default())
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        dir
    }

    fn ignores(r: &Resolved, code: &'static str) -> bool {
        !r.settings
            .selection
            .enabled(&crate::diagnostic::RuleId::new_static(code, "x"))
    }

    #[test]
    fn configs_are_found_per_folder_and_re_read_when_they_change() {
        let dir = repo();
        let sub = dir.path().join("reports/june");
        std::fs::create_dir_all(&sub).unwrap();
        let file = sub.join("r.md");
        let configs = Configs::new(Overrides::default());
        let r = configs.settings_for(Some(&file));
        assert_eq!(r.config, None);
        assert!(!ignores(&r, "CCR601"));

        // A new config is found once the editor says files changed.
        let config = dir.path().join("reports/.ccr-lint.toml");
        std::fs::write(&config, "[rules]\nignore = [\"CCR601\"]\n").unwrap();
        configs.invalidate();
        let r = configs.settings_for(Some(&file));
        assert_eq!(r.config.as_deref(), Some(config.as_path()));
        assert!(ignores(&r, "CCR601"));

        // An edited config is re-read without being told (its size changed).
        std::fs::write(&config, "[rules]\nignore = [\"CCR602\", \"CCR603\"]\n").unwrap();
        let r = configs.settings_for(Some(&file));
        assert!(!ignores(&r, "CCR601") && ignores(&r, "CCR602"));

        // A broken config is reported once; the defaults are used meanwhile.
        std::fs::write(&config, "[rules]\nfrobnicate = true\n").unwrap();
        let r = configs.settings_for(Some(&file));
        let error = r.error.clone().expect("the error is reported");
        assert!(error.contains("frobnicate"), "{error}");
        assert!(!ignores(&r, "CCR602"));
        assert!(configs.settings_for(Some(&file)).error.is_none());

        // A deleted config: discovery starts over.
        std::fs::remove_file(&config).unwrap();
        assert_eq!(configs.settings_for(Some(&file)).config, None);
    }

    #[test]
    fn a_new_day_reloads_the_settings() {
        let dir = repo();
        let file = dir.path().join("r.md");
        let configs = Configs::new(Overrides::default());
        let first = configs.settings_for(Some(&file)).settings;
        assert!(Arc::ptr_eq(
            &first,
            &configs.settings_for(Some(&file)).settings
        ));
        {
            // As if the date was last looked at yesterday, a while ago.
            let mut cache = configs.cache.lock().unwrap();
            let yesterday = first.today.yesterday().unwrap();
            let a_while_ago = Instant::now()
                .checked_sub(DATE_CHECK * 2)
                .unwrap_or_else(Instant::now);
            cache.today = Some((yesterday, a_while_ago));
        }
        let next = configs.settings_for(Some(&file)).settings;
        assert!(!Arc::ptr_eq(&first, &next), "settings built anew");
    }
}
