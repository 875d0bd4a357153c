package html

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/boardpack/boardpack/internal/doc"
)

// Colours of the page besides the accent and the RAG key: text, secondary
// text, rules and fills, each with at least 4.5:1 contrast for the text
// drawn on it.
const (
	cText   = "#1a1a1a"
	cGrey   = "#505a5f" // 7:1 on white
	cRule   = "#b1b4b6"
	cTile   = "#f6f7f9"
	cZebra  = "#f3f2f1"
	cGroup  = "#dce3ef"
	cLink   = "#1d4f91"
	cFocus  = "#ffdd00"
	cStop   = "#a4151c" // NOT FOR PUBLICATION
	cPanel  = "#f3f2f1"
	cShadow = "#0b0c0c"
)

func hex(c doc.Colour) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// stylesheet is the page's CSS: the house style for screen (reflowing down
// to 320 CSS pixels), and for print.
func stylesheet(accent doc.Colour, rag []ragStyle) string {
	var b strings.Builder
	b.WriteString(strings.ReplaceAll(baseCSS, "ACCENT", hex(accent)))
	for i, r := range rag {
		n := strconv.Itoa(i)
		fmt.Fprintf(&b, ".rag-%s{background:%s;color:%s}.edge-rag-%s{border-left-color:%s}\n", n, hex(r.fill), hex(r.text), n, hex(r.fill))
	}
	fmt.Fprintf(&b, ".rag-unknown{background:%s;color:%s}.edge-rag-unknown{border-left-color:#808080}\n", hex(unknownRAG), cText)
	return b.String()
}

