//! The data files: `rules/*.toml` (the report's shape) and, later, `vocabulary/*.toml`.
//! Built-in files are compiled in with `include_str!`; users add files of the same format
//! through their config. Parsing is strict: an unknown key is an error naming file, line and key.

pub mod fields;
pub mod headings;
pub mod placeholders;
pub mod quotations;
pub mod sections;
pub mod vocabulary;

use std::fmt;
use std::ops::Range;

use miette::{LabeledSpan, SourceCode};
use serde::de::DeserializeOwned;

pub use fields::Fields;
pub use placeholders::{PlaceholderFile, Placeholders};
pub use quotations::Quotations;
pub use sections::{SectionDef, SectionSet, SectionsFile};
pub use vocabulary::Vocabulary;

/// An error in a data or config file, pointing at the place in the TOML.
/// Boxed: it travels through many `Result`s and is rarely built.
#[derive(Debug, Clone)]
pub struct DataError(Box<DataErrorInner>);

#[derive(Debug, Clone)]
struct DataErrorInner {
    path: String,
    message: String,
    span: Option<Range<usize>>,
    help: Option<String>,
    /// The lines around the span, for the snippet.
    src: Option<crate::render::Excerpt>,
    line_col: Option<(usize, usize)>,
}

/// The width config and data errors are laid out for: miette's own default.
const ERROR_WIDTH: usize = 80;

impl DataError {
    pub fn new(
        path: &str,
        text: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        let message = message.into();
        let index = span.as_ref().map(|_| crate::document::LineIndex::new(text));
        let line_col = span.as_ref().zip(index.as_ref()).map(|(s, idx)| {
            let lc = idx.line_col(text, s.start);
            (lc.line, lc.column)
        });
        let src = span.as_ref().zip(index.as_ref()).map(|(s, idx)| {
            crate::render::Excerpt::new(path, text, idx, s.clone(), ERROR_WIDTH, &message)
        });
        DataError(Box::new(DataErrorInner {
            path: path.to_string(),
            message,
            span,
            help: None,
            src,
            line_col,
        }))
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.0.help = Some(help.into());
        self
    }

    /// The file the error is in, as shown.
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Where in the file (bytes), when known.
    pub fn span(&self) -> Option<Range<usize>> {
        self.0.span.clone()
    }

    fn from_toml(path: &str, text: &str, err: &toml::de::Error) -> Self {
        DataError::new(path, text, err.span(), err.message().trim().to_string())
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.0;
        match e.line_col {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", e.path, e.message),
            None => write!(f, "{}: {}", e.path, e.message),
        }
    }
}

impl std::error::Error for DataError {}

impl miette::Diagnostic for DataError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("ccr-lint::config"))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.0.src.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let src = self.0.src.as_ref()?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(src.label(&self.0.message)),
            src.span(),
        ))))
    }
}

impl DataError {
    /// A miette report, for rendering.
    pub fn report(&self) -> miette::Report {
        miette::Report::new(self.clone())
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
