<#include "labels.ftl">
<#-- Markdown has no auto-escaping: table cells escape | and line breaks, text escapes markup characters. -->
<#function md text><#return text?replace("\\", "\\\\")?replace("|", "\\|")?replace("*", "\\*")?replace("_", "\\_")?replace("<", "&lt;")?replace("\n", " ")></#function>
<#assign todo = gaps(a.sections)>
# サイバーセキュリティ対策 評価報告書: ${md(a.facility.name)}

| | |
|---|---|
| 施設の種類 | ${facilityTypeLabel[a.facility.type]!a.facility.type}<#if a.facility.licensedBeds??>(<#if a.facility.licensedBeds == 0>無床<#else>許可病床 ${a.facility.licensedBeds} 床</#if>)</#if> |
| 評価日 | ${wareki(a.assessedOn)}(${fiscalYear(a.assessedOn)}) |
| 適用したチェックリスト | ${a.checklist.edition} ${a.checklist.form}(期限: ${wareki(a.checklist.deadline)}) |
<#if a.gate??>| ${md(a.gate.text)} | **${gateLabel[a.gate.status]}** |
</#if>

**不適合 ${a.counts.notMet} ・ 未回答 ${a.counts.unanswered} ・ 適合 ${a.counts.met} ・ 該当なし ${a.counts.notApplicable}**(全 ${a.counts.total} 項目)

## 対応が必要な項目(${todo?size} 件)
<#if !todo?has_content>

対応が必要な項目はありません。
</#if>
<#list todo as g>

### ${cellName(g.cell)} 【${statusLabel[g.cell.status]}】<#if g.cell.due??> 期限 ${wareki(g.cell.due)}<#if g.cell.overdue!false>(期限超過)</#if></#if>

${md(g.text)}

<#list g.cell.findings?filter(f -> f.status == "not_met" || f.status == "unanswered") as f>
- ${md(f.evidence)}<#if f.remediation??>
  - 対応: ${md(f.remediation)}</#if>
<#else>
- ${noFindings}
</#list>
</#list>

## 全項目の判定
<#list a.sections as s>

### ${s.number}. ${md(s.title)}

| 項目 | 判定 | 根拠 |
|---|---|---|
<#list s.items as i><#list i.cells as c>
| ${cellName(c)} | ${statusLabel[c.status]} | <#list c.findings as f>${md(f.evidence)}<#sep><br></#sep><#else>${noFindings}</#list> |
</#list></#list>
</#list>
