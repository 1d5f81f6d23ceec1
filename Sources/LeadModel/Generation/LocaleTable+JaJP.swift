extension LocaleTable {
    /// ja-JP. Family name first; the unicode pool holds the characters that break real systems:
    /// 𠮷 (U+20BB7, outside the BMP: two UTF-16 units), 髙 (U+9AD9), half-width katakana and
    /// enclosed ideographs that NFKC rewrites.
    static let jaJP = LocaleTable(
        nameOrder: .familyFirst,
        givenNames: ["太郎", "花子", "翔太", "陽菜", "蓮", "結衣", "大輔", "美咲", "健太", "さくら", "拓也", "愛"],
        familyNames: ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田"],
        companies: [
            "株式会社コントソ", "フェブリカム株式会社", "ノースウィンド商事株式会社", "合同会社アドベンチャーワークス",
            "ワイドワールド輸入株式会社",
        ],
        titles: ["代表取締役", "情報システム部長", "技術部 課長", "クラウドアーキテクト", "ソフトウェアエンジニア", "購買担当"],
        phonePattern: "03-####-####",
        country: "JP",
        countryName: "日本国",
        unicodeGivenNames: ["ﾀﾛｳ", "彌生", "凜", "𠮷子", "琢磨"],
        unicodeFamilyNames: ["𠮷野", "髙橋", "齋藤", "渡邊", "ｻﾄｳ"],
        unicodeCompanies: ["㈱コントソ", "株式会社①②③", "ﾌｪﾌﾞﾘｶﾑ株式会社"],
        interestSentence: "{offer} について詳しい説明を希望します。",
        paddingText: "東京都千代田区丸の内一丁目コントソ株式会社営業本部"
    )
}
