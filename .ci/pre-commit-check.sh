#!/usr/bin/env bash
# Proves the pre-commit setup the docs show works for real. Installs pre-commit from PyPI
# into a virtual environment and makes a throw-away git repository of reports, then:
#  1. takes the first yaml block of docs/ci.md's "## pre-commit" section, as written, as the
#     repository's .pre-commit-config.yaml, installs ccr-lint as the page says
#     (`cargo install --locked --path`), and makes real commits: the hook must reject a
#     flawed report and accept a clean one; the page's commented-out fix hook, uncommented,
#     must fix an alias heading;
#  2. runs both hooks of this repository's .pre-commit-hooks.yaml (language: rust, built by
#     pre-commit with cargo) with `pre-commit try-repo`.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
precommit="$work/venv/bin/pre-commit"
# Keep pre-commit's environments (the built binary) out of the user's cache.
export PRE_COMMIT_HOME="$work/cache"
# `cargo install` (run here and by pre-commit) reuses compiled dependencies from the usual
# target dir.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
# These builds (one here, one per try-repo below, each of a fresh copy of the repository)
# test how the hooks are wired, not the optimiser: without whole-program optimisation each
# takes about a minute instead of three.
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16

# The snippet, exactly as the page shows it.
python3 - "$repo/docs/ci.md" > "$work/snippet.yaml" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
section = page.split("\n## pre-commit\n", 1)[1]
block = section.split("```yaml\n", 1)[1].split("\n```", 1)[0]
print(block)
PY
echo "== the snippet from docs/ci.md"
cat "$work/snippet.yaml"

echo "== cargo install --locked --path (as docs/ci.md says)"
cargo install --quiet --locked --path "$repo" --root "$work/install"
export PATH="$work/install/bin:$PATH"
ccr-lint --version

mkdir "$work/reports-repo"
cd "$work/reports-repo"
git init --quiet
git config user.email ci@example.invalid
git config user.name CI
git config commit.gpgsign false
cp "$work/snippet.yaml" .pre-commit-config.yaml
git add .pre-commit-config.yaml
git commit --quiet --no-verify -m "pre-commit config from docs/ci.md"
"$precommit" install

mkdir reports
cat > reports/flawed.md <<'REPORT'
# Client Communication Report

## Summary

This report covers [Client Name].
REPORT
echo "== git commit of a flawed report with the documented hook (must be rejected)"
git add reports/flawed.md
if git commit -m "flawed report" > "$work/flawed.log" 2>&1; then
  cat "$work/flawed.log"
  echo "FAIL: the documented hook let a flawed report be committed" >&2
  exit 1
fi
cat "$work/flawed.log"
if ! grep -q "reports/flawed.md:5:20: error\[CCR204 unfilled-placeholder\]" "$work/flawed.log"; then
  echo "FAIL: the commit was not rejected because of the report's errors" >&2
  exit 1
fi
git reset --quiet

echo "== git commit of a clean report with the documented hook (must pass)"
cp "$repo/tests/fixtures/clean/list-form.md" reports/clean.md
git add reports/clean.md
if ! git commit -m "clean report"; then
  echo "FAIL: the documented hook rejected a clean report" >&2
  exit 1
fi

echo "== the documented fix hook, uncommented (must fix an alias heading)"
# The hook lines commented out under `hooks:`, uncommented; comment lines in prose stay.
python3 - "$work/snippet.yaml" > .pre-commit-config.yaml <<'PY'
import re, sys
out = []
for line in open(sys.argv[1], encoding="utf-8").read().splitlines():
    m = re.match(r"^(\s*)# (\s*(- id:|[a-z_]+:).*)$", line)
    out.append(m.group(1) + m.group(2) if m else line)
print("\n".join(out))
PY
grep -q "id: ccr-lint-fix" .pre-commit-config.yaml
sed 's/^## Client Details$/## Client Info/' reports/clean.md > reports/alias.md
git add .pre-commit-config.yaml reports/alias.md
if "$precommit" run ccr-lint-fix --files reports/alias.md; then
  echo "FAIL: the fix hook did not report that it changed the file" >&2
  exit 1
fi
if ! cmp -s reports/alias.md reports/clean.md; then
  echo "FAIL: the fix hook did not restore the canonical heading" >&2
  diff reports/clean.md reports/alias.md >&2 || true
  exit 1
fi
git reset --quiet --hard
git add reports/flawed.md
git commit --quiet --no-verify -m "flawed report, for try-repo"

echo "== pre-commit try-repo on this repository's hooks (.pre-commit-hooks.yaml)"
if "$precommit" try-repo "$repo" ccr-lint --files reports/flawed.md 2>&1 | tee "$work/try.log"; then
  echo "FAIL: the hook repository's ccr-lint hook passed on a flawed report" >&2
  exit 1
fi
grep -q "reports/flawed.md:5:.*CCR204 unfilled-placeholder" "$work/try.log"
"$precommit" try-repo "$repo" ccr-lint --files reports/clean.md
sed 's/^## Client Details$/## Client Info/' reports/clean.md > reports/alias.md
git add reports/alias.md
if "$precommit" try-repo "$repo" ccr-lint-fix --files reports/alias.md; then
  echo "FAIL: the hook repository's fix hook did not report that it changed the file" >&2
  exit 1
fi
cmp -s reports/alias.md reports/clean.md
echo "pre-commit: ok (the documented snippet rejects a flawed report and accepts a clean one in real commits, its fix hook fixes; the hook repository's hooks work with try-repo)"
