<#-- Markdown has no auto-escaping: table cells escape | and line breaks, text escapes markup characters
     (brackets and backquotes too, so a name like [x](javascript:…) stays text, never a link). -->
<#function md text><#return text?replace("\\", "\\\\")?replace("|", "\\|")?replace("*", "\\*")?replace("_", "\\_")?replace("[", "\\[")?replace("]", "\\]")?replace("`", "\\`")?replace("<", "&lt;")?replace("\n", " ")></#function>
