<#include "labels.ftl">
<#-- The filled forms as CSV: UTF-8 with a BOM and CRLF so Excel opens the Japanese correctly; every field quoted (RFC 4180)
     and a would-be formula neutralised, by the same Java code as every CSV kensa writes (kensa.render.Csv). -->
<#function q v><#return csvField(v?string)></#function>
<#function row cells><#return cells?map(v -> q(v))?join(",") + "\r\n"></#function>
<#function date d><#return wareki(d)></#function>
<#-- Wording the checklist data does not vouch for carries its note and source after the text. -->
<#function wording checklist number text>
  <#local notes = (unconfirmedWording[checklist.id]!{})[number]![]>
  <#return text + notes?map(n -> "(文言未確認: " + n.note + "。出典: " + n.source + (n.url?has_content?then(" " + n.url, "")) + ")")?join("")>
</#function>
<#function line checklist vendor section c text>
  <#return row([checklist.form, checklist.edition, vendor, section, c.item, wording(checklist, c.item, text), c.scopeLabel!"", formAnswer[c.status],
      date(c.checkedOn!""), date(c.target!""), statusLabel[c.status],
      {"facts": "事実", "declaration": "申告"}[c.basis!""]!"", (c.contradiction!false)?then("相違", "")])>
</#function>
<#macro rows checklist vendor sections gate={}>
<#if gate.item??>${line(checklist, vendor, "", gate, gate.text)}</#if><#t>
<#list sections?filter(s -> s.onForm!true) as s><#list s.items as i><#list i.cells as c>${line(checklist, vendor, s.number + " " + s.title, c, i.text)}</#list></#list></#list><#t>
</#macro>
${"\xFEFF"}${row(["様式", "版", "事業者", "区分", "番号", "確認事項", "欄", "回答", "確認日", "目標日", "判定", "根拠", "申告との相違"])}<#t>
<@rows checklist=a.checklist vendor="" sections=a.sections gate=a.gate!{}/><#t>
<#list a.vendorForms![] as v><@rows checklist=v.checklist vendor=v.vendor sections=v.sections/></#list><#t>
