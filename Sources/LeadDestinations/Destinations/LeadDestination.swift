/// One configured destination with every capability, as verification drives it: check it can
/// be reached, deliver a lead exactly as Microsoft's connector does, read back what it stored,
/// remove it. Callers that need less ask for the capability alone (``LeadRemoving`` for
/// cleanup, ``StoredEmailLookup`` for reconcile).
///
/// Every method reports problems as findings rather than throwing: a run collects them all.
public protocol LeadDestination: LeadDelivering, LeadPreflighting, LeadReadingBack, LeadRemoving, StoredEmailLookup {}
