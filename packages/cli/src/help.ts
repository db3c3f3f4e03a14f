/**
 * The help texts, by command: `privlint --help` gives the overview, `privlint <command> --help` (or `privlint help
 * <command>`) the command's own options. `docs/cli.md` shows each one exactly as printed (a test compares them).
 */

export const helpText = `Usage: privlint <command> [options]

Commands:
  scan [dir]                 Scan a project (default: the current folder) and report what its code does with
                             personal data, against its privacy.yml.
  diff <old.json> <new.json> What a change adds or removes: categories, recipients, flows, findings.
  init [dir]                 Scan, then write a starter privacy.yml from what the code does, with purposes
                             proposed from the catalogue and marked for review.
  policy check <policy> [dir]
                             Hold a privacy policy (Markdown, HTML or text) against what the code does: data and
                             recipients it never mentions, promises the code breaks.
  policy draft [dir]         Draft the policy sections from what the code does and privacy.yml declares.

Run \`privlint <command> --help\` for the options of a command.

Other options:
  -h, --help                 Show this help.
  -v, --version              Show the version.

Exit codes: 0 nothing at or above --fail-on, 1 findings or files not analysed completely (or, for diff with
--fail-on-new, additions), 2 usage or configuration error.
`;

export const commandHelp = {
  scan: `Usage: privlint scan [dir] [options]

Scan a project (default: the current folder) and report what its code does with personal data, against the nearest
privacy.yml from dir upward (up to the repository root). Paths in reports are relative to that manifest's folder.

Options:
  --config <file>            The privacy manifest (default: the nearest privacy.yml or privacy.yaml upward).
  --format <name>            text (default), json, sarif, markdown, html or fides; repeat for several.
  --output <file|dir>        Write there instead of standard output (a folder when there are several formats);
                             standard output then carries a one-line summary.
  --skip-path <glob>         Skip these paths too (relative to the manifest's folder, like its ignore:); repeatable.
  --quiet                    Report errors only: warnings are left out of every report (as --severity error).
  --severity <level>         The lowest severity reported: warning (default) or error.
  --fail-on <level>          error (default), warning or never: exit 1 when findings at that level remain.
  --baseline <file>          Accept the findings recorded in this baseline: reported, but they do not fail.
  --write-baseline <file>    Record the current findings as the baseline (then exit 0).
  --fail-on-incomplete <yes|no>
                             yes (default): exit 1 when a file could not be analysed completely (too deep for
                             TypeScript, an analysis error, a time budget cut); no: such files are only reported.
  --read-outside-root        Follow symbolic links and tsconfig paths that lead out of the project (the folder
                             holding .git, else dir); by default they are skipped, with the reason.
  --timestamp                Record the time in reports (off by default: output is byte-identical across runs).
  -h, --help                 Show this help.

Exit codes: 0 nothing at or above --fail-on, 1 findings or files not analysed completely, 2 usage or configuration
error.
`,
  diff: `Usage: privlint diff <old.json> <new.json> [options]

What a change adds or removes, between two inventories from \`privlint scan --format json\`: categories of personal
data, recipients, flows, findings.

Options:
  --format <name>            text (default), json or markdown.
  --fail-on-new              Exit 1 when the change adds anything.
  -h, --help                 Show this help.

Exit codes: 0 done (or nothing added, with --fail-on-new), 1 additions with --fail-on-new, 2 usage error.
`,
  init: `Usage: privlint init [dir]

Scan dir (default: the current folder) on its own, then write dir/privacy.yml from what the code does: the
recipients it reaches with the categories they receive, purposes proposed from the catalogue and marked \`review:\`
(privlint scan warns until a person has checked them), and the cookies it writes. Never overwrites a manifest.

Options:
  --read-outside-root        As for scan.
  -h, --help                 Show this help.

Exit codes: 0 written, 2 usage error or a manifest already there.
`,
  policy: `Usage: privlint policy check <policy> [dir] [options]
       privlint policy draft [dir] [options]

check: hold a privacy policy (Markdown, HTML or text) against what the code in dir does: data and recipients it
never mentions, promises the code breaks. draft: the policy sections from what the code does and privacy.yml
declares, in Markdown.

Options:
  --inventory <file>         Use a JSON inventory from \`scan --format json\` instead of scanning dir.
  --config <file>            The privacy manifest, when scanning.
  --read-outside-root        As for scan, when scanning.
  --format <name>            check: text (default), json, markdown or sarif; draft: markdown.
  --output <file>            Write there instead of standard output.
  --fail-on <level>          check: error (default), warning or never.
  --fail-on-incomplete <yes|no>
                             check: as for scan.
  -h, --help                 Show this help.

Exit codes: 0 nothing at or above --fail-on, 1 differences or files not analysed completely, 2 usage or
configuration error.
`,
} as const;

export type CommandName = keyof typeof commandHelp;
