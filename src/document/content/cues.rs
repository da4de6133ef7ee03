//! Parts of a sentence found where they stand, for entries and tasks written as prose: the
//! method word (`a meeting was held`, `Emailed`, `Zoom`), the participants after
//! `with`/`to`/`from`/`between` (or right after a method verb: `Emailed James`), the topic
//! after `regarding`/`about`, a task's owner before `will`/`to` and its deadline after
//! `by`/`due`. The cue words live in `rules/fields.toml`; nothing here matches a whole
//! sentence against one phrasing.

use std::ops::Range;

use super::super::dates::{self, DateContext};
use super::Cx;

/// What a sentence says of an interaction (ranges in the text given, trimmed).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct SentenceParts {
    pub method: Option<Range<usize>>,
    pub participants: Option<Range<usize>>,
    pub topic: Option<Range<usize>>,
}

/// Words that end a list of participants: what follows them is when, where or why.
const PARTICIPANT_STOPS: [&str; 15] = [
    "on",
    "at",
    "via",
    "by",
    "for",
    "in",
    "during",
    "after",
    "before",
    "who",
    "which",
    "that",
    "where",
    "and discussed",
    "to",
];

/// Word ranges (letters, digits, `'`, `’`, `-`, `@`, `.` inside a word) of a text.
pub(super) fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inner = crate::chars::is_alphanumeric(c) || matches!(c, '\'' | '’' | '-' | '@' | '_');
        match (start, inner) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    // A dash or an apostrophe only joins letters: `-completed` is `completed`.
    out.into_iter()
        .filter_map(|r| {
            let w = &text[r.clone()];
            let t = w.trim_matches(['-', '\'', '’']);
            let lead = w.len() - w.trim_start_matches(['-', '\'', '’']).len();
            (!t.is_empty()).then(|| r.start + lead..r.start + lead + t.len())
        })
        .collect()
}

/// Whether a word looks like (part of) a name: a capital first letter or an `@handle`.
pub(super) fn is_name_word(w: &str) -> bool {
    w.starts_with('@') || w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a text is a person's or a team's name: one to five words, the first a name word,
/// no sentence punctuation.
pub(super) fn is_name_like(text: &str) -> bool {
    let t = text.trim().trim_matches(|c| matches!(c, '*' | '_'));
    let ws = words(t);
    !ws.is_empty()
        && ws.len() <= 5
        && is_name_word(&t[ws[0].clone()])
        && !t.contains("://")
        && !t.contains(['.', '!', '?', ':'])
}

/// `range` with spaces and trailing punctuation trimmed.
fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = text.get(range.clone())?;
    let lead = s.len() - s.trim_start().len();
    let t = s.trim().trim_end_matches(|c: char| {
        matches!(c, '.' | ',' | ';' | ':' | '*' | '_') || c.is_whitespace()
    });
    (!t.is_empty()).then(|| range.start + lead..range.start + lead + t.len())
}

impl Cx<'_, '_> {
    /// The method, participants and topic of an interaction written as a sentence.
    pub(super) fn sentence_parts(&self, text: &str) -> SentenceParts {
        let method = self.fields.find_method(text).map(|(r, _)| r);
        let topic_cue = self.fields.topic_cues(text).into_iter().next();
        let topic = topic_cue
            .as_ref()
            .and_then(|c| trimmed(text, c.end..text.len()));
        let limit = topic_cue.as_ref().map_or(text.len(), |c| c.start);
        let participants = self
            .fields
            .participant_cues(text)
            .into_iter()
            .filter(|c| c.end <= limit)
            .find_map(|c| {
                let cue = text[c.clone()].to_ascii_lowercase();
                let r = self.participants_from(text, c.end, limit)?;
                // `to` and `from` introduce many things; a person's name starts with a capital.
                let named = text[r.clone()]
                    .split_whitespace()
                    .next()
                    .is_some_and(is_name_word);
                (named || cue == "with" || cue == "between").then_some(r)
            })
            .or_else(|| {
                // `Emailed James about …`: the name right after a method word.
                let m = method.clone()?;
                let r = self.participants_from(text, m.end, limit)?;
                let first = text[r.clone()].split_whitespace().next()?;
                is_name_word(first).then_some(r)
            });
        SentenceParts {
            method,
            participants,
            topic,
        }
    }

