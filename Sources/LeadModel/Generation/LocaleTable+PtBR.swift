extension LocaleTable {
    /// pt-BR.
    static let ptBR = LocaleTable(
        nameOrder: .givenFirst,
        givenNames: [
            "João", "Maria", "Pedro", "Ana", "Lucas", "Júlia", "Gabriel", "Beatriz", "Rafael", "Larissa",
            "Matheus", "Camila",
        ],
        familyNames: [
            "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima",
            "Gomes", "Costa", "Ribeiro",
        ],
        companies: [
            "Contoso Ltda.", "Fabrikam S.A.", "Ventos do Norte Comércio Ltda.", "Soluções Araucária Ltda.",
            "Woodgrove Banco S.A.",
        ],
        titles: [
            "Diretor de TI", "Gerente de Compras", "Engenheira de Software", "Arquiteto de Nuvem", "CEO",
            "Analista de Sistemas",
        ],
        phonePattern: "+55 11 9####-####",
        country: "BR",
        countryName: "República Federativa do Brasil",
        unicodeGivenNames: ["João", "Antônio", "Conceição", "Ângela", "Inês"],
        unicodeFamilyNames: ["Gonçalves", "Conceição", "Magalhães", "Assunção", "Brandão"],
        unicodeCompanies: ["Comércio Ação & Cia. Ltda.", "Pão de Açúcar Soluções", "Informática Ímpar Ltda."],
        interestSentence: "Tenho interesse em {offer}; por favor, entrem em contato.",
        paddingText: "Soluções em computação em nuvem para São Paulo "
    )
}
