<#include "labels.ftl">
<#include "markdown.ftl">
<#function marks item cell>
  <#local m = []>
  <#if item.change??><#local m += [changeLabel[item.change]]></#if>
  <#if cell.reference!false><#local m += ["参考項目"]></#if>
  <#if (cell.basis!"") == "declaration"><#local m += ["自己申告"]></#if>
  <#if cell.contradiction!false><#local m += ["申告と相違"]></#if>
  <#return m?has_content?then(" 〔" + m?join("・") + "〕", "")>
</#function>
<#macro gapList list>
<#list list as g>

### ${cellName(g.cell)} 【${statusLabel[g.cell.status]}】<#if g.cell.due??> 期限 ${wareki(g.cell.due)}<#if g.cell.overdue!false>(期限超過)</#if></#if>${marks(g.item, g.cell)}

${md(g.text)}

<#list failing(g.cell) as f>
- ${md(f.evidence)}<#if f.remediation??>
  - 対応: ${md(f.remediation)}</#if>
<#else>
- <#if (g.cell.basis!"") == "declaration">様式への記入(申告)が「いいえ」です。<#else>${noFindings}</#if>
</#list>
</#list>
</#macro>
<#assign todo = gaps(a.sections)>
<#assign vendorForms = a.vendorForms![]>
<#assign disputed = contradictions(a.sections)>
<#list vendorForms as v><#assign disputed += contradictions(v.sections)?map(d -> d + {"vendor": v.vendor})></#list>
# サイバーセキュリティ対策 評価報告書(詳細): ${md(a.facility.name)}
<#if links["md"]??>

すること・確かめることだけをまとめた[報告書](${links["md"]})もあります。
</#if>

| | |
|---|---|
| 施設の種類 | ${facilityTypeLabel[a.facility.type]!a.facility.type}<#if a.facility.licensedBeds??>(<#if a.facility.licensedBeds == 0>無床<#else>許可病床 ${a.facility.licensedBeds} 床</#if>)</#if> |
| 評価日 | ${wareki(a.assessedOn)}(${fiscalYear(a.assessedOn)}) |
| 適用したチェックリスト | ${a.checklist.edition} ${a.checklist.form}(期限: ${wareki(a.checklist.deadline)})。${selectionReason(a)} |
<#if a.guideline??>| 適用したガイドライン | ${md(a.guideline.title)} ${a.guideline.edition}。${guidelineReason(a)} |
</#if>
<#if a.gate??>| ${md(a.gate.text)} | **${gateLabel[a.gate.status]}**${marks({}, a.gate)} |
</#if>
<#list a.unusedDeclarations![] as u>

> <#if u.vendor??>事業者「${md(u.vendor)}」<#else>施設</#if>の申告(様式 ${md(u.checklist)})は今回適用した様式と異なるため、判定に使っていません。
</#list>

<#assign sum = a.summary>

## 経営層の方へ: 要約

**${s.headline}**

重要度別の件数(回答のない事項を含め、所見ごとに数えています): 緊急 ${sum.gaps.critical}・高 ${sum.gaps.high}・中 ${sum.gaps.medium}・低 ${sum.gaps.low}<#if sum.gaps.overdue gt 0>、うち期限超過 ${sum.gaps.overdue}</#if>
<#if sum.urgentActions?has_content>

### 最優先の対策(上位 ${sum.urgentActions?size} 件)

| 順位 | 重要度 | 対策 | 期限 | 根拠 |
|---|---|---|---|---|
<#list sum.urgentActions as x><#assign f = a.findings[x.finding]>
| ${x.rank} | ${severityLabel[f.severity!""]!"—"} | <#if f.remediation??>${md(f.remediation)}<#else>${md(f.evidence)}</#if><br>〔${statusLabel[f.status]}〕<#if f.subject??>${md(f.subject)}: </#if>${md(f.evidence)} | <#if x.due??>${wareki(x.due)}<#if x.overdue!false>(期限超過)</#if><#else>回答を</#if> | ${md(x.basis?join("、"))} |
</#list>
</#if>

## チェックリストの結果

**不適合 ${a.counts.notMet} ・ 未回答 ${a.counts.unanswered} ・ 適合 ${a.counts.met} ・ 該当なし ${a.counts.notApplicable}**(全 ${a.counts.total} 項目)<#if a.checklist.previousEdition??> 〔新規〕〔変更〕は${a.checklist.previousEdition}からの違いです。</#if>

## 対応が必要な項目(${todo?size} 件)
<#if !todo?has_content>