    /// The participants that start at `from`: names up to a stop word, a date or time, or
    /// punctuation; a comma continues the list when a name follows it.
    fn participants_from(&self, text: &str, from: usize, limit: usize) -> Option<Range<usize>> {
        let rest = text.get(from..limit)?;
        let dcx = DateContext::default();
        let first_date = dates::find_dates(rest, &dcx)
            .first()
            .map(|d| d.range.start)
            .into_iter()
            .chain(dates::find_times(rest).first().map(|t| t.range.start))
            .min()
            .unwrap_or(rest.len());
        let mut end = first_date;
        for (i, c) in rest.char_indices() {
            if i >= end {
                break;
            }
            let stop = match c {
                '.' | ';' | ':' | '(' | ')' | '—' | '–' | '|' | '\n' | '!' | '?' => true,
                ',' => !rest[i + 1..]
                    .trim_start()
                    .starts_with(|c: char| c.is_uppercase()),
                _ => false,
            };
            if stop {
                end = i;
                break;
            }
        }
        let ws = words(&rest[..end]);
        let mut cut = end;
        for (n, w) in ws.iter().enumerate() {
            let word = rest[w.clone()].to_ascii_lowercase();
            let two = ws
                .get(n + 1)
                .map(|x| format!("{word} {}", rest[x.clone()].to_ascii_lowercase()));
            if n > 0
                && (PARTICIPANT_STOPS.contains(&word.as_str())
                    || two
                        .as_deref()
                        .is_some_and(|t| PARTICIPANT_STOPS.contains(&t)))
            {
                cut = w.start;
                break;
            }
            if n >= 10 {
                cut = w.start;
                break;
            }
        }
        trimmed(text, from..from + cut)
    }

    /// A task sentence's owner before an owner cue at its start: `Anna Schmidt will send …`,
    /// `Dave to ping Bob`, `@jenn to update …`, or a role (`Design lead to write …`; the
    /// role words are in `rules/fields.toml`). Range in `text`.
    pub(super) fn owner_before_cue(&self, text: &str) -> Option<Range<usize>> {
        let cue = self.fields.owner_cues(text).into_iter().next()?;
        let head = text.get(..cue.start)?;
        let r = trimmed(text, 0..head.len())?;
        let who = &text[r.clone()];
        let ws = words(who);
        // Every word a name word (`Tif + Dev Team` too), at most four of them.
        let all_names = !ws.is_empty()
            && ws.len() <= 4
            && ws.iter().all(|w| is_name_word(&who[w.clone()]))
            && who.chars().all(|c| {
                c.is_alphanumeric()
                    || matches!(c, ' ' | '\'' | '’' | '-' | '@' | '+' | '&' | '/' | '.')
            });
        // Or a role: `Product and design lead to write up …`, `The account manager will …`.
        let role = !all_names
            && (1..=4).contains(&ws.len())
            && ws
                .last()
                .is_some_and(|w| self.fields.is_role_word(&who[w.clone()]))
            && who
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '&' | '/' | '-'));
        (all_names || role).then_some(r)
    }

    /// A deadline after a cue: the date (`by April 4, 2025`, `on 10/05`) or the vague words
    /// (`by Friday`, `due soon`) right after it, or the event it names: after a deadline
    /// cue one that opens with `next`/`the`/`end of` (`by next TAC call`), after an event
    /// cue any clause (`before releasing 4.0.0`), after a dated cue only a `next …` one that
    /// names an event (`for next office hours`, not `on next steps`). Range in `text`.
    pub(super) fn deadline_after_cue(&self, text: &str) -> Option<Range<usize>> {
        #[derive(Clone, Copy, PartialEq)]
        enum Cue {
            Deadline,
            Event,
            Dated,
            Occasion,
        }
        let f = self.fields;
        let mut cues: Vec<(Range<usize>, Cue)> = [
            (f.deadline_cues(text), Cue::Deadline),
            (f.event_cues(text), Cue::Event),
            (f.dated_cues(text), Cue::Dated),
            (f.occasion_cues(text), Cue::Occasion),
        ]
        .into_iter()
        .flat_map(|(found, kind)| found.into_iter().map(move |r| (r, kind)))
        .collect();
        if cues.is_empty() {
            return self.event_date_or_next_event(text);
        }
        cues.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        let dcx = DateContext {
            order: None,
            period: self.content.period.range(),
        };
        let found = dates::find_dates(text, &dcx);
        let mut vague = self.fields.vague_times(text);
        vague.extend(self.fields.weekdays(text));
        cues.into_iter()
            .find_map(|(c, kind)| {
                let near = |start: usize| {
                    text.get(c.end..start).is_some_and(|gap| {
                        let g = gap.trim();
                        g.is_empty()
                            || g.eq_ignore_ascii_case("the")
                            || g.eq_ignore_ascii_case("on")
                    })
                };
                found
                    .iter()
                    .map(|d| d.range.clone())
                    .chain(vague.iter().cloned())
                    .filter(|r| r.start >= c.end && near(r.start))
                    .min_by_key(|r| r.start)
                    .or_else(|| day_of_month_after(text, c.end))
                    .or_else(|| match kind {
                        // `by next TAC call`, `during the Layer 2 kickoff`; not `during
                        // Dev Sync`, a recurring meeting.
                        Cue::Deadline => event_after(text, c.end, EVENT_OPENERS)
                            .or_else(|| self.occasion_after(text, c.end)),
                        Cue::Occasion => self.occasion_after(text, c.end),
                        Cue::Event => clause_after(text, c.end),
                        Cue::Dated => event_after(text, c.end, &["next "])
                            .filter(|e| self.fields.has_event_word(&text[e.clone()])),
                    })
            })
            .or_else(|| self.event_date_or_next_event(text))
    }

    /// The clause after a cue when it names a one-off occasion (`Cake Layer 2 kickoff`).
    fn occasion_after(&self, text: &str, from: usize) -> Option<Range<usize>> {
        let rest = text.get(from..)?;
        let lead = rest.len() - rest.trim_start().len();
        let body = &rest[lead..];
        let end = clause_end(body);
        let clause = body[..end].trim_end();
        self.fields
            .has_occasion_word(clause)
            .then(|| from + lead..from + lead + clause.len())
    }

    /// A deadline named without a cue: a day of the month after a named event (`Tech
    /// Implementation - Dev Sync 10/05`), or a task that opens with the next event as its
    /// label (`Next Design Sync: Discussing how to …`).
    fn event_date_or_next_event(&self, text: &str) -> Option<Range<usize>> {
        let lead = text.len() - text.trim_start().len();
        if let Some(colon) = text.find(':')
            && colon > lead
            && text[lead..]
                .get(..5)
                .is_some_and(|w| w.eq_ignore_ascii_case("next "))
            && self.fields.has_event_word(&text[lead..colon])
        {
            return Some(lead..lead + text[lead..colon].trim_end().len());
        }
        // A named event (`Dev Sync`, `Parking Lot`: capitalised, not the task's first word,
        // which may be a verb: `Review 3/4 of the tickets`).
        self.fields
            .event_words(text)
            .into_iter()
            .filter(|w| w.start > lead && text[w.clone()].starts_with(char::is_uppercase))
            .find_map(|w| day_of_month_after(text, w.end))
    }
}

