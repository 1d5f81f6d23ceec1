extension LocaleTable {
    /// de-DE.
    static let deDE = LocaleTable(
        nameOrder: .givenFirst,
        givenNames: [
            "Lukas", "Anna", "Jonas", "Lea", "Maximilian", "Hannah", "Felix", "Sophie", "Paul", "Marie",
            "Leon", "Emma",
        ],
        familyNames: [
            "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
            "Hoffmann", "Schäfer", "Koch",
        ],
        companies: [
            "Contoso GmbH", "Fabrikam AG", "Nordwind Handels GmbH & Co. KG", "Alpenblick Software GmbH",
            "Litware Deutschland GmbH",
        ],
        titles: [
            "Geschäftsführer", "IT-Leiterin", "Softwareentwickler", "Cloud-Architekt", "Einkaufsleiter",
            "Leiterin Vertrieb",
        ],
        phonePattern: "+49 30 ########",
        country: "DE",
        countryName: "Bundesrepublik Deutschland",
        unicodeGivenNames: ["Jürgen", "Björn", "Ömer", "Zoë", "Käthe"],
        unicodeFamilyNames: ["Groß", "Weiß-Öztürk", "Dürrenmatt", "Kößler", "Straßburger"],
        unicodeCompanies: ["Müller & Söhne GmbH", "Bäckerei Größenwahn e. K.", "Fähre Über Öl AG"],
        interestSentence: "Interesse an {offer}; bitte um Rückruf.",
        paddingText: "Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung "
    )
}
