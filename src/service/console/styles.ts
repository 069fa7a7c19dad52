/**
 * The console's one stylesheet, served from /console/assets/console.css (no CDN, no web fonts).
 * Colours meet WCAG AA contrast on white; focus is always visible for keyboard users.
 */
export const CONSOLE_CSS = `
:root { --fg: #1b1b1b; --muted: #4a4a4a; --link: #0b4fb3; --line: #c9c9c9; --bg-alt: #f3f4f6;
  --warn-bg: #fff4ce; --warn-fg: #5c4400; --err-bg: #fde7e9; --err-fg: #8a1020; --ok-bg: #e6f4ea; --ok-fg: #0d5223; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
  outline: 3px solid #1a5fd0; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5em 1em; }
.skip:focus { left: .5em; z-index: 10; }
header.top { display: flex; flex-wrap: wrap; gap: 1em; align-items: center; padding: .6em 1.2em; background: #14213d; color: #fff; }
header.top a, header.top .who { color: #fff; }
header.top nav ul { list-style: none; display: flex; gap: 1em; margin: 0; padding: 0; }
header.top nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
header.top .brand { font-weight: 700; margin-right: 1em; text-decoration: none; }
header.top form { margin-left: auto; display: flex; gap: .6em; align-items: center; }
main { padding: 1em 1.2em 3em; max-width: 1400px; }
h1 { font-size: 1.45em; margin: .3em 0 .6em; }
h2 { font-size: 1.15em; margin: 1.4em 0 .5em; }
form.inline { display: flex; flex-wrap: wrap; gap: .8em; align-items: flex-end; margin: .5em 0 1em; }
form.inline label { display: flex; flex-direction: column; font-size: .9em; color: var(--muted); gap: .2em; }
form.inline label.check { flex-direction: row; align-items: center; gap: .4em; }
input[type=text], input[type=password], input[type=search], select { font: inherit; padding: .35em .5em; border: 1px solid #767676; border-radius: 4px; min-width: 9em; max-width: 100%; }
button { font: inherit; padding: .4em .9em; border: 1px solid #0b4fb3; background: #0b4fb3; color: #fff; border-radius: 4px; cursor: pointer; white-space: nowrap; }
button.secondary { background: #fff; color: #0b4fb3; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; }
caption { text-align: left; font-weight: 600; padding: .3em 0; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .35em .5em; overflow-wrap: break-word; }
td code, td pre { overflow-wrap: anywhere; }
table.fixed { table-layout: fixed; }
table.fixed td { overflow-wrap: anywhere; }
table.state th:first-child { width: 9em; }
table.timeline th:nth-child(1) { width: 12em; }
table.fixed td.nowrap { white-space: normal; }
table.timeline th:nth-child(2) { width: 30%; }
table.timeline th:nth-child(3) { width: 13%; }
th { background: var(--bg-alt); font-weight: 600; overflow-wrap: normal; }
td:nth-child(3) { min-width: 7em; }
td.nowrap { white-space: nowrap; }
pre, code { font: 13px/1.35 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
pre { margin: 0; white-space: pre-wrap; word-break: break-word; max-height: 16em; overflow: auto; }
ul.changes { margin: 0; padding-left: 1.1em; }
.before { color: var(--err-fg); } .after { color: var(--ok-fg); }
.muted { color: var(--muted); font-size: .9em; }
.notice { padding: .6em .9em; border-radius: 4px; margin: .6em 0; }
.notice.warn { background: var(--warn-bg); color: var(--warn-fg); }
.notice.error { background: var(--err-bg); color: var(--err-fg); }
.notice.ok { background: var(--ok-bg); color: var(--ok-fg); }
.pager { display: flex; gap: 1.2em; align-items: center; margin: .6em 0; }
.cols { display: grid; grid-template-columns: minmax(280px, 1fr) 2.4fr; gap: 1.5em; }
.cols > section { min-width: 0; }
@media (max-width: 900px) { .cols { grid-template-columns: 1fr; } }
.signin { max-width: 28em; margin: 4em auto; }
.signin label { display: block; margin: .8em 0 .3em; font-weight: 600; }
.signin input { width: 100%; }
.signin button { margin-top: 1em; }
`;
