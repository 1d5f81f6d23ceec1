/// Exact comparison by Unicode scalars: Swift's `==` on String treats canonically equivalent
/// text as equal (é == e + U+0301), which would hide exactly the normalisation bugs the
/// `unicode` variant exists to find.
func sameScalars(_ a: String?, _ b: String?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case (let a?, let b?): Array(a.unicodeScalars) == Array(b.unicodeScalars)
    default: false
    }
}
