extension LocaleTable {
    /// en-US. Companies are Microsoft's own fictitious ones.
    static let enUS = LocaleTable(
        nameOrder: .givenFirst,
        givenNames: [
            "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
            "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
            "Sarah", "Christopher", "Karen",
        ],
        familyNames: [
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
            "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
            "Moore", "Jackson", "Martin",
        ],
        companies: [
            "Contoso Ltd.", "Fabrikam, Inc.", "Northwind Traders", "Adventure Works Cycles", "Tailspin Toys",
            "Wide World Importers", "Litware, Inc.", "Proseware, Inc.", "Woodgrove Bank", "Alpine Ski House",
        ],
        titles: [
            "CTO", "VP of Engineering", "IT Director", "Cloud Architect", "Software Engineer",
            "Procurement Manager", "CIO", "Head of Data", "DevOps Lead", "Solutions Architect",
        ],
        phonePattern: "+1 425-555-01##",
        country: "US",
        countryName: "United States of America",
        unicodeGivenNames: ["Zoë", "Chloé", "Renée", "José", "Noël", "Siân"],
        unicodeFamilyNames: ["O\u{2019}Connor", "Nuñez", "Brontë", "Dvořák", "Ångström"],
        unicodeCompanies: ["Café Olé Ltd.", "Ünïcode Labs LLC", "Naïve Résumé Co."],
        interestSentence: "Interested in {offer}; please follow up.",
        paddingText: "Northwind Contoso Fabrikam Litware Proseware Woodgrove Tailspin Alpine "
    )
}
