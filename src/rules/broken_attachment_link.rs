use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::document::LinkKind;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That every relative link and image in the report — in Attachments and anywhere else —
    /// points to a file that exists, resolved against the report's folder. The part after
    /// `#` or `?` is ignored and `%20`-style escapes are decoded. Not checked: URLs with a
    /// scheme (`https:`, `mailto:`), in-page anchors (`#next-steps`), absolute paths (their
    /// root depends on where the report is published), and reports read from stdin without
    /// `--stdin-filename`. No network access is ever made.
    ///
    /// ## Why
    /// An attachment the reader cannot open is evidence that is not there.
    ///
    /// ## Example
    /// `- [Price list](attachments/price-list-v2.pdf)` is reported when the file does not exist.
    ///
    /// ## Fix safety
    /// No fix: the right file is only known to the author.
    pub struct BrokenAttachmentLink {
        code: "CCR503",
        name: "broken-attachment-link",
        severity: Error,
        fix: None,
        summary: "A relative link points to a file that does not exist",
    }
}

impl Rule for BrokenAttachmentLink {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(path) = cx.path else { return };
        let folder = path.parent().unwrap_or(Path::new(""));
        for link in &cx.doc.links {
            if !matches!(link.kind, LinkKind::Inline | LinkKind::Reference) {
                continue;
            }
            let Some(target) = local_target(&link.dest) else {
                continue;
            };
            if folder.join(&target).exists() {
                continue;
            }
            let src = cx.text(link.span.clone());
            // Point at the destination as written when it appears in the link's source.
            let span = match src.rfind(link.dest.as_str()) {
                Some(i) if !link.dest.is_empty() => {
                    link.span.start + i..link.span.start + i + link.dest.len()
                }
                _ => link.span.clone(),
            };
            out.push(
                cx.diagnostic(
                    &Self::META,
                    span,
                    format!("linked file '{target}' does not exist"),
                )
                .with_help(
                    "relative links are resolved from the report's own folder; correct the path or add the file",
                ),
            );
        }
    }
}

/// The local file a link destination names, if it is a relative path.
fn local_target(dest: &str) -> Option<String> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with('/') || dest.starts_with('\\') {
        return None;
    }
    // A scheme: letters, digits, `+`, `-`, `.` then `:` (`https:`, `mailto:`); a Windows
    // drive letter (`C:`) is a path, not a scheme, but it is absolute, so it is skipped too.
    if let Some(colon) = dest.find(':')
        && dest[..colon]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() {
        return None;
    }
    Some(percent_decode(path))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::local_target;

    #[test]
    fn only_relative_paths_are_checked() {
        assert_eq!(
            local_target("attachments/a%20b.pdf#page=2").as_deref(),
            Some("attachments/a b.pdf")
        );
        assert_eq!(
            local_target("./notes.md?x=1").as_deref(),
            Some("./notes.md")
        );
        for skipped in [
            "https://example.com/a.pdf",
            "mailto:jane@example.com",
            "#next-steps",
            "/abs/file.pdf",
            "C:/x.pdf",
            "",
        ] {
            assert_eq!(local_target(skipped), None, "{skipped}");
        }
    }
}
