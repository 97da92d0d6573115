// Placeholder until the Syncro fake lands (see issue 2).
