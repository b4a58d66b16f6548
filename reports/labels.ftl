<#-- Words for the codes in the assessment JSON, shared by every report. -->
<#assign statusLabel = {"met": "適合", "not_met": "不適合", "unanswered": "未回答", "not_applicable": "該当なし"}>
<#assign gateLabel = {"met": "はい", "not_met": "いいえ", "unanswered": "未回答", "not_applicable": "該当なし"}>
<#assign facilityTypeLabel = {"hospital": "病院", "clinic": "診療所", "dental_clinic": "歯科診療所", "pharmacy": "薬局"}>
<#assign noFindings = "判定に必要な回答がありません。質問票のこの項目の質問に回答してください。">
<#function cellName cell><#return cell.item + (cell.scopeLabel???then(" " + cell.scopeLabel, ""))></#function>
<#function gaps a>
  <#local found = []>
  <#list a.sections as s><#list s.items as i><#list i.cells as c>
    <#if c.status == "not_met" || c.status == "unanswered"><#local found += [{"cell": c, "text": i.text}]></#if>
  </#list></#list></#list>
  <#-- 不適合 before 未回答, each in checklist order -->
  <#return found?filter(g -> g.cell.status == "not_met") + found?filter(g -> g.cell.status == "unanswered")>
</#function>
