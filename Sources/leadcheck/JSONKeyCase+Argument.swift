import ArgumentParser
import LeadModel
import LeadWire

/// `--https-case camel|pascal`.
extension JSONKeyCase: ExpressibleByArgument {}
