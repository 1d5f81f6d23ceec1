extension LocaleTable {
    /// fr-FR.
    static let frFR = LocaleTable(
        nameOrder: .givenFirst,
        givenNames: [
            "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Théo", "Camille", "Louis", "Inès", "Gabriel",
            "Zoé", "Raphaël",
        ],
        familyNames: [
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
            "Moreau", "Lefèvre", "Girard",
        ],
        companies: ["Contoso SARL", "Fabrikam SA", "Les Éditions du Nord", "Logiciels Boréal SAS", "Proseware France"],
        titles: [
            "Directeur technique", "Responsable informatique", "Ingénieure logiciel", "Architecte cloud",
            "Acheteur", "Directrice générale",
        ],
        phonePattern: "+33 1 ## ## ## ##",
        country: "FR",
        countryName: "République française",
        unicodeGivenNames: ["Françoise", "Hélène", "Anaïs", "Noël", "Gaëlle"],
        unicodeFamilyNames: ["Lefèvre-Dupré", "D\u{2019}Artagnan", "Œuvray", "Çelik", "Bénédicte-Lœwy"],
        unicodeCompanies: ["L\u{2019}Œil Éclairé SARL", "Crème Brûlée & Cie", "Société Générale d\u{2019}Études"],
        interestSentence: "Intéressé par {offer} ; merci de me recontacter.",
        paddingText: "Établissement français de développement logiciel à Paris "
    )
}
