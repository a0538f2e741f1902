// Quiet services and no Apollo telemetry during tests.
process.env.NODE_ENV ??= 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.APOLLO_TELEMETRY_DISABLED = '1';
