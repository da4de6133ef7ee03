//! The data files: `rules/*.toml` (the report's shape) and, later, `vocabulary/*.toml`.
//! Built-in files are compiled in with `include_str!`; users add files of the same format
//! through their config. Parsing is strict: an unknown key is an error naming file, line and key.

pub mod fields;
pub mod placeholders;
pub mod sections;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{LabeledSpan, NamedSource, SourceCode};
use serde::de::DeserializeOwned;

pub use fields::Fields;
pub use placeholders::{PlaceholderFile, Placeholders};
pub use sections::{SectionDef, SectionSet, SectionsFile};

/// An error in a data or config file, pointing at the place in the TOML.
#[derive(Debug, Clone)]
pub struct DataError {
    pub path: String,
    pub message: String,
    pub span: Option<Range<usize>>,
    pub help: Option<String>,
    src: Arc<String>,
    line_col: Option<(usize, usize)>,
}

impl DataError {
    pub fn new(
        path: &str,
        text: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        let src = Arc::new(text.to_string());
        let line_col = span.as_ref().map(|s| {
            let idx = crate::document::LineIndex::new(text);
            let lc = idx.line_col(text, s.start);
            (lc.line, lc.column)
        });
        DataError {
            path: path.to_string(),
            message: message.into(),
            span,
            help: None,
            src,
            line_col,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn from_toml(path: &str, text: &str, err: &toml::de::Error) -> Self {
        DataError::new(path, text, err.span(), err.message().trim().to_string())
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_col {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for DataError {}

impl miette::Diagnostic for DataError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("ccr-lint::config"))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.message.clone()),
            span,
        ))))
    }
}

impl DataError {
    /// A miette report with the file's text attached, for rendering.
    pub fn report(&self) -> miette::Report {
        let named = NamedSource::new(&self.path, self.src.as_str().to_string());
        miette::Report::new(self.clone()).with_source_code(named)
    }
}

/// Parses a TOML data or config file strictly.
pub fn parse_toml<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, DataError> {
    toml::from_str(text).map_err(|e| DataError::from_toml(path, text, &e))
}

/// A built-in data file: its name (as shown in errors) and its text.
pub struct Embedded {
    pub path: &'static str,
    pub text: &'static str,
}

pub const SECTIONS: Embedded = Embedded {
    path: "rules/sections.toml",
    text: include_str!("../../rules/sections.toml"),
};
pub const PLACEHOLDERS: Embedded = Embedded {
    path: "rules/placeholders.toml",
    text: include_str!("../../rules/placeholders.toml"),
};
pub const FIELDS: Embedded = Embedded {
    path: "rules/fields.toml",
    text: include_str!("../../rules/fields.toml"),
};
