/// The release this build is: the one place the version is written. `leadcheck --version`
/// prints it, `scripts/package` names the archive after it, and the release workflow refuses a
/// tag that does not match it.
enum LeadCheckVersion {
    static let current = "0.2.0"
}
