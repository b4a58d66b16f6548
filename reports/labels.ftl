<#-- Words for the codes in the assessment JSON, shared by every report. -->
<#assign statusLabel = {"met": "適合", "not_met": "不適合", "unanswered": "未回答", "recommended": "推奨", "not_applicable": "該当なし"}>
<#assign gateLabel = {"met": "はい", "not_met": "いいえ", "unanswered": "未回答", "recommended": "推奨", "not_applicable": "該当なし"}>
<#-- What the filled form shows for a verdict: はい/いいえ, nothing when unanswered. -->
<#assign formAnswer = {"met": "はい", "not_met": "いいえ", "unanswered": "", "recommended": "推奨", "not_applicable": "該当なし"}>
<#assign changeLabel = {"new": "新規", "changed": "変更"}>
<#-- Why an edition was applied, in a few words (batch summary); the reports give the full sentence. -->
<#assign checklistReasonLabel = {"fiscal_year": "評価日の年度の版", "latest_available": "その年度の版が未収録のため、収録済みで最新の版",
    "items_not_loaded": "その年度の版の項目が未収録のため、項目のある最新の版", "earliest_available": "最初の版より前の日付のため、最初の版",
    "requested": "指定された版"}>
<#assign guidelineReasonLabel = {"in_force": "評価日に有効な版", "earliest_available": "最初の版より前の日付のため、最初の版", "requested": "指定された版"}>
<#assign severityLabel = {"critical": "緊急", "high": "高", "medium": "中", "low": "低"}>
<#assign facilityTypeLabel = {"hospital": "病院", "clinic": "診療所", "dental_clinic": "歯科診療所", "pharmacy": "薬局"}>
<#assign noFindings = "判定に必要な回答がありません。質問票のこの項目の質問に回答してください。">
<#function cellName cell><#return cell.item + (cell.scopeLabel???then(" " + cell.scopeLabel, ""))></#function>
<#-- Why this edition was applied, in one sentence. -->
<#function selectionReason a c=a.checklist>
  <#switch c.selectedBy>
    <#case "fiscal_year"><#return "評価日(" + wareki(a.assessedOn) + ")が" + fiscalYear(a.assessedOn) + "のため、" + c.edition + "を適用しました。">
    <#case "latest_available"><#return "評価日(" + wareki(a.assessedOn) + ")は" + fiscalYear(a.assessedOn) + "ですが、この年度の版はまだ kensa に収録されていないため、収録済みで最新の" + c.edition + "を適用しました。">
    <#case "items_not_loaded"><#return fiscalYear(a.assessedOn) + "は" + c.inForce.edition + "(" + c.inForce.form + "、" + wareki(c.inForce.issued) + "公表)の年度ですが、その項目の文言はまだ kensa に収録されていないため、" + c.edition + "の" + c.form + "の項目で評価しました。">
    <#case "earliest_available"><#return "評価日(" + wareki(a.assessedOn) + ")は収録済みの最初の版より前のため、" + c.edition + "を適用しました。">
    <#default><#return "指定により" + c.edition + "を適用しました。">
  </#switch>
</#function>
<#-- Why this guideline edition was applied, in one sentence. -->
<#function guidelineReason a>
  <#local g = a.guideline>
  <#switch g.selectedBy>
    <#case "in_force"><#return "評価日(" + wareki(a.assessedOn) + ")に有効な" + g.edition + "(" + wareki(g.published) + "公表)を適用しました。">
    <#case "earliest_available"><#return "評価日(" + wareki(a.assessedOn) + ")は収録済みの最初の版より前のため、" + g.edition + "を適用しました。">
    <#default><#return "指定により" + g.edition + "を適用しました。">
  </#switch>
</#function>
<#-- One sentence on a conditional volume: whether it applies to this facility, or is deemed complied with, and why. -->
<#function conditionNote v>
  <#if !v.condition??><#return ""></#if>
  <#local c = v.condition>
  <#local why = c.evidence?join("、")>
  <#local unknown = c.status == "unanswered">
  <#if c.kind == "applies_when">
    <#return c.holds?then("この施設はこの編の対象です(" + why + ")。",
        unknown?then("この施設がこの編の対象かどうかは未回答のため、この編では判定していません(" + why + ")。",
            "この施設はこの編の対象ではありません(" + why + ")。"))>
  </#if>
  <#if !c.holds && c.status == "met">
    <#return "この施設は" + c.through + "の対象ですが、" + c.through + "に不適合・未回答の要件が " + c.throughOpen + " 件あるため、"
        + "この編の遵守事項を守っているとはみなされず(みなし遵守は" + c.through + "を守っている施設だけです)、一つずつ判定しています(" + why + ")。">
  </#if>
  <#return c.holds?then("この施設は" + c.through + "を守っているため、この編の遵守事項を守っているとみなされます(みなし遵守。" + why + ")。一つずつは判定していません。",
      "この編は、" + c.through + "の対象となる施設ではみなし遵守となりますが、この施設は" + unknown?then("対象かどうかが未回答の", "対象ではない")
      + "ため、一つずつ判定しています(" + why + ")。")>
</#function>
<#-- A guideline volume's requirements that need action: 不適合, then 未回答. -->
<#function openRequirements volume>
  <#local automated = volume.requirements?filter(r -> r.status??)>
  <#return automated?filter(r -> r.status == "not_met") + automated?filter(r -> r.status == "unanswered")>
</#function>
<#-- A volume's requirements the source only recommends (「有効」「望ましい」) and that are not done: 推奨, apart from the gaps. -->
<#function recommendedRequirements volume>
  <#return volume.requirements?filter(r -> (r.status!"") == "recommended")>
</#function>
<#-- Every gap (不適合, then 未回答, each in checklist order) of one form's sections. -->
<#function gaps sections>
  <#local found = []>
  <#list sections as s><#list s.items as i><#list i.cells as c>
    <#if c.status == "not_met" || c.status == "unanswered"><#local found += [{"cell": c, "text": i.text, "item": i}]></#if>
  </#list></#list></#list>
  <#return found?filter(g -> g.cell.status == "not_met") + found?filter(g -> g.cell.status == "unanswered")>
</#function>
<#-- Cells whose declared answer says the opposite of the facts. -->
<#function contradictions sections>
  <#local found = []>
  <#list sections as s><#list s.items as i><#list i.cells as c>
    <#if c.contradiction!false><#local found += [{"cell": c, "text": i.text, "item": i}]></#if>
  </#list></#list></#list>
  <#return found>
</#function>
<#-- A cell's, requirement's or action's findings are ids: their place in the assessment's findings list. -->
<#function found ids><#return ids?map(i -> a.findings[i])></#function>
<#-- The findings that explain a gap or a contradiction: the failing ones. -->
<#function failing cell><#return found(cell.findings)?filter(f -> f.status == "not_met" || f.status == "unanswered")></#function>
