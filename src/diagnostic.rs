//! The diagnostic model shared by every rule, the fix engine and the renderers.
//! Spans are byte ranges into the original source, always.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// How serious a diagnostic is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How safe it is to apply a fix without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown as a suggestion, never applied.
    DisplayOnly,
    /// Likely right, but may change meaning or insert scaffolding: `--fix --unsafe-fixes`.
    Unsafe,
    /// Keeps the meaning: applied by `--fix`.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// One replacement of source bytes. An empty span is an insertion.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    pub span: Range<usize>,
    pub replacement: String,
}

impl Edit {
    pub fn replace(span: Range<usize>, replacement: impl Into<String>) -> Self {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }
    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit {
            span: at..at,
            replacement: text.into(),
        }
    }
    pub fn delete(span: Range<usize>) -> Self {
        Edit {
            span,
            replacement: String::new(),
        }
    }
}

/// A set of edits that together repair one diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub message: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    pub fn new(applicability: Applicability, message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            message: message.into(),
            edits,
            applicability,
        }
    }
    pub fn safe(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Safe, message, edits)
    }
    pub fn unsafe_(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Unsafe, message, edits)
    }
    pub fn display_only(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(Applicability::DisplayOnly, message, edits)
    }
}

/// A rule's stable identity: the code (`CCR601`) and the kebab-case name (`informal-language`).
/// Built-in rules use static strings; user vocabulary files may declare their own codes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId {
    pub code: Cow<'static, str>,
    pub name: Cow<'static, str>,
}

impl RuleId {
    pub const fn new_static(code: &'static str, name: &'static str) -> Self {
        RuleId {
            code: Cow::Borrowed(code),
            name: Cow::Borrowed(name),
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: RuleId,
    pub severity: Severity,
    /// Bytes of the source; empty = a point (e.g. where a section is missing).
    pub span: Range<usize>,
    /// What is wrong, one sentence.
    pub message: String,
    /// Why it matters or what to write instead.
    pub help: Option<String>,
    /// Boxed: most diagnostics have none, and a fix is three fields; a large report has
    /// tens of thousands of diagnostics.
    pub fix: Option<Box<Fix>>,
}

impl Diagnostic {
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
    /// The order diagnostics are reported in: by position, then by code.
    pub fn sort_key(&self) -> (usize, usize, &str) {
        (self.span.start, self.span.end, &self.rule.code)
    }
}