const baseCSS = `*,*::before,*::after{box-sizing:border-box}
html{font-family:Arial,"Liberation Sans",Helvetica,sans-serif;font-size:100%;line-height:1.5;color:` + cText + `;background:#fff;-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;overflow-wrap:break-word}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
a{color:` + cLink + `;text-decoration:underline;text-decoration-thickness:max(1px,.0625rem);text-underline-offset:.15em}
a:hover{text-decoration-thickness:max(3px,.1875rem)}
:focus-visible{outline:3px solid ` + cShadow + `;outline-offset:0;box-shadow:0 0 0 6px ` + cFocus + `}
a:focus-visible{outline:3px solid transparent;color:` + cShadow + `;background:` + cFocus + `;box-shadow:0 -2px ` + cFocus + `,0 4px ` + cShadow + `;text-decoration:none}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;border:0!important;white-space:nowrap!important}
.skip{position:absolute;left:-9999px;top:0}
.skip:focus{position:static;display:block;padding:.5rem 1rem;background:` + cFocus + `;color:` + cShadow + `}
.masthead{background:ACCENT;color:#fff}
.masthead .wrap{display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem 1.5rem;padding-top:.75rem;padding-bottom:.75rem}
.masthead p{margin:0}
.masthead-org{font-weight:700;font-size:1.125rem}
.masthead-paper{flex:1 1 12rem}
.marking{font-weight:700;border:2px solid #fff;padding:0 .5rem;letter-spacing:.03em}
.marking.restricted{background:` + cStop + `;border-color:` + cStop + `;padding:.15rem .6rem}
.draft{background:#fff7d6;border-bottom:4px solid ` + cStop + `;margin:-1.5rem 0 1.5rem}
.draft p{margin:0;padding:.6rem 0}
main{display:block;padding:1.5rem 0 2.5rem}
main:focus{outline:none}
.title-block{margin-bottom:2rem;padding-top:.5rem}
.title-block::after{content:"";display:table;clear:both}
.logo{float:right;margin:0 0 .5rem 1rem;max-width:40%;height:auto}
.title-org{margin:0;font-weight:700;font-size:.9375rem;letter-spacing:.04em;text-transform:uppercase;color:ACCENT}
h1,h2,h3,h4{font-weight:700;line-height:1.25;color:ACCENT;margin:2rem 0 .75rem;max-width:42rem}
h1{font-size:2.25rem;margin:.5rem 0 .5rem}
h2{font-size:1.5rem;padding-top:.5rem;border-top:1px solid ` + cRule + `;max-width:none}
h3{font-size:1.1875rem}
h4{font-size:1rem;color:` + cText + `}
.title-again{font-size:1.5rem;font-weight:700;color:ACCENT;margin:.5rem 0}
.subtitle{font-size:1.25rem;color:` + cGrey + `;margin:0 0 1rem}
p,li{max-width:42rem}
p{margin:0 0 1rem}
.lead{font-size:1.1875rem}
.note{font-size:.875rem;color:` + cGrey + `}
.numbered{position:relative;padding-left:2.75rem;max-width:44.75rem}
.num{position:absolute;left:0;font-variant-numeric:tabular-nums}
ul,ol{margin:0 0 1rem;padding-left:1.5rem}
li{margin-bottom:.35rem}
ol{list-style:lower-alpha}
ol>li::marker{content:counter(list-item,lower-alpha) ") "}
.fields{margin:1rem 0 0;border-top:2px solid ACCENT}
.fields div{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:0 1rem;padding:.4rem 0;border-bottom:1px solid ` + cRule + `}
.fields dt{font-weight:700;color:ACCENT}
.fields dd{margin:0}
.contents{margin:0 0 2rem;padding:1rem 1.25rem;background:` + cPanel + `;border-left:.3rem solid ACCENT}
.contents h2{border:0;padding:0;margin-top:0}
.contents ul{list-style:none;padding-left:0;margin:0}
.contents ul ul{padding-left:1.5rem;margin:.35rem 0 .5rem}
.contents li{margin:.35rem 0}
.contents>ul>li>a{font-weight:700}
.table-wrap{overflow-x:auto;margin:0 0 1.5rem;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.875rem;line-height:1.35;font-variant-numeric:tabular-nums}
table.wide{min-width:46rem}
caption{text-align:left;font-weight:700;font-size:1rem;padding:0 0 .5rem;color:` + cText + `}
th,td{padding:.4rem .5rem;border:1px solid ` + cRule + `;text-align:left;vertical-align:top}
thead th,thead td{background:ACCENT;color:#fff;font-weight:700;vertical-align:bottom;border-color:ACCENT}
tbody th{font-weight:400}
tr.alt>:not(.rag){background:` + cZebra + `}
tr.group th{background:` + cGroup + `;color:ACCENT;font-weight:700}
.r{text-align:right}
.c{text-align:center}
.b{font-weight:700}
td.rag,th.rag{font-weight:700}
.rag-key{width:auto;min-width:min(100%,30rem)}
.rag-key th.rag{text-align:center;min-width:4rem}
.caption{font-weight:700}
.tiles{list-style:none;padding:0;margin:1.5rem 0 2rem;display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem}
.tile{background:` + cTile + `;border:1px solid #c8c8c8;border-left:.4rem solid #c8c8c8;padding:.75rem 1rem;margin:0;max-width:none}
.tile p{margin:0}
.tile-label{color:` + cGrey + `;font-size:.9375rem}
.tile-value{font-size:2rem;font-weight:700;color:ACCENT;line-height:1.25}
.tile-change{font-size:.875rem}
.badge{display:inline-block;font-weight:700;font-size:.8125rem;padding:0 .4rem;margin-left:.25rem;white-space:nowrap}
figure{margin:1.5rem 0 2rem}
.chart-title{font-weight:700;margin:0 0 .5rem;max-width:42rem}
figure svg{display:block;max-width:100%;height:auto}
.source{font-size:.875rem;color:` + cGrey + `;margin:.5rem 0}
details{margin:.5rem 0 0}
summary{cursor:pointer;color:` + cLink + `;text-decoration:underline;text-underline-offset:.15em;max-width:42rem}
summary:focus-visible{outline:3px solid transparent;color:` + cShadow + `;background:` + cFocus + `;box-shadow:0 -2px ` + cFocus + `,0 4px ` + cShadow + `;text-decoration:none}
details[open]>summary{margin-bottom:.5rem}
details .table-wrap{margin-bottom:.5rem}
details table{width:auto;min-width:min(100%,20rem)}
details tbody th{min-width:4.5rem}
.lines{font-size:.875rem}
.chart-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1.5rem 1.25rem;margin:1.5rem 0 .5rem}
.chart-grid figure{margin:0;display:flex;flex-direction:column}
.chart-grid .chart-title{font-size:.9375rem;flex:1 0 auto}
.chart-unavailable{padding:1rem;background:` + cPanel + `;border:1px solid ` + cRule + `;font-style:italic}
.page-footer{border-top:1px solid ` + cRule + `;padding:1rem 0 2rem;color:` + cGrey + `;font-size:.875rem}
.page-footer p{margin:0 0 .25rem}
.marking-footer{font-weight:700;color:` + cText + `}
@media (max-width:40rem){
h1{font-size:1.75rem}
h2{font-size:1.25rem}
.fields div{grid-template-columns:1fr}
.numbered{padding-left:2.25rem}
}
@media print{
@page{size:A4;margin:15mm 15mm 18mm}
@page landscape{size:A4 landscape}
html{font-size:10.5pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.wrap{max-width:none;padding:0}
.skip,.contents,details{display:none}
.masthead{background:none;color:` + cText + `;border-bottom:2px solid ACCENT}
.masthead .wrap{padding:0 0 .25rem}
.marking{border-color:` + cText + `}
.marking.restricted{color:#fff}
main{padding:1rem 0 0}
.draft{margin:-1rem 0 1rem}
a{color:inherit;text-decoration:none}
.part+.part{break-before:page}
.landscape{page:landscape}
.page-break{break-before:page}
h1,h2,h3,h4,caption,.chart-title{break-after:avoid}
tr,.tile,.fields div,figure svg{break-inside:avoid}
.chart-grid figure{break-inside:avoid}
thead{display:table-header-group;break-after:avoid}
thead+tbody>tr:first-child,tr.group+tr{break-before:avoid}
.table-wrap{overflow:visible}
table.wide{min-width:0}
figure svg{max-height:120mm;width:auto;margin:0}
.page-footer{padding:.5rem 0 0}
}
`
