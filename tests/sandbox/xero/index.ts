// Placeholder until the Xero fake lands (see issue 2).
