//! The README's rule table is generated from the registry; this test keeps it current.
//! Run `UPDATE_README=1 cargo test --test readme` to rewrite it.

use ccr_lint::rules;

fn table() -> String {
    let mut out = String::from(
        "| code | name | default | fix | what it checks |\n| --- | --- | --- | --- | --- |\n",
    );
    for m in rules::all() {
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            m.code,
            m.name,
            m.severity,
            m.fix.as_str(),
            m.summary
        ));
    }
    out
}

#[test]
fn readme_rule_table_matches_the_registry() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md exists");
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = readme
        .find(start)
        .expect("README has the rules:start marker")
        + start.len();
    let b = readme.find(end).expect("README has the rules:end marker");
    let want = table();
    if readme[a..b] != want {
        if std::env::var_os("UPDATE_README").is_some() {
            let updated = format!("{}{}{}", &readme[..a], want, &readme[b..]);
            std::fs::write(path, updated).expect("README.md is writable");
            return;
        }
        panic!("README rule table is out of date; run `UPDATE_README=1 cargo test --test readme`");
    }
}
