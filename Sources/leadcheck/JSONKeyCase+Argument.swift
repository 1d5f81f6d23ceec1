import ArgumentParser
import LeadCheck

/// `--https-case camel|pascal`.
extension JSONKeyCase: ExpressibleByArgument {}
