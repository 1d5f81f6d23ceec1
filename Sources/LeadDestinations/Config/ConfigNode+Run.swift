import LeadModel

extension ConfigNode {
    /// `run: {logicApp: {…}}` or `run: {powerAutomate: {…}}`, exactly the keys issue 19 names,
    /// and `runTimeout` beside them (how long a run is followed; a minute unless set).
    func flowRun() throws(LeadCheckError) -> FlowRunSettings {
        var kinds = try mapping(allowed: ["logicApp", "powerAutomate", "runTimeout"])
        let timeout = try kinds.removeValue(forKey: "runTimeout")?.milliseconds() ?? 60_000
        guard kinds.count == 1, let (kind, node) = kinds.first else {
            throw error("run needs exactly one of 'logicApp' or 'powerAutomate'")
        }
        let common = ["tenantId", "clientId", "clientSecret", "tokenUrl"]
        let fields = try node.mapping(
            allowed: kind == "logicApp"
                ? common + ["subscriptionId", "resourceGroup", "workflow", "managementUrl"] : common + ["instanceUrl"])
        func required(_ key: String) throws(LeadCheckError) -> ConfigNode {
            guard let field = fields[key] else { throw node.error("run.\(kind) needs '\(key)'") }
            return field
        }
        let service: FlowRunSettings.Service
        if kind == "logicApp" {
            var management = try fields["managementUrl"]?.url() ?? "https://management.azure.com"
            if management.hasSuffix("/") { management.removeLast() }
            service = .logicApp(
                subscriptionID: try required("subscriptionId").string(),
                resourceGroup: try required("resourceGroup").string(),
                workflow: try required("workflow").string(), managementURL: management)
        } else {
            var instance = try required("instanceUrl").url()
            if instance.hasSuffix("/") { instance.removeLast() }
            service = .powerAutomate(instanceURL: instance)
        }
        return FlowRunSettings(
            service: service, tenantID: try required("tenantId").string(), clientID: try required("clientId").string(),
            clientSecret: try required("clientSecret").secret(), tokenURL: try fields["tokenUrl"]?.url(),
            timeoutMilliseconds: timeout)
    }
}
