import ArgumentParser
import LeadModel

/// `--https-case camel|pascal`.
extension JSONKeyCase: ExpressibleByArgument {}
