extension Int64 {
    /// Division rounding toward negative infinity, so instants before 1970 land on the right day.
    public func floorDiv(_ divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
