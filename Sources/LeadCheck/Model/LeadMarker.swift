/// The test marker every synthetic lead carries in its Description and email local part.
public enum LeadMarker {
    /// What every marker starts with. Cleanup by prefix refuses anything shorter than this.
    public static let prefix = "LCTEST_"
}
