import ArgumentParser

/// `--flow-reads` / `--flow-required`: whether the sandbox's flow matches keys by case.
enum KeyMatching: String, ExpressibleByArgument, CaseIterable {
    case caseSensitive = "case-sensitive"
    case caseInsensitive = "case-insensitive"
}
