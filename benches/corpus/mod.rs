//! A deterministic generator of realistic client communication reports (seeded), in all
//! three interaction-log forms, with a few flaws each. Used by the benchmark.

/// The month's English name, `month` counted from 0.
fn month_name(month: usize) -> &'static str {
    ccr_lint::document::dates::month_name(i8::try_from(month % 12 + 1).unwrap_or(1))
}

/// xorshift64*: small, fast, and the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const CLIENTS: &[&str] = &[
    "Northwind Logistics",
    "Contoso Pharma",
    "Fabrikam Retail",
    "Tailspin Toys",
    "Adatum Bākery",
    "Litware Inc.",
    "Wide World Importers",
    "Müller & Söhne GmbH",
    "Łódź Textiles",
    "Café Ōsaka",
];
const PEOPLE: &[&str] = &[
    "Jane Doe",
    "Élodie Marchand",
    "Søren Østergaard",
    "Priya Nair",
    "Jürgen Weiß",
    "Zoë O'Brien",
    "Kenji Watanabe",
    "Ana García",
    "Łukasz Żółć",
    "Tomás Ruiz",
    "Wei Zhang",
    "Sam Lee",
];
const METHODS: &[&str] = &[
    "Call",
    "Email",
    "Meeting",
    "Video call",
    "Site visit",
    "Chat",
    "Phone call",
];
const SUMMARIES: &[&str] = &[
    "Reviewed the proposal and agreed on a phased rollout.",
    "The client requested a revised quote for the second site.",
    "Discussed the delivery schedule; a follow-up meeting was scheduled.",
    "We're gonna send the updated pricing ASAP, they don't like the old one.",
    "Clarified the budget figures and the acceptance criteria for the pilot.",
    "Escalated the invoice issue to the finance team for resolution.",
    "Basically the client was really unhappy about the delay!",
    "Shared the documentation and collected feedback from the stakeholders.",
];
const TASKS: &[&str] = &[
    "Send the revised proposal",
    "Book the follow-up meeting",
    "Prepare the pilot documentation",
    "Confirm the delivery dates",
    "Share the incident report",
    "Update the pricing sheet",
];

/// One report of roughly `entries` interaction-log entries; `form` 0 = table, 1 = list, 2 = sub-headings.
pub fn report(rng: &mut Rng, entries: usize, form: usize) -> String {
    let client = rng.pick(CLIENTS);
    let month = rng.below(12);
    let year = 2024;
    let mname = month_name(month);
    let mut s = String::with_capacity(entries * 160 + 2048);
    s.push_str(&format!(
        "# Client Communication Report — {client}, {mname} {year}\n\n"
    ));
    s.push_str("## Executive Summary\n\n");
    s.push_str(&format!(
        "This report summarizes interactions with {client} from {mname} 1, {year} to {mname} 28, {year}. \
         {} interactions took place; the main topics were pricing, delivery and the pilot.\n\n",
        entries
    ));
    if rng.chance(70) {
        s.push_str("## Client Details\n\n");
        s.push_str(&format!(
            "- **Client:** {client}\n- **Company:** {client}\n- **Primary Contact:** {}\n\n",
            rng.pick(PEOPLE)
        ));
    } else {
        s.push_str(&format!(
            "## Client Info\n\nClient: [Client Name]\nCompany: {client}\n\n"
        ));
    }
    s.push_str(&format!(
        "## Time Period\n\n{mname} 1–28, {year}\n\n## Interaction Log\n\n"
    ));
    if form == 0 {
        s.push_str(
            "| Date | Time | Method | Participants | Summary |\n| --- | --- | --- | --- | --- |\n",
        );
    }
    for i in 0..entries {
        let day = 1 + (i * 27 / entries.max(1)).min(27);
        let date = if rng.chance(3) {
            format!("{:02}/{:02}/{year}", month + 1, day)
        } else {
            format!("{mname} {day}, {year}")
        };
        let time = format!("{:02}:{:02}", 8 + rng.below(10), rng.below(4) * 15);
        let method = rng.pick(METHODS);
        let people = format!("{}, {}", rng.pick(PEOPLE), rng.pick(PEOPLE));
        let summary = rng.pick(SUMMARIES);
        match form {
            0 => s.push_str(&format!("| {date} | {time} | {method} | {people} | {summary} |\n")),
            1 => s.push_str(&format!(
                "- **{date}, {time}** — {method} — Participants: {people} — Summary: {summary}\n"
            )),
            _ => s.push_str(&format!(
                "### {date} — {method}\n\nTime: {time}\nParticipants: {people}\nSummary: {summary}\n\n"
            )),
        }
    }
    s.push_str("\n## Action Items\n\n");
    for _ in 0..(3 + entries / 10) {
        let owner = if rng.chance(10) {
            "TBD"
        } else {
            rng.pick(PEOPLE)
        };
        let done = if rng.chance(30) { "x" } else { " " };
        s.push_str(&format!(
            "- [{done}] {} — Owner: {owner} — Due: {mname} {}, {year}\n",
            rng.pick(TASKS),
            1 + rng.below(28)
        ));
    }
    if rng.chance(85) {
        s.push_str("\n## Issues and Resolutions\n\n- Late delivery notes. Resolution: notes now ship with each order.\n");
    }
    s.push_str(&format!(
        "\n## Next Steps\n\n- A follow-up meeting is scheduled for {} 3, {year} to further discuss the pilot.\n",
        month_name((month + 1) % 12)
    ));
    s.push_str("\n## Attachments\n\n- [Proposal](https://example.com/proposal.pdf)\n");
    s
}

/// Small reports of 2–15 KB.
pub fn small_corpus(seed: u64, count: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|i| {
            let entries = 6 + rng.below(70);
            report(&mut rng, entries, i % 3)
        })
        .collect()
}

/// A report of about `megabytes` MB (tens of thousands of entries).
pub fn large_report(seed: u64, megabytes: usize, form: usize) -> String {
    let mut rng = Rng::new(seed);
    // About 130 bytes per entry across forms.
    report(&mut rng, megabytes * 1_000_000 / 130, form)
}
