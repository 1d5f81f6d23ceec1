import LeadTransport

#if canImport(Glibc)
    import Glibc
#endif

/// Writes to the terminal's standard error.
enum Terminal {
    /// Prints `leadcheck: error: …` on stderr.
    ///
    /// Masks secret-shaped text once more here, because this is the last stop of every error
    /// (including ones thrown by libraries, which never passed through our own redaction).
    static func printError(_ message: String) {
        let text = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
        printStderr("leadcheck: error: \(Redactor.redactPatternsOnly(text))")
    }

    /// Prints a line on stdout immediately (unbuffered, for banners other programs wait for).
    static func printStdout(_ line: String) { writeLine(line, to: STDOUT_FILENO) }

    /// Prints a line on stderr.
    static func printStderr(_ line: String) { writeLine(line, to: STDERR_FILENO) }

    /// Writes text on stderr as is, without a newline (progress redraws).
    static func printStderrRaw(_ text: String) { write(text, to: STDERR_FILENO) }

    private static func writeLine(_ line: String, to fd: Int32) {
        write(line.hasSuffix("\n") ? line : line + "\n", to: fd)
    }

    private static func write(_ text: String, to fd: Int32) {
        var out = text
        // write(2) rather than fputs(stderr): the C global is shared mutable state to Swift 6.
        out.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
