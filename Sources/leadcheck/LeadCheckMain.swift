import ArgumentParser
import LeadModel

#if canImport(Glibc)
    import Glibc
#endif

/// Entry point. ArgumentParser's own exit codes (64 for usage) are mapped onto leadcheck's
/// documented ones (README, "Exit codes"): 1 usage, 2 input, 3 runtime, 4 verification failed.
@main
struct LeadCheckMain {
    static func main() async {
        // A closed pipe (`leadcheck generate | head`) must end the command quietly, not kill it.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try LeadCheckCommand.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(ExitStatus.passed.rawValue)
        } catch let error as LeadCheckError {
            if error.isOutputClosed { exit(ExitStatus.passed.rawValue) }
            Terminal.printError("\(error.message) [\(error.code)]")
            exit(error.exitStatus.rawValue)
        } catch let exitCode as ExitCode {
            exit(exitCode.rawValue)
        } catch {
            let code = LeadCheckCommand.exitCode(for: error)
            let message = LeadCheckCommand.fullMessage(for: error)
            if code == .success {
                print(message)
                exit(ExitStatus.passed.rawValue)
            }
            Terminal.printError(message)
            exit(ExitStatus.usage.rawValue)
        }
    }
}
