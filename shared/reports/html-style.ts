/**
 * @module The inline stylesheet of the HTML report: system fonts only (no external font), readable
 * on screen and on paper (`@media print` keeps colours, drops shadows, avoids splitting rows).
 */
export const REPORT_CSS = `
*{box-sizing:border-box}
body{margin:0;padding:24px 32px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2933;background:#f5f7fa}
main{max-width:1040px;margin:0 auto}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:16px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid #d9e2ec}
.sub{color:#52606d;margin:0 0 16px}
.banner{background:#fdecea;border:1px solid #c62828;color:#8e1b1b;padding:10px 14px;border-radius:6px;margin:12px 0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}
.card{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px rgba(0,0,0,.05)}
.card b{display:block;font-size:26px;line-height:1.2}
.card span{color:#52606d;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.card.ok b{color:#2e7d32}.card.warn b{color:#b26a00}.card.bad b{color:#c62828}
.panel{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:12px 14px}
.chart{width:100%;height:auto;display:block;font-size:11px;fill:#52606d}
.chart .grid{stroke:#e4e7eb;stroke-width:1}
.chart .kind{fill:#9aa5b1;font-size:10px}
.legend{margin:6px 0 0;font-size:12px;color:#52606d}
.legend span{margin-right:14px;white-space:nowrap}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d9e2ec;font-size:13px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eef2f6;vertical-align:top}
th{background:#f0f4f8;font-weight:600;color:#334e68}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.name{white-space:nowrap;font-weight:500}
.tag{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}
.tag.ok{background:#e6f4ea;color:#1e5e22}.tag.warn{background:#fff4d6;color:#7a4f00}
.tag.bad{background:#fdecea;color:#8e1b1b}.tag.muted{background:#eef2f6;color:#52606d}
.reasons{margin:0;padding-left:16px;color:#52606d}
.empty{color:#52606d;font-style:italic}
.more{color:#52606d;font-size:12px;margin:6px 0 0}
footer{margin-top:28px;color:#7b8794;font-size:12px}
@media print{
  body{background:#fff;padding:0;font-size:11px}
  .card,.panel{box-shadow:none}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  h2{break-after:avoid}
  tr,.card,.panel{break-inside:avoid}
  thead{display:table-header-group}
}
`
