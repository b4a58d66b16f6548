package kensa.xml;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns XML parser and schema messages into what is wrong and how to fix it, in plain Japanese. */
final class XmlProblems {
    static final String GENERIC_FIX =
            "checklists/examples/ の例と見比べ、タグの閉じ忘れや書き間違いがないか確認してください。";

    /**
     * Parser message fragment → the fix; the first match wins, so specific fragments come first.
     * Schema messages keep their cvc- key in every locale; well-formedness messages are matched in Japanese and English.
     */
    private static final Map<String, String> FIXES = new LinkedHashMap<>();
    static {
        FIXES.put("DOCTYPE", "安全のため DOCTYPE 宣言と外部実体(<!ENTITY …>)は使えません。<!DOCTYPE … の行を削除してください。");
        FIXES.put("cvc-elt.1", "ルート要素の名前と名前空間(xmlns=\"urn:kensa:…\")を checklists/examples/ の例と見比べてください。");
        FIXES.put("cvc-enumeration-valid", "使える値のどれかを、そのとおりに書いてください(大文字・小文字も区別されます)。");
        FIXES.put("'date'", "日付は 2025-03-31 のように西暦の YYYY-MM-DD で書いてください(和暦や / 区切りは使えません)。");
        FIXES.put("'boolean'", "はい/いいえ は true / false で書いてください。わからない場合はその属性・要素ごと省くと「未回答」になります。");
        FIXES.put("'int'", "半角の整数で書いてください(例: 19)。");
        FIXES.put("cvc-minInclusive-valid", "0 以上の数を書いてください。");
        FIXES.put("cvc-minLength-valid", "空にせず値を書くか、わからなければその項目ごと省いてください。");
        FIXES.put("cvc-pattern-valid", "空白だけでなく、値を書いてください。");
        FIXES.put("cvc-complex-type.4", "メッセージにある必須の属性を書き加えてください。");
        FIXES.put("cvc-complex-type.3.2.2", "その属性はこの要素には書けません。綴りを確認するか削除してください。");
        FIXES.put("cvc-complex-type.2.4", "要素の名前の綴りと並び順を checklists/schema/ のXSDと見比べてください。要素は決まった順に書きます。");
        FIXES.put("cvc-complex-type.2.3", "この要素には文字を書けません。属性として書いてください。");
        FIXES.put("cvc-", "checklists/schema/ のXSDにある書き方と見比べてください。");
        FIXES.put("途中でファイルの末尾", "ファイルが途中で切れています。最後まで保存されているか確認してください。");
        FIXES.put("Premature end of file", "ファイルが途中で切れています。最後まで保存されているか確認してください。");
        FIXES.put("で終了する必要があります", "開始タグに対応する終了タグ(</…>)を書いてください。");
        FIXES.put("must be terminated by the matching end-tag", "開始タグに対応する終了タグ(</…>)を書いてください。");
        FIXES.put("プロローグ", "ファイルの先頭は <?xml … ?> か最初の要素で始めてください(前に余計な文字があります)。");
        FIXES.put("Content is not allowed in prolog", "ファイルの先頭は <?xml … ?> か最初の要素で始めてください(前に余計な文字があります)。");
    }

    /** A value of a type the schema names: what the value is said to be, in plain words. */
    private static final java.util.regex.Pattern BAD_VALUE =
            java.util.regex.Pattern.compile("cvc-datatype-valid\\.1\\.2\\.1: '([^']*)'.*'(date|boolean|int|integer|nonNegativeInteger)'");
    private static final Map<String, String> SAID = Map.of("date", "日付として正しくありません(存在しない日か、YYYY-MM-DD の形でない)",
            "boolean", "はい/いいえの値ではありません(true か false)", "int", "整数ではありません",
            "integer", "整数ではありません", "nonNegativeInteger", "0 以上の整数ではありません");

    /** A value outside an enumeration: the value, then the allowed ones (in every locale, the two quoted parts). */
    private static final java.util.regex.Pattern NOT_A_CHOICE =
            java.util.regex.Pattern.compile("cvc-enumeration-valid[^']*'([^']*)'[^']*'\\[([^\\]]*)\\]'");

    static String problem(String parserMessage) {
        return problem(parserMessage, null);
    }

    /** @param field the field the value was written in, in words (「確認日(assessmentDate)」), or null when not known */
    static String problem(String parserMessage, String field) {
        if (parserMessage == null) return "XMLとして読めません。";
        if (parserMessage.contains("DOCTYPE")) return "DOCTYPE 宣言があります。";
        java.util.regex.Matcher bad = BAD_VALUE.matcher(parserMessage);
        String where = field == null ? "" : field + "の";
        // The parser's own words stay as detail for whoever needs them.
        if (bad.find()) return where + "「" + bad.group(1) + "」は" + SAID.get(bad.group(2)) + "。(詳細: " + parserMessage + ")";
        java.util.regex.Matcher choice = NOT_A_CHOICE.matcher(parserMessage);
        if (choice.find()) {
            return where + "「" + choice.group(1) + "」は使える値(" + choice.group(2).replace(", ", "、") + ")のどれでもありません。(詳細: "
                    + parserMessage + ")";
        }
        if (field != null) return field + "の値が定義(XSD)に合いません。(詳細: " + parserMessage + ")";
        return (parserMessage.startsWith("cvc-") ? "書式が定義(XSD)に合いません: " : "XMLの書き方に誤りがあります: ")
                + parserMessage;
    }

    static String fix(String parserMessage) {
        if (parserMessage != null) {
            for (Map.Entry<String, String> entry : FIXES.entrySet()) {
                if (parserMessage.contains(entry.getKey())) return entry.getValue();
            }
        }
        return GENERIC_FIX;
    }

    private XmlProblems() {}
}