/// Words that open an event after a deadline cue (`by next TAC call`, `by the end of the
/// sprint`).
const EVENT_OPENERS: &[&str] = &["next ", "the next ", "end of ", "the end of ", "the "];

/// The end of the clause that starts `body`: punctuation, a parenthesis, emphasis; a
/// full stop or comma only before a space (`4.0.0` and `1,000` go on).
fn clause_end(body: &str) -> usize {
    body.char_indices()
        .find(|&(i, c)| match c {
            '.' | ',' => body[i + 1..].chars().next().is_none_or(char::is_whitespace),
            ';' | '(' | ')' | '—' | '–' | '*' => true,
            _ => false,
        })
        .map_or(body.len(), |(i, _)| i)
}

/// An event a deadline is tied to, right after its cue: `by next TAC call`, `before the
/// 4.0.0 release`, `by end of sprint` — up to the end of the clause.
fn event_after(text: &str, from: usize, opens: &[&str]) -> Option<Range<usize>> {
    let rest = text.get(from..)?;
    let lead = rest.len() - rest.trim_start().len();
    let body = &rest[lead..];
    let lower = body.to_ascii_lowercase();
    if !opens.iter().any(|o| lower.starts_with(o)) {
        return None;
    }
    let end = clause_end(body);
    let start = from + lead;
    // `by the team` is an owner, not an event: an event has at least two words after `the`.
    let ws = words(&body[..end]);
    (ws.len() >= 2 && !lower.starts_with("the ") || ws.len() >= 3)
        .then(|| start..start + body[..end].trim_end().len())
}

/// The clause after an event cue, of two words or more: `releasing 4.0.0`, `team has had
/// a chance to complete their work`.
fn clause_after(text: &str, from: usize) -> Option<Range<usize>> {
    let rest = text.get(from..)?;
    let lead = rest.len() - rest.trim_start().len();
    let body = &rest[lead..];
    let end = clause_end(body);
    let start = from + lead;
    (words(&body[..end]).len() >= 2).then(|| start..start + body[..end].trim_end().len())
}

/// A day of the month written without a year right after a cue: `on 10/05`, `for 03/22`
/// (month and day in either order; a reading that is no day of any month is no date).
fn day_of_month_after(text: &str, from: usize) -> Option<Range<usize>> {
    let rest = text.get(from..)?;
    let at = from + (rest.len() - rest.trim_start().len());
    dates::day_of_month_at(text, at).map(|end| at..end)
}

