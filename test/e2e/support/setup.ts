// Deploys wait for health checks: minutes, not jest's default 5 s.
jest.setTimeout(15 * 60 * 1000);
