#!/usr/bin/env bash
# Proves the pre-commit hook works for real: installs pre-commit from PyPI into a virtual
# environment, makes a throw-away git repository with a flawed and a clean report, and runs
# `pre-commit try-repo <this repository> ccr-lint` on each. The hook must fail on the flawed
# report and pass on the clean one. pre-commit builds ccr-lint with cargo (language: rust).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
precommit="$work/venv/bin/pre-commit"
# Keep pre-commit's environments (the built binary) out of the user's cache.
export PRE_COMMIT_HOME="$work/cache"
# `cargo install` (run by pre-commit) reuses compiled dependencies from the usual target dir.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"

mkdir "$work/reports-repo"
cd "$work/reports-repo"
git init --quiet
git config user.email ci@example.invalid
git config user.name CI
mkdir reports
cp "$repo/tests/fixtures/clean/list-form.md" reports/clean.md
cat > reports/flawed.md <<'REPORT'
# Client Communication Report

## Summary

This report covers [Client Name].
REPORT
git add reports
git commit --quiet -m "reports"

echo "== pre-commit try-repo on the flawed report (must fail, reporting the report's errors)"
if "$precommit" try-repo "$repo" ccr-lint --files reports/flawed.md 2>&1 | tee "$work/flawed.log"; then
  echo "FAIL: the hook passed on a flawed report" >&2
  exit 1
fi
if ! grep -q "reports/flawed.md:5:.*CCR204 unfilled-placeholder" "$work/flawed.log"; then
  echo "FAIL: the hook did not fail because of the report's errors" >&2
  exit 1
fi

echo "== pre-commit try-repo on the clean report (must pass)"
if ! "$precommit" try-repo "$repo" ccr-lint --files reports/clean.md; then
  echo "FAIL: the hook failed on a clean report" >&2
  exit 1
fi
echo "== pre-commit try-repo ccr-lint-fix on a report with an alias heading (must fix it)"
sed 's/^## Client Details$/## Client Info/' reports/clean.md > reports/alias.md
git add reports/alias.md
if "$precommit" try-repo "$repo" ccr-lint-fix --files reports/alias.md; then
  echo "FAIL: the fix hook did not report that it changed the file" >&2
  exit 1
fi
if ! cmp -s reports/alias.md reports/clean.md; then
  echo "FAIL: the fix hook did not restore the canonical heading" >&2
  diff reports/clean.md reports/alias.md >&2 || true
  exit 1
fi
echo "pre-commit hooks: ok (ccr-lint fails on the flawed report and passes on the clean one; ccr-lint-fix fixes)"