対応が必要な項目はありません。
</#if>
<@gapList list=todo/>
<#if disputed?has_content>

## 申告と事実の食い違い(${disputed?size} 件)

| 項目 | 申告 | 判定 | 事実 |
|---|---|---|---|
<#list disputed as d>
| <#if d.vendor??>${md(d.vendor)} </#if>${cellName(d.cell)} | ${d.cell.declared} | ${statusLabel[d.cell.status]} | <#list found(d.cell.findings)?filter(f -> f.status == d.cell.status) as f>${md(f.evidence)}<#sep><br></#sep></#list> |
</#list>
</#if>
<#list vendorForms as v>
<#assign vendorTodo = gaps(v.sections)>

## ${v.checklist.form}: ${md(v.vendor)}<#if v.system??>(${md(v.system)})</#if>

回答の受領: <#if v.receivedOn??>${wareki(v.receivedOn)}<#else>記録なし</#if> ・ 不適合 ${v.counts.notMet} ・ 未回答 ${v.counts.unanswered} ・ 適合 ${v.counts.met} ・ 該当なし ${v.counts.notApplicable}
<@gapList list=vendorTodo/>
</#list>

## 全項目の判定
<#list a.sections as section>

### ${section.number}. ${md(section.title)}<#if !(section.onForm!true)>(様式にはない、kensa による照合)</#if>

| 項目 | 判定 | 根拠 |
|---|---|---|
<#list section.items as i><#list i.cells as c>
| ${cellName(c)} | ${statusLabel[c.status]}${marks(c?is_first?then(i, {}), c)} | <#list found(c.findings) as f>${md(f.evidence)}<#sep><br></#sep><#else><#if c.declared??>様式への記入(申告): ${c.declared}<#else>${noFindings}</#if></#list> |
</#list></#list>
</#list>
<#if a.guideline??>
<#assign g = a.guideline>

## ${md(g.title)} ${g.edition}の要件

回答から判定できる ${g.counts.automated} 件: **不適合 ${g.counts.notMet} ・ 未回答 ${g.counts.unanswered} ・ 適合 ${g.counts.met} ・ 該当なし ${g.counts.notApplicable}**<#if (g.counts.recommended!0) gt 0>(ほかに推奨 ${g.counts.recommended} 件)</#if>。判定できない ${g.counts.manual} 件は確認の質問として末尾に示します。
<#list g.volumes?filter(v -> v.condition??) as v>

> **${md(v.title)}**: ${md(conditionNote(v))}
</#list>
<#list g.volumes as v>
<#assign openReqs = openRequirements(v)>
<#if openReqs?has_content>

### ${md(v.title)}: 対応が必要な要件(${openReqs?size} 件)
<#list openReqs as r>

#### ${md(r.number)} 【${statusLabel[r.status]}】<#if r.severity??> 重要度 ${severityLabel[r.severity]}</#if>

${md(r.text)}

<#list found(r.findings)?filter(f -> f.status == "not_met" || f.status == "unanswered") as f>
- <#if f.subject??>${md(f.subject)}: </#if>${md(f.evidence)}<#if f.remediation??>
  - 対応: ${md(f.remediation)}</#if>
<#else>
- ${noFindings}
</#list>
</#list>
</#if>
</#list>
<#assign advised = []><#list g.volumes as v><#list recommendedRequirements(v) as r><#assign advised += [{"v": v, "r": r}]></#list></#list>
<#if advised?has_content>

### 推奨: 勧められている対策と、期限前の対策のうち、まだのもの(${advised?size} 件)

出典が「有効」「望ましい」と勧めるだけの対策と、求められる日の前の対策です。求められている対策(不適合)とは別に示し、不適合の件数には数えていません。
<#list advised as x>

#### ${md(x.v.title)} ${md(x.r.number)} 【推奨】

${md(x.r.text)}

<#list found(x.r.findings)?filter(f -> f.status == "recommended") as f>
- <#if f.subject??>${md(f.subject)}: </#if>${md(f.evidence)}<#if f.remediation??>
  - 対応: ${md(f.remediation)}</#if>
</#list>
</#list>
</#if>
<#if g.counts.manual gt 0>

### 確認が必要な事項(${g.counts.manual} 件)
<#list g.volumes as v><#assign questions = v.requirements?filter(r -> r.question??)>
<#if questions?has_content>

**${md(v.title)}**

<#list questions as r>
- ${md(r.question)}(${md(r.number)})
</#list>
</#if>
</#list>
</#if>
</#if>
