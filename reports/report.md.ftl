<#include "labels.ftl">
<#-- The short report in Markdown, as report.html.ftlh. -->
<#include "markdown.ftl">
# サイバーセキュリティ対策 報告書: ${md(a.facility.name)}

| | |
|---|---|
| 評価日 | ${wareki(a.assessedOn)}(${fiscalYear(a.assessedOn)}) |
| 適用したチェックリスト | ${a.checklist.edition} ${a.checklist.form}(期限: ${wareki(a.checklist.deadline)})。${selectionReason(a)} |
<#if a.guideline??>| 適用したガイドライン | ${md(a.guideline.title)} ${a.guideline.edition}。${guidelineReason(a)} |
</#if>

**${s.headline}**
<#if links["detail.md"]??>

全項目の判定と根拠、ガイドラインの要件、事業者との契約の条項は[詳しい報告書](${links["detail.md"]})にあります。
</#if>

## すること(${s.toDoCount} 件)

<#if s.toDo?has_content>
できていない対策です。重要なもの、期限の近いものから並べています。

| 順 | 重要度 | すること | 期限 |
|---|---|---|---|
<#list s.toDo as t>
| ${t?counter} | ${severityLabel[t.severity!""]!"—"} | ${md(t.what)}<#if t.why??><br>現状: ${md(t.why)}</#if> | <#if t.due??>${wareki(t.due)}<#if t.overdue>(期限超過)</#if><#else>—</#if> |
</#list>
<#else>
できていない対策は見つかりませんでした。
</#if>

## 確かめること(${s.toCheckCount} 件)

<#if s.toCheck?has_content>
回答がないため判定できなかった事項です(「いいえ」とは扱っていません)。確かめて回答してください(確かめ方は詳しい報告書にあります)。重要なものから並べています。

| 重要度 | 確かめること | 対象 |
|---|---|---|
<#list s.toCheck as q>
| ${severityLabel[q.severity!""]!"—"} | ${md(q.topic)} | ${md(q.subjects?join("、"))} |
</#list>
<#else>
回答のない事項はありません。
</#if>

この報告書は kensa が施設ファイル「${md(a.facility.file!"")}」の回答から作成しました。判定は回答に基づくもので、回答のない事項は適合とも不適合ともしていません。
