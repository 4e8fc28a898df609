/** The HTML report's stylesheet: inline, print-ready (A4, no navigation, no split rows). */
export const reportStyle = `
:root { color-scheme: light; --text: #1b1f24; --muted: #57606a; --rule: #d0d7de; --code: #f6f8fa; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--text); background: #fff; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .4rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.6rem 0 .6rem; }
.byline { color: var(--muted); margin: 0 0 1rem; }
nav ol { columns: 2; margin: 0 0 1rem; padding-left: 1.2rem; color: var(--muted); }
nav a { color: var(--accent); text-decoration: none; }
code { font: .88em/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--code); padding: .1em .3em; border-radius: 3px; overflow-wrap: anywhere; }
pre { background: var(--code); border: 1px solid var(--rule); border-radius: 6px; padding: .8rem 1rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { background: none; padding: 0; font-size: .82rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid var(--rule); padding: .35rem .55rem; text-align: left; vertical-align: top; }
th { background: var(--code); }
table.facts th { width: 14rem; font-weight: 600; }
ul, ol { padding-left: 1.4rem; }
li { margin: .25rem 0; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 6px; }
figcaption { color: var(--muted); font-size: .85rem; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h2, h3 { break-after: avoid; }
  tr, li, figure, pre { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
