// The bench's process environment, set before any hub module is loaded: test mode, quiet services
// (LOG_LEVEL may still be raised to debug a run) and no Apollo telemetry.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.APOLLO_TELEMETRY_DISABLED = '1';