#[cfg(test)]
mod tests {
    use super::super::test_util::cx_with;

    fn parts(text: &str) -> (Option<String>, Option<String>, Option<String>) {
        cx_with("", |cx| {
            let p = cx.sentence_parts(text);
            let s = |r: Option<std::ops::Range<usize>>| r.map(|r| text[r].to_string());
            (s(p.method), s(p.participants), s(p.topic))
        })
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn interactions_written_as_sentences() {
        assert_eq!(
            parts(
                "On March 25, 2025 at 10:00, a meeting was held with James O'Connor regarding the invoice."
            ),
            (s("meeting"), s("James O'Connor"), s("the invoice"))
        );
        assert_eq!(
            parts("An email was sent to James O'Connor on March 5, 2025 concerning the invoice."),
            (s("email"), s("James O'Connor"), s("the invoice"))
        );
        assert_eq!(
            parts("Emailed James about the renewal"),
            (s("Emailed"), s("James"), s("the renewal"))
        );
        assert_eq!(
            parts("Zoom with Priya Nair, Sam Lee and Ana Sousa"),
            (s("Zoom"), s("Priya Nair, Sam Lee and Ana Sousa"), None)
        );
        assert_eq!(
            parts("Teams meeting with the client's CFO to discuss the budget"),
            (s("Teams meeting"), s("the client's CFO"), s("the budget"))
        );
        assert_eq!(
            parts("a site visit was conducted at the Leeds store with Sarah Kim"),
            (s("site visit"), s("Sarah Kim"), None)
        );
        assert_eq!(
            parts("A call was made to review the plan"),
            (s("call"), None, None)
        );
    }

    #[test]
    fn owners_and_deadlines_in_task_sentences() {
        cx_with("", |cx| {
            let owner = |t: &str| cx.owner_before_cue(t).map(|r| t[r].to_string());
            let due = |t: &str| cx.deadline_after_cue(t).map(|r| t[r].to_string());
            assert_eq!(
                owner("Anna Schmidt to send the plan by April 4, 2025."),
                s("Anna Schmidt")
            );
            assert_eq!(owner("Anna Schmidt will send the plan"), s("Anna Schmidt"));
            assert_eq!(owner("Dave to ping Bob"), s("Dave"));
            assert_eq!(
                owner("Tif + Dev Team to review the tests"),
                s("Tif + Dev Team")
            );
            assert_eq!(owner("Review the tests to find gaps"), None);
            assert_eq!(
                due("Anna Schmidt to send the plan by April 4, 2025."),
                s("April 4, 2025")
            );
            assert_eq!(due("send it by Friday"), s("Friday"));
            assert_eq!(
                due("send it by the end of the month"),
                s("the end of the month")
            );
            assert_eq!(due("Jenn to send it by next TAC call."), s("next TAC call"));
            assert_eq!(due("reviewed by the team"), None);
            assert_eq!(
                due("Wait till vulnerability scans are complete before releasing 4.0.0"),
                s("vulnerability scans are complete before releasing 4.0.0")
            );
            assert_eq!(
                due("Clean up the list in preparation for the TSC election (Todd)"),
                s("the TSC election")
            );
            assert_eq!(
                due("Spin up the next board for 03/22 to add content"),
                s("03/22")
            );
            assert_eq!(due("Kickoff meeting during Dev Sync on 10/05"), s("10/05"));
            assert_eq!(
                due("Team discussion for next office hours"),
                s("next office hours")
            );
            assert_eq!(due("Create tickets for the design team"), None);
            assert_eq!(due("Follow up with Vidit on next steps for tooling"), None);
            assert_eq!(
                due("Go over scenarios that come up during on call situations"),
                None
            );
            assert_eq!(
                due("Hear more on risk-based testing *potentially during Cake Layer 2 kickoff*"),
                s("Cake Layer 2 kickoff")
            );
            assert_eq!(
                due("Share the roadmap *as part of Cake Layer 2 Kickoff*"),
                s("Cake Layer 2 Kickoff")
            );
            assert_eq!(due("Document the steps as part of the design team"), None);
            assert_eq!(
                due("Feature Flag Demo (High level - Parking Lot 10/04, Tech - Dev Sync 10/05)"),
                s("10/04")
            );
            assert_eq!(
                due("Next Design Sync: Discussing how to bring QA in (Jenn)"),
                s("Next Design Sync")
            );
            assert_eq!(due("Next steps: agree the plan"), None);
            assert_eq!(
                due("Merge large changes after feature complete dates"),
                None
            );
            assert_eq!(due("Review 3/4 of the tickets"), None);
            assert_eq!(due("Publish the notes on 14/15 of the pages"), None);
        });
    }
}
